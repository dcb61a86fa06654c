package dev.hindsight.storage.raw;

import dev.hindsight.storage.record.ContainerEvent;
import dev.hindsight.storage.record.ContainerSampleFlyweight;
import dev.hindsight.storage.record.ContainerSampleLayout;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.record.ContainerSpecCodec;
import dev.hindsight.storage.record.DeviceSampleFlyweight;
import dev.hindsight.storage.record.DeviceSampleLayout;
import dev.hindsight.storage.record.InterfaceSampleFlyweight;
import dev.hindsight.storage.record.InterfaceSampleLayout;
import dev.hindsight.storage.record.MachineInfoCodec;
import dev.hindsight.storage.record.RecordHeader;
import dev.hindsight.storage.record.RecordType;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.ExpandableArrayBuffer;

/**
 * Reads the raw log in order and hands each record to a {@link RawRecordHandler}. A record
 * of an unknown type or of a newer version than this build knows is reported through
 * {@link RawRecordHandler#onUnreadable} and skipped, never misread. Not thread-safe.
 */
public final class RawLogReader implements AutoCloseable {
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final ContainerSampleFlyweight sample = new ContainerSampleFlyweight();
    private final InterfaceSampleFlyweight iface = new InterfaceSampleFlyweight();
    private final DeviceSampleFlyweight device = new DeviceSampleFlyweight();

    RawLogReader(SingleChronicleQueue queue, ExcerptTailer tailer) {
        this.queue = queue;
        this.tailer = tailer;
    }

    /**
     * Reads and dispatches up to {@code limit} records.
     *
     * @return the number read; 0 when the reader is at the end of the log
     */
    public int poll(RawRecordHandler handler, int limit) {
        int n = 0;
        while (n < limit) {
            long index;
            int length;
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    break;
                }
                index = dc.index();
                Bytes<?> bytes = dc.wire().bytes();
                length = (int) bytes.readRemaining();
                buffer.checkLimit(length);
                bytes.read(buffer.byteArray(), 0, length);
            }
            dispatch(index, length, handler);
            n++;
        }
        return n;
    }

    private void dispatch(long index, int length, RawRecordHandler handler) {
        if (length < RecordHeader.LENGTH) {
            handler.onUnreadable(index, "record of " + length + " bytes is shorter than its header");
            return;
        }
        int code = RecordHeader.typeCode(buffer, 0);
        RecordType type = RecordType.ofCode(code);
        if (type == null) {
            handler.onUnreadable(index, "unknown record type " + code);
            return;
        }
        int version = RecordHeader.version(buffer, 0);
        if (version < 1 || version > type.version) {
            handler.onUnreadable(index, type + " record version " + version
                    + " is not supported by this build (it reads up to version " + type.version + ")");
            return;
        }
        switch (type) {
            case CONTAINER_SAMPLE -> {
                sample.wrap(buffer, 0);
                if (length < ContainerSampleLayout.FIELDS_OFFSET || sample.fieldCount() < 0 || sample.cpuCount() < 0
                        || sample.length() > length) {
                    handler.onUnreadable(index, "container sample is truncated");
                } else {
                    handler.onContainerSample(index, sample);
                }
            }
            case INTERFACE_SAMPLE -> {
                if (length < InterfaceSampleLayout.LENGTH) {
                    handler.onUnreadable(index, "interface sample is truncated");
                } else {
                    handler.onInterfaceSample(index, iface.wrap(buffer, 0));
                }
            }
            case DEVICE_SAMPLE -> {
                if (length < DeviceSampleLayout.LENGTH) {
                    handler.onUnreadable(index, "device sample is truncated");
                } else {
                    handler.onDeviceSample(index, device.wrap(buffer, 0));
                }
            }
            case CONTAINER_SPEC -> {
                ContainerSpec spec = ContainerSpecCodec.decode(buffer, 0, length);
                if (spec == null) {
                    handler.onUnreadable(index, "container spec is malformed");
                } else {
                    handler.onSpec(index, spec);
                }
            }
            case EVENT -> {
                ContainerEvent event = length < 32 ? null : ContainerEvent.decode(buffer, 0);
                if (event == null) {
                    handler.onUnreadable(index, "event record is malformed");
                } else {
                    handler.onEvent(index, event);
                }
            }
            case MACHINE_INFO -> {
                String json = MachineInfoCodec.decode(buffer, 0, length);
                if (json == null) {
                    handler.onUnreadable(index, "machine info record is malformed");
                } else {
                    handler.onMachineInfo(index, RecordHeader.timestampMs(buffer, 0), json);
                }
            }
            default -> handler.onUnreadable(index, "unhandled record type " + type);
        }
    }

    /**
     * Lets the calling thread use this reader from now on. Chronicle tailers check that one
     * thread uses them; a reader positioned on one thread and polled on another must be
     * handed over first.
     */
    public void handOverToCurrentThread() {
        tailer.singleThreadedCheckReset();
    }

    /** Index of the record the next {@link #poll} reads. */
    public long index() {
        return tailer.index();
    }

    public boolean moveToIndex(long index) {
        return tailer.moveToIndex(index);
    }

    public void toStart() {
        tailer.toStart();
    }

    public void toEnd() {
        tailer.toEnd();
    }

    /**
     * Positions the reader at the first record whose timestamp is at least {@code timestampMs},
     * assuming timestamps grow with the index (one writer): a binary search over the roll
     * cycles, then within one ({@link QueueSearch}). Returns false (positioned at the end)
     * when every record is older.
     */
    public boolean seekToTime(long timestampMs) {
        if (queue.lastIndex() < 0) {
            return false;
        }
        QueueSearch.seek(queue, tailer, RawLogReader::timestampOf, timestampMs);
        long at = tailer.index();
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return false;
            }
            dc.rollbackOnClose();
        }
        tailer.moveToIndex(at);
        return true;
    }

    private static long timestampOf(Bytes<?> bytes) {
        return bytes.readRemaining() < RecordHeader.LENGTH ? Long.MIN_VALUE
            : bytes.readLong(bytes.readPosition() + RecordHeader.TIMESTAMP_OFFSET);
    }

    @Override
    public void close() {
        tailer.close();
    }
}
