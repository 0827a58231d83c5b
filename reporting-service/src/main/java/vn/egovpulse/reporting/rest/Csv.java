package vn.egovpulse.reporting.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import vn.egovpulse.events.Counts;
import vn.egovpulse.reporting.rankings.Views;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CSV forms of rankings and indicators (RFC 4180, UTF-8, header row), made for spreadsheets:
 * <ul>
 *   <li>a UTF-8 byte order mark first, without which Excel reads the Vietnamese names as Windows-1252;</li>
 *   <li>text cells (codes, names, indicator keys, headers) beginning with {@code = + - @}, tab or CR
 *   get a leading {@code '}, so a spreadsheet shows them as text instead of running them as a formula
 *   (CSV injection; unit names come from the registry, which anyone with an admin token can write).
 *   Number cells are never changed: a negative number stays a number;</li>
 *   <li>sent as a download: {@code Content-Disposition: attachment}.</li>
 * </ul>
 */
final class Csv {
    static final String MEDIA_TYPE = "text/csv; charset=UTF-8";
    static final String BOM = "\uFEFF";
    private static final MediaType CSV = new MediaType("text", "csv");

    private Csv() {
    }

    /**
     * True when the client prefers CSV: {@code format=csv}, or an Accept header whose
     * best-ranked acceptable type is text/csv (JSON stays the default for * / *).
     */
    static boolean wanted(HttpHeaders headers, String format) {
        if (format != null) {
            return "csv".equalsIgnoreCase(format);
        }
        for (MediaType t : headers.getAcceptableMediaTypes()) { // sorted by preference
            if (t.isCompatible(CSV) && !t.isWildcardType()) {
                return true;
            }
            if (t.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return false;
    }

    static Response response(String body, String filename) {
        // The name carries codes and the period label: keep it to characters safe in a header and a file system.
        String safe = filename.replaceAll("[^A-Za-z0-9._-]", "_");
        return Response.ok(BOM + body, MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + safe + "\"").build();
    }

    static String ranking(Views.Ranking r) {
        List<String> groups = new ArrayList<>();
        Views.Entry first = !r.entries().isEmpty() ? r.entries().get(0) : !r.unranked().isEmpty() ? r.unranked().get(0) : null;
        if (first != null) {
            groups.addAll(first.groups().keySet());
        }
        // The fixed keys, then every assessed.* key any entry has (sorted): one column set for all rows.
        List<String> keys = new ArrayList<>(Counts.KEYS);
        java.util.SortedSet<String> assessed = new java.util.TreeSet<>();
        for (Views.Entry e : r.entries()) {
            e.indicators().keySet().stream().filter(k -> !Counts.KEYS.contains(k)).forEach(assessed::add);
        }
        for (Views.Entry e : r.unranked()) {
            e.indicators().keySet().stream().filter(k -> !Counts.KEYS.contains(k)).forEach(assessed::add);
        }
        keys.addAll(assessed);
        StringBuilder out = new StringBuilder();
        List<Object> header = new ArrayList<>(List.of("rank", "code", "name", "score"));
        header.addAll(groups);
        for (String k : keys) {
            header.addAll(List.of(k + ".value", k + ".numerator", k + ".denominator", k + ".points"));
        }
        // SPEC 6: the structure date, as a last column so that v1 readers of the columns before it are unaffected.
        header.add("structure");
        row(out, header);
        List<Views.Entry> all = new ArrayList<>(r.entries());
        all.addAll(r.unranked());
        for (Views.Entry e : all) {
            List<Object> cells = new ArrayList<>(List.of(n(e.rank()), e.unit().code(), e.unit().name(), n(e.score())));
            groups.forEach(g -> cells.add(n(e.groups().get(g))));
            for (String k : keys) {
                Views.ScoredIndicator i = e.indicators().get(k);
                if (i == null) { // an assessed.* key this unit has no record for
                    cells.addAll(List.of("", "", "", ""));
                    continue;
                }
                cells.addAll(List.of(n(i.value()), i.numerator(), n(i.denominator()), n(i.points())));
            }
            cells.add(String.valueOf(r.structure()));
            row(out, cells);
        }
        return out.toString();
    }

    /** code,name, then per set <id>.rank,<id>.score,<id>.band, then rankMove. */
    static String comparison(vn.egovpulse.reporting.rankings.Comparison.Compared c) {
        StringBuilder out = new StringBuilder();
        List<Object> header = new ArrayList<>(List.of("code", "name"));
        c.criteria().forEach(s -> header.addAll(List.of(s.id() + ".rank", s.id() + ".score", s.id() + ".band")));
        header.add("rankMove");
        row(out, header);
        for (var e : c.entries()) {
            List<Object> cells = new ArrayList<>(List.of(e.unit().code(), e.unit().name()));
            e.results().forEach(r -> cells.addAll(List.of(n(r.rank()), n(r.score()), n(r.band()))));
            cells.add(n(e.rankMove()));
            row(out, cells);
        }
        return out.toString();
    }

    static String indicators(String unit, Map<String, Views.IndicatorView> indicators) {
        StringBuilder out = new StringBuilder();
        row(out, List.of("unit", "indicator", "value", "numerator", "denominator"));
        indicators.forEach((k, i) -> row(out, List.of(unit, k, n(i.value()), i.numerator(), n(i.denominator()))));
        return out.toString();
    }

    /** A province aggregate: the same rows with the structure date (SPEC 6) as a last column. */
    static String indicators(String unit, Map<String, Views.IndicatorView> indicators, java.time.LocalDate structure) {
        StringBuilder out = new StringBuilder();
        row(out, List.of("unit", "indicator", "value", "numerator", "denominator", "structure"));
        indicators.forEach((k, i) -> row(out, List.of(unit, k, n(i.value()), i.numerator(), n(i.denominator()),
                String.valueOf(structure))));
        return out.toString();
    }

    /** Empty for null; numbers stay numbers (see {@link #cell}). */
    private static Object n(Object v) {
        return v == null ? "" : v;
    }

    private static void row(StringBuilder out, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(cell(cells.get(i))));
        }
        out.append("\r\n");
    }

    /** A number as written (decimals in plain notation: 0.0005, never 5.0E-4); text neutralised. */
    static String cell(Object v) {
        if (v instanceof Double d) {
            return java.math.BigDecimal.valueOf(d).toPlainString();
        }
        if (v instanceof Number) {
            return v.toString();
        }
        return neutralise(String.valueOf(v));
    }

    /** A text cell a spreadsheet would take for a formula gets a leading quote. */
    static String neutralise(String s) {
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            return "'" + s;
        }
        return s;
    }

    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
