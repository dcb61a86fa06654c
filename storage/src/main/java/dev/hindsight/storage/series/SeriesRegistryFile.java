package dev.hindsight.storage.series;

import dev.hindsight.storage.select.Labels;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The series registry's file, {@code <data>/series/series.idx}: an append-only list of
 * label sets whose position is the series id. Layout: storage/docs/format/series-idx.md.
 * <pre>
 *  file:   magic "HSSI" | version (int32 = 1) | record*
 *  record: payload length L (int32) | CRC-32 of payload (int32) | payload (L bytes)
 *  payload: series id (int32) | pair count N (int32) | N x (name, value), each a
 *           UTF-8 string prefixed by its byte length (int32)
 * </pre>
 * Little-endian. A record cut short (SIGKILL mid-write), a CRC mismatch or an id out of
 * sequence ends the load: the rest is reported in {@link #problems()} and cut off, so the
 * ids that were read stay valid and new series continue after them.
 */
public final class SeriesRegistryFile implements AutoCloseable {
    public static final int MAGIC = 0x49535348; // "HSSI" little-endian
    public static final int VERSION = 1;
    static final int HEADER_LENGTH = 8;
    private static final int MAX_RECORD = 1 << 20;

    private final Path path;
    private final FileChannel channel;
    private final List<Labels> loaded;
    private final List<String> problems;

    private SeriesRegistryFile(Path path, FileChannel channel, List<Labels> loaded, List<String> problems) {
        this.path = path;
        this.channel = channel;
        this.loaded = loaded;
        this.problems = problems;
    }

    /** Opens (creating if needed) the file, loading every intact record. */
    public static SeriesRegistryFile open(Path path) {
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
            List<Labels> loaded = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            long end = load(path, ch, loaded, problems);
            if (end < ch.size()) {
                ch.truncate(end);
            }
            ch.position(end);
            return new SeriesRegistryFile(path, ch, loaded, problems);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open series registry " + path, e);
        }
    }

    private static long load(Path path, FileChannel ch, List<Labels> out, List<String> problems) throws IOException {
        long size = ch.size();
        if (size < HEADER_LENGTH) {
            if (size > 0) {
                problems.add(path + ": header cut short (" + size + " bytes); starting an empty registry");
            }
            ByteBuffer h = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(MAGIC).putInt(VERSION).flip();
            ch.truncate(0);
            ch.write(h, 0);
            return HEADER_LENGTH;
        }
        ByteBuffer all = ByteBuffer.allocate((int) Math.min(size, Integer.MAX_VALUE - 8)).order(ByteOrder.LITTLE_ENDIAN);
        ch.read(all, 0);
        all.flip();
        if (all.getInt() != MAGIC || all.getInt() != VERSION) {
            throw new IllegalStateException(path + ": not a Hindsight series registry (bad magic or version)");
        }
        CRC32 crc = new CRC32();
        while (all.remaining() > 0) {
            int start = all.position();
            if (all.remaining() < 8) {
                problems.add(path + ": record at offset " + start + " cut short; " + out.size() + " series kept");
                return start;
            }
            int length = all.getInt();
            int expected = all.getInt();
            if (length < 8 || length > MAX_RECORD || all.remaining() < length) {
                problems.add(path + ": record at offset " + start + " cut short or malformed; " + out.size()
                    + " series kept");
                return start;
            }
            crc.reset();
            crc.update(all.array(), all.position(), length);
            if ((int) crc.getValue() != expected) {
                problems.add(path + ": record at offset " + start + " fails its checksum; " + out.size()
                    + " series kept");
                return start;
            }
            Labels labels = decode(all, length, out.size());
            if (labels == null) {
                problems.add(path + ": record at offset " + start + " is malformed; " + out.size() + " series kept");
                return start;
            }
            out.add(labels);
        }
        return all.position();
    }

    private static Labels decode(ByteBuffer b, int length, int expectedId) {
        int end = b.position() + length;
        int id = b.getInt();
        int pairs = b.getInt();
        if (id != expectedId || pairs < 0 || pairs > 10_000) {
            return null;
        }
        String[] nv = new String[2 * pairs];
        for (int i = 0; i < nv.length; i++) {
            if (end - b.position() < 4) {
                return null;
            }
            int n = b.getInt();
            if (n < 0 || n > end - b.position()) {
                return null;
            }
            nv[i] = new String(b.array(), b.position(), n, StandardCharsets.UTF_8);
            b.position(b.position() + n);
        }
        if (b.position() != end) {
            return null;
        }
        return Labels.of(nv);
    }

    /**
     * Appends one series; its id must be the number of series already in the file. Returns
     * false when the write failed (the file is cut back to its last whole record).
     */
    boolean append(int id, Labels labels) {
        long before;
        try {
            before = channel.position();
        } catch (IOException e) {
            return false;
        }
        try {
            ByteArrayOutputStream payload = new ByteArrayOutputStream(128);
            DataOutputStream out = new DataOutputStream(payload);
            out.writeInt(Integer.reverseBytes(id));
            out.writeInt(Integer.reverseBytes(labels.size()));
            for (int i = 0; i < labels.size(); i++) {
                writeString(out, labels.name(i));
                writeString(out, labels.value(i));
            }
            byte[] p = payload.toByteArray();
            CRC32 crc = new CRC32();
            crc.update(p);
            ByteBuffer rec = ByteBuffer.allocate(8 + p.length).order(ByteOrder.LITTLE_ENDIAN);
            rec.putInt(p.length).putInt((int) crc.getValue()).put(p).flip();
            while (rec.hasRemaining()) {
                channel.write(rec);
            }
            return true;
        } catch (IOException e) {
            try {
                channel.truncate(before);
                channel.position(before);
            } catch (IOException ignored) {
                // the load-time check cuts a partial record off
            }
            return false;
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(Integer.reverseBytes(b.length));
        out.write(b);
    }

    /** The label sets found on open, in id order. */
    public List<Labels> loaded() {
        return loaded;
    }

    /** What was wrong with the file on open (each naming the path); empty when intact. */
    public List<String> problems() {
        return problems;
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
