package dev.hindsight.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A markdown table of a JMH JSON result file: one row per benchmark and parameter set, with
 * score, error, allocation per operation ({@code -prof gc}), a derived rate where one helps,
 * and the issues' target with whether this run met it.
 */
public final class JmhSummary {
    /** One row. */
    record Row(String benchmark, String params, double score, double error, String unit, double allocBytes,
               String derived, String target, String met) {
    }

    private JmhSummary() {
    }

    /** {@code JmhSummary <jmh.json> <summary.md>}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: JmhSummary <jmh.json> <summary.md>");
            System.exit(2);
        }
        String md = table(Path.of(args[0]));
        Files.writeString(Path.of(args[1]), md);
        System.out.print(md);
    }

    static List<Row> rows(Path json) throws IOException {
        List<Row> out = new ArrayList<>();
        for (JsonNode b : new ObjectMapper().readTree(json.toFile())) {
            String name = b.path("benchmark").asText();
            String shortName = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            Map<String, String> params = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = b.path("params").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                params.put(e.getKey(), e.getValue().asText());
            }
            JsonNode pm = b.path("primaryMetric");
            double score = pm.path("score").asDouble();
            double error = pm.path("scoreError").asDouble();
            String unit = pm.path("scoreUnit").asText();
            double alloc = Double.NaN;
            Iterator<Map.Entry<String, JsonNode>> sec = b.path("secondaryMetrics").fields();
            while (sec.hasNext()) {
                Map.Entry<String, JsonNode> e = sec.next();
                if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                    alloc = e.getValue().path("score").asDouble();
                }
            }
            String p = params.isEmpty() ? "" : params.toString().replaceAll("[{}]", "");
            String[] t = Targets.of(shortName, params, score, unit);
            out.add(new Row(shortName, p, score, error, unit, alloc, t[0], t[1], t[2]));
        }
        return out;
    }

    public static String table(Path json) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("| benchmark | params | score | ± error | unit | alloc B/op | derived | target | met |\n");
        sb.append("|---|---|---:|---:|---|---:|---|---|---|\n");
        for (Row r : rows(json)) {
            sb.append("| ").append(r.benchmark()).append(" | ").append(r.params()).append(" | ")
                .append(Fmt.num(r.score())).append(" | ").append(Fmt.num(r.error())).append(" | ").append(r.unit())
                .append(" | ").append(Double.isNaN(r.allocBytes()) ? "" : Fmt.num(r.allocBytes())).append(" | ")
                .append(r.derived()).append(" | ").append(r.target()).append(" | ").append(r.met()).append(" |\n");
        }
        return sb.toString();
    }
}
