package dev.hindsight.query.promqltest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.hindsight.query.QueryException;
import dev.hindsight.query.engine.Engine;
import dev.hindsight.query.engine.EngineLimits;
import dev.hindsight.query.engine.Matrix;
import dev.hindsight.query.engine.QueryResult;
import dev.hindsight.query.engine.Scalar;
import dev.hindsight.query.engine.Value;
import dev.hindsight.query.engine.Vector;
import dev.hindsight.storage.select.InMemorySeriesSource;
import dev.hindsight.storage.select.Labels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;

/**
 * Runs Prometheus's own promqltest scripts against the {@link Engine} over an
 * {@link InMemorySeriesSource}: one dynamic test per {@code eval}, named {@code file:line query}.
 * Cases listed in {@code promqltest/skip.txt} (features Hindsight does not have, chiefly
 * native histograms) and {@code promqltest/known-failures.txt} are reported as skipped.
 */
class PromqlConformanceTest {
    /** Files not run at all, with the reason. */
    static final Map<String, String> SKIPPED_FILES = Map.of(
            "native_histograms.test", "native histograms are not stored by Hindsight",
            "duration_expression.test", "duration expressions (experimental) are not supported by the parser",
            "extended_vectors.test", "anchored/smoothed range selectors (experimental) are not supported",
            "fill-modifier.test", "binary operator fill modifiers (experimental) are not supported",
            "info.test", "the info() function (experimental) is not supported",
            "start_timestamps.test", "start-timestamp storage is not supported",
            "type_and_unit.test", "type-and-unit labels (experimental) are not supported");

    /** skip.txt rule: skip cases whose expected output is written in native-histogram notation. */
    static final String RULE_NATIVE_OUTPUT = "rule:native-histogram-output";
    /** skip.txt rule: skip cases whose query selects a series loaded with native-histogram samples. */
    static final String RULE_NATIVE_INPUT = "rule:native-histogram-input";

    /** Functions whose value depends on the query's own range, so range mode legitimately differs. */
    private static final java.util.regex.Pattern QUERY_RANGE_FUNCTIONS =
            java.util.regex.Pattern.compile("\\b(step|range|start|end)\\s*\\(\\s*\\)");

    private static final Map<String, int[]> COUNTS = new ConcurrentHashMap<>();
    /** How many extra evaluations the range-mode and step-invariance checks ran. */
    private static final java.util.concurrent.atomic.AtomicInteger RANGE_MODE_CHECKS = new java.util.concurrent.atomic.AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicInteger AT_CHECKS = new java.util.concurrent.atomic.AtomicInteger();
    private static final List<String> FAILURES = java.util.Collections.synchronizedList(new ArrayList<>());

    @TestFactory
    Stream<DynamicNode> promqltest() throws IOException {
        String dir = System.getProperty("promqltest.dir", System.getProperty("hindsight.shared.dir") + "/promql-testdata");
        Path folder = Path.of(dir);
        Assumptions.assumeTrue(Files.isDirectory(folder), "promqltest scripts folder not found: " + folder
                + " (set -Dpromqltest.dir); conformance tests skipped");
        SkipList skips = SkipList.load("/promqltest/skip.txt");
        SkipList known = SkipList.load("/promqltest/known-failures.txt");
        List<DynamicNode> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path p : list.filter(f -> f.toString().endsWith(".test")).sorted().toList()) {
                String name = p.getFileName().toString();
                if (SKIPPED_FILES.containsKey(name)) {
                    continue;
                }
                TestScript script = new TestScript(name, Files.readAllLines(p, StandardCharsets.UTF_8));
                files.add(DynamicContainer.dynamicContainer(name, fileTests(script, skips, known)));
            }
        }
        return files.stream();
    }

    private Stream<DynamicNode> fileTests(TestScript script, SkipList skips, SkipList known) {
        ScriptRunner runner = new ScriptRunner(script);
        List<DynamicNode> tests = new ArrayList<>();
        for (int i = 0; i < script.commands.size(); i++) {
            if (script.commands.get(i) instanceof TestScript.Eval e) {
                int index = i;
                String key = script.file + ":" + e.line();
                tests.add(DynamicTest.dynamicTest(key + " " + e.query(), () -> {
                    runner.applyUpTo(index);
                    String skip = skips.reason(key);
                    if (skip == null) {
                        skip = runner.nativeHistogramReason(e, skips);
                    }
                    if (skip != null) {
                        count(script.file, 2);
                        throw new TestAbortedException("skipped: " + skip);
                    }
                    String knownReason = known.reason(key);
                    try {
                        runner.run(e);
                    } catch (AssertionError | RuntimeException ex) {
                        if (knownReason != null) {
                            count(script.file, 2);
                            throw new TestAbortedException("known failure: " + knownReason);
                        }
                        count(script.file, 1);
                        FAILURES.add(key + " " + e.query() + "\n    " + String.valueOf(ex.getMessage()).replace("\n", "\n    "));
                        throw ex;
                    }
                    count(script.file, 0);
                }));
            }
        }
        return tests.stream();
    }

    private static void count(String file, int kind) {
        COUNTS.computeIfAbsent(file, f -> new int[3])[kind]++;
    }

    @AfterAll
    static void summary() {
        int[] total = new int[3];
        StringBuilder per = new StringBuilder();
        new TreeMap<>(COUNTS).forEach((f, c) -> {
            for (int i = 0; i < 3; i++) {
                total[i] += c[i];
            }
            per.append(String.format("  %-28s %4d passed, %4d failed, %4d skipped%n", f, c[0], c[1], c[2]));
        });
        String text = String.format("promqltest: %d passed, %d failed, %d skipped%n%s"
                + "  (passing instant cases were also checked in range mode: %d, and pinned with @ at other times: %d)%n",
                total[0], total[1], total[2], per, RANGE_MODE_CHECKS.get(), AT_CHECKS.get());
        System.out.print(text);
        try {
            Path out = Path.of("target", "promqltest-summary.txt");
            if (Files.isDirectory(out.getParent())) {
                Files.writeString(out, text + "\nFailures:\n" + String.join("\n", FAILURES) + "\n");
            }
        } catch (IOException e) {
            System.out.println("could not write promqltest summary: " + e);
        }
    }

    /** Holds the storage of one script and applies its load/clear commands in order. */
    static final class ScriptRunner {
        private final TestScript script;
        private final InMemorySeriesSource source = new InMemorySeriesSource();
        private final Engine engine = new Engine(source, EngineLimits.DEFAULT);
        private final List<Labels> nativeSeries = new ArrayList<>();
        private int applied;

        ScriptRunner(TestScript script) {
            this.script = script;
        }

        void applyUpTo(int index) {
            for (; applied < index; applied++) {
                TestScript.Command c = script.commands.get(applied);
                if (c instanceof TestScript.Clear) {
                    source.clear();
                    nativeSeries.clear();
                } else if (c instanceof TestScript.Load l) {
                    load(l);
                }
            }
        }

        private void load(TestScript.Load l) {
            for (String line : l.series()) {
                SeriesDescription.Parsed p = SeriesDescription.parse(line);
                if (p.hasHistograms()) {
                    nativeSeries.add(p.labels());
                }
                long t = 0;
                for (SeriesDescription.Point pt : p.points()) {
                    switch (pt.kind()) {
                        case VALUE -> source.add(p.labels(), t, pt.value());
                        case STALE -> source.addStale(p.labels(), t);
                        default -> {
                        }
                    }
                    t += l.intervalMs();
                }
                if (l.withNhcb() && p.labels().metricName().endsWith("_bucket")) {
                    String name = p.labels().metricName();
                    nativeSeries.add(p.labels().without("le").with(Labels.METRIC_NAME,
                            name.substring(0, name.length() - "_bucket".length())));
                }
            }
        }

        /** Why a case needs native histograms, or null. */
        String nativeHistogramReason(TestScript.Eval e, SkipList skips) {
            String output = skips.reason(RULE_NATIVE_OUTPUT);
            if (output != null && e.expected().stream().anyMatch(line -> line.contains("{{"))) {
                return output;
            }
            String input = skips.reason(RULE_NATIVE_INPUT);
            if (input != null && !nativeSeries.isEmpty() && AstSelectors.selectsAny(e.query(), nativeSeries)) {
                return input;
            }
            return null;
        }

        void run(TestScript.Eval e) {
            QueryResult result;
            try {
                result = e.range() ? engine.range(e.query(), e.start(), e.end(), e.step())
                        : engine.instant(e.query(), e.start());
            } catch (QueryException ex) {
                if (!e.expectFail()) {
                    throw new AssertionError("unexpected error: " + ex.kind() + ": " + ex.getMessage(), ex);
                }
                if (e.failMsg() != null) {
                    assertEquals(e.failMsg(), ex.getMessage(), "error message");
                }
                if (e.failRegex() != null) {
                    assertTrue(java.util.regex.Pattern.compile(e.failRegex()).matcher(ex.getMessage()).find(),
                            "error message " + ex.getMessage() + " should match " + e.failRegex());
                }
                return;
            }
            if (e.expectFail()) {
                fail("expected an error, got " + result.value());
            }
            ResultComparator.compare(e, result.value());
            if (!e.range() && !e.ordered() && !QUERY_RANGE_FUNCTIONS.matcher(e.query()).find()
                    && (result.value() instanceof Vector || result.value() instanceof Scalar)) {
                checkRangeMode(e, result.value());
            }
            if (!e.range()) {
                checkStepInvariance(e);
            }
        }

        /**
         * As Prometheus's runner does: with {@code @ t} pinned on every selector, the query must
         * give the same answer whatever time it is evaluated at.
         */
        private void checkStepInvariance(TestScript.Eval e) {
            long t = e.start();
            dev.hindsight.query.ast.Expr pinned =
                    AstSelectors.pinToTime(dev.hindsight.query.parser.QueryParser.parse(e.query()), t);
            if (pinned == null) {
                return;
            }
            String text = pinned.toString();
            AT_CHECKS.incrementAndGet();
            long[] times = t == 0 ? new long[] {-1_000_000, 0, 1_000_000}
                    : new long[] {-10 * t, 0, t / 5, t, 10 * t};
            for (long at : times) {
                QueryResult r;
                try {
                    r = engine.instant(text, at);
                } catch (QueryException ex) {
                    throw new AssertionError("step invariance: " + text + " at " + at + ": " + ex.getMessage(), ex);
                }
                try {
                    ResultComparator.compare(e, r.value());
                } catch (AssertionError err) {
                    throw new AssertionError("step invariance: " + text + " at " + at + ": " + err.getMessage(), err);
                }
            }
        }

        /**
         * As Prometheus's runner does: an instant query must give the same answer as the middle
         * step of a range query from t-1m to t+1m.
         */
        private void checkRangeMode(TestScript.Eval e, Value instant) {
            long t = e.start();
            RANGE_MODE_CHECKS.incrementAndGet();
            Matrix m;
            try {
                m = (Matrix) engine.range(e.query(), t - 60_000, t + 60_000, 60_000).value();
            } catch (QueryException ex) {
                throw new AssertionError("error evaluating in range mode: " + ex.getMessage(), ex);
            }
            List<Vector.Sample> middle = new ArrayList<>();
            for (Matrix.Series s : m.series()) {
                for (int i = 0; i < s.size(); i++) {
                    if (s.timestamps()[i] == t) {
                        middle.add(new Vector.Sample(s.labels(), t, s.values()[i]));
                    }
                }
            }
            Value asInstant = instant instanceof Scalar ? (middle.isEmpty() ? instant : new Scalar(t, middle.get(0).v()))
                    : new Vector(middle);
            try {
                ResultComparator.compare(e, asInstant);
            } catch (AssertionError err) {
                throw new AssertionError("in range mode: " + err.getMessage(), err);
            }
        }
    }

    /** skip.txt / known-failures.txt: {@code file:line reason} or {@code rule:name reason} lines; # comments. */
    record SkipList(Map<String, String> reasons) {
        static SkipList load(String resource) throws IOException {
            Map<String, String> m = new TreeMap<>();
            try (InputStream in = PromqlConformanceTest.class.getResourceAsStream(resource)) {
                if (in != null) {
                    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                        String l = line.trim();
                        if (l.isEmpty() || l.startsWith("#")) {
                            continue;
                        }
                        int sp = l.indexOf(' ');
                        m.put(sp < 0 ? l : l.substring(0, sp), sp < 0 ? "(no reason given)" : l.substring(sp + 1).trim());
                    }
                }
            }
            return new SkipList(m);
        }

        String reason(String key) {
            return reasons.get(key);
        }
    }
}
