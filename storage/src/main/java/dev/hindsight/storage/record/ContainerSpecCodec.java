package dev.hindsight.storage.record;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes and decodes {@link ContainerSpec} records. Fixed part, then length-prefixed
 * UTF-8 strings:
 *
 * <pre>
 *  +---------------------------------------------------------------+
 *  |                 header (16 bytes, RecordHeader)               |
 *  +---------------------------------------------------------------+
 *  | created ms | cpu shares | cfs quota us | cfs period us        |
 *  | memory limit | memory reservation | swap limit | pids max     |
 *  |                       (8 x int64, -1 unlimited, -2 unknown)   |
 *  +---------------------------------------------------------------+
 *  | 6 strings: cgroup path, name, image, runtime, cpuset cpus,    |
 *  |            cpuset mems     (each: int32 length, UTF-8 bytes)  |
 *  +-------------------------------+-------------------------------+
 *  |        label count N          |  N x (key string, value string)
 *  +-------------------------------+-------------------------------+
 * </pre>
 */
public final class ContainerSpecCodec {
    public static final int VERSION = 1;
    public static final int CREATED_OFFSET = RecordHeader.LENGTH;
    public static final int CPU_SHARES_OFFSET = CREATED_OFFSET + 8;
    public static final int CPU_QUOTA_OFFSET = CPU_SHARES_OFFSET + 8;
    public static final int CPU_PERIOD_OFFSET = CPU_QUOTA_OFFSET + 8;
    public static final int MEMORY_LIMIT_OFFSET = CPU_PERIOD_OFFSET + 8;
    public static final int MEMORY_RESERVATION_OFFSET = MEMORY_LIMIT_OFFSET + 8;
    public static final int SWAP_LIMIT_OFFSET = MEMORY_RESERVATION_OFFSET + 8;
    public static final int PIDS_MAX_OFFSET = SWAP_LIMIT_OFFSET + 8;
    public static final int STRINGS_OFFSET = PIDS_MAX_OFFSET + 8;

    /** The longest string a spec may carry; longer ones are truncated. */
    public static final int MAX_STRING_BYTES = 16 * 1024;

    private ContainerSpecCodec() {
    }

    /** Bytes needed to encode a spec (an upper bound). */
    public static int maxLength(ContainerSpec s) {
        int n = STRINGS_OFFSET + 4;
        for (String str : new String[] {s.cgroupPath(), s.name(), s.image(), s.runtime(), s.cpusetCpus(), s.cpusetMems()}) {
            n += 4 + 3 * str.length();
        }
        for (Map.Entry<String, String> e : s.labels().entrySet()) {
            n += 8 + 3 * e.getKey().length() + 3 * e.getValue().length();
        }
        return n;
    }

    /** Writes the spec at {@code offset}; returns the encoded length. */
    public static int encode(ContainerSpec s, MutableDirectBuffer b, int offset) {
        RecordHeader.write(b, offset, RecordType.CONTAINER_SPEC, VERSION, s.containerId(), s.timestampMs());
        b.putLong(offset + CREATED_OFFSET, s.createdMs());
        b.putLong(offset + CPU_SHARES_OFFSET, s.cpuShares());
        b.putLong(offset + CPU_QUOTA_OFFSET, s.cpuQuotaUs());
        b.putLong(offset + CPU_PERIOD_OFFSET, s.cpuPeriodUs());
        b.putLong(offset + MEMORY_LIMIT_OFFSET, s.memoryLimitBytes());
        b.putLong(offset + MEMORY_RESERVATION_OFFSET, s.memoryReservationBytes());
        b.putLong(offset + SWAP_LIMIT_OFFSET, s.memorySwapLimitBytes());
        b.putLong(offset + PIDS_MAX_OFFSET, s.pidsMax());
        int p = offset + STRINGS_OFFSET;
        p = putString(b, p, s.cgroupPath());
        p = putString(b, p, s.name());
        p = putString(b, p, s.image());
        p = putString(b, p, s.runtime());
        p = putString(b, p, s.cpusetCpus());
        p = putString(b, p, s.cpusetMems());
        b.putInt(p, s.labels().size());
        p += 4;
        for (Map.Entry<String, String> e : s.labels().entrySet()) {
            p = putString(b, p, e.getKey());
            p = putString(b, p, e.getValue());
        }
        return p - offset;
    }

    /**
     * Decodes a spec of {@code length} bytes at {@code offset}; returns null when the
     * record is malformed (a string runs past its end).
     */
    public static ContainerSpec decode(DirectBuffer b, int offset, int length) {
        int end = offset + length;
        int[] pos = {offset + STRINGS_OFFSET};
        String[] strings = new String[6];
        for (int i = 0; i < strings.length; i++) {
            strings[i] = getString(b, pos, end);
            if (strings[i] == null) {
                return null;
            }
        }
        if (pos[0] + 4 > end) {
            return null;
        }
        int labelCount = b.getInt(pos[0]);
        pos[0] += 4;
        if (labelCount < 0 || labelCount > length) {
            return null;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < labelCount; i++) {
            String k = getString(b, pos, end);
            String v = getString(b, pos, end);
            if (k == null || v == null) {
                return null;
            }
            labels.put(k, v);
        }
        return new ContainerSpec(RecordHeader.containerId(b, offset), RecordHeader.timestampMs(b, offset),
                strings[0], strings[1], strings[2], strings[3], labels,
                b.getLong(offset + CREATED_OFFSET), b.getLong(offset + CPU_SHARES_OFFSET),
                b.getLong(offset + CPU_QUOTA_OFFSET), b.getLong(offset + CPU_PERIOD_OFFSET),
                strings[4], strings[5],
                b.getLong(offset + MEMORY_LIMIT_OFFSET), b.getLong(offset + MEMORY_RESERVATION_OFFSET),
                b.getLong(offset + SWAP_LIMIT_OFFSET), b.getLong(offset + PIDS_MAX_OFFSET));
    }

    static int putString(MutableDirectBuffer b, int p, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(bytes.length, MAX_STRING_BYTES);
        b.putInt(p, n);
        b.putBytes(p + 4, bytes, 0, n);
        return p + 4 + n;
    }

    static String getString(DirectBuffer b, int[] pos, int end) {
        if (pos[0] + 4 > end) {
            return null;
        }
        int n = b.getInt(pos[0]);
        if (n < 0 || pos[0] + 4 + n > end) {
            return null;
        }
        byte[] bytes = new byte[n];
        b.getBytes(pos[0] + 4, bytes);
        pos[0] += 4 + n;
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
