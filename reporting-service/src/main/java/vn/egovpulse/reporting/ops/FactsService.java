package vn.egovpulse.reporting.ops;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.egovpulse.events.Unit;
import vn.egovpulse.platform.rest.ProblemException;
import vn.egovpulse.platform.units.UnitLineage;
import vn.egovpulse.reporting.ops.ItemDefs.Def;
import vn.egovpulse.reporting.ops.ItemDefs.Kind;
import vn.egovpulse.reporting.rankings.IndicatorService;
import vn.egovpulse.reporting.rankings.Period;
import vn.egovpulse.reporting.rankings.RankingService;
import vn.egovpulse.reporting.rankings.Views;
import vn.egovpulse.reporting.store.DatabaseFailures;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SPEC 8, the items behind a number: the cases, documents, meetings, feedback or assessment
 * records one indicator of one unit (as restructured: with its predecessors) counts in a period,
 * page by page, each with whether it is in the numerator and the events that made it.
 */
@ApplicationScoped
public class FactsService {
    public static final int MAX_LIMIT = 1000;

    /** One page: the indicator's totals (as /indicators answers them), the items, the next cursor. */
    public record Page(String unit, String indicator, Views.PeriodView period, Number value, long numerator,
                       Long denominator, Kind kind, List<Map<String, Object>> items, String next) {
    }

    private final Pool pool;
    private final DatabaseFailures failures;
    private final IndicatorService indicators;
    private final UnitLineage lineage;

    public FactsService(Pool pool, DatabaseFailures failures, IndicatorService indicators, UnitLineage lineage) {
        this.pool = pool;
        this.failures = failures;
        this.indicators = indicators;
        this.lineage = lineage;
    }

    public Uni<Page> page(Unit unit, Def def, Period period, String outcome, int limit, Cursor cursor) {
        LocalDate today = RankingService.today();
        List<String> units = new ArrayList<>();
        units.add(unit.code());
        units.addAll(lineage.predecessors(unit.code()));
        units.sort(null);
        return indicators.unitIndicators(unit, period, true).flatMap(totals -> {
            Views.IndicatorView total = totals.indicators().get(def.key());
            if (total == null && def.kind() != Kind.ASSESSMENT) {
                throw ProblemException.badRequest("indicator", "'" + def.key() + "' is not computed by this service");
            }
            Uni<List<Map<String, Object>>> rows = total == null
                    ? Uni.createFrom().item(new ArrayList<>()) // no records of that assessed indicator (or none at all yet)
                    : collect(units, def, period, period.end(today), outcome, limit + 1, cursor, new ArrayList<>());
            return rows.flatMap(items -> withEvents(def.kind(), items, units)).map(items -> {
                String next = null;
                if (items.size() > limit) {
                    items = items.subList(0, limit);
                    next = cursorOf(def.kind(), items.get(limit - 1)).encode();
                }
                items.forEach(i -> i.remove("_key"));
                return new Page(unit.code(), def.key(), Views.PeriodView.of(period),
                        total == null ? null : total.value(), total == null ? 0 : total.numerator(),
                        total == null ? null : total.denominator(), def.kind(), items, next);
            });
        });
    }

    /** Fills {@code out} up to {@code wanted} items, unit after unit from the cursor's. */
    private Uni<List<Map<String, Object>>> collect(List<String> units, Def def, Period period, LocalDate end,
                                                   String outcome, int wanted, Cursor cursor,
                                                   List<Map<String, Object>> out) {
        int start = 0;
        if (cursor != null) {
            start = units.indexOf(cursor.unit());
            if (start < 0) { // a unit no longer in the lineage: continue with the next code after it
                start = (int) units.stream().filter(u -> u.compareTo(cursor.unit()) < 0).count();
                return collectFrom(units, start, def, period, end, outcome, wanted, null, out);
            }
        }
        return collectFrom(units, start, def, period, end, outcome, wanted, cursor, out);
    }

    private Uni<List<Map<String, Object>>> collectFrom(List<String> units, int index, Def def, Period period, LocalDate end,
                                                       String outcome, int wanted, Cursor after,
                                                       List<Map<String, Object>> out) {
        if (index >= units.size() || out.size() >= wanted) {
            return Uni.createFrom().item(out);
        }
        String unit = units.get(index);
        return query(unit, def, period, end, outcome, wanted - out.size(), after).flatMap(rows -> {
            for (Row r : rows) {
                out.add(item(def, r));
            }
            return collectFrom(units, index + 1, def, period, end, outcome, wanted, null, out);
        });
    }

    private Uni<RowSet<Row>> query(String unit, Def def, Period period, LocalDate end, String outcome, int limit, Cursor after) {
        String where = def.where().replace("$F", "$2").replace("$T", "$3").replace("$E", "$4");
        String num = def.numerator().replace("$F", "$2").replace("$T", "$3").replace("$E", "$4");
        String outcomeSql = ItemDefs.OUTCOME.replace("$E", "$4");
        String sql;
        Tuple args;
        switch (def.kind()) {
            case CASE, FEEDBACK -> {
                boolean isCase = def.kind() == Kind.CASE;
                String id = isCase ? "case_id" : "feedback_id";
                sql = "SELECT c.unit, c." + id + " AS item_id, c.received_day, c.due_day, c.resolved_day, "
                        + (isCase ? "c.channel, c.online_level, " : "c.satisfied, ")
                        + "coalesce((" + num + "), false) AS in_num, " + outcomeSql + " AS outcome"
                        + " FROM scoring." + (isCase ? "onestop_case" : "feedback") + " c"
                        + " WHERE c.unit = $1 AND (" + where + ") AND c." + id + " > $5"
                        + " AND ($6::text IS NULL OR " + outcomeSql + " = $6)"
                        + " ORDER BY c." + id + " LIMIT $7";
                args = Tuple.tuple(java.util.Arrays.asList(unit, period.from(), period.to(), end,
                        after == null ? "" : after.k1(), outcome, limit));
            }
            case DOC, MEETING -> {
                boolean isDoc = def.kind() == Kind.DOC;
                sql = "SELECT c.*, coalesce((" + num + "), false) AS in_num FROM scoring." + (isDoc ? "doc_item" : "meeting_item") + " c"
                        + " WHERE c.unit = $1 AND c.day BETWEEN $2 AND $3 AND (" + where + ") AND $4::date IS NOT NULL"
                        + " AND (c.day, c.source, c.id) > ($5::date, $6, $7)"
                        + " ORDER BY c.day, c.source, c.id LIMIT $8";
                args = Tuple.tuple(List.of(unit, period.from(), period.to(), end,
                        after == null ? period.from().minusDays(1) : LocalDate.parse(after.k1()),
                        after == null ? "" : after.k2(), after == null ? "" : after.k3(), limit));
            }
            default -> { // ASSESSMENT
                sql = "SELECT c.*, true AS in_num FROM scoring.assessment c WHERE c.unit = $1 AND c.indicator = $5"
                        + " AND c.period_from >= $2 AND c.period_to <= $3 AND $4::date IS NOT NULL AND c.period > $6"
                        + " ORDER BY c.period LIMIT $7";
                args = Tuple.tuple(List.of(unit, period.from(), period.to(), end, def.key(),
                        after == null ? "" : after.k1(), limit));
            }
        }
        return pool.preparedQuery(sql).execute(args).onFailure().transform(failures::map);
    }

    private static Map<String, Object> item(Def def, Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        String unit = r.getString("unit");
        switch (def.kind()) {
            case CASE, FEEDBACK -> {
                boolean isCase = def.kind() == Kind.CASE;
                m.put(isCase ? "caseId" : "feedbackId", r.getString("item_id"));
                m.put("unit", unit);
                m.put("received", r.getLocalDate("received_day"));
                m.put("due", r.getLocalDate("due_day"));
                m.put("resolved", r.getLocalDate("resolved_day"));
                if (isCase) {
                    m.put("channel", r.getString("channel"));
                    m.put("onlineLevel", r.getValue("online_level") == null ? null : r.getInteger("online_level"));
                } else {
                    m.put("satisfied", r.getBoolean("satisfied"));
                }
                m.put("outcome", r.getString("outcome"));
                m.put("_key", List.of(unit, r.getString("item_id"), "", ""));
            }
            case DOC -> {
                m.put("documentId", r.getString("document_id"));
                m.put("unit", unit);
                m.put("day", r.getLocalDate("day"));
                m.put("direction", r.getBoolean("issued") ? "ISSUED" : "RECEIVED");
                if (r.getBoolean("issued")) {
                    m.put("confidential", r.getBoolean("confidential"));
                    m.put("electronic", r.getBoolean("electronic"));
                    m.put("signedByOrganization", r.getBoolean("signed_org"));
                    m.put("signedByLeader", r.getBoolean("signed_leader"));
                    m.put("viaNationalAxis", r.getBoolean("via_axis"));
                } else {
                    m.put("electronic", r.getBoolean("electronic"));
                    m.put("processedOnline", r.getBoolean("processed_online"));
                }
                m.put("_key", List.of(unit, r.getLocalDate("day").toString(), r.getString("source"), r.getString("id")));
            }
            case MEETING -> {
                m.put("meetingId", r.getString("meeting_id"));
                m.put("unit", unit);
                m.put("day", r.getLocalDate("day"));
                m.put("durationMinutes", r.getInteger("duration_minutes"));
                m.put("endpoints", r.getInteger("endpoints"));
                m.put("participants", r.getInteger("participants"));
                m.put("lowestTier", r.getString("lowest_tier"));
                m.put("_key", List.of(unit, r.getLocalDate("day").toString(), r.getString("source"), r.getString("id")));
            }
            default -> {
                m.put("indicator", r.getString("indicator"));
                m.put("unit", unit);
                m.put("period", r.getString("period"));
                m.put("from", r.getLocalDate("period_from"));
                m.put("to", r.getLocalDate("period_to"));
                m.put("numerator", r.getLong("numerator"));
                m.put("denominator", r.getValue("denominator") == null ? null : r.getLong("denominator"));
                m.put("note", r.getString("note"));
                m.put("recordedAt", r.getOffsetDateTime("recorded_at"));
                m.put("_key", List.of(unit, r.getString("period"), "", ""));
            }
        }
        m.put("inNumerator", r.getBoolean("in_num"));
        if (def.kind() == Kind.DOC || def.kind() == Kind.MEETING) {
            m.put("events", List.of(Map.of("source", r.getString("source"), "id", r.getString("id"))));
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Cursor cursorOf(Kind kind, Map<String, Object> item) {
        List<String> k = (List<String>) item.get("_key");
        return kind == Kind.DOC || kind == Kind.MEETING ? new Cursor(kind, k.get(0), k.get(1), k.get(2), k.get(3))
                : new Cursor(kind, k.get(0), k.get(1), "", "");
    }

    /**
     * The source and id of every event behind the page's cases, feedback or assessment records. An
     * event recorded under another unit of the lineage for the same id (a case that moved with the
     * reorganisation, SPEC 6: its resolution sent by the successor) belongs to the item too, unless
     * that unit has an item of the same id on this page.
     */
    @SuppressWarnings("unchecked")
    private Uni<List<Map<String, Object>>> withEvents(Kind kind, List<Map<String, Object>> items, List<String> lineageUnits) {
        if (items.isEmpty() || kind == Kind.DOC || kind == Kind.MEETING) {
            return Uni.createFrom().item(items);
        }
        Map<List<String>, List<Map<String, String>>> exact = new HashMap<>();
        Map<String, List<List<Map<String, String>>>> byId = new HashMap<>();
        List<String> ids = new ArrayList<>();
        for (Map<String, Object> item : items) {
            List<String> k = (List<String>) item.get("_key");
            String id = kind == Kind.ASSESSMENT ? item.get("indicator") + "|" + k.get(1) : k.get(1);
            List<Map<String, String>> list = new ArrayList<>();
            exact.put(List.of(k.get(0), id), list);
            byId.computeIfAbsent(id, x -> new ArrayList<>()).add(list);
            ids.add(id);
            item.put("events", list);
        }
        String sql = "SELECT unit, item_id, source, id FROM scoring.item_event"
                + " WHERE unit = ANY($2) AND item_id = ANY($3) AND kind = $1 ORDER BY time, source, id";
        return pool.preparedQuery(sql).execute(Tuple.of(kind.name().toLowerCase(), lineageUnits.toArray(new String[0]),
                        ids.toArray(new String[0])))
                .onFailure().transform(failures::map)
                .map(rows -> {
                    for (Row r : rows) {
                        Map<String, String> e = Map.of("source", r.getString(2), "id", r.getString(3));
                        List<Map<String, String>> list = exact.get(List.of(r.getString(0), r.getString(1)));
                        if (list != null) {
                            list.add(e);
                        } else {
                            byId.getOrDefault(r.getString(1), List.of()).forEach(l -> l.add(e));
                        }
                    }
                    return items;
                });
    }
}
