package dev.hindsight.storage.raw;

import java.nio.file.Path;
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

    private final SingleChronicleQueue queue;
    private final Path directory;

    private RawLog(SingleChronicleQueue queue, Path directory) {
        this.queue = queue;
        this.directory = directory;
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
        SingleChronicleQueueBuilder b = SingleChronicleQueueBuilder.binary(dir.toFile())
                .rollCycle(rollCycle)
                .readOnly(readOnly);
        if (timeProvider != null) {
            b.timeProvider(timeProvider);
        }
        return new RawLog(b.build(), dir);
    }

    public RawLogWriter writer() {
        return new RawLogWriter(queue::createAppender, System::nanoTime);
    }

    /** A reader starting at the first record still kept. */
    public RawLogReader reader() {
        return new RawLogReader(queue, queue.createTailer());
    }

    /** A named reader: its position is stored in the queue and survives restarts. */
    public RawLogReader namedReader(String name) {
        return new RawLogReader(queue, queue.createTailer(name));
    }

    public Path directory() {
        return directory;
    }

    /** The underlying queue, for the storage's own retention and indexing. */
    public SingleChronicleQueue queue() {
        return queue;
    }

    /** Index of the last record written, or -1 when empty. */
    public long lastIndex() {
        long i = queue.lastIndex();
        return i < 0 ? -1 : i;
    }

    @Override
    public void close() {
        queue.close();
    }
}
