package dev.hindsight.collector.io;

/**
 * Counts read outcomes other than {@link ReadStatus#OK} by kind, so that repeated errors can be
 * reported as numbers (and logged once a minute by the caller) rather than one log line each.
 *
 * <p>Written and read by the one thread that owns the reader.
 */
public final class ReadErrors {
    private final long[] counts = new long[ReadStatus.values().length];

    /** Counts one outcome (OK outcomes are counted too, as the number of successful reads). */
    public void record(ReadStatus status) {
        counts[status.ordinal()]++;
    }

    /** How many reads ended with this status since creation or the last {@link #clear()}. */
    public long count(ReadStatus status) {
        return counts[status.ordinal()];
    }

    /**
     * The number of reads that failed: {@link ReadStatus#GONE}, {@link ReadStatus#UNREADABLE} and
     * {@link ReadStatus#MALFORMED}. {@link ReadStatus#MISSING} is not a failure (the field is
     * absent; optional files such as PSI are missing on many kernels) and is counted apart.
     */
    public long totalErrors() {
        return count(ReadStatus.GONE) + count(ReadStatus.UNREADABLE) + count(ReadStatus.MALFORMED);
    }

    /** Zeroes every counter (e.g. after the periodic log line). */
    public void clear() {
        java.util.Arrays.fill(counts, 0);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ReadErrors{");
        for (ReadStatus s : ReadStatus.values()) {
            if (sb.length() > 11) {
                sb.append(", ");
            }
            sb.append(s.name().toLowerCase(java.util.Locale.ROOT)).append('=').append(counts[s.ordinal()]);
        }
        return sb.append('}').toString();
    }
}
