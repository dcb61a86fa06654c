package dev.hindsight.server.http.cadvisor;

import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.select.Aggregate;
import dev.hindsight.storage.select.LabelMatcher;
import dev.hindsight.storage.select.Labels;
import dev.hindsight.storage.select.SampleCursor;
import dev.hindsight.storage.select.SelectHints;
import dev.hindsight.storage.select.Series;
import dev.hindsight.storage.store.Store;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a container's stats from the store as rows by time. Short ranges read raw samples;
 * ranges longer than {@link #RAW_SPAN_MS} ask for one sample per {@code (end-start)/count}
 * with the {@code LAST} aggregate, which lets the store serve them from a rollup, so stats
 * reach back as far as retention keeps any data.
 */
final class StatsReader {
    static final long RAW_SPAN_MS = 3_600_000L;
    /** First guess of the sample interval, to size the window of "the last n samples". */
    private static final long GUESS_INTERVAL_MS = 2_000;

    private final Store store;

    StatsReader(Store store) {
        this.store = store;
    }

    /**
     * The last {@code count} rows at or before {@code end}, always raw samples (growing the window
     * until found or past the container's creation). A rollup would give one row per bucket, so a
     * young store asked for 60 stats once answered with one.
     */
    List<StatsRow> latest(ContainerSpec spec, long end, int count) {
        long window = Math.max(count, 1) * GUESS_INTERVAL_MS;
        List<StatsRow> rows = List.of();
        for (int attempt = 0; attempt < 6; attempt++) {
            rows = range(spec, end - window, end, 0);
            if (rows.size() >= count || end - window < spec.createdMs()) {
                break;
            }
            window *= 8;
        }
        return rows.size() > count ? rows.subList(rows.size() - count, rows.size()) : rows;
    }

    /** Rows in [start, end], at most about {@code count} of them when the range is long (0: no cap). */
    List<StatsRow> range(ContainerSpec spec, long start, long end, int count) {
        SelectHints hints = SelectHints.raw(start, end);
        if (end - start > RAW_SPAN_MS && count > 0) {
            hints = new SelectHints(start, end, Math.max(1, (end - start) / count), 0, Aggregate.LAST);
        }
        List<LabelMatcher> matchers = List.of(LabelMatcher.eq("id", spec.cgroupPath()),
            LabelMatcher.of(LabelMatcher.Op.RE, Labels.METRIC_NAME, "container_(cpu|memory|network|fs|processes|threads"
                + "|file_descriptors|tasks_state|pids|oom).*"));
        TreeMap<Long, StatsRow> rows = new TreeMap<>();
        for (Series s : store.select(matchers, hints).series()) {
            Labels l = s.labels();
            SampleCursor c = s.cursor();
            while (c.next()) {
                StatsRow row = rows.computeIfAbsent(c.timestamp(), StatsRow::new);
                put(row, l, c.value());
            }
        }
        return merge(new ArrayList<>(rows.values()));
    }

    private static void put(StatsRow row, Labels l, double v) {
        String name = l.metricName();
        if (name.equals("container_cpu_usage_seconds_total")) {
            row.perCpu.put(l.get("cpu"), v);
        } else if (name.startsWith("container_network_")) {
            row.interfaces.computeIfAbsent(l.get("interface"), k -> new HashMap<>()).put(name, v);
        } else if (name.startsWith("container_fs_")) {
            Map<String, Object> d = row.devices.computeIfAbsent(l.get("major") + ":" + l.get("minor"), k -> new HashMap<>());
            d.put(StatsRow.DEVICE_NAME, l.get("device"));
            d.put(name, v);
        } else if (name.equals("container_tasks_state")) {
            row.tasks.put(l.get("state"), v);
        } else if (name.equals("container_memory_failures_total")) {
            row.memoryFailures.put(l.get("failure_type"), v);
        } else {
            row.metrics.put(name, v);
        }
    }

    /**
     * Interface and device samples may carry their own timestamps; a row without CPU data
     * is folded into the row before it, so that each row is one collection tick.
     */
    private static List<StatsRow> merge(List<StatsRow> rows) {
        List<StatsRow> out = new ArrayList<>(rows.size());
        for (StatsRow r : rows) {
            StatsRow prev = out.isEmpty() ? null : out.get(out.size() - 1);
            if (!r.hasCpu() && r.metrics.isEmpty() && prev != null) {
                r.interfaces.forEach(prev.interfaces::putIfAbsent);
                r.devices.forEach(prev.devices::putIfAbsent);
            } else {
                out.add(r);
            }
        }
        return out;
    }
}
