package dev.hindsight.storage.rawindex;

import dev.hindsight.storage.files.DurableFiles;
import dev.hindsight.storage.record.RecordHeader;
import dev.hindsight.storage.record.RecordType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.collections.Int2ObjectHashMap;

/**
 * Indexes one finished roll cycle of the raw log: one pass over the cycle reading only each
 * record's header, the sample records' positions grouped into per-container runs
 * ({@link ContainerRuns}), written as a {@link RawIndexLayout} file. Written to a temporary
 * file, forced to disk, renamed into place and the directory forced: an index file either
 * exists complete or not at all. Memory: the encoded runs (a few bytes per record).
 */
final class CycleIndexWriter {
    /** What indexing made. */
    record Result(Path file, int containers, long records) {
    }

    private CycleIndexWriter() {
    }

    static Result write(SingleChronicleQueue queue, int cycle, Path target) throws IOException {
        Int2ObjectHashMap<ContainerRuns> byContainer = new Int2ObjectHashMap<>();
        long[] range = {Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE}; // min, max, origin
        long records = read(queue, cycle, byContainer, range);
        int[] ids = new int[byContainer.size()];
        int k = 0;
        for (Int2ObjectHashMap<ContainerRuns>.KeyIterator it = byContainer.keySet().iterator(); it.hasNext(); ) {
            ids[k++] = it.nextInt();
        }
        Arrays.sort(ids);
        ByteBuffer table = ByteBuffer.allocate((int) RawIndexLayout.dataOffset(ids.length)).order(ByteOrder.LITTLE_ENDIAN);
        long dataLength = 0;
        CRC32C dataCrc = new CRC32C();
        for (int i = 0; i < ids.length; i++) {
            ContainerRuns r = byContainer.get(ids[i]);
            int e = RawIndexLayout.HEADER_LENGTH + i * RawIndexLayout.ENTRY_LENGTH;
            table.putInt(e + RawIndexLayout.ENTRY_CONTAINER_OFFSET, ids[i]);
            table.putInt(e + RawIndexLayout.ENTRY_RUNS_OFFSET, r.runs());
            table.putLong(e + RawIndexLayout.ENTRY_DATA_OFFSET, dataLength);
            dataCrc.update(r.data(), 0, r.length());
            dataLength += r.length();
        }
        table.putInt(RawIndexLayout.MAGIC_OFFSET, RawIndexLayout.MAGIC);
        table.putShort(RawIndexLayout.VERSION_OFFSET, (short) RawIndexLayout.VERSION);
        table.putInt(RawIndexLayout.CYCLE_OFFSET, cycle);
        table.putInt(RawIndexLayout.CONTAINER_COUNT_OFFSET, ids.length);
        table.putLong(RawIndexLayout.ORIGIN_OFFSET, range[2]);
        table.putLong(RawIndexLayout.RECORD_COUNT_OFFSET, records);
        table.putLong(RawIndexLayout.MIN_TIME_OFFSET, range[0]);
        table.putLong(RawIndexLayout.MAX_TIME_OFFSET, range[1]);
        table.putLong(RawIndexLayout.DATA_LENGTH_OFFSET, dataLength);
        table.putInt(RawIndexLayout.DATA_CRC_OFFSET, (int) dataCrc.getValue());
        table.putInt(RawIndexLayout.CRC_OFFSET, headerCrc(table));

        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
            writeFully(ch, table.position(0));
            for (int id : ids) {
                ContainerRuns r = byContainer.get(id);
                writeFully(ch, ByteBuffer.wrap(r.data(), 0, r.length()));
            }
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        DurableFiles.moveIntoPlace(tmp, target);
        return new Result(target, ids.length, records);
    }

    /** Reads the cycle's sample records into per-container runs; returns how many. */
    private static long read(SingleChronicleQueue queue, int cycle, Int2ObjectHashMap<ContainerRuns> out,
                             long[] range) {
        RollCycle rc = queue.rollCycle();
        long records = 0;
        try (ExcerptTailer t = queue.createTailer()) {
            if (!t.moveToIndex(rc.toIndex(cycle, 0))) {
                return 0;
            }
            while (true) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    long index = dc.index();
                    if (rc.toCycle(index) != cycle) {
                        dc.rollbackOnClose();
                        break;
                    }
                    Bytes<?> b = dc.wire().bytes();
                    if (b.readRemaining() < RecordHeader.LENGTH) {
                        continue;
                    }
                    long p = b.readPosition();
                    if (!isSample(b.readUnsignedShort(p + RecordHeader.TYPE_OFFSET))) {
                        continue;
                    }
                    int container = b.readInt(p + RecordHeader.CONTAINER_ID_OFFSET);
                    long ts = b.readLong(p + RecordHeader.TIMESTAMP_OFFSET);
                    if (records == 0) {
                        range[2] = ts; // the origin of every container's first time delta
                    }
                    ContainerRuns r = out.get(container);
                    if (r == null) {
                        r = new ContainerRuns(container, range[2]);
                        out.put(container, r);
                    }
                    r.add(rc.toSequenceNumber(index), ts);
                    range[0] = Math.min(range[0], ts);
                    range[1] = Math.max(range[1], ts);
                    records++;
                }
            }
        }
        for (ContainerRuns r : out.values()) {
            r.close();
        }
        return records;
    }

    static boolean isSample(int typeCode) {
        return typeCode == RecordType.CONTAINER_SAMPLE.code || typeCode == RecordType.INTERFACE_SAMPLE.code
            || typeCode == RecordType.DEVICE_SAMPLE.code;
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** CRC-32C of the header's first 60 bytes and the container table. */
    static int headerCrc(ByteBuffer headerAndTable) {
        CRC32C crc = new CRC32C();
        crc.update(headerAndTable.slice(0, RawIndexLayout.CRC_OFFSET));
        crc.update(headerAndTable.slice(RawIndexLayout.HEADER_LENGTH,
            (int) RawIndexLayout.dataOffset(headerAndTable.getInt(RawIndexLayout.CONTAINER_COUNT_OFFSET))
                - RawIndexLayout.HEADER_LENGTH));
        return (int) crc.getValue();
    }
}
