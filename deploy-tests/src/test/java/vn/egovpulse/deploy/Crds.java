package vn.egovpulse.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The resources that have no Java model (CloudNativePG and its Barman Cloud plugin), checked
 * against the openAPIV3Schema of their CRDs, copied unchanged into src/test/resources/crds (the
 * header of each file names the release and commit). An object schema that lists its properties
 * and neither allows additional ones nor preserves unknown fields is closed here: the API server
 * would prune an unknown field silently, so a misspelt one would be a setting quietly lost.
 * The CEL rules (x-kubernetes-validations) are not evaluated.
 */
final class Crds {
    private static final Path DIR = Path.of("src", "test", "resources", "crds");
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
            b -> b.metaSchema(OpenApi30.getInstance()).defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));

    static final Map<String, JsonSchema> SCHEMAS = Map.of(
            "postgresql.cnpg.io/v1/Cluster", schema("postgresql.cnpg.io_clusters.yaml", "v1"),
            "postgresql.cnpg.io/v1/ScheduledBackup", schema("postgresql.cnpg.io_scheduledbackups.yaml", "v1"),
            "barmancloud.cnpg.io/v1/ObjectStore", schema("barmancloud.cnpg.io_objectstores.yaml", "v1"));

    private Crds() {
    }

    /** What the CRD's schema refuses in the manifest (empty: valid), each as "$.path: message". */
    static List<String> violations(JsonNode doc) {
        JsonSchema schema = SCHEMAS.get(Models.key(doc));
        if (schema == null) {
            throw new IllegalArgumentException("no CRD schema for " + Models.key(doc));
        }
        List<String> out = new ArrayList<>();
        for (ValidationMessage m : schema.validate(doc)) {
            out.add(Models.key(doc) + " " + doc.path("metadata").path("name").asText() + " " + m.getMessage());
        }
        return out;
    }

    private static JsonSchema schema(String file, String version) {
        List<JsonNode> docs = Manifests.documents(DIR.resolve(file));
        for (JsonNode v : docs.get(0).path("spec").path("versions")) {
            if (v.path("name").asText().equals(version)) {
                JsonNode s = v.path("schema").path("openAPIV3Schema").deepCopy();
                close(s);
                return FACTORY.getSchema(s);
            }
        }
        throw new IllegalStateException(file + ": no version " + version);
    }

    /** additionalProperties: false on every object schema with properties that says nothing else. */
    private static void close(JsonNode schema) {
        if (!(schema instanceof ObjectNode o)) {
            return;
        }
        if (o.has("properties") && !o.has("additionalProperties")
                && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            o.put("additionalProperties", false);
        }
        o.path("properties").forEach(Crds::close);
        close(o.path("items"));
        close(o.path("additionalProperties"));
        for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
            o.path(combinator).forEach(Crds::close);
        }
    }
}
