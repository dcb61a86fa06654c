package dev.hindsight.server.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Random and mutated PromQL: the expressions of the conformance scripts' {@code eval} lines,
 * mutated at the character and token level (deleted, inserted, swapped, duplicated, spliced,
 * truncated, extreme numbers and durations), and expressions built from a small grammar over
 * the metric names the test store really has. Deterministic for a seed.
 */
final class PromqlGenerator {
    private static final Pattern EVAL = Pattern.compile(
        "^eval(?:_fail|_ordered|_warn|_info)?\\s+(?:instant\\s+at\\s+\\S+|range\\s+from\\s+\\S+\\s+to\\s+\\S+\\s+step\\s+\\S+)"
            + "(?:\\s+expect\\s+\\S+(?:\\s+\\S+)?)?\\s+(.+)$");
    private static final String[] METRICS = {"container_cpu_usage_seconds_total", "container_memory_usage_bytes",
        "container_memory_working_set_bytes", "container_network_receive_bytes_total", "container_processes",
        "container_spec_memory_limit_bytes", "container_fs_reads_bytes_total", "up", "nonexistent_metric"};
    private static final String[] LABELS = {"id", "name", "image", "container_label_team", "interface", "__name__", "job"};
    private static final String[] RANGE_FUNCS = {"rate", "irate", "increase", "delta", "idelta", "deriv",
        "avg_over_time", "min_over_time", "max_over_time", "sum_over_time", "count_over_time", "stddev_over_time",
        "last_over_time", "present_over_time", "changes", "resets", "absent_over_time", "quantile_over_time",
        "predict_linear", "holt_winters", "double_exponential_smoothing", "mad_over_time", "first_over_time"};
    private static final String[] FUNCS = {"abs", "ceil", "floor", "exp", "ln", "log2", "sqrt", "round", "sgn",
        "timestamp", "absent", "scalar", "vector", "sort", "sort_desc", "clamp_min", "clamp", "histogram_quantile",
        "label_replace", "label_join", "time", "day_of_week", "minute", "sin", "acos", "deg", "sort_by_label"};
    private static final String[] AGGS = {"sum", "avg", "min", "max", "count", "stddev", "stdvar", "group",
        "topk", "bottomk", "quantile", "count_values", "limitk", "limit_ratio"};
    private static final String[] BINOPS = {"+", "-", "*", "/", "%", "^", "==", "!=", ">", "<", ">=", "<=",
        "and", "or", "unless", "atan2", "== bool", "> bool"};
    private static final String[] DURATIONS = {"1s", "5s", "1m", "5m", "1h", "1d", "100y", "0s", "1ms", "1h30m",
        "999999999999y", "-5m", "1.5m", "5", "1e3s", "1m1m"};
    private static final String[] NUMBERS = {"0", "1", "-1", "1e308", "-1e308", "1e-308", "NaN", "Inf", "-Inf",
        "0x7fffffffffffffff", "99999999999999999999999", "0.0000001", "1_000", "+0", "-0", "3.14", ".5", "5."};
    private static final String TOKENS = "(){}[]\"'`,=~!+-*/%^<>@:;. \n\t\\0123456789aZ_";
    private static final String[] WORDS = {" by ", " without ", " on ", " ignoring ", " group_left ", " group_right ",
        " offset ", " @ ", " bool ", " start() ", " end() ", "[", "]", "{", "}", "(", ")", "\"", "=~", "!~", ":",
        "[5m:1m]", " offset -1h", " @ 0", " @ 1e300", "{__name__=~\".+\"}", "\u00e9", "\u0000", "\uD83D\uDE00"};

    private final Random random;
    private final List<String> corpus;

    PromqlGenerator(long seed, List<String> corpus) {
        this.random = new Random(seed);
        this.corpus = corpus;
    }

    /** The expressions of every {@code eval} line of the {@code *.test} files in {@code dir}. */
    static List<String> corpus(Path dir) {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".test")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    Matcher m = EVAL.matcher(line.strip());
                    if (m.matches()) {
                        out.add(m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The next query: a corpus expression (half mutated), a grammar expression (half mutated), or a splice. */
    String next() {
        int kind = random.nextInt(10);
        String q;
        if (kind < 4 && !corpus.isEmpty()) {
            q = pick(corpus);
        } else if (kind < 9) {
            q = expr(0);
        } else {
            q = splice(corpus.isEmpty() ? expr(0) : pick(corpus), expr(0));
        }
        int mutations = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            q = mutate(q);
        }
        return q;
    }

    String expr(int depth) {
        int choice = depth > 4 ? random.nextInt(3) : random.nextInt(13);
        return switch (choice) {
            case 0 -> selector();
            case 1 -> pick(NUMBERS);
            case 2 -> "\"" + pick(LABELS) + "\"";
            case 3, 4 -> pick(RANGE_FUNCS) + "(" + rangeArg(depth) + ")";
            case 5 -> pick(FUNCS) + "(" + expr(depth + 1) + (random.nextBoolean() ? ", " + expr(depth + 1) : "") + ")";
            case 6, 7 -> pick(AGGS) + grouping() + "(" + (random.nextInt(3) == 0 ? pick(NUMBERS) + ", " : "")
                + expr(depth + 1) + ")" + (random.nextInt(4) == 0 ? grouping() : "");
            case 8, 9 -> expr(depth + 1) + " " + pick(BINOPS) + matching() + " " + expr(depth + 1);
            case 10 -> "(" + expr(depth + 1) + ")";
            case 11 -> "-" + expr(depth + 1);
            default -> "(" + expr(depth + 1) + ")[" + pick(DURATIONS) + ":" + (random.nextBoolean() ? pick(DURATIONS) : "")
                + "]" + modifiers();
        };
    }

    private String rangeArg(int depth) {
        String base = random.nextInt(4) == 0 ? "(" + expr(depth + 1) + ")[" + pick(DURATIONS) + ":]"
            : selector() + "[" + pick(DURATIONS) + "]" + modifiers();
        return random.nextInt(5) == 0 ? pick(NUMBERS) + ", " + base : base;
    }

    private String selector() {
        StringBuilder s = new StringBuilder(random.nextInt(8) == 0 ? "" : pick(METRICS));
        if (s.isEmpty() || random.nextBoolean()) {
            s.append('{');
            int n = s.length() == 1 ? 1 + random.nextInt(2) : random.nextInt(3);
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    s.append(',');
                }
                s.append(pick(LABELS)).append(pick(new String[] {"=", "!=", "=~", "!~"})).append('"')
                    .append(pick(new String[] {"", ".*", ".+", "/docker/.*", "app1", "eth0", "(", "[a-", "\\\\d"}))
                    .append('"');
            }
            s.append('}');
        }
        return s + modifiers();
    }

    private String modifiers() {
        return switch (random.nextInt(8)) {
            case 0 -> " offset " + pick(DURATIONS);
            case 1 -> " @ " + pick(new String[] {"start()", "end()", "0", "1e10", "-1", "NaN"});
            default -> "";
        };
    }

    private String grouping() {
        return switch (random.nextInt(4)) {
            case 0 -> " by (" + pick(LABELS) + ") ";
            case 1 -> " without (" + pick(LABELS) + ", " + pick(LABELS) + ") ";
            default -> "";
        };
    }

    private String matching() {
        return switch (random.nextInt(6)) {
            case 0 -> " on(" + pick(LABELS) + ")";
            case 1 -> " ignoring(" + pick(LABELS) + ") group_left(" + pick(LABELS) + ")";
            case 2 -> " on() group_right";
            default -> "";
        };
    }

    String mutate(String q) {
        if (q.isEmpty()) {
            return pick(WORDS);
        }
        int i = random.nextInt(q.length());
        int j = i + random.nextInt(Math.min(8, q.length() - i)) + 1;
        return switch (random.nextInt(9)) {
            case 0 -> q.substring(0, i) + q.substring(Math.min(j, q.length()));
            case 1 -> q.substring(0, i) + TOKENS.charAt(random.nextInt(TOKENS.length())) + q.substring(i);
            case 2 -> q.substring(0, i) + pick(WORDS) + q.substring(i);
            case 3 -> q.substring(0, i);
            case 4 -> q.substring(0, j) + q.substring(i, j) + q.substring(j);
            case 5 -> q.replaceFirst("\\b\\d+(?:\\.\\d+)?\\b", pick(NUMBERS).replace("\\", "\\\\").replace("$", "\\$"));
            case 6 -> q.replaceFirst("\\b\\d+[smhdwy]\\b", pick(DURATIONS));
            case 7 -> splice(q, expr(3));
            default -> {
                char[] c = q.toCharArray();
                int k = random.nextInt(c.length);
                char t = c[i];
                c[i] = c[k];
                c[k] = t;
                yield new String(c);
            }
        };
    }

    private String splice(String a, String b) {
        int i = random.nextInt(a.length() + 1);
        int j = random.nextInt(b.length() + 1);
        return a.substring(0, i) + b.substring(j);
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }

    private String pick(List<String> options) {
        return options.get(random.nextInt(options.size()));
    }
}
