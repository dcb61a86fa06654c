package dev.hindsight.storage.record;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Typed access to a container sample in a buffer, without copying. Wrap, read or write,
 * rewrap; one instance serves any number of records.
 */
public final class ContainerSampleFlyweight {
    private DirectBuffer buffer;
    private MutableDirectBuffer mutable;
    private int offset;

    public ContainerSampleFlyweight wrap(DirectBuffer buffer, int offset) {
        this.buffer = buffer;
        this.mutable = buffer instanceof MutableDirectBuffer m ? m : null;
        this.offset = offset;
        return this;
    }

    /** Starts a new record of the current version with every field absent and no CPUs. */
    public ContainerSampleFlyweight init(int containerId, long timestampMs) {
        RecordHeader.write(mutable, offset, RecordType.CONTAINER_SAMPLE, ContainerSampleLayout.VERSION, containerId, timestampMs);
        mutable.putLong(offset + ContainerSampleLayout.PRESENT_MASK_OFFSET, 0L);
        mutable.putInt(offset + ContainerSampleLayout.FIELD_COUNT_OFFSET, ContainerField.count());
        mutable.putInt(offset + ContainerSampleLayout.CPU_COUNT_OFFSET, 0);
        mutable.putInt(offset + ContainerSampleLayout.FLAGS_OFFSET, 0);
        mutable.putInt(offset + ContainerSampleLayout.RESERVED_OFFSET, 0);
        mutable.setMemory(offset + ContainerSampleLayout.FIELDS_OFFSET, 8 * ContainerField.count(), (byte) 0);
        return this;
    }

    public int containerId() {
        return RecordHeader.containerId(buffer, offset);
    }

    public long timestampMs() {
        return RecordHeader.timestampMs(buffer, offset);
    }

    public int version() {
        return RecordHeader.version(buffer, offset);
    }

    public long presentMask() {
        return buffer.getLong(offset + ContainerSampleLayout.PRESENT_MASK_OFFSET);
    }

    public int fieldCount() {
        return buffer.getInt(offset + ContainerSampleLayout.FIELD_COUNT_OFFSET);
    }

    public int cpuCount() {
        return buffer.getInt(offset + ContainerSampleLayout.CPU_COUNT_OFFSET);
    }

    public int flags() {
        return buffer.getInt(offset + ContainerSampleLayout.FLAGS_OFFSET);
    }

    public boolean has(ContainerField field) {
        return field.ordinal() < fieldCount() && (presentMask() & field.bit()) != 0;
    }

    /** The field's value; meaningful only when {@link #has} is true. */
    public long get(ContainerField field) {
        return buffer.getLong(offset + ContainerSampleLayout.FIELDS_OFFSET + 8 * field.ordinal());
    }

    public long perCpuNs(int cpu) {
        return buffer.getLong(cpuOffset() + 8 * cpu);
    }

    public ContainerSampleFlyweight set(ContainerField field, long value) {
        mutable.putLong(offset + ContainerSampleLayout.FIELDS_OFFSET + 8 * field.ordinal(), value);
        long mask = presentMask() | field.bit();
        mutable.putLong(offset + ContainerSampleLayout.PRESENT_MASK_OFFSET, mask);
        return this;
    }

    public ContainerSampleFlyweight flags(int flags) {
        mutable.putInt(offset + ContainerSampleLayout.FLAGS_OFFSET, flags);
        return this;
    }

    /** Sets the per-CPU usage array; call after all fields are set. */
    public ContainerSampleFlyweight perCpu(long[] ns, int count) {
        int n = Math.min(count, ContainerSampleLayout.MAX_CPUS);
        mutable.putInt(offset + ContainerSampleLayout.CPU_COUNT_OFFSET, n);
        int base = cpuOffset();
        for (int i = 0; i < n; i++) {
            mutable.putLong(base + 8 * i, ns[i]);
        }
        return this;
    }

    /** Bytes this record occupies. */
    public int length() {
        return ContainerSampleLayout.length(fieldCount(), cpuCount());
    }

    private int cpuOffset() {
        return offset + ContainerSampleLayout.FIELDS_OFFSET + 8 * fieldCount();
    }
}
