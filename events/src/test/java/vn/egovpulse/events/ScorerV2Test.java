package vn.egovpulse.events;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.egovpulse.events.CriteriaSet.WhenNoData.FULL;
import static vn.egovpulse.events.CriteriaSet.WhenNoData.NOT_APPLICABLE;
import static vn.egovpulse.events.CriteriaSet.WhenNoData.ZERO;

/** SPEC 7.3 by hand: whenNoData, tiers, bands, and the built-in qd766 set. */
class ScorerV2Test {

    /** On time 20 points; feedback on time 6 points with the given rule when there is no feedback. */
    static CriteriaSet withFeedback(CriteriaSet.WhenNoData rule) {
        return new CriteriaSet("t", 1, "t", List.of(
                new CriteriaSet.Group("progress", List.of(new CriteriaSet.Criterion("onestop.onTimeRate", 20, 1.0))),
                new CriteriaSet.Group("feedback", List.of(
                        new CriteriaSet.Criterion("feedback.onTimeRate", 6, 1.0, rule, null)))));
    }

    static Map<String, Indicator> onTime(long n, long of, long feedbackOnTime, long feedbackOf) {
        return Map.of("onestop.onTimeRate", Indicator.rate(n, of),
                "feedback.onTimeRate", Indicator.rate(feedbackOnTime, feedbackOf));
    }

    @Test
    void fullGivesFullPointsWhenThereIsNoFeedbackAndCountsInTheMaximum() {
        // on time 3/4 → 15; no feedback → 6 (FULL); 21 of 26 → 80.77
        Scorer.Score s = Scorer.score(onTime(3, 4, 0, 0), withFeedback(FULL));
        assertThat(s.points()).containsEntry("feedback.onTimeRate", 6.0).containsEntry("onestop.onTimeRate", 15.0);
        assertThat(s.applicableMax()).isEqualTo(26.0);
        assertThat(s.score()).isEqualTo(80.77);
        assertThat(s.groups()).containsEntry("feedback", 6.0);
        // with feedback the ordinary rule: 1/2 → 3; 18 of 26 → 69.23
        assertThat(Scorer.score(onTime(3, 4, 1, 2), withFeedback(FULL)).score()).isEqualTo(69.23);
    }

    @Test
    void zeroGivesNoPointsWhenThereIsNoFeedbackButCountsInTheMaximum() {
        // 15 of 26 → 57.69
        Scorer.Score s = Scorer.score(onTime(3, 4, 0, 0), withFeedback(ZERO));
        assertThat(s.points()).containsEntry("feedback.onTimeRate", 0.0);
        assertThat(s.groups()).containsEntry("feedback", 0.0);
        assertThat(s.score()).isEqualTo(57.69);
    }

    @Test
    void notApplicableIsTheV1Rule() {
        // 15 of 20 → 75; the indicator and its group have no points
        Scorer.Score s = Scorer.score(onTime(3, 4, 0, 0), withFeedback(NOT_APPLICABLE));
        assertThat(s.points()).containsEntry("feedback.onTimeRate", null);
        assertThat(s.groups()).containsEntry("feedback", null);
        assertThat(s.score()).isEqualTo(75.0);
        // an absent key (an assessed indicator without records) is no data too
        CriteriaSet assessed = new CriteriaSet("t", 1, "t", List.of(new CriteriaSet.Group("g", List.of(
                new CriteriaSet.Criterion("onestop.onTimeRate", 20, 1.0),
                new CriteriaSet.Criterion("assessed.publishOnTime", 6, 1.0, FULL, null)))));
        assertThat(Scorer.score(Map.of("onestop.onTimeRate", Indicator.rate(3, 4)), assessed).score())
                .as("15 + 6 of 26").isEqualTo(80.77);
    }

    @Test
    void anIndicatorOfOtherTiersIsNotApplicable() {
        CriteriaSet set = new CriteriaSet("t", 1, "t", List.of(new CriteriaSet.Group("g", List.of(
                new CriteriaSet.Criterion("onestop.onTimeRate", 20, 1.0),
                new CriteriaSet.Criterion("onestop.fullOnlineUptake", 12, 1.0, null,
                        List.of(Tier.PROVINCE, Tier.DEPARTMENT, Tier.DISTRICT))))));
        Map<String, Indicator> facts = Map.of("onestop.onTimeRate", Indicator.rate(3, 4),
                "onestop.fullOnlineUptake", Indicator.rate(1, 2));
        // district: 15 + 6 of 32 → 65.63
        Scorer.Score district = Scorer.score(facts, set, Tier.DISTRICT);
        assertThat(district.score()).isEqualTo(65.63);
        assertThat(district.points()).containsEntry("onestop.fullOnlineUptake", 6.0);
        // commune: 15 of 20 → 75, the uptake row has no points; its maximum is 20, so it is ranked
        Scorer.Score commune = Scorer.score(facts, set, Tier.COMMUNE);
        assertThat(commune.score()).isEqualTo(75.0);
        assertThat(commune.points()).containsEntry("onestop.fullOnlineUptake", null);
        assertThat(commune.maxPoints()).isEqualTo(20.0);
        assertThat(commune.ranked()).isTrue();
        // without a tier (v1 callers) every row applies
        assertThat(Scorer.score(facts, set).score()).isEqualTo(65.63);
    }

    @Test
    void aV1SetScoresTheSameWhateverTheTier() {
        Map<String, Indicator> all = Counts.ZERO.plus(new Counts(4, 4, 4, 3, 1, 2, 1, 0, 10, 0, 10, 9, 9, 4, 6, 0, 0, 0, 0, 0))
                .indicators();
        Scorer.Score v1 = Scorer.score(all, CriteriaSet.defaultSet());
        for (Tier t : Tier.values()) {
            assertThat(Scorer.score(all, CriteriaSet.defaultSet(), t)).isEqualTo(v1);
        }
        assertThat(v1.score()).isEqualTo(80.56); // RankingsTest's unit E
    }

    @Test
    void bandsTakeTheFirstBandWhoseMinIsReached() {
        CriteriaSet q = CriteriaSet.qd766();
        assertThat(q.band(100.0)).isEqualTo("Xuất sắc");
        assertThat(q.band(90.0)).isEqualTo("Xuất sắc");
        assertThat(q.band(89.99)).isEqualTo("Tốt");
        assertThat(q.band(70.0)).isEqualTo("Khá");
        assertThat(q.band(69.99)).isEqualTo("Trung bình");
        assertThat(q.band(49.99)).isEqualTo("Yếu");
        assertThat(q.band(0.0)).isEqualTo("Yếu");
        assertThat(q.band(null)).isNull();
        assertThat(CriteriaSet.defaultSet().band(95.0)).as("no bands").isNull();
        CriteriaSet high = new CriteriaSet("t", 1, "t", q.groups(), List.of(new CriteriaSet.Band(50.0, "Đạt")));
        assertThat(high.band(49.0)).as("below every band").isNull();
    }

    /**
     * qd766 for one commune and one district with the same facts:
     * sync 1/2 → 3; on time 9/10 → 18; digitised 5/10 → 2; reuse 2/10 → 2×0.2/0.8 = 0.5; data store 0/10 → 0;
     * no feedback → 6 + 6 (FULL); satisfaction 8/10 → 6×0.8/0.9 = 5.33; no payment, no result document, no
     * assessment: not applicable. Commune: 40.83 of 54 → 75.62 (Khá). District, also uptake 3/4 → 9 and
     * citizen data 1/10 → 0.2: 50.03 of 68 → 73.58 (Khá).
     */
    @Test
    void qd766ByHand() {
        Map<String, Indicator> f = new HashMap<>();
        f.put("onestop.syncRate", Indicator.rate(1, 2));
        f.put("onestop.onTimeRate", Indicator.rate(9, 10));
        f.put("onestop.digitizedRate", Indicator.rate(5, 10));
        f.put("onestop.reuseRate", Indicator.rate(2, 10));
        f.put("onestop.dataStoreRate", Indicator.rate(0, 10));
        f.put("onestop.satisfactionRate", Indicator.rate(8, 10));
        f.put("onestop.onlinePaymentRate", Indicator.rate(0, 0));
        f.put("feedback.onTimeRate", Indicator.rate(0, 0));
        f.put("feedback.satisfactionRate", Indicator.rate(0, 0));
        f.put("onestop.fullOnlineUptake", Indicator.rate(3, 4));
        f.put("onestop.citizenDataRate", Indicator.rate(1, 10));
        CriteriaSet q = CriteriaSet.qd766();
        assertThat(q.maxPoints()).isEqualTo(100.0);
        assertThat(q.maxPoints(Tier.COMMUNE)).isEqualTo(84.0);

        Scorer.Score commune = Scorer.score(f, q, Tier.COMMUNE);
        assertThat(commune.applicableMax()).isEqualTo(54.0);
        assertThat(commune.score()).isEqualTo(75.62);
        assertThat(commune.ranked()).isTrue();
        assertThat(q.band(commune.score())).isEqualTo("Khá");
        assertThat(commune.groups()).containsEntry("Công khai, minh bạch", 3.0)
                .containsEntry("Tiến độ, kết quả giải quyết", 18.0)
                .containsEntry("Cung cấp dịch vụ trực tuyến", null)
                .containsEntry("Thanh toán trực tuyến", null)
                .containsEntry("Số hóa hồ sơ", 2.5)
                .containsEntry("Mức độ hài lòng", 17.33);

        Scorer.Score district = Scorer.score(f, q, Tier.DISTRICT);
        assertThat(district.applicableMax()).isEqualTo(68.0);
        assertThat(district.score()).isEqualTo(73.58);
        assertThat(district.groups()).containsEntry("Cung cấp dịch vụ trực tuyến", 9.0)
                .containsEntry("Số hóa hồ sơ", 2.7);
    }

    @Test
    void v2FieldsAreValidatedNamingTheField() {
        CriteriaSet.Criterion ok = new CriteriaSet.Criterion("feedback.onTimeRate", 6, 1.0, FULL, List.of(Tier.DISTRICT));
        CriteriaSet bad = new CriteriaSet("t", 1, "t", List.of(new CriteriaSet.Group("g", List.of(ok,
                new CriteriaSet.Criterion("assessed.publishOnTime", 6, 1.0, null, List.of()),
                new CriteriaSet.Criterion("assessed.x-y", 6, 1.0),
                new CriteriaSet.Criterion("onestop.syncRate", 6, 1.0, null, java.util.Arrays.asList(Tier.COMMUNE, null, Tier.COMMUNE))))),
                java.util.Arrays.asList(new CriteriaSet.Band(90.0, "Xuất sắc"), new CriteriaSet.Band(90.0, "Tốt"),
                        new CriteriaSet.Band(Double.NaN, "Khá"), new CriteriaSet.Band(101.0, ""),
                        new CriteriaSet.Band(null, "x".repeat(101)), null));
        assertThat(bad.problems()).containsExactlyInAnyOrder(
                "groups[0].indicators[1].tiers: must list at least one tier, or be left out for every tier",
                "groups[0].indicators[2].key: unknown indicator 'assessed.x-y'",
                "groups[0].indicators[3].tiers[1]: must be one of PROVINCE, DEPARTMENT, DISTRICT, COMMUNE",
                "groups[0].indicators[3].tiers[2]: tier COMMUNE appears twice",
                "bands[1].min: must be lower than the min of the band before (bands are listed highest first)",
                "bands[2].min: must be a number from 0 to 100",
                "bands[3].label: must be 1 to 100 characters",
                "bands[3].min: must be a number from 0 to 100",
                "bands[4].label: must be 1 to 100 characters",
                "bands[4].min: must be a number from 0 to 100",
                "bands[5]: must be an object with min and label");
        assertThat(CriteriaSet.qd766().problems()).isEmpty();
        for (String key : IndicatorKeys.QD766) {
            assertThat(IndicatorKeys.isKnown(key)).as(key).isTrue();
        }
        assertThat(IndicatorKeys.isKnown("assessed.a" + "b".repeat(63))).isTrue();
        assertThat(IndicatorKeys.isKnown("assessed.a" + "b".repeat(64))).isFalse();
        assertThat(IndicatorKeys.isKnown("assessed.9x")).isFalse();
        assertThat(IndicatorKeys.isKnown("onestop.nothing")).isFalse();
    }
}
