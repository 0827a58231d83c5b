package vn.egovpulse.reporting.ops;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.egovpulse.reporting.store.DatabaseFailures;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SPEC 8, at risk: open cases (and feedback, once scoring has it) whose due date is at most
 * {@code within} days from today or already passed, most urgent first. Dates are local dates.
 */
@ApplicationScoped
public class AtRiskService {
    public static final int MAX_DAYS = 90;
    public static final int MAX_LIMIT = 10_000;

    private static final String CASES = "SELECT 'case' AS kind, unit, case_id AS id, due_day FROM scoring.onestop_case"
            + " WHERE unit = ANY($1) AND resolved_day IS NULL AND due_day <= $2";
    private static final String FEEDBACK = " UNION ALL SELECT 'feedback', unit, feedback_id, due_day FROM scoring.feedback"
            + " WHERE unit = ANY($1) AND resolved_day IS NULL AND due_day <= $2";
    private static final String PAGE = " ORDER BY due_day, unit, id LIMIT $3";

    public record AtRisk(int total, List<Map<String, Object>> items) {
    }

    private final Pool pool;
    private final DatabaseFailures failures;
    private final V5Tables v5;

    public AtRiskService(Pool pool, DatabaseFailures failures, V5Tables v5) {
        this.pool = pool;
        this.failures = failures;
        this.v5 = v5;
    }

    public Uni<AtRisk> atRisk(List<String> units, LocalDate today, int withinDays, int limit) {
        if (units.isEmpty()) {
            return Uni.createFrom().item(new AtRisk(0, List.of()));
        }
        LocalDate until = today.plusDays(withinDays);
        return v5.feedback().flatMap(withFeedback -> {
            String parts = CASES + (withFeedback ? FEEDBACK : "");
            String sql = "SELECT kind, unit, id, due_day, count(*) OVER () AS total FROM (" + parts + ") x" + PAGE;
            return pool.preparedQuery(sql).execute(Tuple.of(units.toArray(new String[0]), until, limit))
                    .onFailure().transform(failures::map);
        }).map(rows -> {
            List<Map<String, Object>> items = new ArrayList<>();
            int total = 0;
            for (Row r : rows) {
                total = r.getLong("total").intValue();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("unit", r.getString("unit"));
                m.put("case".equals(r.getString("kind")) ? "caseId" : "feedbackId", r.getString("id"));
                LocalDate due = r.getLocalDate("due_day");
                m.put("due", due);
                m.put("daysLeft", ChronoUnit.DAYS.between(today, due));
                items.add(m);
            }
            return new AtRisk(total, items);
        });
    }

    /** {@code P3D}: ISO-8601 days, 0..90; null (absent) is P3D. Throws IllegalArgumentException. */
    public static int withinDays(String text) {
        if (text == null || text.isEmpty()) {
            return 3;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("P(\\d{1,3})D").matcher(text);
        if (m.matches()) {
            int d = Integer.parseInt(m.group(1));
            if (d <= MAX_DAYS) {
                return d;
            }
        }
        throw new IllegalArgumentException("must be an ISO-8601 duration in days from P0D to P" + MAX_DAYS + "D, e.g. P3D");
    }
}
