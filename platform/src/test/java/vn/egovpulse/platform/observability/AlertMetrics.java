package vn.egovpulse.platform.observability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names in the expressions of the alerts in deploy/kubernetes (PrometheusRule) whose
 * annotation metrics_from names a service: each service's MetricsExposedTest checks that its part of
 * the rule file, the contract with the operators, is scraped. Read from the module's directory.
 */
public final class AlertMetrics {
    static final Path RULES = Path.of("../deploy/kubernetes/base/observability/prometheus-rules.yaml");
    private static final Set<String> PROMQL = Set.of("sum", "min", "max", "avg", "count", "by", "without", "rate",
            "irate", "increase", "histogram_quantile", "and", "or", "unless", "on", "ignoring", "group_left",
            "group_right", "abs", "absent", "delta", "deriv", "time", "vector", "scalar", "bool", "offset");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private AlertMetrics() {
    }

    /** Metric names of every alert whose metrics_from is {@code service}. */
    public static Set<String> of(String service) throws IOException {
        List<String> lines = Files.readAllLines(RULES);
        Set<String> names = new TreeSet<>();
        String expr = null;
        for (String line : lines) {
            String t = line.trim();
            if (t.startsWith("- alert:")) {
                expr = null;
            } else if (t.startsWith("expr:")) {
                expr = t.substring("expr:".length()).trim();
            } else if (t.startsWith("metrics_from:") && expr != null
                    && t.substring("metrics_from:".length()).trim().equals(service)) {
                names.addAll(names(expr));
            }
        }
        return names;
    }

    /** Identifiers of a PromQL expression that are metric names: no functions, keywords or label names. */
    static Set<String> names(String expr) {
        String e = expr.replaceAll("\\{[^}]*}", " ")          // label matchers
                .replaceAll("\\[[^]]*]", " ")                  // range selectors
                .replaceAll("(by|without|on|ignoring)\\s*\\([^)]*\\)", " ")
                .replaceAll("\"[^\"]*\"", " ");
        Set<String> out = new TreeSet<>();
        Matcher m = NAME.matcher(e);
        while (m.find()) {
            String n = m.group();
            int end = m.end();
            boolean call = end < e.length() && e.substring(end).stripLeading().startsWith("(");
            if (!PROMQL.contains(n) && !call && !n.matches("\\d.*")) {
                out.add(n);
            }
        }
        return out;
    }
}
