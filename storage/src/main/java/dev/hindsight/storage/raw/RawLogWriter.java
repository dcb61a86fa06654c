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
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.agrona.ExpandableArrayBuffer;

/**
 * Appends records to the raw log from one thread. Records are composed in a reusable
 * buffer through the flyweights it hands out, then committed with one copy:
 * <pre>
 *   writer.containerSample(id, now).set(CPU_USAGE_NS, v)...;
 *   writer.commitContainerSample();
 * </pre>
 * Not thread-safe: one writer per thread.
 */
public final class RawLogWriter {
    /** After a failed append, appends are refused (and counted) for this long: failing writes are slow. */
    static final long BACKOFF_NANOS = 1_000_000_000L;

    private final Supplier<ExcerptAppender> appenders;
    private final LongSupplier nanoClock;
    private final BooleanSupplier releaseLeftoverLock;
    private ExcerptAppender appender;
    private long refuseUntilNanos;
    private boolean failing;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(ContainerSampleLayout.maxLength());
    private final ContainerSampleFlyweight sample = new ContainerSampleFlyweight();
    private final InterfaceSampleFlyweight iface = new InterfaceSampleFlyweight();
    private final DeviceSampleFlyweight device = new DeviceSampleFlyweight();

    // written by the owning thread, read by metrics threads
    private volatile long appended;
    private volatile long dropped;
    private volatile Throwable lastFailure;

    /**
     * @param releaseLeftoverLock releases a queue write lock a failed append left held by this
     *                            process (see {@link AppendLock}); called before a new appender
     */
    RawLogWriter(Supplier<ExcerptAppender> appenders, LongSupplier nanoClock, BooleanSupplier releaseLeftoverLock) {
        this.appenders = appenders;
        this.nanoClock = nanoClock;
        this.releaseLeftoverLock = releaseLeftoverLock;
        this.appender = appenders.get();
    }

    /** Starts a container sample; fill it, then {@link #commitContainerSample()}. */
    public ContainerSampleFlyweight containerSample(int containerId, long timestampMs) {
        return sample.wrap(buffer, 0).init(containerId, timestampMs);
    }

    public AppendResult commitContainerSample() {
        return append(sample.length());
    }

    /** Starts an interface sample; set its counters, then {@link #commitInterfaceSample()}. */
    public InterfaceSampleFlyweight interfaceSample(int containerId, long timestampMs, byte[] name, int nameLength) {
        return iface.wrap(buffer, 0).init(containerId, timestampMs, name, nameLength);
    }

    public AppendResult commitInterfaceSample() {
        return append(InterfaceSampleLayout.LENGTH);
    }

    public AppendResult deviceSample(int containerId, long timestampMs, int major, int minor,
                                     long readBytes, long writeBytes, long reads, long writes) {
        device.wrap(buffer, 0).write(containerId, timestampMs, major, minor, readBytes, writeBytes, reads, writes);
        return append(DeviceSampleLayout.LENGTH);
    }

    public AppendResult spec(ContainerSpec spec) {
        buffer.checkLimit(ContainerSpecCodec.maxLength(spec));
        return append(ContainerSpecCodec.encode(spec, buffer, 0));
    }

    public AppendResult event(ContainerEvent event) {
        return append(event.encode(buffer, 0));
    }

    public AppendResult machineInfo(long timestampMs, String json) {
        buffer.checkLimit(MachineInfoCodec.JSON_OFFSET + 4 * json.length());
        return append(MachineInfoCodec.encode(timestampMs, json, buffer, 0));
    }

    private AppendResult append(int length) {
        if (failing && nanoClock.getAsLong() - refuseUntilNanos < 0) {
            dropped++;
            return AppendResult.DROPPED;
        }
        try {
            if (appender == null) {
                if (failing) {
                    releaseLeftoverLock.getAsBoolean();
                }
                appender = appenders.get();
            }
            try (DocumentContext dc = appender.writingDocument()) {
                Bytes<?> bytes = dc.wire().bytes();
                bytes.write(buffer.byteArray(), 0, length);
            }
        } catch (RuntimeException | InternalError | AssertionError e) {
            // A full disk surfaces as an IOException wrapped by Chronicle, as an InternalError from
            // a fault on a mapped page, or (the next time) as an assertion about a half-written
            // header. The record is lost: count it, drop the appender (a new one starts clean)
            // and refuse appends for a moment rather than fail slowly on every record.
            dropped++;
            lastFailure = e;
            failing = true;
            refuseUntilNanos = nanoClock.getAsLong() + BACKOFF_NANOS;
            discardAppender();
            return AppendResult.DROPPED;
        }
        failing = false;
        appended++;
        return AppendResult.OK;
    }

    private void discardAppender() {
        try {
            if (appender != null) {
                appender.close();
            }
        } catch (RuntimeException | Error ignored) {
            // it was failing already
        }
        appender = null;
    }

    /** Index of the last record this writer appended. */
    public long lastIndex() {
        return appender == null ? -1 : appender.lastIndexAppended();
    }

    public long appendedCount() {
        return appended;
    }

    public long droppedCount() {
        return dropped;
    }

    /** The most recent append failure, or null. */
    public Throwable lastFailure() {
        return lastFailure;
    }
}
