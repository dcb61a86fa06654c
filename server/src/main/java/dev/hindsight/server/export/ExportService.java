package dev.hindsight.server.export;

import dev.hindsight.server.export.influx.LineProtocolEncoder;
import dev.hindsight.server.export.remotewrite.RemoteWriteEncoder;
import dev.hindsight.server.http.SelfMetrics;
import dev.hindsight.storage.config.HindsightConfig;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.record.ContainerSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Every configured sink ({@code remote_write:} and {@code influxdb:}), each an
 * {@link ExportLoop} on its own thread. Start it after the store, close it before.
 */
public final class ExportService implements AutoCloseable {
    private final List<ExportLoop> loops;

    private ExportService(List<ExportLoop> loops) {
        this.loops = List.copyOf(loops);
    }

    /**
     * Parses the sinks from the config and starts them.
     *
     * @param knownSpecs container specs already known (e.g. {@code store.containers().values()})
     * @throws dev.hindsight.storage.config.ConfigException naming each bad field
     */
    public static ExportService start(HindsightConfig config, RawLog log, Collection<ContainerSpec> knownSpecs,
                                      LongSupplier clockMs) {
        return start(ExportConfigParser.parse(config.sections()), log, knownSpecs, clockMs);
    }

    /** Starts the given sinks. */
    public static ExportService start(List<SinkConfig> sinks, RawLog log, Collection<ContainerSpec> knownSpecs,
                                      LongSupplier clockMs) {
        List<ExportLoop> loops = new ArrayList<>();
        List<ContainerSpec> specs = List.copyOf(knownSpecs);
        for (SinkConfig s : sinks) {
            BatchEncoder enc = s.kind() == SinkConfig.Kind.REMOTE_WRITE ? new RemoteWriteEncoder()
                : new LineProtocolEncoder();
            loops.add(new ExportLoop(s, log, specs, enc, clockMs).start());
        }
        return new ExportService(loops);
    }

    public List<ExportLoop> sinks() {
        return loops;
    }

    /** The sinks' counters at /metrics, one series per sink labelled {@code name} and {@code url}. */
    public SelfMetrics selfMetrics() {
        return new ExportSelfMetrics(loops);
    }

    /** The given metrics followed by this service's. */
    public SelfMetrics chain(SelfMetrics first) {
        SelfMetrics mine = selfMetrics();
        return out -> {
            first.write(out);
            mine.write(out);
        };
    }

    @Override
    public void close() {
        loops.forEach(ExportLoop::close);
    }
}
