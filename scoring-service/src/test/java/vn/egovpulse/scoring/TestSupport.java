package vn.egovpulse.scoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/** Test helpers: unique codes per run, CloudEvents to Kafka, rows from PostgreSQL, tokens. */
final class TestSupport {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String BOOTSTRAP = "127.0.0.1:9092";
    static final String EVENTS = "test.egov.events";
    static final String INDICATORS = "test.egov.indicators";
    static final String DLQ = "test.egov.in.dlq";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestSupport() {
    }

    /** A province code nobody else uses: "T" + 6 random uppercase letters or digits. */
    static String randomProvince() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder b = new StringBuilder("T");
        for (int i = 0; i < 6; i++) {
            b.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    static ObjectNode event(String source, String id, String type, String time, String unit, ObjectNode data) {
        ObjectNode e = JSON.createObjectNode();
        e.put("specversion", "1.0").put("id", id).put("source", source).put("type", type).put("time", time)
                .put("subject", unit).put("datacontenttype", "application/json");
        e.set("data", data);
        return e;
    }

    static ObjectNode data() {
        return JSON.createObjectNode();
    }

    static ObjectNode caseReceived(String unit, String id, String time, String caseId, String channel,
                                   Integer level, String dueAt) {
        ObjectNode d = data().put("caseId", caseId).put("channel", channel).put("dueAt", dueAt);
        if (level != null) {
            d.put("onlineLevel", level);
        }
        return event("urn:egov:test:one-stop", id, "vn.gov.egov.onestop.case.received", time, unit, d);
    }

    static ObjectNode caseResolved(String unit, String id, String time, String caseId, String dueAt) {
        ObjectNode d = data().put("caseId", caseId);
        if (dueAt != null) {
            d.put("dueAt", dueAt);
        }
        return event("urn:egov:test:one-stop", id, "vn.gov.egov.onestop.case.resolved", time, unit, d);
    }

    static ObjectNode documentIssued(String unit, String source, String id, String time, boolean electronic,
                                     boolean org, boolean leader, boolean confidential, boolean axis) {
        return event(source, id, "vn.gov.egov.docs.document.issued", time, unit, data().put("documentId", id)
                .put("electronic", electronic).put("signedByOrganization", org).put("signedByLeader", leader)
                .put("confidential", confidential).put("viaNationalAxis", axis));
    }

    static ObjectNode documentReceived(String unit, String id, String time, boolean electronic, boolean online) {
        return event("urn:egov:test:docs", id, "vn.gov.egov.docs.document.received", time, unit,
                data().put("documentId", id).put("electronic", electronic).put("processedOnline", online));
    }

    static ObjectNode meeting(String unit, String id, String time, int minutes, int endpoints, int participants,
                              String lowestTier) {
        return event("urn:egov:test:vc", id, "vn.gov.egov.vc.meeting.held", time, unit, data().put("meetingId", id)
                .put("durationMinutes", minutes).put("endpoints", endpoints).put("participants", participants)
                .put("lowestTier", lowestTier));
    }

    /** Produces the events, key = subject, and waits for the broker's acknowledgement. */
    static void send(KafkaCompanion kafka, ObjectNode... events) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (ObjectNode e : events) {
            records.add(new ProducerRecord<>(EVENTS, e.get("subject").asText(), e.toString()));
        }
        sendRaw(kafka, records);
    }

    static void sendRaw(KafkaCompanion kafka, List<ProducerRecord<String, String>> records) {
        kafka.produceStrings().fromRecords(records).awaitCompletion();
    }

    /** Runs a statement (DDL) on the test database. */
    static void execute(String sql) {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection c = DriverManager.getConnection(url, "egov", "egov"); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the dead-letter topic from the moment it is created on (it holds other runs' records too). */
    static final class DeadLetters implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

        DeadLetters() {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
            List<TopicPartition> parts = consumer.partitionsFor(DLQ, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(DLQ, i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToEnd(parts);
            parts.forEach(consumer::position); // resolve the end now, before the test sends
        }

        /** The first dead letter whose value contains {@code text}, polled for up to 30 s. */
        ConsumerRecord<String, String> await(String text) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(r -> r.value().contains(text));
            });
            return seen.stream().filter(r -> r.value().contains(text)).findFirst().orElseThrow();
        }

        static String header(ConsumerRecord<String, String> r, String name) {
            var h = r.headers().lastHeader(name);
            return h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    /** All rows of a query as column → value maps. */
    static List<Map<String, Object>> rows(String sql, Object... params) {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection c = DriverManager.getConnection(url, "egov", "egov");
             PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.put(md.getColumnName(i), rs.getObject(i));
                    }
                    out.add(row);
                }
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String token(String sub, String... groups) {
        return tokenOf(sub, "PTO", groups);
    }

    static String tokenOf(String sub, String province, String... groups) {
        try {
            String pem = Files.readString(Path.of("../.local/keys/private.pem"));
            return Jwt.issuer("egov-pulse-local").subject(sub).upn(sub).groups(Set.of(groups))
                    .claim("province", province).sign(KeyUtils.decodePrivateKey(pem));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
