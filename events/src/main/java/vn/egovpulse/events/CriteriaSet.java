package vn.egovpulse.events;

import java.util.ArrayList;
import java.util.List;

/**
 * A versioned criteria set (bộ tiêu chí): groups of indicators, each with {@code maxPoints}
 * and {@code fullMarksAt}. Points = maxPoints × min(1, value / fullMarksAt).
 */
public record CriteriaSet(String id, int version, String name, List<Group> groups) {

    public record Group(String name, List<Criterion> indicators) {
    }

    public record Criterion(String key, double maxPoints, double fullMarksAt) {
    }

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

    public double maxPoints() {
        return groups.stream().flatMap(g -> g.indicators().stream()).mapToDouble(Criterion::maxPoints).sum();
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
                if (c == null || c.key() == null || !Counts.KEYS.contains(c.key())) {
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
                boolean rate = c.key().endsWith("Rate");
                if (rate && !(c.fullMarksAt() > 0 && c.fullMarksAt() <= 1)) {
                    p.add(f + ".fullMarksAt: must be in (0, 1] for a rate");
                } else if (!rate && !(c.fullMarksAt() > 0 && c.fullMarksAt() <= MAX_COUNT)) {
                    p.add(f + ".fullMarksAt: must be a number greater than 0 and at most " + (long) MAX_COUNT);
                }
            }
        }
        return p;
    }
}
