package dev.hindsight.storage.raw;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueStore;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Makes the newest raw cycle file safe to append to when it was cut short (a crash of the
 * file system, a copy that ran out of space). Chronicle keeps appending at the write
 * position in the file's header, past the cut, and a reader stops at the zeros where the cut
 * was: records collected after a restart in the same roll cycle would never reach the
 * store. So, when opening for writing, a newest file shorter than its header's write
 * position is set aside as {@code <name>.cq4.damaged}; its readable records are copied, in
 * order and with the same indexes, to a fresh file of the same cycle that takes its place.
 */
final class CutCycleRepair {
    static final String DAMAGED_SUFFIX = ".damaged";
    private static final String SALVAGE_DIR = ".salvage";

    private CutCycleRepair() {
    }

    /** The newest cycle file of a queue directory and its length before the queue maps it. */
    record Newest(Path file, long length) {
    }

    /** Looks at the directory before the queue is opened (mapping a file grows it). */
    static Newest newest(Path dir) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> files = Files.list(dir)) {
            Path newest = files.filter(p -> p.getFileName().toString().endsWith(".cq4"))
                .max(Comparator.comparing(p -> p.getFileName().toString())).orElse(null);
            return newest == null ? null : new Newest(newest, Files.size(newest));
        } catch (IOException e) {
            return null; // the queue's own opening reports what is wrong with the directory
        }
    }

    /**
     * Repairs the newest cycle when it was cut short. On a repair the queue is closed and the
     * caller opens it again.
     *
     * @return the problem found and what was done (naming the file), or null when the newest
     *         cycle is whole (the queue is left open)
     */
    static String repairIfCut(SingleChronicleQueue queue, Newest before) {
        if (before == null) {
            return null;
        }
        int cycle = queue.lastCycle();
        SingleChronicleQueueStore store;
        try {
            store = queue.storeForCycle(cycle, queue.epoch(), false, null);
        } catch (RuntimeException e) {
            return null; // no readable header: nothing to compare, and nothing a reader could follow either
        }
        if (store == null) {
            return null;
        }
        long writePosition;
        try {
            if (!store.file().toPath().getFileName().equals(before.file().getFileName())) {
                return null;
            }
            writePosition = store.writePosition();
        } finally {
            queue.closeStore(store);
        }
        if (writePosition < before.length()) {
            return null;
        }
        Path dir = before.file().getParent();
        Path salvageDir = dir.resolveSibling(dir.getFileName() + SALVAGE_DIR);
        try {
            deleteTree(salvageDir);
            long copied = copyReadable(queue, cycle, salvageDir);
            queue.close();
            Path damaged = freeName(before.file());
            Files.move(before.file(), damaged);
            Path fresh = salvageDir.resolve(before.file().getFileName());
            if (Files.exists(fresh)) {
                Files.move(fresh, before.file());
            }
            deleteTree(salvageDir);
            return before.file() + ": cut short (" + before.length() + " bytes; its header says " + writePosition
                + " were written); set aside as " + damaged.getFileName() + ", its first " + copied
                + " records (all that were readable) kept in a fresh file";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot repair cut raw cycle file " + before.file() + ": " + e.getMessage(), e);
        }
    }

    /** Copies the cycle's records up to the first unreadable one into a queue under {@code to}. */
    private static long copyReadable(SingleChronicleQueue from, int cycle, Path to) {
        RollCycle rc = from.rollCycle();
        SetTimeProvider inCycle = new SetTimeProvider(Instant.ofEpochMilli((long) cycle * rc.lengthInMillis()));
        long n = 0;
        byte[] buffer = new byte[4096];
        try (SingleChronicleQueue out = SingleChronicleQueueBuilder.binary(to.toFile()).rollCycle(rc)
                 .timeProvider(inCycle).build();
             ExcerptAppender appender = out.createAppender();
             ExcerptTailer tailer = from.createTailer()) {
            if (!tailer.moveToIndex(rc.toIndex(cycle, 0))) {
                return 0;
            }
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent() || rc.toCycle(dc.index()) != cycle || rc.toSequenceNumber(dc.index()) != n) {
                        break;
                    }
                    Bytes<?> bytes = dc.wire().bytes();
                    int length = (int) bytes.readRemaining();
                    if (buffer.length < length) {
                        buffer = new byte[Math.max(length, buffer.length * 2)];
                    }
                    bytes.read(buffer, 0, length);
                    try (DocumentContext w = appender.writingDocument()) {
                        w.wire().bytes().write(buffer, 0, length);
                    }
                    n++;
                }
            }
        }
        return n;
    }

    private static Path freeName(Path file) {
        Path p = file.resolveSibling(file.getFileName() + DAMAGED_SUFFIX);
        for (int i = 1; Files.exists(p); i++) {
            p = file.resolveSibling(file.getFileName() + DAMAGED_SUFFIX + "." + i);
        }
        return p;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
