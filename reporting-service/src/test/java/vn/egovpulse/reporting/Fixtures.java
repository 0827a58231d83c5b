package vn.egovpulse.reporting;

import io.smallrye.jwt.build.Jwt;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;

/** Test helpers: units through the API, facts straight into scoring's tables, notices on Kafka. */
final class Fixtures {
    static final String NOTICES = "test.egov.indicators";
    private static final Random RANDOM = new Random();

    private Fixtures() {
    }

    /** A province code nobody else uses: "T" + 6 random letters/digits. */
    static String randomProvince() {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder sb = new StringBuilder("T");
        for (int i = 0; i < 6; i++) {
            sb.append(chars.charAt(RANDOM.nextInt(chars.length())));
        }
        return sb.toString();
    }

    static String token(String... groups) {
        try {
            String pem = Files.readString(Path.of("../.local/keys/private.pem"))
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            return Jwt.issuer("egov-pulse-local").subject("urn:test:reporting").upn("urn:test:reporting")
                    .groups(Set.copyOf(Arrays.asList(groups))).claim("province", "ALL").sign(key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> unit(String code, String name, String tier, String parent) {
        return parent == null ? Map.of("code", code, "name", name, "tier", tier)
                : Map.of("code", code, "name", name, "tier", tier, "parent", parent);
    }

    static void putUnits(List<Map<String, Object>> units) {
        given().auth().oauth2(token("admin", "national")).contentType("application/json").body(units)
                .put("/api/v1/units").then().statusCode(200);
    }

    static LocalDate d(String s) {
        return s == null ? null : LocalDate.parse(s);
    }

    /** One administrative case (hồ sơ); null days are unknown. */
    static void kase(Pool pool, String unit, String id, String received, String channel, Integer level,
                     String due, String resolved, String resolvedDue) {
        pool.preparedQuery("INSERT INTO scoring.onestop_case (unit, case_id, received_day, channel, online_level,"
                        + " received_due_day, resolved_day, resolved_due_day) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .execute(Tuple.tuple(new ArrayList<>(Arrays.asList(unit, id, d(received), channel,
                        level == null ? null : level.shortValue(), d(due), d(resolved), d(resolvedDue)))))
                .await().indefinitely();
    }

    /** A day of documents: issued, not confidential, signed (org or leader), org, leader, electronic, axis, received. */
    static void docs(Pool pool, String unit, String day, long issued, long open, long signed, long org, long leader,
                     long electronic, long axis, long received) {
        pool.preparedQuery("INSERT INTO scoring.docs_daily (unit, day, issued, issued_open, signed, org_signed,"
                        + " leader_signed, electronic, via_axis, received) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
                .execute(Tuple.tuple(List.of(unit, d(day), issued, open, signed, org, leader, electronic, axis, received)))
                .await().indefinitely();
    }

    static void meetings(Pool pool, String unit, String day, long meetings, long endpoints, long participants, long communeReach) {
        pool.preparedQuery("INSERT INTO scoring.vc_daily (unit, day, meetings, endpoints, participants, commune_reach)"
                        + " VALUES ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.tuple(List.of(unit, d(day), meetings, endpoints, participants, communeReach)))
                .await().indefinitely();
    }

    /** A day of one source's events of one type (scoring's source_day, V7), and the unit it sends for. */
    static void sourceDay(Pool pool, String source, String unit, String type, LocalDate day, long events, OffsetDateTime last) {
        pool.preparedQuery("INSERT INTO scoring.source_day (source, type, day, events, last_time) VALUES ($1, $2, $3, $4, $5)"
                        + " ON CONFLICT (source, type, day) DO UPDATE SET events = excluded.events, last_time = excluded.last_time")
                .execute(Tuple.tuple(List.of(source, type, day, events, last))).await().indefinitely();
        pool.preparedQuery("INSERT INTO scoring.source_unit (source, unit) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(source, unit)).await().indefinitely();
    }

    /** An hour of one source's events of one type (scoring's source_hour): the 24-hour and 7-day volumes. */
    static void sourceHour(Pool pool, String source, String type, OffsetDateTime hour, long events) {
        pool.preparedQuery("INSERT INTO scoring.source_hour (source, type, hour, events) VALUES ($1, $2, $3, $4)"
                        + " ON CONFLICT (source, type, hour) DO UPDATE SET events = excluded.events")
                .execute(Tuple.tuple(List.of(source, type, hour.truncatedTo(ChronoUnit.HOURS), events))).await().indefinitely();
    }

    /** What scoring-service publishes after committing facts of {@code unit}. */
    static void notice(String unit, String... days) {
        Properties p = new Properties();
        p.put("bootstrap.servers", "127.0.0.1:9092");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            String value = "{\"unit\":\"" + unit + "\",\"days\":[" + String.join(",", Arrays.stream(days).map(x -> "\"" + x + "\"").toList())
                    + "],\"at\":\"" + Instant.now() + "\"}";
            producer.send(new ProducerRecord<>(NOTICES, unit, value)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
