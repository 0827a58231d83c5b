package vn.egovpulse.reporting.rest;

import jakarta.ws.rs.core.HttpHeaders;
import vn.egovpulse.events.Tier;
import vn.egovpulse.platform.rest.ProblemException;
import vn.egovpulse.reporting.rankings.Period;
import vn.egovpulse.reporting.rankings.RankingService;

/** Request checks shared by the resources: a bad query parameter is a 400 naming it. */
final class Params {
    private Params() {
    }

    static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(name, "is required");
        }
        return value;
    }

    /**
     * The province of a league, or null for the national league (SPEC 7.4): only tier PROVINCE
     * may leave it out; any other tier without it is a 400 naming {@code province}.
     */
    static String provinceOrNational(String province, Tier tier) {
        if ((province == null || province.isBlank()) && tier == Tier.PROVINCE) {
            return null;
        }
        return required("province", province);
    }

    /** A comma-separated list of min..max distinct criteria set ids (400 naming {@code criteria}). */
    static java.util.List<String> criteriaList(String value, int min, int max) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (String part : required("criteria", value).split(",", -1)) {
            String id = part.trim();
            if (id.isEmpty()) {
                throw ProblemException.badRequest("criteria", "an empty criteria set id");
            }
            if (ids.contains(id)) {
                throw ProblemException.badRequest("criteria", "criteria set '" + id + "' is listed twice");
            }
            ids.add(id);
        }
        if (ids.size() < min || ids.size() > max) {
            throw ProblemException.badRequest("criteria", "must list " + min + " to " + max
                    + " criteria set ids, comma-separated (got " + ids.size() + ")");
        }
        return ids;
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

    /**
     * SPEC 6 {@code structure=YYYY-MM-DD|current}: the structure date asked for (current = today,
     * local), or null when absent (the period's last day).
     */
    static java.time.LocalDate structure(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.equals("current")) {
            return RankingService.today();
        }
        try {
            java.time.LocalDate d = java.time.LocalDate.parse(value);
            if (d.getYear() < 1900 || d.getYear() > 9999) {
                throw ProblemException.badRequest("structure", "must be a date between 1900 and 9999, or current");
            }
            return d;
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.badRequest("structure", "must be a local date YYYY-MM-DD or current");
        }
    }

    /** Whether {@code Accept-Encoding} lists gzip (and not with q=0). */
    static boolean acceptsGzip(HttpHeaders headers) {
        String accept = headers.getHeaderString(HttpHeaders.ACCEPT_ENCODING);
        if (accept == null) {
            return false;
        }
        for (String part : accept.split(",")) {
            String[] p = part.trim().split(";");
            if (p[0].trim().equalsIgnoreCase("gzip")) {
                return !(p.length > 1 && p[1].replace(" ", "").matches("q=0(\\.0*)?"));
            }
        }
        return false;
    }
}
