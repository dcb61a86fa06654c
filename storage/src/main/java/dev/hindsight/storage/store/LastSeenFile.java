package dev.hindsight.storage.store;

import dev.hindsight.storage.files.DurableFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.Arrays;

/**
 * The newest sample time of every series, as of a moment, in {@code <data>/series/last-seen.bin},
 * so that a restarted store still knows which series went quiet long ago (the head replays
 * only its window). Layout (little-endian; storage/docs/format/last-seen.md):
 * <pre>
 *  magic "HSLS" | version int32 = 1 | saved at (newest sample time, ms) int64 | count int32
 *  | count x (series id int32, last sample time ms int64) | CRC-32 of everything before it int32
 * </pre>
 * Written whole under a temporary name and moved into place. A damaged file is reported and
 * ignored: every series then counts as seen when the store opened, which only delays retirement.
 */
final class LastSeenFile {
    static final String FILE_NAME = "last-seen.bin";
    private static final int MAGIC = 0x534C5348; // "HSLS" little-endian
    private static final int VERSION = 1;
    private static final int HEADER = 20;

    /** What a file held: when it was saved, and each series' last sample time by id (Long.MIN_VALUE: none). */
    record Snapshot(long savedAt, long[] lastSeen) {
    }

    private LastSeenFile() {
    }

    /** The file's snapshot; null when there is none, or it is damaged (reported to {@code problems}). */
    static Snapshot load(Path file, Consumer<String> problems) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            problems.accept(file + ": cannot be read (" + e.getMessage() + "); series retirement waits a full retention");
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int count = bytes.length >= HEADER ? b.getInt(16) : -1;
        if (count < 0 || bytes.length != HEADER + 12L * count + 4 || b.getInt(0) != MAGIC || b.getInt(4) != VERSION
            || crc(bytes, bytes.length - 4) != b.getInt(bytes.length - 4)) {
            problems.accept(file + ": damaged (" + bytes.length + " bytes); ignored, series retirement waits a full"
                + " retention");
            return null;
        }
        long[] lastSeen = new long[0];
        b.position(HEADER);
        for (int i = 0; i < count; i++) {
            int id = b.getInt();
            long t = b.getLong();
            if (id < 0) {
                problems.accept(file + ": series id " + id + " at entry " + i + "; ignored");
                return null;
            }
            if (id >= lastSeen.length) {
                int old = lastSeen.length;
                lastSeen = Arrays.copyOf(lastSeen, Math.max(id + 1, old * 2));
                Arrays.fill(lastSeen, old, lastSeen.length, Long.MIN_VALUE);
            }
            lastSeen[id] = t;
        }
        return new Snapshot(b.getLong(8), lastSeen);
    }

    /** Writes a snapshot: the first {@code count} ids with their last sample times. */
    static void save(Path file, long savedAt, int[] ids, long[] times, int count) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(HEADER + 12 * count + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putInt(VERSION).putLong(savedAt).putInt(count);
        for (int i = 0; i < count; i++) {
            b.putInt(ids[i]).putLong(times[i]);
        }
        b.putInt(crc(b.array(), b.position()));
        b.flip();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            while (b.hasRemaining()) {
                out.write(b);
            }
            out.force(true);
        }
        DurableFiles.moveIntoPlace(tmp, file);
    }

    private static int crc(byte[] bytes, int length) {
        CRC32 c = new CRC32();
        c.update(bytes, 0, length);
        return (int) c.getValue();
    }
}
