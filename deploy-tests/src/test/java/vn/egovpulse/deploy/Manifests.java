package vn.egovpulse.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.databind.MappingIterator;
import io.fabric8.zjsonpatch.JsonPatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What `kustomize build` would give for deploy/kubernetes (kustomize is not installed here): the
 * base's resources and generated ConfigMaps, the namespace set, then an overlay's images and
 * JSON 6902 patches applied (the only kustomize features the project uses; anything else in a
 * kustomization fails the tests).
 */
final class Manifests {
    static final Path ROOT = Path.of("..", "deploy", "kubernetes").toAbsolutePath().normalize();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    private Manifests() {
    }

    /** Every YAML document of a file (empty documents skipped). */
    static List<JsonNode> documents(Path file) {
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            List<JsonNode> out = new ArrayList<>();
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isMissingNode()) {
                    out.add(n);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    static JsonNode kustomization(Path dir) {
        List<JsonNode> docs = documents(dir.resolve("kustomization.yaml"));
        if (docs.size() != 1) {
            throw new IllegalStateException(dir + "/kustomization.yaml: one document expected");
        }
        return docs.get(0);
    }

    /** The base, built. */
    static List<ObjectNode> base() {
        Path dir = ROOT.resolve("base");
        JsonNode k = kustomization(dir);
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            for (JsonNode d : documents(dir.resolve(r.asText()))) {
                out.add((ObjectNode) d);
            }
        }
        for (JsonNode g : k.path("configMapGenerator")) {
            ObjectNode cm = JSON.createObjectNode();
            cm.put("apiVersion", "v1").put("kind", "ConfigMap");
            ObjectNode meta = cm.putObject("metadata");
            meta.put("name", g.path("name").asText());
            meta.set("labels", g.path("options").path("labels").deepCopy());
            ObjectNode data = cm.putObject("data");
            for (JsonNode f : g.path("files")) {
                Path p = dir.resolve(f.asText());
                try {
                    data.put(p.getFileName().toString(), Files.readString(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            out.add(cm);
        }
        String ns = k.path("namespace").asText(null);
        if (ns != null) {
            out.stream().filter(d -> !d.path("kind").asText().equals("Namespace"))
                    .forEach(d -> ((ObjectNode) d.path("metadata")).put("namespace", ns));
        }
        return out;
    }

    /** An overlay (local, prod), built on the base. */
    static List<ObjectNode> overlay(String name) {
        Path dir = ROOT.resolve("overlays").resolve(name);
        JsonNode k = kustomization(dir);
        List<ObjectNode> docs = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            if (!dir.resolve(r.asText()).normalize().equals(ROOT.resolve("base"))) {
                throw new IllegalStateException(name + ": only ../../base is supported as a resource, not " + r);
            }
            docs.addAll(base());
        }
        for (JsonNode img : k.path("images")) {
            for (ObjectNode d : docs) {
                for (JsonNode c : d.path("spec").path("template").path("spec").path("containers")) {
                    String image = c.path("image").asText();
                    String repo = image.contains(":") ? image.substring(0, image.lastIndexOf(':')) : image;
                    if (repo.equals(img.path("name").asText())) {
                        String tag = img.has("newTag") ? img.path("newTag").asText() : image.substring(image.lastIndexOf(':') + 1);
                        ((ObjectNode) c).put("image", img.path("newName").asText(repo) + ":" + tag);
                    }
                }
            }
        }
        for (JsonNode p : k.path("patches")) {
            JsonNode target = p.path("target");
            JsonNode ops;
            try {
                ops = YAML.readTree(p.path("patch").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            int matched = 0;
            for (int i = 0; i < docs.size(); i++) {
                ObjectNode d = docs.get(i);
                boolean kind = !target.has("kind") || target.path("kind").asText().equals(d.path("kind").asText());
                boolean nm = !target.has("name") || target.path("name").asText().equals(d.path("metadata").path("name").asText());
                if (kind && nm) {
                    docs.set(i, (ObjectNode) JsonPatch.apply(ops, d));
                    matched++;
                }
            }
            if (matched == 0) {
                throw new IllegalStateException(name + ": patch target matches nothing: " + target);
            }
        }
        for (String field : iterable(k.fieldNames())) {
            if (!List.of("apiVersion", "kind", "resources", "images", "patches").contains(field)) {
                throw new IllegalStateException(name + ": kustomization field not understood by the tests: " + field);
            }
        }
        return docs;
    }

    static Optional<ObjectNode> find(List<ObjectNode> docs, String kind, String name) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)
                && d.path("metadata").path("name").asText().equals(name)).findFirst();
    }

    static List<ObjectNode> ofKind(List<ObjectNode> docs, String kind) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    }

    static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
        return () -> it;
    }

    static ArrayNode array(JsonNode n) {
        return n instanceof ArrayNode a ? a : JSON.createArrayNode();
    }
}
