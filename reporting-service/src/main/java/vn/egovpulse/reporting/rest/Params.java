package vn.egovpulse.reporting.rest;

import vn.egovpulse.events.Tier;
import vn.egovpulse.platform.rest.ProblemException;
import vn.egovpulse.reporting.rankings.Period;
import vn.egovpulse.reporting.rankings.RankingService;

/** Query parameter checks shared by the resources: each failure is a 400 naming the parameter. */
final class Params {
    private Params() {
    }

    static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(name, "is required");
        }
        return value;
    }

    static Period period(String value) {
        try {
            return Period.parse(value, RankingService.today());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("period", e.getMessage());
        }
    }

    static Tier tier(String value) {
        Tier t = Tier.parse(required("tier", value));
        if (t == null) {
            throw ProblemException.badRequest("tier", "must be one of PROVINCE, DEPARTMENT, DISTRICT, COMMUNE");
        }
        return t;
    }

    /** An optional tier: null when absent. */
    static Tier optionalTier(String value) {
        return value == null || value.isEmpty() ? null : tier(value);
    }
}
