package dev.hindsight.server.http.cadvisor;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One container's values at one time, gathered from its series: plain metrics by name,
 * per-CPU usage, per-interface and per-device metrics, and the labelled families (task
 * states, memory failures). Built and read by one request thread.
 */
final class StatsRow {
    final long timestampMs;
    final Map<String, Double> metrics = new HashMap<>();
    final TreeMap<String, Double> perCpu = new TreeMap<>();
    final TreeMap<String, Map<String, Double>> interfaces = new TreeMap<>();
    /** Keyed {@code major:minor}; the device name is kept under {@link #DEVICE_NAME}. */
    final TreeMap<String, Map<String, Object>> devices = new TreeMap<>();
    final Map<String, Double> tasks = new HashMap<>();
    final Map<String, Double> memoryFailures = new HashMap<>();

    static final String DEVICE_NAME = "device";

    StatsRow(long timestampMs) {
        this.timestampMs = timestampMs;
    }

    double get(String metric) {
        Double v = metrics.get(metric);
        return v == null ? 0 : v;
    }

    boolean has(String metric) {
        return metrics.containsKey(metric);
    }

    /** Total CPU usage in seconds: the {@code cpu="total"} series, else the per-CPU sum. */
    double cpuTotalSeconds() {
        Double total = perCpu.get("total");
        if (total != null) {
            return total;
        }
        double sum = 0;
        for (double v : perCpu.values()) {
            sum += v;
        }
        return sum;
    }

    boolean hasCpu() {
        return !perCpu.isEmpty();
    }
}
