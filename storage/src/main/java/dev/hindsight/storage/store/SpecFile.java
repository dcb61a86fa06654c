package dev.hindsight.storage.store;

import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.record.ContainerSpecCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import dev.hindsight.storage.files.DurableFiles;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.zip.CRC32;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Every distinct container spec the store has seen, in {@code <data_dir>/series/specs.log},
 * so that a restart that replays only the tail of the raw log still knows every container's
 * labels (the raw log's own spec records may have been deleted by retention).
 * <pre>
 *  record := length int32 | CRC-32 of body int32 | body (a raw-log container spec record, ContainerSpecCodec)
 * </pre>
 * Little-endian. A cut-short or corrupt tail is reported with the path and cut off.
 * Ingest thread only.
 */
final class SpecFile implements AutoCloseable {
    private final Path path;
    private FileChannel channel;
    private final List<ContainerSpec> loaded = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);

    SpecFile(Path path) {
        this.path = path;
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            long end = load();
            if (end < channel.size()) {
                channel.truncate(end);
            }
            channel.position(end);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + path, e);
        }
    }

    private long load() throws IOException {
        long size = channel.size();
        ByteBuffer all = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        channel.read(all, 0);
        all.flip();
        CRC32 crc = new CRC32();
        while (all.remaining() > 0) {
            int start = all.position();
            if (all.remaining() < 8) {
                problems.add(path + ": record at offset " + start + " cut short; " + loaded.size() + " specs kept");
                return start;
            }
            int length = all.getInt();
            int expected = all.getInt();
            if (length <= 0 || length > all.remaining()) {
                problems.add(path + ": record at offset " + start + " cut short; " + loaded.size() + " specs kept");
                return start;
            }
            crc.reset();
            crc.update(all.array(), all.position(), length);
            ContainerSpec spec = (int) crc.getValue() != expected ? null
                : ContainerSpecCodec.decode(new UnsafeBuffer(all.array(), all.position(), length), 0, length);
            if (spec == null) {
                problems.add(path + ": record at offset " + start + " is corrupt; " + loaded.size() + " specs kept");
                return start;
            }
            loaded.add(spec);
            all.position(all.position() + length);
        }
        return all.position();
    }

    /**
     * Replaces the file's content with these specs (once retired containers are forgotten),
     * written under a temporary name and moved into place; false (the old file kept) when
     * that failed.
     */
    boolean rewrite(Collection<ContainerSpec> specs) {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
                for (ContainerSpec s : specs) {
                    ByteBuffer rec = record(s);
                    while (rec.hasRemaining()) {
                        out.write(rec);
                    }
                }
                out.force(true);
            }
            DurableFiles.moveIntoPlace(tmp, path);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // left for the next rewrite to replace
            }
            return false;
        }
        try {
            channel.close();
            channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            channel.position(channel.size());
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reopen " + path, e);
        }
    }

    private ByteBuffer record(ContainerSpec spec) {
        buffer.checkLimit(ContainerSpecCodec.maxLength(spec));
        int length = ContainerSpecCodec.encode(spec, buffer, 0);
        CRC32 crc = new CRC32();
        crc.update(buffer.byteArray(), 0, length);
        ByteBuffer rec = ByteBuffer.allocate(8 + length).order(ByteOrder.LITTLE_ENDIAN);
        return rec.putInt(length).putInt((int) crc.getValue()).put(buffer.byteArray(), 0, length).flip();
    }

    /** Appends a spec; false when the write failed (e.g. a full disk): the raw log still has it. */
    boolean append(ContainerSpec spec) {
        ByteBuffer rec = record(spec);
        long before = -1;
        try {
            before = channel.position();
            while (rec.hasRemaining()) {
                channel.write(rec);
            }
            return true;
        } catch (IOException e) {
            try {
                if (before >= 0) {
                    channel.truncate(before);
                    channel.position(before);
                }
            } catch (IOException ignored) {
                // a partial record is cut off when the file is next opened
            }
            return false;
        }
    }

    List<ContainerSpec> loaded() {
        return loaded;
    }

    List<String> problems() {
        return problems;
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
