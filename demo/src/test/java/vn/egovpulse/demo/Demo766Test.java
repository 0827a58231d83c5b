package vn.egovpulse.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The SPEC 7.1 facts of the current year have realistic shares; earlier years carry none. */
class Demo766Test {
    private static final Units UNITS = Units.phuTho();

    private static List<ObjectNode> events(String block, LocalDate today) {
        List<ObjectNode> out = new ArrayList<>();
        new DemoData(UNITS, today).emit(block, out::add);
        return out;
    }

    private static String type(ObjectNode e) {
        return e.get("type").asText();
    }

    @Test
    void theCurrentYearCarriesTheNewFactsWithRealisticShares() {
        List<ObjectNode> all = events("current", LocalDate.of(2026, 6, 1));
        List<ObjectNode> received = all.stream().filter(e -> type(e).endsWith("case.received")).toList();
        double n = received.size();
        Map<String, Double> share = new HashMap<>();
        for (String f : List.of("feeRequired", "digitized", "syncedNational")) {
            share.put(f, received.stream().filter(e -> e.get("data").get(f).asBoolean()).count() / n);
        }
        assertThat(share.get("feeRequired")).isCloseTo(0.60, within(0.02));
        assertThat(share.get("digitized")).isCloseTo(0.60, within(0.03));
        assertThat(share.get("syncedNational")).isCloseTo(0.90, within(0.02));
        Map<String, Boolean> paidOnline = new HashMap<>();
        all.stream().filter(e -> type(e).endsWith("case.paid")).forEach(e -> paidOnline.merge(
                e.get("subject").asText() + "/" + e.get("data").get("caseId").asText(),
                e.get("data").get("online").asBoolean(), Boolean::logicalOr));
        double online = paidOnline.values().stream().filter(b -> b).count() / (share.get("feeRequired") * n);
        assertThat(online).isCloseTo(0.40, within(0.04));
        long resolved = all.stream().filter(e -> type(e).endsWith("case.resolved")).count();
        List<ObjectNode> ratings = all.stream().filter(e -> type(e).endsWith("case.rated")).toList();
        assertThat(ratings.size() / (double) resolved).isCloseTo(0.30, within(0.02));
        assertThat(ratings.stream().filter(e -> e.get("data").get("satisfied").asBoolean()).count() / (double) ratings.size())
                .isCloseTo(0.95, within(0.02));
        // a few feedbacks a week per department (districts are gone in 2026): 22 weeks of 2026 so far
        long districtFeedback = all.stream().filter(e -> type(e).endsWith("feedback.received"))
                .filter(e -> e.get("subject").asText().equals("PTO.SYT")).count();
        assertThat(districtFeedback / 21.0).isBetween(1.5, 4.0);
        // one record per assessed indicator, unit and ISO week: W01..W21 recorded by 2026-05-31
        List<ObjectNode> lamThao = all.stream().filter(e -> type(e).endsWith("assessment.recorded"))
                .filter(e -> e.get("subject").asText().equals("PTO.SYT")).toList();
        assertThat(lamThao).hasSize(21 * 7);
        assertThat(lamThao).extracting(e -> e.get("data").get("period").asText()).contains("2026-W01", "2026-W21")
                .doesNotContain("2026-W22");
        assertThat(all).allSatisfy(e -> assertThat(e.get("time").asText()).isLessThan("2026-06-01"));
    }

    @Test
    void thePublishedYearsCarryNoneOfThem() {
        assertThat(events("2022", LocalDate.of(2026, 6, 1))).allSatisfy(e -> {
            assertThat(type(e)).doesNotContain("paid", "rated", "feedback", "assessment");
            assertThat(e.get("data").has("feeRequired")).isFalse();
        });
    }
}
