package vn.egovpulse.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.List;

/**
 * A versioned criteria set (bộ tiêu chí): groups of indicators, each with {@code maxPoints}
 * and {@code fullMarksAt}. Points = maxPoints × min(1, value / fullMarksAt).
 * v2 (SPEC 7.3): per indicator {@code whenNoData} and {@code tiers}, per set {@code bands}
 * (null or empty: no bands). A set without them scores exactly as in v1.
 */
public record CriteriaSet(String id, int version, String name, List<Group> groups, List<Band> bands) {

    /** A v1 set: no bands. */
    public CriteriaSet(String id, int version, String name, List<Group> groups) {
        this(id, version, name, groups, null);
    }

    public record Group(String name, List<Criterion> indicators) {
    }

    /** What an indicator whose denominator is 0 for a unit gives (SPEC 7.3). */
    public enum WhenNoData {
        /** The v1 rule: not applicable, out of the unit's applicable maximum. */
        NOT_APPLICABLE,
        /** Full points, counted in the applicable maximum (no complaint received, none badly handled). */
        FULL,
        /** Zero points, counted in the applicable maximum. */
        ZERO
    }

    /**
     * One scored indicator. {@code whenNoData} null means NOT_APPLICABLE; {@code tiers} null means
     * every tier (for a unit of a tier not listed the indicator is not applicable).
     */
    public record Criterion(String key, double maxPoints, double fullMarksAt, WhenNoData whenNoData,
                            @JsonInclude(JsonInclude.Include.NON_NULL) List<Tier> tiers) {
        @JsonCreator
        public Criterion {
            if (whenNoData == null) {
                whenNoData = WhenNoData.NOT_APPLICABLE;
            }
        }

        /** A v1 indicator. */
        public Criterion(String key, double maxPoints, double fullMarksAt) {
            this(key, maxPoints, fullMarksAt, null, null);
        }

        /** Whether it applies to a unit of {@code tier} (null: a unit of unknown tier, as in v1). */
        public boolean appliesTo(Tier tier) {
            return tiers == null || tier == null || tiers.contains(tier);
        }
    }

    /** A band (xếp loại): a score of at least {@code min} earns {@code label}. */
    public record Band(Double min, String label) {
    }

    /** Bands: at most this many. */
    static final int MAX_BANDS = 20;

    public static final String DEFAULT_ID = "default-2026";
    /** Largest maxPoints of one indicator; a set is scored out of 100 whatever its total. */
    static final double MAX_POINTS = 1000;
    /** Largest fullMarksAt of a count indicator. */
    static final double MAX_COUNT = 1e9;

    /** The default set of SPEC section 4 (total 100 points). */
    public static CriteriaSet defaultSet() {
        return new CriteriaSet(DEFAULT_ID, 1, "Bộ tiêu chí mặc định 2026", List.of(
                new Group("Tiến độ giải quyết", List.of(new Criterion("onestop.onTimeRate", 30, 1.00))),
                new Group("Dịch vụ công trực tuyến", List.of(
                        new Criterion("onestop.onlineRate", 15, 0.50),
                        new Criterion("onestop.fullOnlineRate", 10, 0.30))),
                new Group("Văn bản điện tử", List.of(
                        new Criterion("docs.signedRate", 15, 0.90),
                        new Criterion("docs.electronicRate", 10, 0.90),
                        new Criterion("docs.leaderSignedRate", 10, 0.80))),
                new Group("Họp trực tuyến", List.of(new Criterion("vc.communeReachRate", 10, 0.80)))));
    }

    public static final String QD766_ID = "qd766";

    /**
     * The built-in set of Decision 766/QĐ-TTg, version 1, as the table of SPEC 7.3 (group names
     * without the "(18)" point totals). Seeded by migration V6; this copy is what tests compare it with.
     */
    public static CriteriaSet qd766() {
        List<Tier> notCommune = List.of(Tier.PROVINCE, Tier.DEPARTMENT, Tier.DISTRICT);
        WhenNoData na = WhenNoData.NOT_APPLICABLE;
        return new CriteriaSet(QD766_ID, 1, "Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg)", List.of(
                new Group("Công khai, minh bạch", List.of(
                        new Criterion("assessed.publishOnTime", 6, 1.00),
                        new Criterion("assessed.publicUpdateOnTime", 4, 1.00),
                        new Criterion("assessed.publicContentComplete", 2, 1.00),
                        new Criterion("onestop.syncRate", 6, 1.00))),
                new Group("Tiến độ, kết quả giải quyết", List.of(
                        new Criterion("onestop.onTimeRate", 20, 1.00))),
                new Group("Cung cấp dịch vụ trực tuyến", List.of(
                        new Criterion("onestop.fullOnlineUptake", 12, 1.00, na, notCommune))),
                new Group("Thanh toán trực tuyến", List.of(
                        new Criterion("onestop.onlinePaymentRate", 6, 1.00),
                        new Criterion("assessed.feeDataIntegrated", 2, 0.80),
                        new Criterion("assessed.onlinePaymentProcedures", 2, 0.80))),
                new Group("Số hóa hồ sơ", List.of(
                        new Criterion("onestop.electronicResultRate", 6, 1.00),
                        new Criterion("onestop.digitizedRate", 4, 1.00),
                        new Criterion("assessed.electronicCertifiedCopy", 2, 1.00),
                        new Criterion("onestop.reuseRate", 2, 0.80),
                        new Criterion("onestop.dataStoreRate", 4, 1.00),
                        new Criterion("onestop.citizenDataRate", 2, 1.00, na, notCommune),
                        new Criterion("assessed.citizenDataProcedures", 2, 1.00, na, notCommune))),
                new Group("Mức độ hài lòng", List.of(
                        new Criterion("feedback.onTimeRate", 6, 1.00, WhenNoData.FULL, null),
                        new Criterion("feedback.satisfactionRate", 6, 1.00, WhenNoData.FULL, null),
                        new Criterion("onestop.satisfactionRate", 6, 0.90)))),
                List.of(new Band(90.0, "Xuất sắc"), new Band(80.0, "Tốt"), new Band(70.0, "Khá"),
                        new Band(50.0, "Trung bình"), new Band(0.0, "Yếu")));
    }

    public double maxPoints() {
        return groups.stream().flatMap(g -> g.indicators().stream()).mapToDouble(Criterion::maxPoints).sum();
    }

    /** The points of the indicators that apply to a unit of {@code tier}. */
    public double maxPoints(Tier tier) {
        return groups.stream().flatMap(g -> g.indicators().stream()).filter(c -> c.appliesTo(tier))
                .mapToDouble(Criterion::maxPoints).sum();
    }

    /** The label of the first band whose min ≤ score; null without bands, without a score, or below every band. */
    public String band(Double score) {
        if (score == null || bands == null) {
            return null;
        }
        for (Band b : bands) {
            if (b.min() <= score) {
                return b.label();
            }
        }
        return null;
    }

    /** What is wrong with this set, as "field: message" lines; empty when it is valid. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (name != null && name.length() > 200) {
            p.add("name: must be at most 200 characters");
        }
        if (groups == null || groups.isEmpty()) {
            p.add("groups: must have at least one group");
            return p;
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int g = 0; g < groups.size(); g++) {
            Group group = groups.get(g);
            String gf = "groups[" + g + "]";
            if (group == null || group.name() == null || group.name().isBlank()) {
                p.add(gf + ".name: is required");
            }
            if (group == null || group.indicators() == null || group.indicators().isEmpty()) {
                p.add(gf + ".indicators: must have at least one indicator");
                continue;
            }
            for (int i = 0; i < group.indicators().size(); i++) {
                Criterion c = group.indicators().get(i);
                String f = gf + ".indicators[" + i + "]";
                if (c == null || !IndicatorKeys.isKnown(c.key())) {
                    p.add(f + ".key: unknown indicator" + (c == null ? "" : " '" + c.key() + "'"));
                    continue;
                }
                if (!seen.add(c.key())) {
                    p.add(f + ".key: indicator '" + c.key() + "' appears twice");
                }
                // Bounded, finite numbers: JSON allows 1e999, which Jackson reads as Infinity, and
                // neither the score nor the stored document could hold it.
                if (!(c.maxPoints() > 0 && c.maxPoints() <= MAX_POINTS)) {
                    p.add(f + ".maxPoints: must be a number greater than 0 and at most " + (int) MAX_POINTS);
                }
                boolean rate = IndicatorKeys.isRate(c.key());
                if (rate && !(c.fullMarksAt() > 0 && c.fullMarksAt() <= 1)) {
                    p.add(f + ".fullMarksAt: must be in (0, 1] for a rate");
                } else if (!rate && !(c.fullMarksAt() > 0 && c.fullMarksAt() <= MAX_COUNT)) {
                    p.add(f + ".fullMarksAt: must be a number greater than 0 and at most " + (long) MAX_COUNT);
                }
                if (c.tiers() != null) {
                    if (c.tiers().isEmpty()) {
                        p.add(f + ".tiers: must list at least one tier, or be left out for every tier");
                    }
                    for (int t = 0; t < c.tiers().size(); t++) {
                        if (c.tiers().get(t) == null) {
                            p.add(f + ".tiers[" + t + "]: must be one of PROVINCE, DEPARTMENT, DISTRICT, COMMUNE");
                        } else if (c.tiers().indexOf(c.tiers().get(t)) < t) {
                            p.add(f + ".tiers[" + t + "]: tier " + c.tiers().get(t) + " appears twice");
                        }
                    }
                }
            }
        }
        bandProblems(p);
        return p;
    }

    /** Bands: labels of 1..100 characters, mins finite in [0, 100] and strictly decreasing. */
    private void bandProblems(List<String> p) {
        if (bands == null) {
            return;
        }
        if (bands.size() > MAX_BANDS) {
            p.add("bands: at most " + MAX_BANDS + " bands");
            return;
        }
        Double previous = null;
        for (int b = 0; b < bands.size(); b++) {
            Band band = bands.get(b);
            String f = "bands[" + b + "]";
            if (band == null) {
                p.add(f + ": must be an object with min and label");
                continue;
            }
            if (band.label() == null || band.label().isBlank() || band.label().length() > 100) {
                p.add(f + ".label: must be 1 to 100 characters");
            }
            if (band.min() == null || !(band.min() >= 0 && band.min() <= 100)) {
                p.add(f + ".min: must be a number from 0 to 100");
                continue;
            }
            if (previous != null && !(band.min() < previous)) {
                p.add(f + ".min: must be lower than the min of the band before (bands are listed highest first)");
            }
            previous = band.min();
        }
    }
}
