package dev.hindsight.collector.proc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Per-interface network counters of one network namespace ({@code /proc/<pid>/net/dev}), as
 * reusable parallel arrays: the interface name's bytes and receive/transmit bytes, packets,
 * errors and drops. {@link #clear()} keeps capacity. Owned by one thread.
 */
public final class NetDevStats {
    private static final int NAME_CAPACITY = 32;

    private int count;
    private byte[][] names = newNames(4);
    private int[] nameLength = new int[4];
    private long[] rxBytes = new long[4];
    private long[] rxPackets = new long[4];
    private long[] rxErrors = new long[4];
    private long[] rxDropped = new long[4];
    private long[] txBytes = new long[4];
    private long[] txPackets = new long[4];
    private long[] txErrors = new long[4];
    private long[] txDropped = new long[4];

    /** Number of interfaces. */
    public int count() {
        return count;
    }

    /** Removes every interface (keeps capacity). */
    public void clear() {
        count = 0;
    }

    /** Adds an interface named by {@code [from, to)} of {@code b}; returns its index. */
    int add(byte[] b, int from, int to) {
        if (count == nameLength.length) {
            grow();
        }
        int i = count++;
        int len = to - from;
        if (names[i].length < len) {
            names[i] = new byte[len];
        }
        System.arraycopy(b, from, names[i], 0, len);
        nameLength[i] = len;
        return i;
    }

    void set(int i, long rxB, long rxP, long rxE, long rxD, long txB, long txP, long txE, long txD) {
        rxBytes[i] = rxB;
        rxPackets[i] = rxP;
        rxErrors[i] = rxE;
        rxDropped[i] = rxD;
        txBytes[i] = txB;
        txPackets[i] = txP;
        txErrors[i] = txE;
        txDropped[i] = txD;
    }

    /** The name bytes of interface {@code i}; valid in {@code [0, nameLength(i))}. */
    public byte[] nameBytes(int i) {
        return names[i];
    }

    /** Length of the name of interface {@code i}. */
    public int nameLength(int i) {
        return nameLength[i];
    }

    /** Whether interface {@code i} is named {@code name}. */
    public boolean nameEquals(int i, byte[] name) {
        return nameLength[i] == name.length && Arrays.equals(names[i], 0, nameLength[i], name, 0, name.length);
    }

    /** Index of the interface named {@code name}, or -1. */
    public int indexOf(byte[] name) {
        for (int i = 0; i < count; i++) {
            if (nameEquals(i, name)) {
                return i;
            }
        }
        return -1;
    }

    /** The name of interface {@code i} as a String. Allocates: for specs and tests. */
    public String name(int i) {
        return new String(names[i], 0, nameLength[i], StandardCharsets.US_ASCII);
    }

    public long rxBytes(int i) {
        return rxBytes[i];
    }

    public long rxPackets(int i) {
        return rxPackets[i];
    }

    public long rxErrors(int i) {
        return rxErrors[i];
    }

    public long rxDropped(int i) {
        return rxDropped[i];
    }

    public long txBytes(int i) {
        return txBytes[i];
    }

    public long txPackets(int i) {
        return txPackets[i];
    }

    public long txErrors(int i) {
        return txErrors[i];
    }

    public long txDropped(int i) {
        return txDropped[i];
    }

    private void grow() {
        int n = nameLength.length * 2;
        byte[][] grown = Arrays.copyOf(names, n);
        for (int i = names.length; i < n; i++) {
            grown[i] = new byte[NAME_CAPACITY];
        }
        names = grown;
        nameLength = Arrays.copyOf(nameLength, n);
        rxBytes = Arrays.copyOf(rxBytes, n);
        rxPackets = Arrays.copyOf(rxPackets, n);
        rxErrors = Arrays.copyOf(rxErrors, n);
        rxDropped = Arrays.copyOf(rxDropped, n);
        txBytes = Arrays.copyOf(txBytes, n);
        txPackets = Arrays.copyOf(txPackets, n);
        txErrors = Arrays.copyOf(txErrors, n);
        txDropped = Arrays.copyOf(txDropped, n);
    }

    private static byte[][] newNames(int n) {
        byte[][] a = new byte[n][];
        for (int i = 0; i < n; i++) {
            a[i] = new byte[NAME_CAPACITY];
        }
        return a;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("NetDevStats[");
        for (int i = 0; i < count; i++) {
            sb.append(i == 0 ? "" : ", ").append(name(i)).append(" rx=").append(rxBytes[i])
                    .append(" tx=").append(txBytes[i]);
        }
        return sb.append(']').toString();
    }
}
