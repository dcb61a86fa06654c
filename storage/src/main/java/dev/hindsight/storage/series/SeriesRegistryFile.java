package dev.hindsight.storage.series;

import dev.hindsight.storage.files.DurableFiles;
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
 * label sets, each with its series id, and of retirements. Layout:
 * storage/docs/format/series-idx.md.
 * <pre>
 *  file:   magic "HSSI" | version (int32 = 3; versions 1 and 2 are read and relabelled) | record*
 *  record: payload length L (int32) | CRC-32 of payload (int32) | payload (L bytes)
 *  payload: series id (int32) | pair count N (int32) | N x (name, value), each a
 *           UTF-8 string prefixed by its byte length (int32)
 *         | series id (int32) | -1 (int32): the series is retired
 * </pre>
 * Little-endian. A label set's id is either the next id (ids it skips are retired) or a
 * retired one handed out again (version 3). A record cut short (SIGKILL mid-write), a CRC
 * mismatch or an id already in use ends the load: the rest is reported in {@link #problems()}
 * and cut off, so the ids that were read stay valid. A file holding retirements is rewritten
 * on open with the live series only; the ids in between are free again.
 */
public final class SeriesRegistryFile implements AutoCloseable {
    public static final int MAGIC = 0x49535348; // "HSSI" little-endian
    public static final int VERSION = 3;
    private static final int RETIRED = -1;
    static final int HEADER_LENGTH = 8;
    private static final int MAX_RECORD = 1 << 20;

    private final Path path;
    private final FileChannel channel;
    /** By id; null for a retired id. */
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
            Load load = load(path, ch, loaded, problems);
            if (load.retirements() > 0) {
                ch.close();
                compact(path, loaded);
                ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
                ch.position(ch.size());
            } else {
                if (load.end() < ch.size()) {
                    ch.truncate(load.end());
                }
                ch.position(load.end());
            }
            return new SeriesRegistryFile(path, ch, loaded, problems);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open series registry " + path, e);
        }
    }

    /** Where the intact records end, and how many retirement records they hold (compaction drops them). */
    private record Load(long end, int retirements) {
    }

    private static Load load(Path path, FileChannel ch, List<Labels> out, List<String> problems) throws IOException {
        long size = ch.size();
        if (size < HEADER_LENGTH) {
            if (size > 0) {
                problems.add(path + ": header cut short (" + size + " bytes); starting an empty registry");
            }
            ch.truncate(0);
            ch.write(header(), 0);
            return new Load(HEADER_LENGTH, 0);
        }
        ByteBuffer all = ByteBuffer.allocate((int) Math.min(size, Integer.MAX_VALUE - 8)).order(ByteOrder.LITTLE_ENDIAN);
        ch.read(all, 0);
        all.flip();
        int magic = all.getInt();
        int version = all.getInt();
        if (magic != MAGIC || version < 1 || version > VERSION) {
            throw new IllegalStateException(path + ": not a Hindsight series registry (bad magic or version)");
        }
        if (version < VERSION) {
            ch.write(header(), 0); // older files' records are version 3's that never reuse an id
        }
        CRC32 crc = new CRC32();
        int retirements = 0;
        while (all.remaining() > 0) {
            int start = all.position();
            if (all.remaining() < 8) {
                problems.add(path + ": record at offset " + start + " cut short; " + out.size() + " series kept");
                return new Load(start, retirements);
            }
            int length = all.getInt();
            int expected = all.getInt();
            if (length < 8 || length > MAX_RECORD || all.remaining() < length) {
                problems.add(path + ": record at offset " + start + " cut short or malformed; " + out.size()
                    + " series kept");
                return new Load(start, retirements);
            }
            crc.reset();
            crc.update(all.array(), all.position(), length);
            if ((int) crc.getValue() != expected) {
                problems.add(path + ": record at offset " + start + " fails its checksum; " + out.size()
                    + " series kept");
                return new Load(start, retirements);
            }
            int id = all.getInt(all.position());
            int pairs = all.getInt(all.position() + 4);
            if (pairs == RETIRED && length == 8 && id >= 0 && id - out.size() <= MAX_SKIPPED) {
                while (out.size() <= id) {
                    out.add(null);
                }
                out.set(id, null);
                retirements++;
                all.position(all.position() + length);
                continue;
            }
            boolean reuse = id >= 0 && id < out.size() && out.get(id) == null && version >= 3;
            boolean next = id >= out.size() && id - out.size() <= MAX_SKIPPED && (version > 1 || id == out.size());
            Labels labels = reuse || next ? decode(all, length) : null;
            if (labels == null) {
                problems.add(path + ": record at offset " + start + " is malformed or names an id in use; "
                    + out.size() + " series kept");
                return new Load(start, retirements);
            }
            while (out.size() <= id) {
                out.add(null); // retired before the file was last compacted
            }
            out.set(id, labels);
        }
        return new Load(all.position(), retirements);
    }

    /** Most ids a label set may skip over (retired ids of a compacted file); more is damage. */
    private static final int MAX_SKIPPED = 1 << 28;

    private static ByteBuffer header() {
        ByteBuffer h = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        return h.putInt(MAGIC).putInt(VERSION).flip();
    }

    /** Rewrites the file with the live series only, under a temporary name moved into place. */
    private static void compact(Path path, List<Labels> byId) throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(out, header());
            for (int id = 0; id < byId.size(); id++) {
                if (byId.get(id) != null) {
                    writeFully(out, record(id, byId.get(id)));
                }
            }
            out.force(true);
        }
        DurableFiles.moveIntoPlace(tmp, path);
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private static Labels decode(ByteBuffer b, int length) {
        int end = b.position() + length;
        b.getInt(); // id, checked by the caller
        int pairs = b.getInt();
        if (pairs < 0 || pairs > 10_000) {
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
     * Appends one series; its id must be above every id already in the file, or a retired one.
     * Returns false
     * when the write failed (the file is cut back to its last whole record).
     */
    boolean append(int id, Labels labels) {
        try {
            return appendRecord(record(id, labels));
        } catch (IOException e) {
            return false;
        }
    }

    /** Appends the retirement of a series; false when the write failed. */
    boolean retire(int id) {
        return appendRecord(retirement(id));
    }

    private static ByteBuffer record(int id, Labels labels) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream(128);
        DataOutputStream out = new DataOutputStream(payload);
        out.writeInt(Integer.reverseBytes(id));
        out.writeInt(Integer.reverseBytes(labels.size()));
        for (int i = 0; i < labels.size(); i++) {
            writeString(out, labels.name(i));
            writeString(out, labels.value(i));
        }
        return framed(payload.toByteArray());
    }

    private static ByteBuffer retirement(int id) {
        byte[] p = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(id).putInt(RETIRED).array();
        return framed(p);
    }

    private static ByteBuffer framed(byte[] p) {
        CRC32 crc = new CRC32();
        crc.update(p);
        ByteBuffer rec = ByteBuffer.allocate(8 + p.length).order(ByteOrder.LITTLE_ENDIAN);
        return rec.putInt(p.length).putInt((int) crc.getValue()).put(p).flip();
    }

    private boolean appendRecord(ByteBuffer rec) {
        long before;
        try {
            before = channel.position();
        } catch (IOException e) {
            return false;
        }
        try {
            writeFully(channel, rec);
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

    /** The label sets found on open, by id; null for a retired id. */
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
