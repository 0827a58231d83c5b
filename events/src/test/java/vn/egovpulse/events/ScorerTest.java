package vn.egovpulse.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC section 4 as a table: points, applicability, unranked units and competition ranking. */
class ScorerTest {

    /** One indicator worth 10 points, full marks at 0.8. */
    static final CriteriaSet ONE = new CriteriaSet("t", 1, "t", List.of(
            new CriteriaSet.Group("g", List.of(new CriteriaSet.Criterion("vc.communeReachRate", 10, 0.8)))));

    /** Two groups: 60 points for on-time, 40 for online. */
    static final CriteriaSet TWO = new CriteriaSet("t", 1, "t", List.of(
            new CriteriaSet.Group("progress", List.of(new CriteriaSet.Criterion("onestop.onTimeRate", 60, 1.0))),
            new CriteriaSet.Group("online", List.of(new CriteriaSet.Criterion("onestop.onlineRate", 40, 0.5)))));

    static Map<String, Indicator> rates(long onTime, long onTimeOf, long online, long onlineOf) {
        return Map.of("onestop.onTimeRate", Indicator.rate(onTime, onTimeOf),
                "onestop.onlineRate", Indicator.rate(online, onlineOf));
    }

    @ParameterizedTest(name = "{0}/{1} reached, full marks at 0.8 → {2} of 10 points, score {3}")
    @CsvSource({
            "0, 10, 0.0, 0.0",
            "4, 10, 5.0, 50.0",      // half of full marks → half the points
            "6, 10, 7.5, 75.0",
            "8, 10, 10.0, 100.0",    // exactly full marks
            "10, 10, 10.0, 100.0",   // above full marks: capped
            "1, 3, 4.17, 41.67",     // 0.333.../0.8 × 10, rounded to 2 decimals only at the end
    })
    void pointsAreLinearUpToFullMarksThenCapped(long numerator, long denominator, double points, double score) {
        Scorer.Score s = Scorer.score(Map.of("vc.communeReachRate", Indicator.rate(numerator, denominator)), ONE);
        assertThat(s.points().get("vc.communeReachRate")).isEqualTo(points);
        assertThat(s.groups().get("g")).isEqualTo(points);
        assertThat(s.score()).isEqualTo(score);
    }

    @Test
    void theDefaultSetGivesFullMarksAtItsThresholds() {
        Map<String, Indicator> all = Map.of(
                "onestop.onTimeRate", Indicator.rate(10, 10), "onestop.onlineRate", Indicator.rate(5, 10),
                "onestop.fullOnlineRate", Indicator.rate(3, 10), "docs.signedRate", Indicator.rate(9, 10),
                "docs.electronicRate", Indicator.rate(9, 10), "docs.leaderSignedRate", Indicator.rate(8, 10),
                "vc.communeReachRate", Indicator.rate(8, 10));
        Scorer.Score s = Scorer.score(all, CriteriaSet.defaultSet());
        assertThat(s.maxPoints()).isEqualTo(100);
        assertThat(s.score()).isEqualTo(100.0);
        assertThat(s.groups()).containsEntry("Văn bản điện tử", 35.0).containsEntry("Họp trực tuyến", 10.0);
    }

    @Test
    void aNotApplicableIndicatorIsLeftOutAndTheScoreRescaled() {
        // No case received: onlineRate has denominator 0. On-time 3/4 → 45 of 60 applicable points.
        Scorer.Score s = Scorer.score(rates(3, 4, 0, 0), TWO);
        assertThat(s.points()).containsEntry("onestop.onTimeRate", 45.0).containsEntry("onestop.onlineRate", null);
        assertThat(s.groups()).containsEntry("online", null);
        assertThat(s.applicableMax()).isEqualTo(60);
        assertThat(s.score()).isEqualTo(75.0);
        assertThat(s.ranked()).isTrue(); // 60 of 100 applicable: at least half
    }

    @Test
    void lessThanHalfTheMaximumApplicableIsUnranked() {
        Scorer.Score onlyOnline = Scorer.score(rates(0, 0, 5, 10), TWO); // 40 of 100 applicable
        assertThat(onlyOnline.score()).isEqualTo(100.0);
        assertThat(onlyOnline.ranked()).isFalse();

        Scorer.Score nothing = Scorer.score(rates(0, 0, 0, 0), TWO);
        assertThat(nothing.score()).isNull();
        assertThat(nothing.ranked()).isFalse();

        CriteriaSet half = new CriteriaSet("t", 1, "t", List.of(
                new CriteriaSet.Group("a", List.of(new CriteriaSet.Criterion("onestop.onTimeRate", 50, 1.0))),
                new CriteriaSet.Group("b", List.of(new CriteriaSet.Criterion("onestop.onlineRate", 50, 1.0)))));
        assertThat(Scorer.score(rates(1, 2, 0, 0), half).ranked()).as("exactly half is enough").isTrue();
    }

    static Scorer.Candidate<String> unit(String code, long onTime, long of) {
        return new Scorer.Candidate<>(code, Scorer.score(rates(onTime, of, 5, 10), TWO), code);
    }

    @Test
    void equalScoresShareARankAndTheNextIsSkipped() {
        List<Scorer.Ranked<String>> ranked = Scorer.rank(List.of(
                unit("D", 1, 2), unit("C", 3, 4), unit("A", 10, 10), unit("B", 3, 4),
                new Scorer.Candidate<>("E", Scorer.score(rates(0, 0, 5, 10), TWO), "E")));
        assertThat(ranked).extracting(r -> r.rank() + " " + r.candidate().code())
                .containsExactly("1 A", "2 B", "2 C", "4 D"); // E is unranked; B and C tie, listed by code
    }

    @Test
    void tiesAreDecidedAtTwoDecimals() {
        // Score = 60 × on-time rate + 40: 2/3 → 80.000…, 6667/10000 → 80.002, both 80.00; 6650/10000 → 79.90.
        Scorer.Candidate<String> a = unit("X", 6667, 10000);
        Scorer.Candidate<String> b = unit("W", 2, 3);
        Scorer.Candidate<String> c = unit("V", 6650, 10000);
        assertThat(a.score().score()).isEqualTo(b.score().score());
        List<Scorer.Ranked<String>> ranked = Scorer.rank(List.of(a, b, c));
        assertThat(ranked).extracting(r -> r.rank() + " " + r.candidate().code())
                .containsExactly("1 W", "1 X", "3 V");
    }
}
