package dev.hindsight.bench.compare;

import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.raw.RawLogReader;
import dev.hindsight.storage.raw.RawRecordHandler;
import dev.hindsight.storage.record.ContainerSampleFlyweight;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.record.DeviceSampleFlyweight;
import dev.hindsight.storage.record.InterfaceSampleFlyweight;
import dev.hindsight.storage.select.Labels;
import dev.hindsight.storage.series.SampleSink;
import dev.hindsight.storage.series.SeriesMapper;
import dev.hindsight.storage.series.SeriesRegistry;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Turns the raw log into the peers' input: every series value Hindsight derives from a record
 * (through the same cAdvisor naming, {@link SeriesMapper}, over a throw-away in-memory
 * registry), written once as OpenMetrics text for {@code promtool tsdb create-blocks-from
 * openmetrics} (timestamps in seconds, each file closed by {@code # EOF}) and once as Prometheus
 * text with millisecond timestamps for VictoriaMetrics' {@code /api/v1/import/prometheus}. So the
 * three stores hold the same series with the same values; only Hindsight's own store is exercised
 * by its ingest timing. Lines come in time order (all series of a tick, then the next tick).
 *
 * <p>The OpenMetrics text is one file per 2 h block of Prometheus (aligned as its blocks are):
 * promtool 2.42 re-parses its whole input for every 2 h block it cuts, so one file of 30 days
 * would be parsed 360 times (it ran for over ten minutes on 5 GB without finishing).
 */
final class PeerExport implements RawRecordHandler, SampleSink {
    /** What was exported. */
    record Counts(long samples, int series, long omBytes, long vmBytes) {
    }

    private final SeriesRegistry registry = SeriesRegistry.inMemory();
    private final SeriesMapper mapper = new SeriesMapper(registry);
    /** Prometheus's block length: each OpenMetrics file holds one such window. */
    static final long BLOCK_MS = 2 * 3_600_000L;

    private final List<byte[]> names = new ArrayList<>();
    private final Path omDir;
    private OutputStream om;
    private long omWindowEnd = Long.MIN_VALUE;
    private final OutputStream vm;
    private final StringBuilder sb = new StringBuilder(64);
    private long samples;
    private long omBytes;
    private long vmBytes;

    private PeerExport(Path omDir, OutputStream vm) {
        this.omDir = omDir;
        this.vm = vm;
    }

    /**
     * Writes the OpenMetrics files into {@code omDir} (created; {@link #openMetricsFiles} lists
     * them in time order) and the Prometheus text into {@code vmFile}.
     */
    static Counts export(RawLog log, Path omDir, Path vmFile) {
        try (OutputStream vm = new BufferedOutputStream(Files.newOutputStream(vmFile), 1 << 20);
             RawLogReader reader = log.reader()) {
            Files.createDirectories(omDir);
            PeerExport e = new PeerExport(omDir, vm);
            reader.toStart();
            while (reader.poll(e, 4096) > 0) {
                // drain
            }
            e.closeOpenMetrics();
            return new Counts(e.samples, e.registry.size(), e.omBytes, e.vmBytes);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The OpenMetrics files {@link #export} wrote into {@code omDir}, oldest block first. */
    static List<Path> openMetricsFiles(Path omDir) {
        try (Stream<Path> files = Files.list(omDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".om.txt")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The OpenMetrics stream for a sample at {@code timeMs}: its block's file, opened when the block starts. */
    private OutputStream openMetricsFor(long timeMs) {
        if (timeMs >= omWindowEnd) {
            long start = Math.floorDiv(timeMs, BLOCK_MS) * BLOCK_MS;
            omWindowEnd = start + BLOCK_MS;
            try {
                closeOpenMetrics();
                // zero-padded so that names sort in time order
                om = new BufferedOutputStream(Files.newOutputStream(omDir.resolve(String.format("%015d.om.txt", start))),
                    1 << 20);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return om;
    }

    private void closeOpenMetrics() throws IOException {
        if (om != null) {
            write(om, "# EOF\n".getBytes(StandardCharsets.US_ASCII), true);
            om.close();
            om = null;
        }
    }

    @Override
    public void onSpec(long index, ContainerSpec spec) {
        mapper.onSpec(spec);
    }

    @Override
    public void onContainerSample(long index, ContainerSampleFlyweight sample) {
        mapper.containerSample(sample, this);
    }

    @Override
    public void onInterfaceSample(long index, InterfaceSampleFlyweight sample) {
        mapper.interfaceSample(sample, this);
    }

    @Override
    public void onDeviceSample(long index, DeviceSampleFlyweight sample) {
        mapper.deviceSample(sample, this);
    }

    @Override
    public void accept(int seriesId, long timeMs, double value) {
        byte[] name = seriesName(seriesId);
        sb.setLength(0);
        sb.append(' ').append(formatValue(value)).append(' ');
        int valueEnd = sb.length();
        // OpenMetrics: seconds
        sb.append(timeMs / 1000);
        if (timeMs % 1000 != 0) {
            sb.append('.').append(String.format("%03d", timeMs % 1000));
        }
        sb.append('\n');
        byte[] omTail = sb.toString().getBytes(StandardCharsets.US_ASCII);
        sb.setLength(valueEnd);
        sb.append(timeMs).append('\n');
        byte[] vmTail = sb.toString().getBytes(StandardCharsets.US_ASCII);
        OutputStream omOut = openMetricsFor(timeMs);
        write(omOut, name, true);
        write(omOut, omTail, true);
        write(vm, name, false);
        write(vm, vmTail, false);
        samples++;
    }

    private void write(OutputStream out, byte[] b, boolean isOm) {
        try {
            out.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (isOm) {
            omBytes += b.length;
        } else {
            vmBytes += b.length;
        }
    }

    private byte[] seriesName(int id) {
        while (names.size() <= id) {
            names.add(null);
        }
        byte[] n = names.get(id);
        if (n == null) {
            n = render(registry.labels(id)).getBytes(StandardCharsets.UTF_8);
            names.set(id, n);
        }
        return n;
    }

    /** {@code name{a="x",b="y"}} with Prometheus escaping. */
    static String render(Labels l) {
        StringBuilder b = new StringBuilder(l.metricName()).append('{');
        boolean first = true;
        for (int i = 0; i < l.size(); i++) {
            if (l.name(i).equals(Labels.METRIC_NAME)) {
                continue;
            }
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append(l.name(i)).append("=\"");
            String v = l.value(i);
            for (int k = 0; k < v.length(); k++) {
                char c = v.charAt(k);
                if (c == '\\' || c == '"') {
                    b.append('\\').append(c);
                } else if (c == '\n') {
                    b.append("\\n");
                } else {
                    b.append(c);
                }
            }
            b.append('"');
        }
        return b.append('}').toString();
    }

    /** Integers as integers, everything else in Java's shortest round-trip form with a lower-case exponent. */
    static String formatValue(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v).replace('E', 'e');
    }
}
