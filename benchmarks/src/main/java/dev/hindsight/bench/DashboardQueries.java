package dev.hindsight.bench;

import java.util.List;

/** The dashboard queries of issue 7, shared by the parse benchmark and the comparison harness. */
public final class DashboardQueries {
    public static final List<String> ALL = List.of(
        "sum by (name) (rate(container_cpu_usage_seconds_total[5m]))",
        "container_memory_working_set_bytes{name=~\"web.*\"}",
        "topk(5, max_over_time(container_memory_working_set_bytes[1h]))",
        "rate(container_cpu_cfs_throttled_periods_total[5m]) / rate(container_cpu_cfs_periods_total[5m])",
        "sum(rate(container_network_receive_bytes_total[5m])) by (name)",
        "quantile_over_time(0.95, container_memory_usage_bytes[1h])");

    /** Short names for tables and charts, in the order of {@link #ALL}. */
    public static final List<String> SHORT = List.of(
        "cpu sum by name", "ws web.*", "topk5 max_over_time", "throttle ratio", "net rx by name", "p95 mem usage");

    private DashboardQueries() {
    }
}
