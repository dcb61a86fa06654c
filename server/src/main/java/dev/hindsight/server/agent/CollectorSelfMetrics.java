package dev.hindsight.server.agent;

import dev.hindsight.collector.CollectorCounters;
import dev.hindsight.server.http.SelfMetrics;
import dev.hindsight.server.http.metrics.MetricsWriter;
import dev.hindsight.storage.store.Store;

/** The agent's own health at /metrics: what the collector read, wrote and dropped, and the store's state. */
final class CollectorSelfMetrics implements SelfMetrics {
    private final CollectorCounters c;
    private final Store store;

    CollectorSelfMetrics(CollectorCounters counters, Store store) {
        this.c = counters;
        this.store = store;
    }

    @Override
    public void write(MetricsWriter out) {
        counter(out, "hindsight_collector_ticks_total", "Completed collection intervals.", c.ticks.sum());
        counter(out, "hindsight_collector_missed_ticks_total", "Intervals skipped because collection fell behind.",
                c.missedTicks.sum());
        counter(out, "hindsight_collector_skipped_slices_total",
                "Slices of an interval skipped because collection fell behind.", c.skippedSlices.sum());
        counter(out, "hindsight_collector_late_slices_total",
                "Slices run a slice or more late (their containers still read within the interval).", c.lateSlices.sum());
        counter(out, "hindsight_collector_container_samples_total", "Container samples read.", c.containerSamples.sum());
        counter(out, "hindsight_raw_records_written_total", "Records appended to the raw log.", c.recordsWritten.sum());
        counter(out, "hindsight_raw_records_dropped_total", "Records that could not be appended (e.g. disk full).",
                c.recordsDropped.sum());
        counter(out, "hindsight_collector_containers_gone_total", "Reads skipped because the cgroup vanished.",
                c.containersGone.sum());
        counter(out, "hindsight_collector_containers_created_total", "Containers seen appearing.",
                c.containersCreated.sum());
        counter(out, "hindsight_collector_containers_deleted_total", "Containers seen going.", c.containersDeleted.sum());
        gauge(out, "hindsight_collector_containers", "Containers being collected.", c.containers.get());
        gauge(out, "hindsight_collector_interval_read_seconds", "Wall time of the last interval's reads.",
                c.lastIntervalReadNanos.get() / 1e9);
        counter(out, "hindsight_collector_read_seconds_total", "Wall time spent reading containers.",
                c.readNanos.sum() / 1e9);
        gauge(out, "hindsight_store_series", "Series in the store.", store.seriesCount());
        counter(out, "hindsight_store_series_retired_total",
                "Series forgotten because retention deleted all their data (since start).", store.retiredSeriesCount());
        counter(out, "hindsight_store_ingested_records_total", "Raw records ingested into head and rollups.",
                store.ingestedRecords());
        counter(out, "hindsight_store_unreadable_records_total", "Raw records skipped as unreadable.",
                store.unreadableRecords());
        gauge(out, "hindsight_store_head_samples", "Raw samples held by the in-memory head.", store.headSamples());
        gauge(out, "hindsight_store_head_spilled_bytes",
                "Bytes of the head's sealed chunks kept in its scratch files rather than the heap.",
                store.headSpilledBytes());
        counter(out, "hindsight_store_rollup_buckets_dropped_total", "Rollup buckets that could not be written.",
                store.droppedRollupBuckets());
        out.family("hindsight_collector_errors_total", "counter", "Collection errors by kind.");
        c.errorCounts().forEach((kind, n) -> out.sample("hindsight_collector_errors_total", n, "kind", kind));
    }

    private static void counter(MetricsWriter out, String name, String help, double v) {
        out.family(name, "counter", help);
        out.sample(name, v);
    }

    private static void gauge(MetricsWriter out, String name, String help, double v) {
        out.family(name, "gauge", help);
        out.sample(name, v);
    }
}
