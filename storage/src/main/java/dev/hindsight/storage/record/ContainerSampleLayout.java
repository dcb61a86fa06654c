package dev.hindsight.storage.record;

/**
 * Layout of a container sample: one per container per collection tick.
 *
 * <pre>
 *  +---------------------------------------------------------------+
 *  |                 header (16 bytes, RecordHeader)               |
 *  +---------------------------------------------------------------+
 *  |                  fields-present mask (64 bits)                |
 *  +-------------------------------+-------------------------------+
 *  |          field count F        |          cpu count C          |
 *  +-------------------------------+-------------------------------+
 *  |             flags             |           reserved            |
 *  +-------------------------------+-------------------------------+
 *  |           F x int64 field values, in ContainerField order     |
 *  +---------------------------------------------------------------+
 *  |           C x int64 per-CPU usage, nanoseconds                |
 *  +---------------------------------------------------------------+
 * </pre>
 * A field whose bit is clear in the mask was not read (file missing or unreadable); its
 * slot holds 0 and must not be used. F lets a newer reader read an older, shorter record.
 */
public final class ContainerSampleLayout {
    public static final int VERSION = 1;
    public static final int PRESENT_MASK_OFFSET = RecordHeader.LENGTH;
    public static final int FIELD_COUNT_OFFSET = PRESENT_MASK_OFFSET + 8;
    public static final int CPU_COUNT_OFFSET = FIELD_COUNT_OFFSET + 4;
    public static final int FLAGS_OFFSET = CPU_COUNT_OFFSET + 4;
    public static final int RESERVED_OFFSET = FLAGS_OFFSET + 4;
    public static final int FIELDS_OFFSET = RESERVED_OFFSET + 4;

    /** Flag: the container shares the host's network namespace (its network stats are the host's). */
    public static final int FLAG_HOST_NETWORK = 1;

    /** The most CPUs one record carries. */
    public static final int MAX_CPUS = 4096;

    private ContainerSampleLayout() {
    }

    public static int length(int fieldCount, int cpuCount) {
        return FIELDS_OFFSET + 8 * fieldCount + 8 * cpuCount;
    }

    public static int maxLength() {
        return length(ContainerField.count(), MAX_CPUS);
    }
}
