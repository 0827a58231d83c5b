package vn.egovpulse.platform.rest;

import java.time.Duration;
import java.util.List;

/** Thrown anywhere to answer with a problem+json document. */
public class ProblemException extends RuntimeException {
    public final int status;
    public final String title;
    public final transient List<?> errors;
    /** Seconds for a {@code Retry-After} header (503: try again then), or null for none. */
    public final Long retryAfterSeconds;

    public ProblemException(int status, String title, String detail, List<?> errors) {
        this(status, title, detail, errors, null);
    }

    public ProblemException(int status, String title, String detail, List<?> errors, Long retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * 503 with a Retry-After: the request is fine but cannot be answered now (a dependency is down,
     * a limit is reached); a client may try again after {@code retryAfter}.
     */
    public static ProblemException unavailable(String detail, Duration retryAfter) {
        // Retry-After counts whole seconds; never 0, which would invite an immediate retry storm.
        return new ProblemException(503, "Service unavailable", detail, null, Math.max(1, retryAfter.toSeconds()));
    }

    /** 400 naming one field or query parameter. */
    public static ProblemException badRequest(String field, String message) {
        return new ProblemException(400, "Bad request", field + ": " + message,
                List.of(new Problem.FieldProblem(field, message)));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not found", detail, null);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail, null);
    }

    public Problem problem() {
        return new Problem("about:blank", title, status, getMessage(), errors);
    }
}
