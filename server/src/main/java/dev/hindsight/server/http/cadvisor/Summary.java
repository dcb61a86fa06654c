package dev.hindsight.server.http.cadvisor;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hindsight.server.http.Json;
import dev.hindsight.storage.record.ContainerSpec;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * cAdvisor's v2 DerivedStats: the latest CPU (millicores) and memory (working set, bytes)
 * and their mean, max and 50/90/95th percentiles over the last minute (raw samples), hour
 * (minute steps) and day (hour steps), each with the percentage of the window covered.
 */
final class Summary {
    private Summary() {
    }

    static void write(JsonGenerator g, StatsReader stats, ContainerSpec s, long end) throws IOException {
        List<StatsRow> minute = stats.range(s, end - 60_000, end, 0);
        g.writeStartObject();
        g.writeStringField("timestamp", Json.rfc3339(end));
        g.writeObjectFieldStart("latest_usage");
        double[] cpu = cpuMillicores(minute);
        g.writeNumberField("cpu", cpu.length == 0 ? 0 : Math.round(cpu[cpu.length - 1]));
        g.writeNumberField("memory", minute.isEmpty() ? 0 : CadvisorJson.n(memory(minute.get(minute.size() - 1))));
        g.writeEndObject();
        usage(g, "minute_usage", minute, 60_000, intervalOf(minute));
        usage(g, "hour_usage", stats.range(s, end - 3_600_000, end, 60), 3_600_000, 60_000);
        usage(g, "day_usage", stats.range(s, end - 86_400_000, end, 24), 86_400_000, 3_600_000);
        g.writeEndObject();
    }

    private static double memory(StatsRow r) {
        return r.get("container_memory_working_set_bytes");
    }

    private static long intervalOf(List<StatsRow> rows) {
        if (rows.size() < 2) {
            return 1000;
        }
        return Math.max(1, (rows.get(rows.size() - 1).timestampMs - rows.get(0).timestampMs) / (rows.size() - 1));
    }

    private static void usage(JsonGenerator g, String field, List<StatsRow> rows, long window, long interval)
        throws IOException {
        g.writeObjectFieldStart(field);
        long expected = Math.max(1, window / Math.max(1, interval));
        g.writeNumberField("percent_complete", Math.min(100, Math.round(100.0 * Math.max(0, rows.size() - 1) / expected)));
        percentiles(g, "cpu", cpuMillicores(rows));
        double[] mem = new double[rows.size()];
        for (int i = 0; i < mem.length; i++) {
            mem[i] = memory(rows.get(i));
        }
        percentiles(g, "memory", mem);
        g.writeEndObject();
    }

    /** CPU rate between consecutive rows, in millicores; a counter reset yields no point. */
    static double[] cpuMillicores(List<StatsRow> rows) {
        double[] out = new double[Math.max(0, rows.size() - 1)];
        int n = 0;
        for (int i = 1; i < rows.size(); i++) {
            StatsRow a = rows.get(i - 1);
            StatsRow b = rows.get(i);
            double d = b.cpuTotalSeconds() - a.cpuTotalSeconds();
            long dt = b.timestampMs - a.timestampMs;
            if (d >= 0 && dt > 0) {
                out[n++] = d / (dt / 1000.0) * 1000.0;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static void percentiles(JsonGenerator g, String field, double[] values) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeBooleanField("present", values.length > 0);
        double[] v = values.clone();
        Arrays.sort(v);
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        g.writeNumberField("mean", v.length == 0 ? 0 : Math.round(sum / v.length));
        g.writeNumberField("max", v.length == 0 ? 0 : Math.round(v[v.length - 1]));
        g.writeNumberField("fifty", pct(v, 0.5));
        g.writeNumberField("ninety", pct(v, 0.9));
        g.writeNumberField("ninetyfive", pct(v, 0.95));
        g.writeEndObject();
    }

    private static long pct(double[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return Math.round(sorted[Math.max(0, Math.min(sorted.length - 1, i))]);
    }
}
