package dev.hindsight.server.http.cadvisor;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hindsight.server.http.Json;
import dev.hindsight.storage.events.StoredEvent;
import dev.hindsight.storage.record.ContainerSpec;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes cAdvisor's JSON shapes (field names from {@code info/v1/container.go} and
 * {@code info/v2/container.go}): container references, specs, stats and events. Stored
 * values are in Prometheus units (seconds, bytes); cAdvisor's are nanoseconds for CPU time.
 */
final class CadvisorJson {
    /** cAdvisor's "no limit" for memory: the largest uint64. */
    static final BigInteger UNLIMITED = new BigInteger("18446744073709551615");

    private CadvisorJson() {
    }

    /** The reference fields ({@code id}, {@code name}, {@code aliases}, {@code namespace}) inside an open object. */
    static void referenceFields(JsonGenerator g, ContainerSpec s, String path) throws IOException {
        String id = s == null ? "" : ContainerTree.dockerId(s);
        if (!id.isEmpty()) {
            g.writeStringField("id", id);
        }
        g.writeStringField("name", path);
        if (!id.isEmpty()) {
            g.writeArrayFieldStart("aliases");
            if (!s.name().isEmpty() && !s.name().equals(s.cgroupPath())) {
                g.writeString(s.name());
            }
            g.writeString(id);
            g.writeEndArray();
            g.writeStringField("namespace", "docker");
        }
    }

    static void reference(JsonGenerator g, ContainerSpec s) throws IOException {
        g.writeStartObject();
        referenceFields(g, s, ContainerTree.normalize(s.cgroupPath()));
        g.writeEndObject();
    }

    /** A v1 ({@code v2 == false}) or v2 ContainerSpec; v2 adds aliases and namespace. */
    static void spec(JsonGenerator g, ContainerSpec s, boolean v2, boolean hasNetwork) throws IOException {
        g.writeStartObject();
        if (s == null) {
            g.writeEndObject();
            return;
        }
        g.writeStringField("creation_time", Json.rfc3339(s.createdMs()));
        if (v2) {
            String id = ContainerTree.dockerId(s);
            if (!id.isEmpty()) {
                g.writeArrayFieldStart("aliases");
                if (!s.name().isEmpty()) {
                    g.writeString(s.name());
                }
                g.writeString(id);
                g.writeEndArray();
                g.writeStringField("namespace", "docker");
            }
        }
        if (!s.labels().isEmpty()) {
            g.writeObjectFieldStart("labels");
            for (Map.Entry<String, String> e : s.labels().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        g.writeBooleanField("has_cpu", true);
        g.writeObjectFieldStart("cpu");
        g.writeNumberField("limit", Math.max(0, s.cpuShares()));
        g.writeNumberField("max_limit", 0);
        if (!s.cpusetCpus().isEmpty()) {
            g.writeStringField("mask", s.cpusetCpus());
        }
        if (s.cpuQuotaUs() > 0) {
            g.writeNumberField("quota", s.cpuQuotaUs());
        }
        if (s.cpuPeriodUs() > 0) {
            g.writeNumberField("period", s.cpuPeriodUs());
        }
        g.writeEndObject();
        g.writeBooleanField("has_memory", true);
        g.writeObjectFieldStart("memory");
        limit(g, "limit", s.memoryLimitBytes());
        limit(g, "reservation", s.memoryReservationBytes());
        limit(g, "swap_limit", s.memorySwapLimitBytes());
        g.writeEndObject();
        if (!v2) {
            g.writeBooleanField("has_hugetlb", false);
        }
        g.writeBooleanField("has_custom_metrics", false);
        g.writeBooleanField("has_network", hasNetwork);
        g.writeBooleanField("has_processes", true);
        g.writeObjectFieldStart("processes");
        g.writeNumberField("limit", Math.max(0, s.pidsMax()));
        g.writeEndObject();
        g.writeBooleanField("has_filesystem", false);
        g.writeBooleanField("has_diskio", true);
        if (!s.image().isEmpty()) {
            g.writeStringField("image", s.image());
        }
        g.writeEndObject();
    }

    private static void limit(JsonGenerator g, String field, long v) throws IOException {
        if (v == ContainerSpec.UNLIMITED) {
            g.writeNumberField(field, UNLIMITED);
        } else if (v >= 0) {
            g.writeNumberField(field, v);
        }
    }

    /** One ContainerStats; v2 leaves the first interface's fields out of {@code network}. */
    static void stats(JsonGenerator g, StatsRow r, boolean v2) throws IOException {
        g.writeStartObject();
        g.writeStringField("timestamp", Json.rfc3339(r.timestampMs));
        cpu(g, r);
        diskio(g, r);
        memory(g, r);
        network(g, r, v2);
        g.writeObjectFieldStart("processes");
        g.writeNumberField("process_count", n(r.get("container_processes")));
        g.writeNumberField("fd_count", n(r.get("container_file_descriptors")));
        g.writeNumberField("threads_current", n(r.get("container_threads")));
        g.writeEndObject();
        g.writeObjectFieldStart("task_stats");
        g.writeNumberField("nr_sleeping", n(r.tasks.getOrDefault("sleeping", 0.0)));
        g.writeNumberField("nr_running", n(r.tasks.getOrDefault("running", 0.0)));
        g.writeNumberField("nr_stopped", n(r.tasks.getOrDefault("stopped", 0.0)));
        g.writeNumberField("nr_uninterruptible", n(r.tasks.getOrDefault("uninterruptible", 0.0)));
        g.writeNumberField("nr_io_wait", n(r.tasks.getOrDefault("iowaiting", 0.0)));
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void cpu(JsonGenerator g, StatsRow r) throws IOException {
        g.writeObjectFieldStart("cpu");
        g.writeObjectFieldStart("usage");
        g.writeNumberField("total", ns(r.cpuTotalSeconds()));
        g.writeArrayFieldStart("per_cpu_usage");
        for (Map.Entry<String, Double> e : r.perCpu.entrySet()) {
            if (!e.getKey().equals("total")) {
                g.writeNumber(ns(e.getValue()));
            }
        }
        g.writeEndArray();
        g.writeNumberField("user", ns(r.get("container_cpu_user_seconds_total")));
        g.writeNumberField("system", ns(r.get("container_cpu_system_seconds_total")));
        g.writeEndObject();
        g.writeObjectFieldStart("cfs");
        g.writeNumberField("periods", n(r.get("container_cpu_cfs_periods_total")));
        g.writeNumberField("throttled_periods", n(r.get("container_cpu_cfs_throttled_periods_total")));
        g.writeNumberField("throttled_time", ns(r.get("container_cpu_cfs_throttled_seconds_total")));
        g.writeEndObject();
        g.writeNumberField("load_average", Math.round(r.get("container_cpu_load_average_10s") * 1000));
        g.writeEndObject();
    }

    private static void diskio(JsonGenerator g, StatsRow r) throws IOException {
        g.writeObjectFieldStart("diskio");
        deviceList(g, r, "io_service_bytes", "container_fs_reads_bytes_total", "container_fs_writes_bytes_total");
        deviceList(g, r, "io_serviced", "container_fs_reads_total", "container_fs_writes_total");
        g.writeEndObject();
    }

    private static void deviceList(JsonGenerator g, StatsRow r, String field, String read, String write) throws IOException {
        g.writeArrayFieldStart(field);
        for (Map.Entry<String, Map<String, Object>> e : r.devices.entrySet()) {
            String[] mm = e.getKey().split(":");
            Map<String, Object> d = e.getValue();
            long rd = n(d.get(read) instanceof Double x ? x : 0);
            long wr = n(d.get(write) instanceof Double x ? x : 0);
            g.writeStartObject();
            Object dev = d.get(StatsRow.DEVICE_NAME);
            if (dev != null && !dev.toString().isEmpty()) {
                g.writeStringField("device", dev.toString());
            }
            g.writeNumberField("major", Long.parseLong(mm[0].isEmpty() ? "0" : mm[0]));
            g.writeNumberField("minor", Long.parseLong(mm.length < 2 || mm[1].isEmpty() ? "0" : mm[1]));
            g.writeObjectFieldStart("stats");
            g.writeNumberField("Read", rd);
            g.writeNumberField("Write", wr);
            g.writeNumberField("Total", rd + wr);
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void memory(JsonGenerator g, StatsRow r) throws IOException {
        g.writeObjectFieldStart("memory");
        g.writeNumberField("usage", n(r.get("container_memory_usage_bytes")));
        g.writeNumberField("max_usage", n(r.get("container_memory_max_usage_bytes")));
        g.writeNumberField("cache", n(r.get("container_memory_cache")));
        g.writeNumberField("rss", n(r.get("container_memory_rss")));
        g.writeNumberField("swap", n(r.get("container_memory_swap")));
        g.writeNumberField("mapped_file", n(r.get("container_memory_mapped_file")));
        g.writeNumberField("working_set", n(r.get("container_memory_working_set_bytes")));
        g.writeNumberField("failcnt", n(r.get("container_memory_failcnt")));
        for (String scope : List.of("container_data", "hierarchical_data")) {
            g.writeObjectFieldStart(scope);
            g.writeNumberField("pgfault", n(r.memoryFailures.getOrDefault("pgfault", 0.0)));
            g.writeNumberField("pgmajfault", n(r.memoryFailures.getOrDefault("pgmajfault", 0.0)));
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void network(JsonGenerator g, StatsRow r, boolean v2) throws IOException {
        g.writeObjectFieldStart("network");
        if (!v2 && !r.interfaces.isEmpty()) {
            Map.Entry<String, Map<String, Double>> first = r.interfaces.firstEntry();
            interfaceFields(g, first.getKey(), first.getValue());
        }
        g.writeArrayFieldStart("interfaces");
        for (Map.Entry<String, Map<String, Double>> e : r.interfaces.entrySet()) {
            g.writeStartObject();
            interfaceFields(g, e.getKey(), e.getValue());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void interfaceFields(JsonGenerator g, String name, Map<String, Double> m) throws IOException {
        g.writeStringField("name", name);
        String[][] fields = {
            {"rx_bytes", "receive_bytes_total"}, {"rx_packets", "receive_packets_total"},
            {"rx_errors", "receive_errors_total"}, {"rx_dropped", "receive_packets_dropped_total"},
            {"tx_bytes", "transmit_bytes_total"}, {"tx_packets", "transmit_packets_total"},
            {"tx_errors", "transmit_errors_total"}, {"tx_dropped", "transmit_packets_dropped_total"}};
        for (String[] f : fields) {
            g.writeNumberField(f[0], n(m.getOrDefault("container_network_" + f[1], 0.0)));
        }
    }

    /** cAdvisor's v1 Event. */
    static void event(JsonGenerator g, StoredEvent e, String containerName) throws IOException {
        g.writeStartObject();
        g.writeStringField("container_name", containerName);
        g.writeStringField("timestamp", Json.rfc3339(e.timestampMs()));
        g.writeStringField("event_type", e.type().apiName);
        g.writeObjectFieldStart("event_data");
        g.writeEndObject();
        g.writeEndObject();
    }

    static long ns(double seconds) {
        return Math.round(seconds * 1e9);
    }

    static long n(double v) {
        return Double.isNaN(v) ? 0 : Math.round(v);
    }
}
