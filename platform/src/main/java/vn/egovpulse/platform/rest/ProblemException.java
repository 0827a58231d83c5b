package vn.egovpulse.platform.rest;

import java.util.List;

/** Thrown anywhere to answer with a problem+json document. */
public class ProblemException extends RuntimeException {
    public final int status;
    public final String title;
    public final transient List<?> errors;

    public ProblemException(int status, String title, String detail, List<?> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors;
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
