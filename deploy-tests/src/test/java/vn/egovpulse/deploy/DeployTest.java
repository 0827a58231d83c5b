package vn.egovpulse.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.Topics;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.egovpulse.deploy.Manifests.find;
import static vn.egovpulse.deploy.Manifests.ofKind;

/** deploy/kubernetes: valid for the API servers and operators that read it, and what a platform review asks. */
class DeployTest {
    static final List<String> SERVICES = List.of("ingest-service", "scoring-service", "reporting-service");

    static List<ObjectNode> build(String variant) {
        return variant.equals("base") ? Manifests.base() : Manifests.overlay(variant);
    }

    static <T> T model(List<ObjectNode> docs, String kind, String name, Class<T> type) throws Exception {
        return Models.MAPPER.treeToValue(find(docs, kind, name).orElseThrow(() -> new AssertionError(kind + " " + name + " missing")), type);
    }

    @Test
    void everyFileIsPlainYamlWithoutAnchorsOrAliases() throws IOException {
        // Anchors cannot cross documents (---): the old services.yaml could not be applied at all.
        Pattern anchor = Pattern.compile("(?m)(:\\s|-\\s)[&*][A-Za-z0-9_-]+");
        try (Stream<Path> files = Files.walk(Manifests.ROOT)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                assertThat(anchor.matcher(Files.readString(f)).find()).as(f + " uses a YAML anchor or alias").isFalse();
                assertThat(Manifests.documents(f)).as(f.toString()).isNotEmpty();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "local", "prod"})
    void everyResourceBindsToItsModelWithNoUnknownField(String variant) throws Exception {
        List<ObjectNode> docs = build(variant);
        assertThat(docs).hasSizeGreaterThan(30);
        List<String> unknown = new ArrayList<>();
        for (ObjectNode d : docs) {
            String key = Models.key(d);
            assertThat(d.path("metadata").path("name").asText()).as(key + " name").isNotEmpty();
            if (!key.equals("v1/Namespace")) {
                assertThat(d.path("metadata").path("namespace").asText()).as(key + " namespace").isEqualTo("egov-pulse");
            }
            if (Crds.SCHEMAS.containsKey(key)) {
                unknown.addAll(Crds.violations(d));
                continue;
            }
            assertThat(Models.CLASSES).as("a model class or CRD schema for " + key).containsKey(key);
            unknown.addAll(Models.unknownFields(d));
        }
        assertThat(unknown).as("fields the schema does not know").isEmpty();
    }

    @Test
    void theModelCheckCatchesAMisspeltField() throws Exception {
        ObjectNode d = find(Manifests.base(), "Deployment", "scoring-service").orElseThrow();
        ((ObjectNode) d.path("spec").path("template").path("spec").path("containers").get(0)).put("livenesProbe", "x");
        assertThat(Models.unknownFields(d)).singleElement().asString().contains("livenesProbe");
        ObjectNode k = find(Manifests.base(), "Kafka", "egov").orElseThrow();
        ((ObjectNode) k.path("spec").path("kafka")).put("authorisation", "simple");
        assertThat(Models.unknownFields(k)).singleElement().asString().contains("authorisation");
    }

    @Test
    void theCrdSchemaCheckCatchesAMisspeltFieldAndAWrongType() {
        List<ObjectNode> docs = Manifests.base();
        ObjectNode cluster = find(docs, "Cluster", "egov-db").orElseThrow().deepCopy();
        ((ObjectNode) cluster.path("spec").path("postgresql")).set("paramters", cluster.path("spec").path("postgresql").path("parameters"));
        assertThat(Crds.violations(cluster)).singleElement().asString().contains("$.spec.postgresql").contains("paramters");
        ObjectNode instances = find(docs, "Cluster", "egov-db").orElseThrow().deepCopy();
        ((ObjectNode) instances.path("spec")).put("instances", "three");
        assertThat(Crds.violations(instances)).singleElement().asString().contains("$.spec.instances");
        ObjectNode store = find(docs, "ObjectStore", "egov-backups").orElseThrow().deepCopy();
        ((ObjectNode) store.path("spec").path("configuration").path("wal")).put("maxParalel", 4);
        assertThat(Crds.violations(store)).singleElement().asString().contains("maxParalel");
        ObjectNode backup = ofKind(docs, "ScheduledBackup").get(0).deepCopy();
        ((ObjectNode) backup.path("spec")).put("method", "barmanObjectStor");
        assertThat(Crds.violations(backup)).singleElement().asString().contains("$.spec.method");
    }

    @Test
    void theNamespaceEnforcesRestrictedPodSecurity() {
        JsonNode labels = find(Manifests.base(), "Namespace", "egov-pulse").orElseThrow().path("metadata").path("labels");
        assertThat(labels.path("pod-security.kubernetes.io/enforce").asText()).isEqualTo("restricted");
        assertThat(labels.path("pod-security.kubernetes.io/warn").asText()).isEqualTo("restricted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "local", "prod"})
    void everyServicePodIsProbedBoundedAndRestricted(String variant) throws Exception {
        List<ObjectNode> docs = build(variant);
        for (String service : SERVICES) {
            Deployment dep = model(docs, "Deployment", service, Deployment.class);
            var pod = dep.getSpec().getTemplate().getSpec();
            Container c = pod.getContainers().get(0);
            assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
            assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
            // A migration at start must never be killed by liveness: startup covers it.
            assertThat(c.getStartupProbe().getFailureThreshold() * c.getStartupProbe().getPeriodSeconds()).isGreaterThanOrEqualTo(120);
            assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(c.getResources().getLimits()).containsKey("memory");
            var sc = c.getSecurityContext();
            assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
            assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
            assertThat(sc.getRunAsNonRoot()).isTrue();
            assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(c.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
            assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getEmptyDir()).isNotNull());
            assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThan(25L);
            assertThat(find(docs, "PodDisruptionBudget", service)).as(service + " PDB").isPresent();
            assertThat(find(docs, "Service", service)).as(service + " Service").isPresent();
        }
        assertThat(find(docs, "HorizontalPodAutoscaler", "ingest-service")).isPresent();
        assertThat(find(docs, "HorizontalPodAutoscaler", "reporting-service")).isPresent();
        assertThat(find(docs, "HorizontalPodAutoscaler", "scoring-service")).as("scoring scales with partitions, not CPU").isEmpty();
    }

    /**
     * Every variable a pod gets is one its service reads (application.properties ${NAME}, KAFKA_* for
     * kafka.*, or a Quarkus setting); every setting whose default only suits the local stack (127.0.0.1,
     * ../.local, the local issuer) is set; user names and passwords come from Secrets.
     */
    @Test
    void environmentNamesMatchWhatEachServiceReads() throws Exception {
        List<ObjectNode> docs = Manifests.base();
        Map<String, String> configMap = new HashMap<>();
        find(docs, "ConfigMap", "egov-config").orElseThrow().path("data").fields()
                .forEachRemaining(e -> configMap.put(e.getKey(), e.getValue().asText()));
        Set<String> readByAny = new TreeSet<>();
        for (String service : SERVICES) {
            String props = Files.readString(Path.of("..", service, "src/main/resources/application.properties"));
            Map<String, String> defaults = new HashMap<>();
            Matcher m = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}").matcher(props);
            while (m.find()) {
                defaults.put(m.group(1), m.group(2));
            }
            Deployment dep = model(docs, "Deployment", service, Deployment.class);
            Container c = dep.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(c.getEnvFrom()).anySatisfy(e -> assertThat(e.getConfigMapRef().getName()).isEqualTo("egov-config"));
            Map<String, EnvVar> env = new HashMap<>();
            c.getEnv().forEach(e -> env.put(e.getName(), e));
            Set<String> given = new TreeSet<>(env.keySet());
            given.addAll(configMap.keySet());
            for (String name : env.keySet()) {
                assertThat(known(name, defaults)).as(service + " reads " + name).isTrue();
            }
            configMap.keySet().stream().filter(n -> known(n, defaults)).forEach(readByAny::add);
            defaults.forEach((name, def) -> {
                boolean localOnly = def == null || def.contains("127.0.0.1") || def.contains("localhost")
                        || def.contains(".local") || def.contains("-local");
                if (localOnly) {
                    assertThat(given).as(service + " must be given " + name + " (default " + def + ")").contains(name);
                }
                if (name.endsWith("_PASSWORD") || name.endsWith("_USER")) {
                    assertThat(env).as(service + " " + name).containsKey(name);
                    assertThat(env.get(name).getValueFrom().getSecretKeyRef()).as(service + " " + name + " from a Secret").isNotNull();
                }
            });
            assertThat(env.get("KAFKA_SASL_JAAS_CONFIG").getValueFrom().getSecretKeyRef().getName()).isEqualTo(service);
            assertThat(env.get("EGOV_JWT_ISSUER").getValueFrom().getSecretKeyRef().getName()).isEqualTo("egov-jwt");
        }
        assertThat(readByAny).as("every ConfigMap entry is read by some service").containsAll(configMap.keySet());
        assertThat(configMap).doesNotContainKeys("EGOV_DB_PASSWORD", "EGOV_DB_READER_PASSWORD", "KAFKA_SASL_JAAS_CONFIG");
        // reporting-service forwards criteria PUTs to scoring-service and reads as egov_reader.
        assertThat(configMap.get("EGOV_SCORING_URL")).isEqualTo("http://scoring-service:8082");
        Deployment reporting = model(docs, "Deployment", "reporting-service", Deployment.class);
        assertThat(reporting.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .filteredOn(e -> e.getName().equals("EGOV_DB_READER_USER")).singleElement()
                .satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("egov-db-reader"));
    }

    private static boolean known(String name, Map<String, String> defaults) {
        return defaults.containsKey(name) || name.startsWith("KAFKA_") || name.equals("JAVA_TOOL_OPTIONS")
                || name.equals("QUARKUS_SHUTDOWN_TIMEOUT") || name.equals("QUARKUS_PROFILE");
    }

    @Test
    void imagesAreTheOnesMakeImagesBuilds() throws Exception {
        for (String service : SERVICES) {
            Properties p = new Properties();
            try (var in = Files.newInputStream(Path.of("..", service, "src/main/resources/application.properties"))) {
                p.load(in);
            }
            String image = p.getProperty("quarkus.container-image.group") + "/" + p.getProperty("quarkus.application.name")
                    + ":" + p.getProperty("quarkus.container-image.tag");
            Deployment dep = model(Manifests.base(), "Deployment", service, Deployment.class);
            assertThat(dep.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(image);
            assertThat(p.getProperty("quarkus.container-image.build")).as("never built by a plain package").isEqualTo("false");
            assertThat(dep.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser())
                    .isEqualTo(Long.parseLong(p.getProperty("quarkus.jib.user")));
        }
        Deployment prod = model(Manifests.overlay("prod"), "Deployment", "ingest-service", Deployment.class);
        assertThat(prod.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).endsWith("/egov-pulse/ingest-service:1.0.0");
    }

    @Test
    void kafkaIsKraftWithScramTlsAndSimpleAuthorization() throws Exception {
        List<ObjectNode> docs = Manifests.base();
        KafkaNodePool pool = model(docs, "KafkaNodePool", "brokers", KafkaNodePool.class);
        assertThat(pool.getSpec().getReplicas()).isEqualTo(3);
        assertThat(pool.getSpec().getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(pool.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "egov");
        Kafka kafka = model(docs, "Kafka", "egov", Kafka.class);
        assertThat(kafka.getSpec().getKafka().getRack().getTopologyKey()).isEqualTo("topology.kubernetes.io/zone");
        assertThat(kafka.getSpec().getKafka().getAuthorization().getType()).isEqualTo("simple");
        List<GenericKafkaListener> listeners = kafka.getSpec().getKafka().getListeners();
        assertThat(listeners).allSatisfy(l -> {
            assertThat(l.isTls()).as(l.getName() + " TLS").isTrue();
            assertThat(l.getAuth()).as(l.getName() + " authenticated").isNotNull();
        });
        assertThat(listeners).anySatisfy(l -> assertThat(l.getAuth().getType()).isEqualTo("scram-sha-512"));
        assertThat(kafka.getSpec().getEntityOperator().getTopicOperator()).isNotNull();
        assertThat(kafka.getSpec().getEntityOperator().getUserOperator()).isNotNull();
        assertThat(kafka.getSpec().getKafka().getConfig()).containsEntry("auto.create.topics.enable", false)
                .containsEntry("min.insync.replicas", 2);
        // The services reach the SCRAM listener.
        String bootstrap = find(docs, "ConfigMap", "egov-config").orElseThrow().path("data").path("KAFKA_BOOTSTRAP_SERVERS").asText();
        int scramPort = listeners.stream().filter(l -> l.getAuth().getType().equals("scram-sha-512")).findFirst().orElseThrow().getPort();
        assertThat(bootstrap).isEqualTo("egov-kafka-bootstrap:" + scramPort);
    }

    @Test
    void everyTopicTheServicesUseIsDeclared() throws Exception {
        Map<String, KafkaTopic> topics = new HashMap<>();
        for (ObjectNode d : ofKind(Manifests.base(), "KafkaTopic")) {
            KafkaTopic t = Models.MAPPER.treeToValue(d, KafkaTopic.class);
            topics.put(t.getMetadata().getName(), t);
            assertThat(t.getSpec().getReplicas()).isEqualTo(3);
        }
        for (Field f : Topics.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && ((String) f.get(null)).startsWith("egov.")) {
                assertThat(topics).as("KafkaTopic for " + f.getName()).containsKey((String) f.get(null));
            }
        }
        assertThat(topics).containsKeys("egov.events", "egov.units", "egov.indicators", "egov.alerts", "egov.in.onestop",
                "egov.in.docs", "egov.in.vc", "egov.in.feedback", "egov.in.assessments", "egov.in.dlq");
        assertThat(topics.get("egov.events").getSpec().getPartitions()).isEqualTo(12);
        assertThat(topics.get("egov.units").getSpec().getConfig()).containsEntry("cleanup.policy", "compact");
        assertThat(topics.get("egov.alerts").getSpec().getConfig()).containsEntry("cleanup.policy", "compact");
    }

    @Test
    void scoringReplicasNeverOutnumberThePartitions() throws Exception {
        List<ObjectNode> docs = Manifests.base();
        int partitions = Models.MAPPER.treeToValue(find(docs, "KafkaTopic", "egov.events").orElseThrow(), KafkaTopic.class)
                .getSpec().getPartitions();
        String props = Files.readString(Path.of("..", "scoring-service", "src/main/resources/application.properties"));
        Matcher m = Pattern.compile("mp.messaging.incoming.events.concurrency=\\$\\{EGOV_SCORING_CONCURRENCY:(\\d+)}").matcher(props);
        assertThat(m.find()).isTrue();
        int perPod = Integer.parseInt(m.group(1));
        Deployment scoring = model(docs, "Deployment", "scoring-service", Deployment.class);
        assertThat(scoring.getSpec().getReplicas() * perPod).isLessThanOrEqualTo(partitions);
    }

    @Test
    void everyServiceAndSourceSystemHasItsOwnLeastPrivilegeUser() throws Exception {
        Map<String, KafkaUser> users = new HashMap<>();
        for (ObjectNode d : ofKind(Manifests.base(), "KafkaUser")) {
            KafkaUser u = Models.MAPPER.treeToValue(d, KafkaUser.class);
            users.put(u.getMetadata().getName(), u);
        }
        assertThat(users).containsKeys(SERVICES.toArray(String[]::new));
        for (String system : List.of("onestop", "docs", "vc", "feedback", "assessments")) {
            KafkaUser u = users.get("source-" + system);
            assertThat(u).as("user of source system " + system).isNotNull();
            assertThat(u.getSpec().getAuthentication().getType()).isEqualTo("scram-sha-512");
            List<AclRule> acls = ((KafkaUserAuthorizationSimple) u.getSpec().getAuthorization()).getAcls();
            assertThat(acls).singleElement().satisfies(a -> {
                assertThat(((AclRuleTopicResource) a.getResource()).getName()).isEqualTo("egov.in." + system);
                assertThat(a.getOperations()).containsExactlyInAnyOrder(AclOperation.WRITE, AclOperation.DESCRIBE);
            });
        }
        // Nobody but ingest-service writes egov.events; no service writes a source system's topic.
        users.forEach((name, u) -> {
            if (!(u.getSpec().getAuthorization() instanceof KafkaUserAuthorizationSimple simple)) {
                return;
            }
            for (AclRule a : simple.getAcls()) {
                if (a.getResource() instanceof AclRuleTopicResource t && a.getOperations().contains(AclOperation.WRITE)) {
                    if (t.getName().equals("egov.events")) {
                        assertThat(name).isEqualTo("ingest-service");
                    }
                    if (t.getName().startsWith("egov.in.") && !t.getName().equals("egov.in.dlq")) {
                        assertThat(name).isEqualTo("source-" + t.getName().substring("egov.in.".length()));
                    }
                }
                assertThat(a.getOperations()).as(name + " never ALL").doesNotContain(AclOperation.ALL);
            }
        });
    }

    @Test
    void postgresIsSynchronousBackedUpAndHasTheReadOnlyRole() {
        List<ObjectNode> docs = Manifests.base();
        JsonNode cluster = find(docs, "Cluster", "egov-db").orElseThrow();
        assertThat(cluster.path("apiVersion").asText()).isEqualTo("postgresql.cnpg.io/v1");
        JsonNode spec = cluster.path("spec");
        assertThat(spec.path("instances").asInt()).isEqualTo(3);
        assertThat(spec.path("postgresql").path("synchronous").path("method").asText()).isEqualTo("any");
        assertThat(spec.path("postgresql").path("synchronous").path("number").asInt()).isEqualTo(1);
        assertThat(spec.path("resources").path("requests").has("memory")).isTrue();
        assertThat(spec.path("resources").path("limits").has("memory")).isTrue();
        JsonNode reader = null;
        for (JsonNode r : spec.path("managed").path("roles")) {
            if (r.path("name").asText().equals("egov_reader")) {
                reader = r;
            }
        }
        assertThat(reader).as("managed role egov_reader").isNotNull();
        assertThat(reader.path("login").asBoolean()).isTrue();
        assertThat(reader.path("superuser").asBoolean(true)).isFalse();
        assertThat(reader.path("passwordSecret").path("name").asText()).isEqualTo("egov-db-reader");
        // Backups: the Barman Cloud plugin (the in-tree barmanObjectStore is deprecated).
        assertThat(spec.has("backup")).isFalse();
        JsonNode plugin = spec.path("plugins").get(0);
        assertThat(plugin.path("name").asText()).isEqualTo("barman-cloud.cloudnative-pg.io");
        assertThat(plugin.path("isWALArchiver").asBoolean()).isTrue();
        String store = plugin.path("parameters").path("barmanObjectName").asText();
        JsonNode objectStore = find(docs, "ObjectStore", store).orElseThrow();
        assertThat(objectStore.path("spec").path("configuration").path("destinationPath").asText()).startsWith("s3://");
        JsonNode scheduled = ofKind(docs, "ScheduledBackup").get(0).path("spec");
        assertThat(scheduled.path("method").asText()).isEqualTo("plugin");
        assertThat(scheduled.path("pluginConfiguration").path("name").asText()).isEqualTo("barman-cloud.cloudnative-pg.io");
        assertThat(scheduled.path("cluster").path("name").asText()).isEqualTo("egov-db");
        assertThat(scheduled.path("schedule").asText().split(" ")).as("six fields, seconds first").hasSize(6);
        assertThat(ofKind(docs, "PodMonitor")).anySatisfy(p ->
                assertThat(p.path("spec").path("selector").path("matchLabels").path("cnpg.io/cluster").asText()).isEqualTo("egov-db"));
    }

    @Test
    void thePublicApiIsServedOverTlsAndMonitored() {
        List<ObjectNode> docs = Manifests.base();
        JsonNode ingress = find(docs, "Ingress", "egov-pulse").orElseThrow().path("spec");
        assertThat(ingress.path("tls").get(0).path("secretName").asText()).isNotEmpty();
        assertThat(ingress.path("rules").get(0).path("http").path("paths").toString()).contains("reporting-service");
        assertThat(ingress.toString()).doesNotContain("scoring-service");
        assertThat(ofKind(docs, "NetworkPolicy")).isNotEmpty();
        assertThat(ofKind(docs, "ServiceMonitor")).anySatisfy(s ->
                assertThat(s.path("spec").path("endpoints").get(0).path("path").asText()).isEqualTo("/q/metrics"));
        assertThat(find(docs, "ConfigMap", "egov-pulse-dashboard").orElseThrow().path("data").path("grafana-dashboard.json").asText())
                .contains("egov_consumer_lag");
    }

    /** Every alert expression names only metrics some service (reporting-service: egov_alerts_silent_sources) exposes. */
    @Test
    void alertsCoverWhatOperatorsAskFor() throws Exception {
        JsonNode rule = find(Manifests.base(), "PrometheusRule", "egov-pulse").orElseThrow();
        Map<String, String> exprByAlert = new HashMap<>();
        Set<String> from = new TreeSet<>();
        for (JsonNode g : rule.path("spec").path("groups")) {
            for (JsonNode r : g.path("rules")) {
                exprByAlert.put(r.path("alert").asText(), r.path("expr").asText());
                from.add(r.path("annotations").path("metrics_from").asText("none"));
            }
        }
        String all = String.join("\n", exprByAlert.values());
        assertThat(all).contains("egov_consumer_lag", "egov_dead_letters_total", "http_server_requests_seconds_count",
                "egov_freshness_seconds_bucket", "egov_alerts_silent_sources", "egov_scoring_events_consumed_total", "egov_health_check_up");
        assertThat(exprByAlert.get("EgovFreshnessOver2s")).endsWith("> 2");
        assertThat(from).contains("ingest-service", "scoring-service", "reporting-service");
    }
}
