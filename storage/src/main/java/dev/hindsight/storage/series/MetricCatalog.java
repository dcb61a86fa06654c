package dev.hindsight.storage.series;

import static dev.hindsight.storage.series.MetricType.COUNTER;
import static dev.hindsight.storage.series.MetricType.GAUGE;

import dev.hindsight.storage.record.ContainerField;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every metric Hindsight stores, named as cAdvisor names them at {@code /metrics}, with
 * type, unit, help and the scaling from the recorded unit. Hindsight-only names:
 * {@code container_oom_kills_total} (cAdvisor has only OOM events) and
 * {@code container_pids_current}.
 *
 * <p>CPU usage follows cAdvisor: a sample with per-CPU values gives one
 * {@code container_cpu_usage_seconds_total{cpu="cpu00"}} series per CPU; a sample without
 * them gives {@code {cpu="total"}}, so that {@code sum()} never counts twice.
 * Immutable.
 */
public final class MetricCatalog {
    public static final double NS = 1e-9;
    public static final double US = 1e-6;

    // ---- per-CPU, network, disk and spec metrics ----
    public static final MetricInfo CPU_USAGE = counter("container_cpu_usage_seconds_total", "seconds",
        "Cumulative cpu time consumed in seconds.");
    public static final List<MetricInfo> NETWORK = List.of(
        counter("container_network_receive_bytes_total", "bytes", "Cumulative count of bytes received"),
        counter("container_network_receive_packets_total", "", "Cumulative count of packets received"),
        counter("container_network_receive_errors_total", "", "Cumulative count of errors encountered while receiving"),
        counter("container_network_receive_packets_dropped_total", "", "Cumulative count of packets dropped while receiving"),
        counter("container_network_transmit_bytes_total", "bytes", "Cumulative count of bytes transmitted"),
        counter("container_network_transmit_packets_total", "", "Cumulative count of packets transmitted"),
        counter("container_network_transmit_errors_total", "", "Cumulative count of errors encountered while transmitting"),
        counter("container_network_transmit_packets_dropped_total", "", "Cumulative count of packets dropped while transmitting"));
    /** In the order read bytes, write bytes, reads, writes. */
    public static final List<MetricInfo> DISK = List.of(
        counter("container_fs_reads_bytes_total", "bytes", "Cumulative count of bytes read"),
        counter("container_fs_writes_bytes_total", "bytes", "Cumulative count of bytes written"),
        counter("container_fs_reads_total", "", "Cumulative count of reads completed"),
        counter("container_fs_writes_total", "", "Cumulative count of writes completed"));
    public static final MetricInfo SPEC_CPU_SHARES = gauge("container_spec_cpu_shares", "", "CPU share of the container.");
    public static final MetricInfo SPEC_CPU_QUOTA = gauge("container_spec_cpu_quota", "", "CPU quota of the container.");
    public static final MetricInfo SPEC_CPU_PERIOD = gauge("container_spec_cpu_period", "", "CPU period of the container.");
    public static final MetricInfo SPEC_MEMORY_LIMIT = gauge("container_spec_memory_limit_bytes", "bytes",
        "Memory limit for the container.");
    public static final MetricInfo SPEC_MEMORY_RESERVATION = gauge("container_spec_memory_reservation_limit_bytes",
        "bytes", "Memory reservation limit for the container.");
    public static final MetricInfo SPEC_MEMORY_SWAP = gauge("container_spec_memory_swap_limit_bytes", "bytes",
        "Memory swap limit for the container.");
    public static final MetricInfo START_TIME = gauge("container_start_time_seconds", "seconds",
        "Start time of the container since unix epoch in seconds.");
    public static final MetricInfo INFO = gauge("container_info", "",
        "A metric with a constant '1' value labeled by the container's id, name, image and container labels.");

    private static final Map<ContainerField, FieldMetric> FIELDS = fields();
    private static final Map<String, MetricInfo> BY_NAME = byName();

    private MetricCatalog() {
    }

    /** How a container field is exposed, or empty when it is not exposed as its own series. */
    public static Optional<FieldMetric> field(ContainerField f) {
        return Optional.ofNullable(FIELDS.get(f));
    }

    /** Metadata of a metric name, or empty for names Hindsight does not produce. */
    public static Optional<MetricInfo> metadata(String metricName) {
        return Optional.ofNullable(BY_NAME.get(metricName));
    }

    /** Every metric, sorted by name. */
    public static Collection<MetricInfo> all() {
        return BY_NAME.values();
    }

    /** cAdvisor's per-CPU label value: {@code cpu00}, {@code cpu01}, ... */
    public static String cpuLabel(int cpu) {
        return cpu < 10 ? "cpu0" + cpu : "cpu" + cpu;
    }

    /** Prometheus label-name sanitising, as cAdvisor does for {@code container_label_*}. */
    public static String sanitizeLabelName(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
            sb.append(ok ? c : '_');
        }
        return sb.toString();
    }

    private static Map<ContainerField, FieldMetric> fields() {
        Map<ContainerField, FieldMetric> m = new EnumMap<>(ContainerField.class);
        put(m, ContainerField.CPU_USAGE_NS, CPU_USAGE, NS, "cpu", "total");
        put(m, ContainerField.CPU_USER_NS, counter("container_cpu_user_seconds_total", "seconds",
            "Cumulative user cpu time consumed in seconds."), NS);
        put(m, ContainerField.CPU_SYSTEM_NS, counter("container_cpu_system_seconds_total", "seconds",
            "Cumulative system cpu time consumed in seconds."), NS);
        put(m, ContainerField.CPU_CFS_PERIODS, counter("container_cpu_cfs_periods_total", "",
            "Number of elapsed enforcement period intervals."), 1);
        put(m, ContainerField.CPU_CFS_THROTTLED_PERIODS, counter("container_cpu_cfs_throttled_periods_total", "",
            "Number of throttled period intervals."), 1);
        put(m, ContainerField.CPU_CFS_THROTTLED_NS, counter("container_cpu_cfs_throttled_seconds_total", "seconds",
            "Total time duration the container has been throttled."), NS);
        put(m, ContainerField.MEMORY_USAGE_BYTES, gauge("container_memory_usage_bytes", "bytes",
            "Current memory usage in bytes, including all memory regardless of when it was accessed"), 1);
        put(m, ContainerField.MEMORY_MAX_USAGE_BYTES, gauge("container_memory_max_usage_bytes", "bytes",
            "Maximum memory usage recorded in bytes"), 1);
        put(m, ContainerField.MEMORY_WORKING_SET_BYTES, gauge("container_memory_working_set_bytes", "bytes",
            "Current working set in bytes."), 1);
        put(m, ContainerField.MEMORY_RSS_BYTES, gauge("container_memory_rss", "bytes", "Size of RSS in bytes."), 1);
        put(m, ContainerField.MEMORY_CACHE_BYTES, gauge("container_memory_cache", "bytes",
            "Number of bytes of page cache memory."), 1);
        put(m, ContainerField.MEMORY_SWAP_BYTES, gauge("container_memory_swap", "bytes",
            "Container swap usage in bytes."), 1);
        put(m, ContainerField.MEMORY_MAPPED_FILE_BYTES, gauge("container_memory_mapped_file", "bytes",
            "Size of memory mapped files in bytes."), 1);
        put(m, ContainerField.MEMORY_ACTIVE_FILE_BYTES, gauge("container_memory_total_active_file_bytes", "bytes",
            "Current total active file in bytes."), 1);
        put(m, ContainerField.MEMORY_INACTIVE_FILE_BYTES, gauge("container_memory_total_inactive_file_bytes", "bytes",
            "Current total inactive file in bytes."), 1);
        put(m, ContainerField.MEMORY_FAILCNT, counter("container_memory_failcnt", "",
            "Number of memory usage hits limits"), 1);
        MetricInfo failures = counter("container_memory_failures_total", "",
            "Cumulative count of memory allocation failures.");
        put(m, ContainerField.MEMORY_PGFAULT, failures, 1, "failure_type", "pgfault", "scope", "container");
        put(m, ContainerField.MEMORY_PGMAJFAULT, failures, 1, "failure_type", "pgmajfault", "scope", "container");
        put(m, ContainerField.OOM_EVENTS, counter("container_oom_events_total", "",
            "Count of out of memory events observed for the container"), 1);
        put(m, ContainerField.OOM_KILLS, counter("container_oom_kills_total", "",
            "Count of processes killed by the OOM killer in the container (Hindsight; not in cAdvisor)"), 1);
        put(m, ContainerField.PIDS_CURRENT, gauge("container_pids_current", "",
            "Number of tasks in the container's pids cgroup (Hindsight; not in cAdvisor)"), 1);
        put(m, ContainerField.PROCESSES, gauge("container_processes", "",
            "Number of processes running inside the container."), 1);
        put(m, ContainerField.THREADS, gauge("container_threads", "",
            "Number of threads running inside the container"), 1);
        put(m, ContainerField.OPEN_FDS, gauge("container_file_descriptors", "",
            "Number of open file descriptors for the container."), 1);
        put(m, ContainerField.LOAD_AVERAGE_10S_MILLI, gauge("container_cpu_load_average_10s", "",
            "Value of container cpu load average over the last 10 seconds."), 1e-3);
        MetricInfo tasks = gauge("container_tasks_state", "", "Number of tasks in given state");
        put(m, ContainerField.TASKS_RUNNING, tasks, 1, "state", "running");
        put(m, ContainerField.TASKS_SLEEPING, tasks, 1, "state", "sleeping");
        put(m, ContainerField.TASKS_STOPPED, tasks, 1, "state", "stopped");
        put(m, ContainerField.TASKS_UNINTERRUPTIBLE, tasks, 1, "state", "uninterruptible");
        put(m, ContainerField.TASKS_IOWAIT, tasks, 1, "state", "iowaiting");
        put(m, ContainerField.PSI_CPU_SOME_US, counter("container_pressure_cpu_waiting_seconds_total", "seconds",
            "Total time duration tasks in the container have waited due to CPU congestion."), US);
        put(m, ContainerField.PSI_CPU_FULL_US, counter("container_pressure_cpu_stalled_seconds_total", "seconds",
            "Total time duration no tasks in the container could make progress due to CPU congestion."), US);
        put(m, ContainerField.PSI_MEMORY_SOME_US, counter("container_pressure_memory_waiting_seconds_total", "seconds",
            "Total time duration tasks in the container have waited due to memory congestion."), US);
        put(m, ContainerField.PSI_MEMORY_FULL_US, counter("container_pressure_memory_stalled_seconds_total", "seconds",
            "Total time duration no tasks in the container could make progress due to memory congestion."), US);
        put(m, ContainerField.PSI_IO_SOME_US, counter("container_pressure_io_waiting_seconds_total", "seconds",
            "Total time duration tasks in the container have waited due to IO congestion."), US);
        put(m, ContainerField.PSI_IO_FULL_US, counter("container_pressure_io_stalled_seconds_total", "seconds",
            "Total time duration no tasks in the container could make progress due to IO congestion."), US);
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, MetricInfo> byName() {
        Map<String, MetricInfo> m = new TreeMap<>();
        FIELDS.values().forEach(f -> m.put(f.metric().name(), f.metric()));
        NETWORK.forEach(i -> m.put(i.name(), i));
        DISK.forEach(i -> m.put(i.name(), i));
        for (MetricInfo i : List.of(CPU_USAGE, SPEC_CPU_SHARES, SPEC_CPU_QUOTA, SPEC_CPU_PERIOD, SPEC_MEMORY_LIMIT,
            SPEC_MEMORY_RESERVATION, SPEC_MEMORY_SWAP, START_TIME, INFO)) {
            m.put(i.name(), i);
        }
        return Collections.unmodifiableMap(m);
    }

    private static void put(Map<ContainerField, FieldMetric> m, ContainerField f, MetricInfo info, double scale,
                            String... extra) {
        m.put(f, new FieldMetric(f, info, scale, List.of(extra)));
    }

    private static MetricInfo counter(String name, String unit, String help) {
        return new MetricInfo(name, COUNTER, unit, help);
    }

    private static MetricInfo gauge(String name, String unit, String help) {
        return new MetricInfo(name, GAUGE, unit, help);
    }
}
