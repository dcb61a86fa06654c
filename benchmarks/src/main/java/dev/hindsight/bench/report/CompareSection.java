package dev.hindsight.bench.report;

import dev.hindsight.bench.compare.Results;
import dev.hindsight.bench.compare.Verdicts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The side-by-side sections of {@code BENCHMARKS.md}, from one comparison run. */
final class CompareSection {
    private static final String H = "Hindsight";
    private static final String P = "Prometheus";
    private static final String V = "VictoriaMetrics";
    private static final long DAY = 86_400_000L;

    private CompareSection() {
    }

    /**
     * Appends one run's sections.
     *
     * @param title the section's heading
     * @param chart the latency chart's file name under {@code benchmarks/results}
     * @param monthRun whether a 30-day run's section follows (the day run then points to it)
     */
    static void append(StringBuilder md, Results r, String title, String chart, boolean monthRun) {
        Map<String, Results.StoreFigures> s = ReportMain.byName(r.stores());
        Results.Dataset d = r.dataset();
        md.append("## ").append(title).append("\n\n");
        List<String> failures = Verdicts.failures(r.checks());
        md.append(failures.isEmpty()
            ? "**All of Hindsight's answers agreed** with Prometheus, and with VictoriaMetrics wherever "
                + "VictoriaMetrics agrees with Prometheus, within the stated tolerances (see *Agreement*; where the "
                + "two peers differ from each other the table says so).\n\n"
            : "**" + failures.size() + " disagreement(s)** between Hindsight's answers and a peer's: listed under "
                + "*Agreement*; they count as failures of this run.\n\n");
        machine(md, r, s);
        dataset(md, d);
        ratios(md, r, s, monthRun);
        latencies(md, r, chart);
        agreement(md, r);
        disk(md, r, s);
        md.append("### How each store was loaded and measured\n\n");
        for (Results.StoreFigures f : r.stores()) {
            md.append("- **").append(f.store()).append("**: ").append(f.notes()).append('\n');
        }
        md.append("- Queries: `GET /api/v1/query_range` over loopback with Java's HttpClient, ")
            .append("the full round trip including reading the JSON body; each store got the same warm-up (the "
                + "untimed runs asked for, continued until 5 s had passed), ")
            .append("then the timed runs; the stores ran one query at a time, idle otherwise. RSS is `VmRSS` ")
            .append("after the query runs (peak `VmHWM` in parentheses); Hindsight is a JVM with `-Xmx2g` ")
            .append("and the flags `./hindsight run` gives the agent (its notes above list them).\n\n");
    }

    private static void machine(StringBuilder md, Results r, Map<String, Results.StoreFigures> s) {
        Results.Machine m = r.machine();
        md.append("### Machine and versions\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| run finished | ").append(m.when()).append(" |\n");
        md.append("| CPU | ").append(m.cpu()).append(", ").append(m.cores()).append(" cores |\n");
        md.append("| memory | ").append(Fmt.bytes(m.memoryBytes())).append(" |\n");
        md.append("| kernel | ").append(m.kernel()).append(" |\n");
        md.append("| Java | ").append(m.java()).append(" |\n");
        md.append("| load average (1/5/15 min) before, after | ").append(m.loadBefore()).append("; ")
            .append(m.loadAfter()).append(" |\n");
        for (Results.StoreFigures f : s.values()) {
            md.append("| ").append(f.store()).append(" | ").append(f.version().replace("\n", " ")).append(" |\n");
        }
        md.append('\n');
    }

    private static void dataset(StringBuilder md, Results.Dataset d) {
        md.append("### Dataset\n\n");
        md.append(String.format(Locale.ROOT, "%d synthetic containers, one sample every %d s for %s, ending %s: "
                + "%,d container samples (%,d raw-log records with interface samples, specs and events), "
                + "**%,d samples** in %,d series, the same in all three stores. ",
            d.containers(), d.intervalMs() / 1000, Duration.ofMillis(d.endMs() - d.startMs()).toString().substring(2)
                .toLowerCase(Locale.ROOT), Instant.ofEpochMilli(d.endMs()), d.containerSamples(), d.records(),
            d.samples(), d.series()));
        md.append("Per container: the cAdvisor metric set (CPU usage/user/system, CFS periods and throttling where ")
            .append("a quota is set, memory usage/working set/RSS/cache/swap/mapped/failcnt/page faults, OOM events, ")
            .append("processes, threads, file descriptors, load, task states, `eth0` network counters) plus the spec ")
            .append("gauges (`container_spec_*`, `container_start_time_seconds`, `container_info`). Shapes: bursty CPU ")
            .append("around a per-container base load, slowly growing memory, network bursts, one container in seven ")
            .append("restarts once (every counter resets), one app in five (`worker-*`) lives 1 to 6 hours and goes. ")
            .append("Hindsight gets it through its own raw-log writer; the peers get every series value Hindsight ")
            .append("derives from those records (same names and labels), as OpenMetrics (Prometheus) and ")
            .append("Prometheus text (VictoriaMetrics).\n\n");
    }

    /** The latency target for a range, as a fraction of the faster peer's median; NaN where the issue sets none. */
    static double latencyTarget(String range) {
        return switch (range) {
            case "24h" -> 0.5;
            case "30d" -> 0.1;
            default -> Double.NaN;
        };
    }

    private static void ratios(StringBuilder md, Results r, Map<String, Results.StoreFigures> s, boolean monthRun) {
        Results.StoreFigures h = s.get(H);
        Results.StoreFigures p = s.get(P);
        Results.StoreFigures v = s.get(V);
        if (h == null || p == null || v == null) {
            return;
        }
        md.append("### Ratios, Hindsight / peer\n\n");
        md.append("Below 1× means Hindsight is lower (better for time, disk, memory; worse for samples/s).\n\n");
        md.append("| figure | Hindsight | Prometheus | VictoriaMetrics | H / P | H / VM | target | met |\n");
        md.append("|---|---:|---:|---:|---:|---:|---|---|\n");
        double faster = Math.max(p.samplesPerSecond(), v.samplesPerSecond());
        row(md, "ingest, samples/s", h.samplesPerSecond(), p.samplesPerSecond(), v.samplesPerSecond(),
            ">= faster peer", h.samplesPerSecond() >= faster ? "yes" : "**NO**", false);
        row(md, "disk, bytes/sample", h.bytesPerSample(), p.bytesPerSample(), v.bytesPerSample(),
            "report honestly", "", false);
        row(md, "RSS after queries, MiB", h.rssBytes() / 1048576.0, p.rssBytes() / 1048576.0, v.rssBytes() / 1048576.0,
            "", "", false);
        Set<String> keys = new LinkedHashSet<>();
        r.queries().forEach(q -> keys.add(q.label() + "|" + q.range()));
        for (String k : keys) {
            String[] kr = k.split("\\|");
            double hm = median(r, kr[0], kr[1], H);
            double pm = median(r, kr[0], kr[1], P);
            double vm = median(r, kr[0], kr[1], V);
            double target = latencyTarget(kr[1]);
            boolean hasTarget = !Double.isNaN(target);
            String met = hasTarget ? (hm <= target * Math.min(pm, vm) ? "yes" : "**NO**") : "";
            row(md, "`" + kr[0] + "` over " + kr[1] + ", median ms", hm, pm, vm,
                hasTarget ? "<= " + Fmt.num(target) + "× faster peer" : "", met, true);
        }
        md.append('\n');
        md.append("Ingest: Hindsight's figure is its whole path (raw-log append, then replay into the series ")
            .append("registry, head and three rollup levels); Prometheus's is `promtool` backfill (no WAL, no head); ")
            .append("VictoriaMetrics' is its import API plus a flush.");
        boolean month = r.queries().stream().anyMatch(q -> q.range().equals("30d"));
        if (!month) {
            md.append(monthRun ? " 30-day ranges: the next section, a separate run on a smaller fleet (this one spans 24 h)."
                : " 30-day ranges were not run: this dataset spans 24 h (`./hindsight compare --month` runs them).");
        }
        md.append("\n\n");
    }

    private static void row(StringBuilder md, String name, double h, double p, double v, String target, String met,
                            boolean italicRatio) {
        md.append("| ").append(name).append(" | ").append(Fmt.num(h)).append(" | ").append(Fmt.num(p)).append(" | ")
            .append(Fmt.num(v)).append(" | ").append(Fmt.ratio(h, p)).append(" | ").append(Fmt.ratio(h, v))
            .append(" | ").append(target).append(" | ").append(met).append(" |\n");
    }

    private static double median(Results r, String label, String range, String store) {
        for (Results.QueryFigures q : r.queries()) {
            if (q.label().equals(label) && q.range().equals(range) && q.store().equals(store)) {
                return q.medianMs();
            }
        }
        return Double.NaN;
    }

    private static void latencies(StringBuilder md, Results r, String chart) {
        md.append("### Query latency\n\n");
        md.append("![query latency per store](benchmarks/results/").append(chart).append(")\n\n");
        int runs = r.queries().isEmpty() ? 0 : r.queries().get(0).millis().size();
        Map<String, Long> stepByRange = new LinkedHashMap<>();
        r.queries().forEach(q -> stepByRange.putIfAbsent(q.range(), q.stepMs()));
        List<String> steps = new ArrayList<>();
        stepByRange.forEach((range, step) -> steps.add(range + " at a " + Fmt.duration(step) + " step"));
        md.append("Median and p90 of ").append(runs).append(" timed runs per store (after warm-up), ms; ")
            .append(String.join(", ", steps))
            .append(", evaluation times 5 s off the sample grid; series / points in the answer.\n\n");
        md.append("| query | range | store | median ms | p90 ms | series | points |\n|---|---|---|---:|---:|---:|---:|\n");
        for (Results.QueryFigures q : r.queries()) {
            md.append("| `").append(q.query()).append("` | ").append(q.range()).append(" | ").append(q.store())
                .append(" | ").append(Fmt.num(q.medianMs())).append(" | ").append(Fmt.num(q.p90Ms())).append(" | ")
                .append(q.series()).append(" | ").append(q.points()).append(" |\n");
        }
        md.append('\n');
    }

    private static void agreement(StringBuilder md, Results r) {
        md.append("### Agreement\n\n");
        md.append("Prometheus (PromQL's reference implementation) is the reference; Hindsight is also checked ")
            .append("against VictoriaMetrics. Tolerances, relative to the larger value: 1e-6 where every store reads raw ")
            .append("samples (selectors, `quantile_over_time`); 25 % for Hindsight against Prometheus where Hindsight ")
            .append("answers from rollups (`rate`, `max_over_time`: its windows snap to bucket edges and its counter ")
            .append("increase starts from the sample before the window, where PromQL extrapolates from the samples ")
            .append("inside it; like PromQL, it extrapolates to a window edge only where the data reaches near it, so ")
            .append("rates fall off at a series' ends); 15 % for `rate` between VictoriaMetrics and either other store ")
            .append("(MetricsQL does not extrapolate, and at a series' ends divides by the time its samples cover). Near zero a difference of up to the tolerance times the ")
            .append("series' largest value also passes: on a sparse counter (CFS throttled periods) one increment at ")
            .append("the window's edge is in or out, and 0.0077 against 0 is that, not a wrong answer; for the ")
            .append("throttling ratio (a rate of that sparse counter over another rate) any difference up to one sample ")
            .append("interval's share of the 5 m window (10 s / 5 m = 0.033) also passes. Evaluation ")
            .append("times sit 5 s off the 10 s sample grid, so no window edge falls on a sample (Prometheus 2.x ")
            .append("selects closed ranges, 3.x and Hindsight left-open ones). Points only one side has (staleness ")
            .append("at series ends) may be up to 2 % of the reference's. Series must match exactly against ")
            .append("Prometheus, and without `__name__` against VictoriaMetrics. Every check of Hindsight outside these bounds ")
            .append("is listed as a disagreement and fails the run; where the two peers differ from each other the ")
            .append("verdict says *peers differ*, which does not; nor does Hindsight differing from VictoriaMetrics where ")
            .append("VictoriaMetrics differs from Prometheus and Hindsight agrees with Prometheus on the same query and ")
            .append("range (the verdict says so): Prometheus is the reference.\n\n");
        md.append("| query | range | store | reference | tolerance | points compared | outside tolerance | max rel. error | one-sided points | verdict |\n");
        md.append("|---|---|---|---|---:|---:|---:|---:|---:|---|\n");
        for (Results.Check c : r.checks()) {
            md.append("| `").append(c.query()).append("` | ").append(c.range()).append(" | ").append(c.store())
                .append(" | ").append(c.reference()).append(" | ").append(ReportMain.pct(c.tolerance())).append(" | ").append(c.compared()).append(" | ")
                .append(c.mismatched()).append(" | ").append(ReportMain.pct(c.maxRelError())).append(" | ")
                .append(c.missingPoints()).append(" | ").append(Verdicts.of(c, r.checks()).text).append(" |\n");
        }
        md.append('\n');
        List<String> failures = Verdicts.failures(r.checks());
        if (!failures.isEmpty()) {
            md.append("Disagreements:\n\n");
            failures.forEach(f -> md.append("- ").append(f.replace("|", "\\|")).append('\n'));
            md.append('\n');
        }
    }

    private static void disk(StringBuilder md, Results r, Map<String, Results.StoreFigures> s) {
        Results.StoreFigures h = s.get(H);
        if (h == null) {
            return;
        }
        Results.Dataset d = r.dataset();
        double containerDays = d.containerSamples() * (double) d.intervalMs() / DAY;
        md.append("### Disk, and what the rollups save\n\n");
        md.append("Bytes on disk (allocated blocks, `du`) after loading:\n\n| store | part | bytes | per sample | per container-day |\n|---|---|---:|---:|---:|\n");
        for (Results.StoreFigures f : r.stores()) {
            for (Map.Entry<String, Long> e : f.diskParts().entrySet()) {
                md.append("| ").append(f.store()).append(" | ").append(e.getKey()).append(" | ")
                    .append(Fmt.bytes(e.getValue())).append(" | ").append(Fmt.num((double) e.getValue() / d.samples()))
                    .append(" | ").append(Fmt.bytes((long) (e.getValue() / containerDays))).append(" |\n");
            }
        }
        md.append('\n');
        long raw = h.diskParts().getOrDefault("raw", 0L);
        double rawDay = raw / containerDays;
        double r10 = h.diskParts().getOrDefault("rollup 10s", 0L) / containerDays;
        double r1m = h.diskParts().getOrDefault("rollup 1m", 0L) / containerDays;
        double r1h = h.diskParts().getOrDefault("rollup 1h", 0L) / containerDays;
        double samplesPerDay = d.samples() / containerDays;
        List<String[]> rows = new ArrayList<>();
        double hsTotal = rawDay * 2 + r10 * 14 + r1m * 90 + r1h * 730;
        rows.add(new String[] {"Hindsight, default retention (raw 2 d, 10 s 14 d, 1 m 90 d, 1 h 730 d)",
            Fmt.bytes((long) hsTotal)});
        rows.add(new String[] {"Hindsight raw log kept 730 d (no rollups)", Fmt.bytes((long) (rawDay * 730))});
        Results.StoreFigures p = s.get(P);
        Results.StoreFigures v = s.get(V);
        if (p != null) {
            rows.add(new String[] {"Prometheus, every sample kept 730 d (at this run's bytes/sample)",
                Fmt.bytes((long) (p.bytesPerSample() * samplesPerDay * 730))});
        }
        if (v != null) {
            rows.add(new String[] {"VictoriaMetrics, every sample kept 730 d (at this run's bytes/sample)",
                Fmt.bytes((long) (v.bytesPerSample() * samplesPerDay * 730))});
        }
        md.append(String.format(Locale.ROOT, "Raw records are fixed-layout and uncompressed: %.1f bytes per sample "
                + "here against Prometheus's %.2f (Gorilla-compressed chunks) and VictoriaMetrics' %.2f. What that costs "
                + "over the default retention, per container at this run's %d s interval (%,.0f samples per "
                + "container-day), and what the rollups save:\n\n", (double) raw / d.samples(),
            p == null ? Double.NaN : p.bytesPerSample(), v == null ? Double.NaN : v.bytesPerSample(),
            d.intervalMs() / 1000, samplesPerDay));
        md.append("| two years of history per container | disk |\n|---|---:|\n");
        rows.forEach(x -> md.append("| ").append(x[0]).append(" | ").append(x[1]).append(" |\n"));
        md.append(String.format(Locale.ROOT, "%nPer container-day: raw %s, 10 s rollup %s, 1 m rollup %s, 1 h rollup %s. "
                + "At the agent's default 1 s interval the raw log is ten times larger per day (%s) while the "
                + "rollups stay the same size, so the rollups' saving grows tenfold.%n%n", Fmt.bytes((long) rawDay),
            Fmt.bytes((long) r10), Fmt.bytes((long) r1m), Fmt.bytes((long) r1h),
            Fmt.bytes((long) (rawDay * d.intervalMs() / 1000))));
    }
}
