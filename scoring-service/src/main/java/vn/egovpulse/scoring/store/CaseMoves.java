package vn.egovpulse.scoring.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.egovpulse.events.Calendar;
import vn.egovpulse.events.Unit;
import vn.egovpulse.platform.units.UnitLineage;
import vn.egovpulse.platform.units.UnitRegistry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SPEC 6, a case moves with the reorganisation: a {@code case.resolved} (or a correction of one)
 * sent with the successor's code, whose caseId is unknown for that unit but known for one of its
 * predecessors, applies to the predecessor's case, which is still counted once. Runs inside the
 * batch's transaction, with one statement each way:
 * <ul>
 *   <li>{@link #before}: before the cases are upserted, the batch's resolved-only case keys whose
 *   (subject, caseId) row does not exist are looked up among the subject's predecessors, and
 *   re-keyed to the predecessor's case;</li>
 *   <li>{@link #after}: the other order (the resolution arrived under the successor first and made
 *   a resolved-only row there; the receipt arrives later under the predecessor): after the upsert,
 *   such rows of the successors of the batch's received cases are merged into the predecessor's
 *   case (its resolved side, when newer) and deleted.</li>
 * </ul>
 * Predecessors come from {@link UnitLineage} (precomputed when the registry changes); batches of
 * units without lineage cost nothing more.
 */
@ApplicationScoped
public class CaseMoves {
    /** $1 subjects, $2 case ids, $3 their predecessors (comma-separated: unit codes hold no comma). */
    static final String FIND_PREDECESSOR_CASES = """
            SELECT DISTINCT ON (k.unit, k.case_id) k.unit, k.case_id, p.unit AS predecessor
            FROM unnest($1::text[], $2::text[], $3::text[]) AS k(unit, case_id, preds)
            JOIN scoring.onestop_case p ON p.case_id = k.case_id AND p.unit = ANY(string_to_array(k.preds, ','))
            WHERE NOT EXISTS (SELECT 1 FROM scoring.onestop_case c WHERE c.unit = k.unit AND c.case_id = k.case_id)
            ORDER BY k.unit, k.case_id, p.received_at IS NULL, p.unit""";

    /** $1 units that received, $2 case ids, $3 their successors (comma-separated). */
    static final String MERGE_SUCCESSOR_RESOLUTIONS = """
            WITH moved AS (
                DELETE FROM scoring.onestop_case s
                USING unnest($1::text[], $2::text[], $3::text[]) AS k(unit, case_id, succs)
                WHERE s.case_id = k.case_id AND s.unit = ANY(string_to_array(k.succs, ','))
                  AND s.received_at IS NULL
                RETURNING k.unit AS target, s.case_id, s.unit AS from_unit, s.resolved_at, s.resolved_day,
                          s.resolved_due_day),
            merged AS (
                UPDATE scoring.onestop_case c SET resolved_at = m.resolved_at, resolved_day = m.resolved_day,
                       resolved_due_day = m.resolved_due_day
                FROM moved m
                WHERE c.unit = m.target AND c.case_id = m.case_id
                  AND (c.resolved_at IS NULL OR m.resolved_at > c.resolved_at)
                RETURNING c.unit)
            SELECT target, from_unit, resolved_day, (SELECT count(*) FROM merged) AS merged FROM moved""";

    /**
     * Serialises the batches that may move the same case: a predecessor's receipt and a successor's
     * resolution live in different partitions, so two consumers can store them at the same moment,
     * each without seeing the other's row, and leave two cases. Under this transaction lock (one per
     * caseId, taken in order) the second one sees the first one's committed row and moves or merges it.
     */
    static final String LOCK_CASE_IDS = """
            SELECT pg_advisory_xact_lock(hashtext('egov-case-move:' || c))
            FROM (SELECT DISTINCT c FROM unnest($1::text[]) AS c ORDER BY c) ids""";

    private final UnitRegistry registry;
    private final UnitLineage lineage;

    public CaseMoves(UnitRegistry registry, UnitLineage lineage) {
        this.registry = registry;
        this.lineage = lineage;
    }

    /** Re-keys the batch's resolutions sent with a successor's code to the predecessor's case. */
    Uni<Void> before(SqlConnection conn, BatchFacts facts) {
        List<String> units = new ArrayList<>(), caseIds = new ArrayList<>(), preds = new ArrayList<>();
        for (Map.Entry<BatchFacts.CaseKey, BatchFacts.CaseFacts> e : List.copyOf(facts.cases.entrySet())) {
            BatchFacts.CaseKey key = e.getKey();
            if (e.getValue().received != null) {
                continue;
            }
            List<String> p = lineage.predecessors(key.unit());
            if (p.isEmpty()) {
                continue;
            }
            // Received under a predecessor in this very batch: join it here.
            String inBatch = p.stream().filter(u -> {
                BatchFacts.CaseFacts c = facts.cases.get(new BatchFacts.CaseKey(u, key.caseId()));
                return c != null && c.received != null;
            }).findFirst().orElse(null);
            if (inBatch != null) {
                move(facts, key, new BatchFacts.CaseKey(inBatch, key.caseId()));
                continue;
            }
            units.add(key.unit());
            caseIds.add(key.caseId());
            preds.add(String.join(",", p));
        }
        if (units.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return lock(conn, caseIds).chain(() -> conn.preparedQuery(FIND_PREDECESSOR_CASES)
                .execute(Tuple.of(units.toArray(new String[0]), caseIds.toArray(new String[0]), preds.toArray(new String[0])))
                .invoke(rows -> {
                    for (Row r : rows) {
                        move(facts, new BatchFacts.CaseKey(r.getString(0), r.getString(1)),
                                new BatchFacts.CaseKey(r.getString(2), r.getString(1)));
                    }
                })).replaceWithVoid();
    }

    /** Merges resolutions stored under a successor before the predecessor's receipt arrived. */
    Uni<Void> after(SqlConnection conn, BatchFacts facts) {
        List<String> units = new ArrayList<>(), caseIds = new ArrayList<>(), succs = new ArrayList<>();
        for (Map.Entry<BatchFacts.CaseKey, BatchFacts.CaseFacts> e : facts.cases.entrySet()) {
            BatchFacts.CaseFacts c = e.getValue();
            Unit u = c.received == null ? null : registry.get(e.getKey().unit());
            if (u == null || u.successor() == null) {
                continue;
            }
            // Resolved in this very batch while the unit still existed (as in every replay of the
            // years before a merger): its successor took over later and cannot have resolved it.
            // Skipping these keeps the step off the hot path of old data.
            if (c.resolvedAt != null && u.validTo() != null && !Calendar.localDate(c.resolvedAt).isAfter(u.validTo())) {
                continue;
            }
            List<String> chain = successors(e.getKey().unit());
            if (!chain.isEmpty()) {
                units.add(e.getKey().unit());
                caseIds.add(e.getKey().caseId());
                succs.add(String.join(",", chain));
            }
        }
        if (units.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return lock(conn, caseIds).chain(() -> conn.preparedQuery(MERGE_SUCCESSOR_RESOLUTIONS)
                .execute(Tuple.of(units.toArray(new String[0]), caseIds.toArray(new String[0]), succs.toArray(new String[0])))
                .invoke(rows -> {
                    for (Row r : rows) {
                        // Both units' readings change: the resolution leaves one and joins the other.
                        facts.touch(r.getString("target"), r.getLocalDate("resolved_day"));
                        facts.touch(r.getString("from_unit"), r.getLocalDate("resolved_day"));
                    }
                })).replaceWithVoid();
    }

    private static Uni<Void> lock(SqlConnection conn, List<String> caseIds) {
        return conn.preparedQuery(LOCK_CASE_IDS).execute(Tuple.of(caseIds.toArray(new String[0]))).replaceWithVoid();
    }

    /** The successor chain of {@code code} (bounded: the registry refuses cycles). */
    private List<String> successors(String code) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Unit u = registry.get(code);
        while (u != null && u.successor() != null && seen.add(u.successor()) && out.size() < 100) {
            out.add(u.successor());
            u = registry.get(u.successor());
        }
        return out;
    }

    /** The resolution of {@code from} now belongs to the case {@code to} (the later one wins, as everywhere). */
    private static void move(BatchFacts facts, BatchFacts.CaseKey from, BatchFacts.CaseKey to) {
        BatchFacts.CaseFacts moving = facts.cases.remove(from);
        if (moving == null) {
            return;
        }
        BatchFacts.CaseFacts into = facts.cases.get(to);
        if (into == null) {
            facts.cases.put(to, moving);
        } else if (into.resolvedAt == null || (moving.resolvedAt != null && moving.resolvedAt.isAfter(into.resolvedAt))) {
            into.resolvedAt = moving.resolvedAt;
            into.resolved = moving.resolved;
        }
        if (moving.resolvedAt != null) {
            facts.touch(to.unit(), Calendar.localDate(moving.resolvedAt));
        }
    }
}
