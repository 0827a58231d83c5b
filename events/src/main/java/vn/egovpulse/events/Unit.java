package vn.egovpulse.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.regex.Pattern;

/** A ranked government body (đơn vị). {@code parent} is null for a province. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Unit(String code, String name, Tier tier, String parent) {
    public static final Pattern CODE = Pattern.compile("^[A-Z0-9][A-Z0-9._-]{1,63}$");
}
