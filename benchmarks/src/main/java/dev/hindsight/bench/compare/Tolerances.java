package dev.hindsight.bench.compare;

import dev.hindsight.storage.config.RetentionConfig;
import dev.hindsight.storage.select.Aggregate;
import dev.hindsight.storage.select.SelectHints;
import dev.hindsight.storage.store.ResolutionChooser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which answers are checked against which, and how closely they must agree. Prometheus is the
 * reference (PromQL's own implementation). Stated tolerances (relative to the larger value):
 * <ul>
 *   <li>{@link #RAW}: queries every store answers from raw samples (selectors,
 *       {@code quantile_over_time}) must agree to float round-off.</li>
 *   <li>{@link #ROLLUP}: where Hindsight answers from rollups ({@code rate},
 *       {@code max_over_time}), its range windows snap to bucket edges: a 5 m window read from
 *       1 m buckets can include or miss one bucket at each end, so a rate over bursty CPU may
 *       move by up to one bucket's share of the window.</li>
 *   <li>{@link #METRICSQL_RATE}: VictoriaMetrics' {@code rate} (MetricsQL) does not extrapolate
 *       to the window edges and uses the sample before the window, so it differs from PromQL's
 *       by up to one sample interval's share of the window (and more on sparse counters, where
 *       one increment at the window's edge is in or out); series are matched without
 *       {@code __name__}.</li>
 * </ul>
 * Hindsight is also checked against VictoriaMetrics with the MetricsQL tolerances: both take a
 * window's increase from the sample before it (Hindsight's rollup counter increase does), so
 * the two agree more closely with each other than either does with Prometheus's extrapolation.
 */
final class Tolerances {
    static final double RAW = 1e-6;
    static final double ROLLUP = 0.25;
    static final double METRICSQL_RATE = 0.15;

    /** Dashboard query indexes (see DashboardQueries) that Hindsight answers from rollups at a step >= 10 s. */
    private static final List<Integer> ROLLUP_SERVED = List.of(0, 2, 3, 4);
    /** Queries built on rate(). */
    private static final List<Integer> RATE_BASED = List.of(0, 3, 4);

    private Tolerances() {
    }

    /** The throttling ratio (a rate of a sparse counter over another rate): see {@link #ratioAbsolute}. */
    private static final int RATIO = 3;

    /** The throttling ratio's rate window. */
    private static final long RATIO_WINDOW_MS = 300_000;

    /**
     * Absolute tolerance of the throttling ratio: one sample interval's share of its 5 m window.
     * The ways of taking a window's increase (PromQL's extrapolation from the samples inside,
     * MetricsQL's and Hindsight's rollups' increase from the sample before) differ by about one
     * interval's increase, and for a throttled-periods counter that is up to every period of the
     * interval: interval / 5 m of the ratio.
     */
    static double ratioAbsolute(long intervalMs) {
        return intervalMs / (double) RATIO_WINDOW_MS;
    }

    /**
     * The same for Hindsight's answer: where it is read from rollup buckets wider than the sample
     * interval, the window's ends snap to bucket edges (see {@link #ROLLUP}), so one bucket's
     * increase can be in or out: the bucket's share of the window. E.g. a 5 m window at a 120 s
     * step is read from 1 m buckets: 0.2 of the ratio, where the evaluation times are off the
     * minute grid (the harness's are, by 5 s); at a series' first minutes, when the window holds
     * a bucket or two, that is what separates the answers.
     */
    static double hindsightRatioAbsolute(long intervalMs, long stepMs) {
        long bucket = ResolutionChooser.choose(new SelectHints(0, 0, stepMs, RATIO_WINDOW_MS, Aggregate.COUNTER),
            RetentionConfig.defaults().forInterval(intervalMs), Long.MIN_VALUE);
        return Math.max(intervalMs, bucket) / (double) RATIO_WINDOW_MS;
    }

    static List<Results.Check> checks(int q, String query, String range, Map<String, QueryRunner.Answer> answers,
                                      long intervalMs, long stepMs) {
        double abs = q == RATIO ? ratioAbsolute(intervalMs) : 0;
        double hsAbs = q == RATIO ? hindsightRatioAbsolute(intervalMs, stepMs) : 0;
        List<Results.Check> out = new ArrayList<>();
        QueryRunner.Answer prom = answers.get("Prometheus");
        if (prom == null) {
            return out;
        }
        QueryRunner.Answer hs = answers.get("Hindsight");
        if (hs != null) {
            out.add(Agreement.check(query, range, "Hindsight", hs, "Prometheus", prom,
                ROLLUP_SERVED.contains(q) ? ROLLUP : RAW, hsAbs, false));
        }
        QueryRunner.Answer vm = answers.get("VictoriaMetrics");
        if (vm != null) {
            double tol = RATE_BASED.contains(q) ? METRICSQL_RATE : RAW;
            out.add(Agreement.check(query, range, "VictoriaMetrics", vm, "Prometheus", prom, tol, abs, true));
            if (hs != null) {
                out.add(Agreement.check(query, range, "Hindsight", hs, "VictoriaMetrics", vm,
                    ROLLUP_SERVED.contains(q) && !RATE_BASED.contains(q) ? ROLLUP : tol, hsAbs, true));
            }
        }
        return out;
    }
}
