package dev.hindsight.storage.raw;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

/**
 * The raw sample log: every record the collector produces, in one Chronicle Queue under
 * {@code <data>/raw}. One {@link RawLogWriter} per writing thread; any number of readers.
 */
public final class RawLog implements AutoCloseable {
    public static final String DIRECTORY = "raw";
    /**
     * Records between two entries of Chronicle's own index in a new cycle file (the roll
     * cycle's default is 256): {@code moveToIndex} walks up to this many record headers, and
     * reads through the raw index ({@code rawindex}) make one move per run of a container's
     * records. Costs 8 bytes of Chronicle index per 16 records; a cycle file keeps the
     * spacing it was created with.
     */
    static final int INDEX_SPACING = 16;

    private final SingleChronicleQueue queue;
    private final Path directory;
    private final List<String> problems;
    private final ReadFailures readFailures = new ReadFailures();

    private RawLog(SingleChronicleQueue queue, Path directory, List<String> problems) {
        this.queue = queue;
        this.directory = directory;
        this.problems = List.copyOf(problems);
    }

    /** Opens (creating if needed) the raw log under {@code dataDir/raw}. */
    public static RawLog open(Path dataDir) {
        return open(dataDir, RollCycles.FAST_HOURLY, null, false);
    }

    /**
     * @param timeProvider Chronicle's clock for choosing roll cycles; null for the system clock
     * @param readOnly     open without the right to append (for dump and offline readers)
     */
    public static RawLog open(Path dataDir, RollCycle rollCycle, TimeProvider timeProvider, boolean readOnly) {
        Path dir = dataDir.resolve(DIRECTORY);
        CutCycleRepair.Newest before = readOnly ? null : CutCycleRepair.newest(dir);
        SingleChronicleQueue queue = build(dir, rollCycle, timeProvider, readOnly);
        List<String> problems = new ArrayList<>();
        String repaired = CutCycleRepair.repairIfCut(queue, before);
        if (repaired != null) {
            problems.add(repaired);
            queue = build(dir, rollCycle, timeProvider, false);
        }
        return new RawLog(queue, dir, problems);
    }

    private static SingleChronicleQueue build(Path dir, RollCycle rollCycle, TimeProvider timeProvider,
                                              boolean readOnly) {
        SingleChronicleQueueBuilder b = SingleChronicleQueueBuilder.binary(dir.toFile())
                .rollCycle(rollCycle)
                .indexSpacing(INDEX_SPACING)
                .readOnly(readOnly);
        if (timeProvider != null) {
            b.timeProvider(timeProvider);
        }
        return b.build();
    }

    /**
     * What was found wrong (and repaired) when the log was opened, each naming its file, and
     * the first read failure since, if any.
     */
    public List<String> problems() {
        String failure = readFailures.first();
        if (failure == null) {
            return problems;
        }
        List<String> all = new ArrayList<>(problems);
        all.add(directory + ": " + failure);
        return all;
    }

    public RawLogWriter writer() {
        return new RawLogWriter(queue::createAppender, System::nanoTime, () -> AppendLock.releaseLeftover(queue));
    }

    /** A reader starting at the first record still kept. */
    public RawLogReader reader() {
        return new RawLogReader(queue, queue::createTailer, readFailures, System::nanoTime);
    }

    /** A named reader: its position is stored in the queue and survives restarts. */
    public RawLogReader namedReader(String name) {
        return new RawLogReader(queue, () -> queue.createTailer(name), readFailures, System::nanoTime);
    }

    /** Reads that failed inside Chronicle (e.g. on a full disk) and were answered as "nothing". */
    public long readFailures() {
        return readFailures.count();
    }

    public Path directory() {
        return directory;
    }

    /** The underlying queue, for the storage's own retention and indexing. */
    public SingleChronicleQueue queue() {
        return queue;
    }

    /** Index of the last record written, or -1 when empty or when it cannot be read now (counted). */
    public long lastIndex() {
        try {
            long i = queue.lastIndex();
            return i < 0 ? -1 : i;
        } catch (RuntimeException | InternalError e) {
            readFailures.record(e);
            return -1;
        }
    }

    @Override
    public void close() {
        queue.close();
    }
}
