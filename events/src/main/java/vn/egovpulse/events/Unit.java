package vn.egovpulse.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A ranked government body (đơn vị). {@code parent} is null for a province. SPEC 6: a unit may
 * live from {@code validFrom} to {@code validTo} (inclusive local dates, null = unbounded), have
 * {@code parents} that changed over time instead of one {@code parent}, and a {@code successor}
 * that took over its work after {@code validTo} (sáp nhập: merged into).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Unit(String code, String name, Tier tier, String parent, LocalDate validFrom, LocalDate validTo,
                   List<ParentPeriod> parents, String successor) {
    public static final Pattern CODE = Pattern.compile("^[A-Z0-9][A-Z0-9._-]{1,63}$");

    /** A parent for part of the unit's life; {@code from}/{@code to} inclusive, null = unbounded. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ParentPeriod(String code, LocalDate from, LocalDate to) {
        public boolean covers(LocalDate day) {
            return (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to));
        }
    }

    /** A unit of the v1 contract: one parent, valid forever. */
    public Unit(String code, String name, Tier tier, String parent) {
        this(code, name, tier, parent, null, null, null, null);
    }

    public boolean validAt(LocalDate day) {
        return (validFrom == null || !day.isBefore(validFrom)) && (validTo == null || !day.isAfter(validTo));
    }

    /** The parent on {@code day}, or null (a province, or no parent covers that day). */
    public String parentAt(LocalDate day) {
        if (parents == null) {
            return parent;
        }
        for (ParentPeriod p : parents) {
            if (p.covers(day)) {
                return p.code();
            }
        }
        return null;
    }

    /** Every parent the unit had in its life. */
    @JsonIgnore
    public List<String> allParents() {
        List<String> out = new ArrayList<>();
        if (parent != null) {
            out.add(parent);
        }
        if (parents != null) {
            parents.forEach(p -> out.add(p.code()));
        }
        return out;
    }
}
