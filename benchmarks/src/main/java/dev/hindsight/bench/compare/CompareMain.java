package dev.hindsight.bench.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hindsight.bench.DashboardQueries;
import dev.hindsight.bench.data.SyntheticFleet;
import dev.hindsight.bench.report.ReportMain;
import dev.hindsight.storage.raw.RawLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.openhft.chronicle.queue.RollCycles;

/**
 * {@code ./hindsight compare}: generates one synthetic dataset, loads it into Hindsight,
 * Prometheus and VictoriaMetrics, times the dashboard queries against each over HTTP as range
 * queries over 1 h and 24 h (with {@code --month}: 24 h and 30 days), checks the answers agree, and writes
 * {@code benchmarks/results/compare.json} ({@code compare-30d.json}), the latency chart and {@code BENCHMARKS.md}.
 * Exits 1 when any answer disagrees (a fast wrong answer is a failure), 2 on bad options.
 */
public final class CompareMain {
    private CompareMain() {
    }

    /** Query evaluation times are this far past a multiple of the step. */
    static final long OFFSET_MS = 5_000;

    /** One range of the query plan. */
    record Range(String name, long rangeMs, long stepMs) {
    }

    public static void main(String[] args) throws IOException {
        CompareOptions o;
        try {
            o = CompareOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Results r = run(o);
        if (r == null) {
            say("prepared the dataset under " + o.work() + "; measure with --reuse");
            return;
        }
        Files.createDirectories(o.results());
        Path json = o.results().resolve(o.resultName() + ".json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), r);
        say("wrote " + json);
        ReportMain.write(o.results(), o.report());
        say("wrote " + o.report());
        if (!r.failures().isEmpty()) {
            System.err.println("compare: " + r.failures().size() + " disagreement(s):");
            r.failures().forEach(f -> System.err.println("  " + f));
            System.exit(1);
        }
    }

    static Results run(CompareOptions o) throws IOException {
        String loadBefore = Machine.loadAverage();
        Path work = o.work().toAbsolutePath();
        Path om = work.resolve("dataset.om");
        Path vm = work.resolve("dataset.prom.txt");
        Path meta = work.resolve("dataset.json");
        ObjectMapper json = new ObjectMapper();
        Results.Dataset reused = null;
        if (o.reuse() && Files.exists(meta) && Files.exists(om) && Files.exists(vm)) {
            Results.Dataset d = json.readValue(meta.toFile(), Results.Dataset.class);
            if (d.containers() == o.containers() && d.endMs() - d.startMs() == o.hours() * 3_600_000L
                && d.intervalMs() == o.intervalMs()) {
                reused = d;
            }
        }
        if (reused == null) {
            Machine.deleteTree(work);
        } else {
            for (String dir : List.of("hindsight", "prometheus", "victoria-metrics")) {
                Machine.deleteTree(work.resolve(dir));
            }
        }
        Files.createDirectories(work);
        long end = reused != null ? reused.endMs() : Instant.now().toEpochMilli() / 60_000 * 60_000;
        long start = end - o.hours() * 3_600_000L;
        SyntheticFleet fleet = new SyntheticFleet(o.containers(), start, end, o.intervalMs(), 42);

        say("writing " + o.containers() + " containers x " + o.hours() + " h at " + o.intervalMs() / 1000
            + " s through Hindsight's raw-log writer");
        Path hsData = work.resolve("hindsight");
        SyntheticFleet.Written[] written = new SyntheticFleet.Written[1];
        double append = HindsightPeer.writeRawLog(fleet, hsData, written);
        say(String.format("  %d container samples, %d records in %.2f s", written[0].containerSamples(),
            written[0].records(), append));

        Results.Dataset dataset;
        if (reused != null) {
            say("reusing the peers' input files of " + Instant.ofEpochMilli(end) + " (" + reused.samples() + " samples)");
            dataset = reused;
        } else {
            say("exporting the same series values for the peers");
            PeerExport.Counts counts;
            try (RawLog log = RawLog.open(hsData, RollCycles.FAST_HOURLY, null, true)) {
                counts = PeerExport.export(log, om, vm);
            }
            say(String.format("  %d samples in %d series (%d MB of OpenMetrics)", counts.samples(), counts.series(),
                counts.omBytes() >> 20));
            dataset = new Results.Dataset(o.containers(), o.intervalMs(), start, end, written[0].containerSamples(),
                written[0].records(), counts.samples(), counts.series(), counts.omBytes());
            json.writeValue(meta.toFile(), dataset);
        }
        if (o.prepare()) {
            return null;
        }

        List<Peer> peers = new ArrayList<>();
        try {
            // each store's ingest starts with no writeback of the files written before it pending
            // (the 3.7 GB export, the last store's data), so none pays for another's writes
            Procs.run(List.of("sync"), work.resolve("sync.log"));
            say("Hindsight: replaying the raw log into head and rollups");
            peers.add(HindsightPeer.start(hsData, o.intervalMs(), append, work.resolve("hindsight.log"), o.heap()));
            Procs.run(List.of("sync"), work.resolve("sync.log"));
            say("Prometheus: promtool backfill");
            // 30 days arrive as 360 two-hour blocks, which the server compacts before it is measured
            Duration settle = Duration.ofMinutes(o.hours() >= CompareOptions.MONTH_HOURS ? 12 : 4);
            peers.add(PrometheusPeer.load(work.resolve("prometheus"), om, settle));
            Procs.run(List.of("sync"), work.resolve("sync.log"));
            say("VictoriaMetrics: import");
            peers.add(VictoriaPeer.load(work.resolve("victoria-metrics"), vm, Duration.ofMinutes(3)));
            return measure(o, peers, dataset, loadBefore);
        } finally {
            peers.forEach(Peer::close);
        }
    }

    private static Results measure(CompareOptions o, List<Peer> peers, Results.Dataset dataset, String loadBefore) {
        long lastSample = dataset.endMs() - dataset.intervalMs();
        List<Range> ranges = new ArrayList<>();
        if (o.hours() < CompareOptions.MONTH_HOURS) {
            ranges.add(new Range("1h", 3_600_000L, 20_000L));
        }
        if (o.hours() >= 24) {
            ranges.add(new Range("24h", 86_400_000L, 120_000L));
        }
        if (o.hours() >= CompareOptions.MONTH_HOURS) {
            // Grafana's step for 30 days on a wide panel: 1,441 points per series
            ranges.add(new Range("30d", 30 * 86_400_000L, 1_800_000L));
        }
        List<Results.QueryFigures> figures = new ArrayList<>();
        List<Results.Check> checks = new ArrayList<>();
        for (int q = 0; q < DashboardQueries.ALL.size(); q++) {
            String query = DashboardQueries.ALL.get(q);
            for (Range range : ranges) {
                // evaluation times sit between samples (5 s past the 10 s grid): a window edge never
                // falls on a sample, so closed (Prometheus 2.x) and left-open (3.x) ranges agree
                long qEnd = (lastSample - OFFSET_MS) / range.stepMs() * range.stepMs() + OFFSET_MS;
                long qStart = qEnd - range.rangeMs();
                while (qStart < dataset.startMs()) {
                    qStart += range.stepMs();
                }
                Map<String, QueryRunner.Answer> answers = new LinkedHashMap<>();
                for (Peer p : peers) {
                    QueryRunner.Timed t = QueryRunner.run(p.baseUrl(), query, qStart, qEnd, range.stepMs(), o.warmup(),
                        o.runs());
                    double[] sorted = t.millis().stream().mapToDouble(Double::doubleValue).sorted().toArray();
                    figures.add(new Results.QueryFigures(query, DashboardQueries.SHORT.get(q), range.name(),
                        range.stepMs(), p.name(), t.millis(), percentile(sorted, 0.5), percentile(sorted, 0.9),
                        t.answer().series().size(), t.answer().points()));
                    answers.put(p.name(), t.answer());
                    say(String.format("  %-22s %-4s %-16s median %8.1f ms  p90 %8.1f ms  %4d series", DashboardQueries.SHORT.get(q),
                        range.name(), p.name(), percentile(sorted, 0.5), percentile(sorted, 0.9), t.answer().series().size()));
                }
                checks.addAll(Tolerances.checks(q, query, range.name(), answers, dataset.intervalMs(),
                    range.stepMs()));
            }
        }
        List<Results.StoreFigures> stores = new ArrayList<>();
        for (Peer p : peers) {
            Map<String, Long> disk = p.disk();
            long total = disk.values().stream().mapToLong(Long::longValue).sum();
            stores.add(new Results.StoreFigures(p.name(), p.version(), p.ingestSeconds(),
                dataset.samples() / p.ingestSeconds(), total, (double) total / dataset.samples(), disk,
                Procs.procStatusBytes(p.pid(), "VmRSS"), Procs.procStatusBytes(p.pid(), "VmHWM"), p.notes()));
        }
        List<String> failures = Verdicts.failures(checks);
        return new Results(Machine.describe(loadBefore), dataset, stores, figures, checks, failures);
    }

    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double rank = q * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    static void say(String s) {
        System.out.println("compare: " + s);
        System.out.flush();
    }
}
