package dev.hindsight.query.repl;

import dev.hindsight.query.ast.FunctionSignature;
import dev.hindsight.query.ast.Functions;
import dev.hindsight.storage.select.Labels;
import java.util.List;
import java.util.Set;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion by context: inside {@code metric{...}} label names of that metric, after
 * {@code label=} (or inside its open quote) that label's values, quoted; inside
 * {@code by (...)}, {@code without}, {@code on}, {@code ignoring} and {@code group_*} label
 * names; inside {@code [...]} common durations; elsewhere functions, aggregations, keywords
 * and metric names.
 */
final class QueryCompleter implements Completer {
    static final List<String> AGGREGATIONS = List.of("sum", "avg", "min", "max", "count", "stddev", "stdvar", "topk",
        "bottomk", "quantile", "count_values", "group", "limitk", "limit_ratio");
    static final List<String> KEYWORDS = List.of("by", "without", "on", "ignoring", "group_left", "group_right", "bool",
        "offset", "and", "or", "unless");
    static final List<String> DURATIONS = List.of("1m", "5m", "15m", "1h", "6h", "1d", "7d");
    private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left",
        "group_right");

    private final CompletionData data;

    QueryCompleter(CompletionData data) {
        this.data = data;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String text = line.line();
        int cursor = line.cursor();
        if (text.strip().startsWith(":")) {
            return;
        }
        int wordStart = cursor - line.wordCursor();
        InputScan scan = InputScan.of(text, wordStart);
        InputScan.Frame top = scan.frames.peek();
        if (top != null && top.open() == '{') {
            String metric = isMetricName(top.before()) ? top.before() : null;
            String inside = text.substring(top.offset() + 1, wordStart).stripTrailing();
            String label = labelBeforeMatchOp(inside);
            if (label != null) {
                char q = line.word().startsWith("'") ? '\'' : '"';
                for (String v : data.labelValues(label, metric)) {
                    candidates.add(candidate(q + escape(v, q) + q, v, "values", false));
                }
            } else {
                for (String n : data.labelNames(metric)) {
                    candidates.add(candidate(n, n, "labels", false));
                }
            }
            return;
        }
        if (top != null && top.open() == '(' && top.before() != null && LABEL_LISTS.contains(top.before())) {
            for (String n : data.labelNames(null)) {
                if (!n.equals(Labels.METRIC_NAME)) {
                    candidates.add(candidate(n, n, "labels", false));
                }
            }
            return;
        }
        if (top != null && top.open() == '[') {
            DURATIONS.forEach(d -> candidates.add(candidate(d, d, "durations", false)));
            return;
        }
        for (FunctionSignature f : Functions.all()) {
            candidates.add(new Candidate(f.name() + "(", f.name(), "functions", null, null, null, false));
        }
        AGGREGATIONS.forEach(a -> candidates.add(candidate(a, a, "aggregations", false)));
        KEYWORDS.forEach(k -> candidates.add(candidate(k, k, "keywords", false)));
        for (String m : data.metricNames()) {
            candidates.add(candidate(m, m, "metrics", false));
        }
    }

    private static Candidate candidate(String value, String display, String group, boolean complete) {
        return new Candidate(value, display, group, null, null, null, complete);
    }

    private static boolean isMetricName(String word) {
        return word != null && !AGGREGATIONS.contains(word) && !KEYWORDS.contains(word)
            && !Character.isDigit(word.charAt(0));
    }

    /** {@code name} when {@code inside} (a matcher list so far) ends with {@code name =}, {@code !=}, {@code =~} or {@code !~}. */
    static String labelBeforeMatchOp(String inside) {
        String s = inside;
        if (s.endsWith("=~") || s.endsWith("!~") || s.endsWith("!=")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("=")) {
            s = s.substring(0, s.length() - 1);
        } else {
            return null;
        }
        return InputScan.identifierBefore(s, s.length());
    }

    private static String escape(String v, char quote) {
        return v.replace("\\", "\\\\").replace(String.valueOf(quote), "\\" + quote).replace("\n", "\\n");
    }
}
