package dev.hindsight.server.dump;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.hindsight.storage.raw.RawRecordHandler;
import dev.hindsight.storage.record.ContainerEvent;
import dev.hindsight.storage.record.ContainerField;
import dev.hindsight.storage.record.ContainerSampleFlyweight;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.record.DeviceSampleFlyweight;
import dev.hindsight.storage.record.InterfaceSampleFlyweight;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes raw-log records for people (text) and scripts (JSON, one object per line). Keeps
 * the latest spec of each container so every sample is printed with its name, cgroup path
 * ({@code id}), image and labels. Records older than {@code sinceMs} only update that state.
 */
public final class DumpPrinter implements RawRecordHandler {
    public enum Format { TEXT, JSON }

    private static final String[] IFACE_COUNTERS = {"rx_bytes", "rx_packets", "rx_errors", "rx_dropped",
        "tx_bytes", "tx_packets", "tx_errors", "tx_dropped"};

    private final PrintStream out;
    private final Format format;
    private final long sinceMs;
    private final Map<Integer, ContainerSpec> specs = new HashMap<>();
    private final JsonFactory json = new JsonFactory();
    private long printed;
    private long unreadable;

    public DumpPrinter(PrintStream out, Format format, long sinceMs) {
        this.out = out;
        this.format = format;
        this.sinceMs = sinceMs;
    }

    public long printed() {
        return printed;
    }

    public long unreadable() {
        return unreadable;
    }

    @Override
    public void onContainerSample(long index, ContainerSampleFlyweight s) {
        if (s.timestampMs() < sinceMs) {
            return;
        }
        emit("container", s.containerId(), s.timestampMs(), g -> {
            g.writeObjectFieldStart("fields");
            for (ContainerField f : ContainerField.values()) {
                if (s.has(f)) {
                    g.writeNumberField(f.name().toLowerCase(Locale.ROOT), s.get(f));
                }
            }
            g.writeEndObject();
            if (s.cpuCount() > 0) {
                g.writeArrayFieldStart("per_cpu_usage_ns");
                for (int i = 0; i < s.cpuCount(); i++) {
                    g.writeNumber(s.perCpuNs(i));
                }
                g.writeEndArray();
            }
            if ((s.flags() & 1) != 0) {
                g.writeBooleanField("host_network", true);
            }
        });
    }

    @Override
    public void onInterfaceSample(long index, InterfaceSampleFlyweight s) {
        if (s.timestampMs() < sinceMs) {
            return;
        }
        emit("interface", s.containerId(), s.timestampMs(), g -> {
            g.writeStringField("interface", s.name());
            for (int i = 0; i < IFACE_COUNTERS.length; i++) {
                g.writeNumberField(IFACE_COUNTERS[i], s.counter(i));
            }
        });
    }

    @Override
    public void onDeviceSample(long index, DeviceSampleFlyweight s) {
        if (s.timestampMs() < sinceMs) {
            return;
        }
        emit("device", s.containerId(), s.timestampMs(), g -> {
            g.writeStringField("device", s.major() + ":" + s.minor());
            g.writeNumberField("read_bytes", s.readBytes());
            g.writeNumberField("write_bytes", s.writeBytes());
            g.writeNumberField("reads", s.reads());
            g.writeNumberField("writes", s.writes());
        });
    }

    @Override
    public void onSpec(long index, ContainerSpec spec) {
        specs.put(spec.containerId(), spec);
        if (spec.timestampMs() < sinceMs) {
            return;
        }
        emit("spec", spec.containerId(), spec.timestampMs(), g -> {
            g.writeStringField("runtime", spec.runtime());
            g.writeNumberField("created_ms", spec.createdMs());
            g.writeNumberField("cpu_shares", spec.cpuShares());
            g.writeNumberField("cpu_quota_us", spec.cpuQuotaUs());
            g.writeNumberField("cpu_period_us", spec.cpuPeriodUs());
            g.writeStringField("cpuset_cpus", spec.cpusetCpus());
            g.writeStringField("cpuset_mems", spec.cpusetMems());
            g.writeNumberField("memory_limit_bytes", spec.memoryLimitBytes());
            g.writeNumberField("memory_reservation_bytes", spec.memoryReservationBytes());
            g.writeNumberField("memory_swap_limit_bytes", spec.memorySwapLimitBytes());
            g.writeNumberField("pids_max", spec.pidsMax());
        });
    }

    @Override
    public void onEvent(long index, ContainerEvent e) {
        if (e.timestampMs() < sinceMs) {
            return;
        }
        emit("event", e.containerId(), e.timestampMs(), g -> {
            g.writeStringField("event", e.type().apiName);
            g.writeNumberField("value", e.value());
        });
    }

    @Override
    public void onMachineInfo(long index, long timestampMs, String machineJson) {
        if (timestampMs < sinceMs) {
            return;
        }
        if (format == Format.JSON) {
            out.println("{\"type\":\"machine\",\"timestamp_ms\":" + timestampMs + ",\"machine\":" + machineJson + "}");
        } else {
            out.println(Instant.ofEpochMilli(timestampMs) + " machine " + machineJson);
        }
        printed++;
    }

    @Override
    public void onUnreadable(long index, String reason) {
        unreadable++;
        System.err.println("record at index 0x" + Long.toHexString(index) + " skipped: " + reason);
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private void emit(String type, int containerId, long ts, Body body) {
        ContainerSpec spec = specs.get(containerId);
        try {
            if (format == Format.JSON) {
                JsonGenerator g = json.createGenerator(out);
                g.writeStartObject();
                g.writeStringField("type", type);
                g.writeNumberField("timestamp_ms", ts);
                g.writeStringField("time", Instant.ofEpochMilli(ts).toString());
                g.writeNumberField("container_id", containerId);
                g.writeStringField("id", spec == null ? "" : spec.cgroupPath());
                g.writeStringField("name", spec == null ? "" : spec.name());
                g.writeStringField("image", spec == null ? "" : spec.image());
                g.writeObjectFieldStart("labels");
                if (spec != null) {
                    for (Map.Entry<String, String> l : spec.labels().entrySet()) {
                        g.writeStringField(l.getKey(), l.getValue());
                    }
                }
                g.writeEndObject();
                body.write(g);
                g.writeEndObject();
                g.flush();
                out.println();
            } else {
                java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
                JsonGenerator g = json.createGenerator(buf);
                g.writeStartObject();
                body.write(g);
                g.writeEndObject();
                g.close();
                String who = spec == null ? "#" + containerId : spec.name() + (spec.image().isEmpty() ? "" : " (" + spec.image() + ")");
                out.println(Instant.ofEpochMilli(ts) + " " + type + " " + who + " " + buf);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        printed++;
    }
}
