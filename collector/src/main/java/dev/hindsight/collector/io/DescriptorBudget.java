package dev.hindsight.collector.io;

/**
 * How many file descriptors the collector may keep open between ticks. Every kept-open handle
 * (a stats file, a process's {@code stat} and {@code fd} directory, an OOM eventfd pair, a
 * cgroup directory for netlink) takes one unit when it is actually opened and gives it back when
 * it is closed; when none is left, the handle is opened and closed around each read instead
 * (slower, but never fails for lack of descriptors). Charging on open, rather than reserving a
 * guessed number per container, counts only what exists: PSI files a kernel lacks cost nothing.
 *
 * <p>Owned by the collector thread (and whoever closes the collector after that thread ended).
 */
public final class DescriptorBudget {
    /** Descriptors always left to the rest of the process (HTTP connections, queue files, jars). */
    public static final int MAX_RESERVE = 1024;

    private final long limit;
    private long used;
    private long refused;

    /** A budget of {@code limit} descriptors. */
    public DescriptorBudget(long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit=" + limit + " must be >= 0");
        }
        this.limit = limit;
    }

    /**
     * The budget for a process whose soft {@code RLIMIT_NOFILE} is {@code softLimit}: all of it
     * but a reserve of half the limit, at most {@link #MAX_RESERVE}.
     */
    public static DescriptorBudget forSoftLimit(long softLimit) {
        return new DescriptorBudget(Math.max(0, softLimit - Math.min(softLimit / 2, MAX_RESERVE)));
    }

    /** Takes {@code n} descriptors; false (and nothing taken) when fewer are left. */
    public boolean tryAcquire(int n) {
        if (used + n > limit) {
            refused++;
            return false;
        }
        used += n;
        return true;
    }

    /**
     * Takes {@code n} descriptors that must be held whatever is left (an OOM eventfd cannot be
     * reopened per read): they count, and may push the budget past its limit, so that later
     * {@link #tryAcquire} calls give way.
     */
    public void take(int n) {
        used += n;
    }

    /** Gives back {@code n} descriptors taken by {@link #tryAcquire} or {@link #take}. */
    public void release(int n) {
        used = Math.max(0, used - n);
    }

    /** Descriptors held now. */
    public long used() {
        return used;
    }

    /** The most that may be held. */
    public long limit() {
        return limit;
    }

    /** Times a handle had to be read without being kept open. */
    public long refused() {
        return refused;
    }

    @Override
    public String toString() {
        return "DescriptorBudget{" + used + "/" + limit + '}';
    }
}
