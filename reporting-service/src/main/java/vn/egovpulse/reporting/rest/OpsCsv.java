package vn.egovpulse.reporting.rest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * CSV of the operators' lists (SPEC 8) with the conventions of {@link Csv}: byte order mark,
 * header row, formula-like text neutralised, numbers untouched. Columns are the keys of the
 * first row (every row of one list has the same keys); an {@code events} list becomes
 * "source id; source id".
 */
final class OpsCsv {
    private OpsCsv() {
    }

    static String rows(List<Map<String, Object>> rows, List<String> columnsWhenEmpty) {
        List<String> columns = rows.isEmpty() ? columnsWhenEmpty : new ArrayList<>(rows.get(0).keySet());
        StringBuilder out = new StringBuilder();
        line(out, new ArrayList<>(columns));
        for (Map<String, Object> r : rows) {
            List<Object> cells = new ArrayList<>();
            for (String c : columns) {
                cells.add(value(r.get(c)));
            }
            line(out, cells);
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static Object value(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Collection<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object o : list) {
                if (o instanceof Map<?, ?> m && m.containsKey("source")) {
                    parts.add(m.get("source") + " " + m.get("id"));
                } else {
                    parts.add(String.valueOf(o));
                }
            }
            return String.join("; ", parts);
        }
        if (v instanceof Boolean || v instanceof java.time.temporal.Temporal) {
            return v.toString(); // plain text that never starts with a formula character
        }
        return v;
    }

    private static void line(StringBuilder out, List<Object> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(Csv.quote(Csv.cell(cells.get(i))));
        }
        out.append("\r\n");
    }
}
