package dev.hindsight.query.parser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads the queries of the {@code eval} commands of Prometheus's promqltest scripts. */
final class ConformanceQueries {

    /** Scripts for native histograms and experimental syntax this engine does not support. */
    static final Set<String> SKIPPED_FILES = Set.of("native_histograms.test", "duration_expression.test",
            "extended_vectors.test", "fill-modifier.test", "info.test", "start_timestamps.test",
            "type_and_unit.test");

    private static final Pattern EVAL = Pattern.compile(
            "^\\s*(eval(?:_[a-z]+)?)\\s+(?:instant\\s+at\\s+\\S+|range\\s+from\\s+\\S+\\s+to\\s+\\S+\\s+step\\s+\\S+)\\s+(.*)$");

    /** One {@code eval} query: where it is, its text, and whether the script expects it to fail. */
    record Query(String file, int line, String text, boolean expectFail) {
        @Override
        public String toString() {
            return file + ":" + line + " " + text;
        }
    }

    private ConformanceQueries() {
    }

    static Path dir() {
        return Path.of(System.getProperty("promqltest.dir",
                System.getProperty("hindsight.shared.dir", "../../shared") + "/promql-testdata"));
    }

    static List<Path> scripts() throws IOException {
        try (Stream<Path> s = Files.list(dir())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".test"))
                    .filter(p -> !SKIPPED_FILES.contains(p.getFileName().toString()))
                    .sorted().toList();
        }
    }

    static List<Query> read(Path script) throws IOException {
        List<String> lines = Files.readAllLines(script, StandardCharsets.UTF_8);
        List<Query> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = EVAL.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            boolean fail = m.group(1).equals("eval_fail");
            for (int j = i + 1; j < lines.size(); j++) {
                String next = lines.get(j).trim();
                if (next.isEmpty() || next.startsWith("eval") || next.startsWith("load") || next.startsWith("clear")) {
                    break;
                }
                if (next.startsWith("expect fail")) {
                    fail = true;
                }
            }
            out.add(new Query(script.getFileName().toString(), i + 1, m.group(2).trim(), fail));
        }
        return out;
    }
}
