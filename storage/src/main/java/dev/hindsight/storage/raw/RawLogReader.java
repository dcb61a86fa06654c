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
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.agrona.ExpandableArrayBuffer;

/**
 * Reads the raw log in order and hands each record to a {@link RawRecordHandler}. A record
 * of an unknown type or of a newer version than this build knows is reported through
 * {@link RawRecordHandler#onUnreadable} and skipped, never misread. Not thread-safe.
 *
 * <p>A fault inside Chronicle while reading — on a full disk a tailer that writes an index
 * entry or maps a page the file system cannot back raises {@code InternalError} — is an
 * expected outcome, not an exception for the caller: it is counted with the log
 * ({@link RawLog#readFailures()}), the read answers "nothing" ({@link #poll} 0,
 * {@link #seekToTime} false, {@link #moveToIndex} false), and for {@link #FAILURE_BACKOFF_NANOS}
 * afterwards polls answer 0 at once, so that no loop retries a failing read without pause.
 */
public final class RawLogReader implements AutoCloseable {
    /** After a failed read, polls answer 0 without touching Chronicle for this long. */
    static final long FAILURE_BACKOFF_NANOS = 1_000_000_000L;

    private final SingleChronicleQueue queue;
    private final Supplier<ExcerptTailer> tailers;
    private final ReadFailures failures;
    private final LongSupplier nanoClock;
    /** Replaced by a fresh one at the same index after a failed read (a faulted tailer may not recover). */
    private ExcerptTailer tailer;
    private boolean backingOff;
    private boolean reopen;
    private long retryAtNanos;
    private long foundTimestamp = Long.MIN_VALUE;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final ContainerSampleFlyweight sample = new ContainerSampleFlyweight();
    private final InterfaceSampleFlyweight iface = new InterfaceSampleFlyweight();
    private final DeviceSampleFlyweight device = new DeviceSampleFlyweight();

    /**
     * @param tailers makes this reader's tailer (the same name each time, for a named reader)
     */
    RawLogReader(SingleChronicleQueue queue, Supplier<ExcerptTailer> tailers, ReadFailures failures,
                 LongSupplier nanoClock) {
        this.queue = queue;
        this.tailers = tailers;
        this.tailer = tailers.get();
        this.failures = failures;
        this.nanoClock = nanoClock;
    }

    /** True while backing off after a failed read; after it, the tailer is reopened first. */
    private boolean backingOff() {
        if (backingOff && nanoClock.getAsLong() - retryAtNanos < 0) {
            return true;
        }
        backingOff = false;
        if (reopen) {
            reopen();
        }
        return backingOff;
    }

    private void failed(Throwable t) {
        failures.record(t);
        backingOff = true;
        reopen = true;
        retryAtNanos = nanoClock.getAsLong() + FAILURE_BACKOFF_NANOS;
    }

    /** A fresh tailer at the old one's index; on failure, backs off again and keeps the old one. */
    private void reopen() {
        reopen = false;
        ExcerptTailer fresh = null;
        try {
            long at = tailer.index();
            fresh = tailers.get();
            if (at > 0 && !fresh.moveToIndex(at)) {
                if (queue.lastIndex() >= at) {
                    closeQuietly(fresh);
                    return; // the record there cannot be reached now: keep the old tailer, try later
                }
                fresh.toEnd(); // nothing written there yet: the end is the same position
            }
            ExcerptTailer old = tailer;
            tailer = fresh;
            fresh = null;
            closeQuietly(old);
        } catch (RuntimeException | InternalError e) {
            closeQuietly(fresh);
            failed(e);
        }
    }

    private static void closeQuietly(ExcerptTailer t) {
        try {
            if (t != null) {
                t.close();
            }
        } catch (RuntimeException | InternalError ignored) {
            // it failed already
        }
    }

    /**
     * Reads and dispatches up to {@code limit} records.
     *
     * @return the number read; 0 when the reader is at the end of the log
     */
    public int poll(RawRecordHandler handler, int limit) {
        int n = 0;
        try {
            if (backingOff()) {
                return 0;
            }
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
                } catch (RuntimeException e) {
                    failed(e);
                    break;
                }
                dispatch(index, length, handler);
                n++;
            }
        } catch (InternalError e) {
            // a fault on a mapped page is raised where this thread next checks for it, which may
            // be a little after the read that caused it: anywhere in here
            failed(e);
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

    /** Moves to a record; false when there is none at that index, or it cannot be read now. */
    public boolean moveToIndex(long index) {
        try {
            return tailer.moveToIndex(index);
        } catch (RuntimeException | InternalError e) {
            failed(e);
            return false;
        }
    }

    /** Moves to the first record; false when that cannot be done now (a read failure). */
    public boolean toStart() {
        try {
            tailer.toStart();
            return true;
        } catch (RuntimeException | InternalError e) {
            failed(e);
            return false;
        }
    }

    /** Moves past the last record; false when that cannot be done now (a read failure). */
    public boolean toEnd() {
        try {
            tailer.toEnd();
            return true;
        } catch (RuntimeException | InternalError e) {
            failed(e);
            return false;
        }
    }

    /**
     * Positions the reader at the first record whose timestamp is at least {@code timestampMs},
     * assuming timestamps grow with the index (one writer): a binary search over the roll
     * cycles, then within one;
     * returns false (positioned at the end) when every record is older, and false when the log
     * cannot be read now (a read failure; the position is then unspecified).
     */
    public boolean seekToTime(long timestampMs) {
        if (backingOff()) {
            return false;
        }
        try {
            return search(timestampMs);
        } catch (RuntimeException | InternalError e) {
            failed(e);
            return false;
        }
    }

    /** Cycle-then-sequence binary search ({@link QueueSearch}); the global index is sparse between cycles. */
    /**
     * The timestamp of the record the last successful {@link #seekToTime} found (a caller
     * whose range ends before it has nothing to read).
     */
    public long foundTimestamp() {
        return foundTimestamp;
    }

    private boolean search(long timestampMs) {
        QueueSearch.seek(queue, tailer, RawLogReader::timestampOf, timestampMs);
        long at = tailer.index();
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return false;
            }
            foundTimestamp = timestampOf(dc.wire().bytes());
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
        closeQuietly(tailer);
    }
}
