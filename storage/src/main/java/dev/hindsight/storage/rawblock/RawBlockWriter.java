package dev.hindsight.storage.rawblock;

import dev.hindsight.storage.files.DurableFiles;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.raw.RawLogReader;
import dev.hindsight.storage.raw.RawRecordHandler;
import dev.hindsight.storage.record.ContainerSampleFlyweight;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.record.DeviceSampleFlyweight;
import dev.hindsight.storage.record.InterfaceSampleFlyweight;
import dev.hindsight.storage.series.SeriesMapper;
import dev.hindsight.storage.series.SeriesRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collection;
import java.util.zip.CRC32C;
import net.openhft.chronicle.queue.RollCycle;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.IntHashSet;

/**
 * Writes the block of one finished roll cycle: one pass over the cycle's records, each sample
 * record mapped to series values by a {@link SeriesMapper} holding the given specs (as a raw
 * read maps them), each series' values in log order appended to its {@link SeriesEncoder};
 * then the file ({@link RawBlockLayout}) is written to a temporary file, forced, renamed into
 * place and the directory forced: a block exists complete or not at all.
 *
 * <p>Memory: a cycle's streams are about two bytes a sample, 200 MB for an hour of 1,000
 * containers at 1 s, so they are not all kept: once a series' encoder holds
 * {@link #PIECE_WORDS} whole words they move, as a piece, to an unlinked scratch file next to
 * the block ({@link StreamPieces}), and the block's streams are put together from the pieces
 * when it is written. An
 * encoder then holds at most about twice that, a kilobyte per series.
 */
final class RawBlockWriter implements RawRecordHandler {
    /** What writing made; {@code file} null when the cycle could not be read to its end. */
    record Result(Path file, int series, long records, long samples) {
    }

    /** Whole words an encoder gathers before they move to the scratch file. */
    static final int PIECE_WORDS = 64;

    private final RollCycle rollCycle;
    private final int cycle;
    private final SeriesMapper mapper;
    /** Each series' encoder, indexed by series id (the mapper's ids: dense, from the registry). */
    private SeriesEncoder[] series = new SeriesEncoder[1024];
    private int seriesCount;
    private final IntHashSet containers = new IntHashSet();
    private long records;
    private long minTime = Long.MAX_VALUE;
    private long maxTime = Long.MIN_VALUE;
    private boolean leftCycle;

    /** The streams' words that left memory while the cycle was read. */
    private final StreamPieces pieces;

    private RawBlockWriter(RollCycle rollCycle, int cycle, SeriesMapper mapper, Path scratchDir) {
        this.rollCycle = rollCycle;
        this.cycle = cycle;
        this.mapper = mapper;
        this.pieces = new StreamPieces(scratchDir);
    }

    /**
     * Writes the block of {@code cycle} to {@code target}. Returns a result without a file when
     * the cycle cannot be read to its end (cut short, or the log failed to read): nothing is
     * written, and readers go on reading that cycle from the log.
     */
    static Result write(RawLog log, int cycle, SeriesRegistry registry, Collection<ContainerSpec> specs, Path target)
        throws IOException {
        SeriesMapper mapper = new SeriesMapper(registry);
        Int2ObjectHashMap<ContainerSpec> byId = new Int2ObjectHashMap<>();
        for (ContainerSpec s : specs) {
            mapper.onSpec(s);
            byId.put(s.containerId(), s);
        }
        RawBlockWriter w = new RawBlockWriter(log.queue().rollCycle(), cycle, mapper, target.toAbsolutePath().getParent());
        try {
            if (!w.read(log)) {
                return new Result(null, 0, 0, 0);
            }
            return w.writeFile(target, byId);
        } catch (UncheckedIOException e) {
            throw e.getCause(); // a piece could not be written while the cycle was read
        } finally {
            w.pieces.close();
        }
    }

    /** Reads the cycle; false when it ended before a record of a later cycle was met (while one exists). */
    private boolean read(RawLog log) {
        try (RawLogReader r = log.reader()) {
            if (!r.moveToIndex(rollCycle.toIndex(cycle, 0))) {
                return log.queue().lastCycle() > cycle; // an empty cycle (no record at its start)
            }
            while (!leftCycle) {
                if (r.poll(this, 256) == 0) {
                    return cycle >= log.queue().lastCycle(); // only the last cycle may end without a successor
                }
            }
            return true;
        }
    }

    private Result writeFile(Path target, Int2ObjectHashMap<ContainerSpec> specs) throws IOException {
        int[] ids = seriesIds();
        int[] cids = sortedContainers();
        long dataAt = RawBlockLayout.dataOffset(cids.length, ids.length);
        ByteBuffer tables = ByteBuffer.allocate((int) dataAt).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < cids.length; i++) {
            int e = RawBlockLayout.HEADER_LENGTH + i * RawBlockLayout.CONTAINER_ENTRY_LENGTH;
            ContainerSpec s = specs.get(cids[i]);
            tables.putInt(e + RawBlockLayout.CONTAINER_ID_OFFSET, cids[i]);
            tables.putLong(e + RawBlockLayout.CONTAINER_PRINT_OFFSET, s == null ? SpecPrints.NONE : SpecPrints.of(s));
        }
        pieces.finish(series.length);
        long dataLength = 0;
        long samples = 0;
        CRC32C crc = new CRC32C();
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
            ByteBuffer stream = ByteBuffer.allocate(4096);
            for (int i = 0; i < ids.length; i++) {
                int id = ids[i];
                SeriesEncoder enc = series[id];
                int length = enc.wordCount() * Long.BYTES;
                if (stream.capacity() < length) {
                    stream = ByteBuffer.allocate(Math.max(length, stream.capacity() * 2));
                }
                stream.clear();
                pieces.readInto(id, stream);
                stream.limit(length);
                long[] tail = enc.words();
                for (int w = 0; w < enc.heldWordCount(); w++) {
                    stream.putLong(tail[w]);
                }
                stream.flip();
                crc.reset();
                crc.update(stream.duplicate());
                writeFully(ch, stream, dataAt + dataLength);
                int e = (int) RawBlockLayout.seriesTableOffset(cids.length) + i * RawBlockLayout.SERIES_ENTRY_LENGTH;
                tables.putInt(e + RawBlockLayout.SERIES_ID_OFFSET, id);
                tables.putInt(e + RawBlockLayout.SERIES_COUNT_IN_ENTRY_OFFSET, enc.count());
                tables.putLong(e + RawBlockLayout.SERIES_DATA_OFFSET, dataLength);
                tables.putInt(e + RawBlockLayout.SERIES_LENGTH_OFFSET, length);
                tables.putInt(e + RawBlockLayout.SERIES_CRC_OFFSET, (int) crc.getValue());
                tables.putLong(e + RawBlockLayout.SERIES_MIN_TIME_OFFSET, enc.minTime());
                tables.putLong(e + RawBlockLayout.SERIES_MAX_TIME_OFFSET, enc.maxTime());
                dataLength += length;
                samples += enc.count();
            }
            tables.putInt(RawBlockLayout.MAGIC_OFFSET, RawBlockLayout.MAGIC);
            tables.putShort(RawBlockLayout.VERSION_OFFSET, (short) RawBlockLayout.VERSION);
            tables.putInt(RawBlockLayout.CYCLE_OFFSET, cycle);
            tables.putInt(RawBlockLayout.CONTAINER_COUNT_OFFSET, cids.length);
            tables.putInt(RawBlockLayout.SERIES_COUNT_OFFSET, ids.length);
            tables.putLong(RawBlockLayout.RECORD_COUNT_OFFSET, records);
            tables.putLong(RawBlockLayout.SAMPLE_COUNT_OFFSET, samples);
            tables.putLong(RawBlockLayout.MIN_TIME_OFFSET, minTime);
            tables.putLong(RawBlockLayout.MAX_TIME_OFFSET, maxTime);
            tables.putLong(RawBlockLayout.DATA_LENGTH_OFFSET, dataLength);
            tables.putInt(RawBlockLayout.CRC_OFFSET, RawBlockFile.tablesCrc(tables));
            writeFully(ch, tables.position(0), 0);
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        DurableFiles.moveIntoPlace(tmp, target);
        return new Result(target, ids.length, records, samples);
    }

    /** The ids of the series with an encoder, ascending. */
    private int[] seriesIds() {
        int[] ids = new int[seriesCount];
        int k = 0;
        for (int id = 0; id < series.length; id++) {
            if (series[id] != null) {
                ids[k++] = id;
            }
        }
        return ids;
    }

    private int[] sortedContainers() {
        int[] ids = new int[containers.size()];
        int k = 0;
        for (IntHashSet.IntIterator it = containers.iterator(); it.hasNext(); ) {
            ids[k++] = it.nextValue();
        }
        Arrays.sort(ids);
        return ids;
    }

    /** Writes all of {@code b} at {@code pos}; returns the bytes written. */
    private static int writeFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        int n = b.remaining();
        long at = pos;
        while (b.hasRemaining()) {
            at += ch.write(b, at);
        }
        return n;
    }

    // ---- reading the cycle ----

    private final dev.hindsight.storage.series.SampleSink sink = this::sample;

    private void sample(int id, long t, double v) {
        SeriesEncoder e = encoder(id);
        e.add(t, v);
        if (e.fullWords() >= PIECE_WORDS) {
            try {
                pieces.take(id, e);
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            }
        }
    }

    private SeriesEncoder encoder(int id) {
        if (id >= series.length) {
            series = Arrays.copyOf(series, Math.max(id + 1, series.length * 2));
        }
        SeriesEncoder e = series[id];
        if (e == null) {
            e = new SeriesEncoder();
            series[id] = e;
            seriesCount++;
        }
        return e;
    }

    private boolean take(long index, int container, long t) {
        if (leftCycle || rollCycle.toCycle(index) != cycle) {
            leftCycle = true;
            return false;
        }
        containers.add(container);
        records++;
        minTime = Math.min(minTime, t);
        maxTime = Math.max(maxTime, t);
        return true;
    }

    @Override
    public void onContainerSample(long index, ContainerSampleFlyweight s) {
        if (take(index, s.containerId(), s.timestampMs())) {
            mapper.containerSample(s, sink);
        }
    }

    @Override
    public void onInterfaceSample(long index, InterfaceSampleFlyweight s) {
        if (take(index, s.containerId(), s.timestampMs())) {
            mapper.interfaceSample(s, sink);
        }
    }

    @Override
    public void onDeviceSample(long index, DeviceSampleFlyweight s) {
        if (take(index, s.containerId(), s.timestampMs())) {
            mapper.deviceSample(s, sink);
        }
    }

    @Override
    public void onSpec(long index, ContainerSpec spec) {
        passed(index);
    }

    @Override
    public void onEvent(long index, dev.hindsight.storage.record.ContainerEvent event) {
        passed(index);
    }

    @Override
    public void onMachineInfo(long index, long timestampMs, String json) {
        passed(index);
    }

    @Override
    public void onUnreadable(long index, String reason) {
        passed(index);
    }

    /** A record that is not a sample: only tells whether the cycle was left. */
    private void passed(long index) {
        leftCycle |= rollCycle.toCycle(index) != cycle;
    }
}
