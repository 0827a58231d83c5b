package vn.egovpulse.platform.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** An RFC 7807 problem document; {@code errors} names each offending field and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<?> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";

    /** One refused field (or query parameter). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldProblem(String field, String message) {
    }
}
