package dev.hindsight.bench.report;

import java.util.Map;

/** The issues' performance targets for the JMH suite, and whether a score meets them. */
final class Targets {
    private Targets() {
    }

    /** {derived figure, target text, "yes"/"NO"/""} for one benchmark row. */
    static String[] of(String benchmark, Map<String, String> params, double score, String unit) {
        String containers = params.getOrDefault("containers", "");
        double ms = toMillis(score, unit);
        switch (benchmark) {
            case "ReplayBenchmark.replay": {
                double perSec = 1e3 / ms;
                return new String[] {Fmt.num(perSec / 1e6) + " M container samples/s",
                    ">= 2 M container samples/s", met(perSec >= 2e6)};
            }
            case "RollupAccumulationBenchmark.addValue":
                return new String[] {Fmt.num(1e3 / ms / 1e6) + " M values/s", "", ""};
            case "SelectionBenchmark.oneSeries24h1m":
                return "1000".equals(containers) ? new String[] {"", "< 1 ms", met(ms < 1)} : blank();
            case "SelectionBenchmark.allCpuSeries24h1m":
                return "1000".equals(containers) ? new String[] {"", "< 50 ms at 1,000", met(ms < 50)} : blank();
            case "QueryParseBenchmark.parse":
                return new String[] {"", "< 20 µs", met(ms < 0.020)};
            case "QueryEvalBenchmark.sumRateRange24h1m":
                return "1000".equals(containers) ? new String[] {"", "< 100 ms at 1,000", met(ms < 100)} : blank();
            case "QueryEvalBenchmark.topkInstant":
                return "1000".equals(containers) ? new String[] {"", "< 2 ms at 1,000", met(ms < 2)} : blank();
            case "MetricsExpositionBenchmark.scrape":
                return "1000".equals(containers) ? new String[] {"", "< 50 ms at 1,000", met(ms < 50)} : blank();
            case "CollectorReadBenchmark.readAndEncode":
                return new String[] {"", "< 20 µs per container", met(ms < 0.020)};
            default:
                return blank();
        }
    }

    private static String[] blank() {
        return new String[] {"", "", ""};
    }

    private static String met(boolean ok) {
        return ok ? "yes" : "**NO**";
    }

    /** A JMH average-time score in milliseconds per operation; NaN for throughput units. */
    static double toMillis(double score, String unit) {
        return switch (unit) {
            case "ns/op" -> score / 1e6;
            case "us/op" -> score / 1e3;
            case "ms/op" -> score;
            case "s/op" -> score * 1e3;
            case "ops/s" -> 1e3 / score;
            case "ops/ms" -> 1 / score;
            case "ops/us" -> 1e-3 / score;
            default -> Double.NaN;
        };
    }
}
