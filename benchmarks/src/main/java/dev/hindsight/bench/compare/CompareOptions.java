package dev.hindsight.bench.compare;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Options of {@link CompareMain}, validated when parsed.
 *
 * @param containers synthetic containers (default 100)
 * @param hours      hours of data ending now (default 24)
 * @param intervalMs sample interval (default 10 s)
 * @param runs       timed runs per query, store and range (at least 20)
 * @param warmup     untimed runs first, continued until 5 s have passed ({@link QueryRunner#WARMUP_NANOS})
 *                   (default 30: with 3, a JVM store's first timed runs of a
 *                   query were still being compiled, 3-4x its settled time, and set the median)
 * @param work       scratch directory for the stores' data (default benchmarks/target/compare)
 * @param results    where compare.json and the chart go (default benchmarks/results)
 * @param report     the markdown report to write (default BENCHMARKS.md)
 * @param heap       Hindsight's -Xmx (default 2g)
 * @param prepare    only generate the dataset and the peers' input files, then stop
 * @param reuse      reuse the peers' input files a previous run (or {@code --prepare}) left in the
 *                   work directory, when they were made with the same containers, hours and interval
 * @param resultName the result file's name under {@code results}, without {@code .json}
 *                   ({@code compare}, or {@code compare-30d} for {@code --month})
 */
record CompareOptions(int containers, int hours, long intervalMs, int runs, int warmup, Path work, Path results,
                      Path report, String heap, boolean prepare, boolean reuse, String resultName) {
    static final String USAGE = "usage: CompareMain [--month] [--containers N] [--hours H] [--interval-seconds S] [--runs R]"
        + " [--warmup W] [--work DIR] [--results DIR] [--report FILE] [--heap 2g] [--prepare | --reuse]";

    /**
     * The 30-day run ({@code --month}, its defaults before any other option): 5 containers for
     * 720 h at 10 s (41.5 M samples, about as many as the day run's 100 containers), its own
     * work directory and result file, and the day run's 30 warm-up runs (with 10, Hindsight's
     * JIT was still compiling: 12-21 ms medians for a 24 h query it answers in 7.5 ms warm). The
     * peers' bulk paths could not take 100 containers for 30 days here (846 M samples, a 110 GB
     * OpenMetrics file).
     */
    static final int MONTH_HOURS = 720;

    static CompareOptions parse(String[] args) {
        int containers = 100;
        int hours = 24;
        long interval = 10_000;
        int runs = 20;
        int warmup = 30;
        Path work = Path.of("benchmarks/target/compare");
        Path results = Path.of("benchmarks/results");
        Path report = Path.of("BENCHMARKS.md");
        String heap = "2g";
        boolean prepare = false;
        boolean reuse = false;
        String resultName = "compare";
        if (Arrays.asList(args).contains("--month")) {
            containers = 5;
            hours = MONTH_HOURS;
            work = Path.of("benchmarks/target/compare-30d");
            resultName = "compare-30d";
        }
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--month")) {
                continue;
            }
            if (a.equals("--prepare")) {
                prepare = true;
                continue;
            }
            if (a.equals("--reuse")) {
                reuse = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + ": missing value. " + USAGE);
            }
            String v = args[++i];
            switch (a) {
                case "--containers" -> containers = Integer.parseInt(v);
                case "--hours" -> hours = Integer.parseInt(v);
                case "--interval-seconds" -> interval = Long.parseLong(v) * 1000;
                case "--runs" -> runs = Integer.parseInt(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--work" -> work = Path.of(v);
                case "--results" -> results = Path.of(v);
                case "--report" -> report = Path.of(v);
                case "--heap" -> heap = v;
                default -> throw new IllegalArgumentException("unknown option " + a + ". " + USAGE);
            }
        }
        if (containers <= 0 || hours <= 0 || interval <= 0 || runs <= 0 || warmup < 0) {
            throw new IllegalArgumentException("containers, hours, interval and runs must be positive. " + USAGE);
        }
        if (prepare && reuse) {
            throw new IllegalArgumentException("--prepare and --reuse exclude each other. " + USAGE);
        }
        return new CompareOptions(containers, hours, interval, runs, warmup, work, results, report, heap, prepare, reuse,
            resultName);
    }
}
