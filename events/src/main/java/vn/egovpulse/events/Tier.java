package vn.egovpulse.events;

/** Administrative tier of a unit (cấp). */
public enum Tier {
    PROVINCE,   // tỉnh
    DEPARTMENT, // sở, ban, ngành (incl. vertical agencies such as Cục Thuế)
    DISTRICT,   // UBND huyện / thành phố / thị xã
    COMMUNE;    // UBND xã / phường / thị trấn

    /** The tier a unit's parent must have, or null for a province. */
    public Tier parentTier() {
        return switch (this) {
            case PROVINCE -> null;
            case DEPARTMENT, DISTRICT -> PROVINCE;
            case COMMUNE -> DISTRICT;
        };
    }

    /**
     * The tiers a unit's parent may have (empty for a province). SPEC 6: since two-tier local
     * government (1 July 2025) a commune's parent may also be the province itself.
     */
    public java.util.Set<Tier> allowedParentTiers() {
        return switch (this) {
            case PROVINCE -> java.util.Set.of();
            case DEPARTMENT, DISTRICT -> java.util.Set.of(PROVINCE);
            case COMMUNE -> java.util.Set.of(DISTRICT, PROVINCE);
        };
    }

    public static Tier parse(String s) {
        if (s == null) {
            return null;
        }
        for (Tier t : values()) {
            if (t.name().equals(s)) {
                return t;
            }
        }
        return null;
    }
}
