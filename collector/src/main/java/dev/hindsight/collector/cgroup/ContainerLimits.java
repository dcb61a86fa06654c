package dev.hindsight.collector.cgroup;

/**
 * A container's resource limits ("spec"), read when the container appears and re-read on a
 * slow schedule; recorded only when they change. Immutable.
 *
 * <p>Numbers use two sentinels: {@link #UNKNOWN} when the file does not exist (controller
 * absent, other cgroup version) and {@link #UNLIMITED} for {@code max}, v1's quota {@code -1}
 * and v1's "no limit" value 9223372036854771712 (LONG_MAX rounded down to a page).
 *
 * @param cpuShares              v1 {@code cpu.shares}; on v2 {@code cpu.weight} converted to shares
 *                               as cAdvisor does ({@code 2 + (weight - 1) * 262142 / 9999})
 * @param cpuWeight              v2 {@code cpu.weight}, {@link #UNKNOWN} on v1
 * @param cpuQuotaUs             CFS quota per period in µs, or {@link #UNLIMITED}
 * @param cpuPeriodUs            CFS period in µs
 * @param cpusetCpus             cpuset CPUs list ({@code "0-3,8"}); on v2 {@code cpuset.cpus}, or
 *                               {@code cpuset.cpus.effective} when that is empty; null when unknown
 * @param cpusetMems             cpuset memory nodes list, as for CPUs
 * @param memoryLimitBytes       v1 {@code memory.limit_in_bytes} / v2 {@code memory.max}
 * @param memoryReservationBytes v1 {@code memory.soft_limit_in_bytes} / v2 {@code memory.low}
 * @param memoryHighBytes        v2 {@code memory.high}; {@link #UNKNOWN} on v1
 * @param swapLimitBytes         v1 {@code memory.memsw.limit_in_bytes} (memory + swap!) / v2
 *                               {@code memory.swap.max} (swap only), as cAdvisor reports them
 * @param pidsMax                {@code pids.max}
 */
public record ContainerLimits(
        long cpuShares,
        long cpuWeight,
        long cpuQuotaUs,
        long cpuPeriodUs,
        String cpusetCpus,
        String cpusetMems,
        long memoryLimitBytes,
        long memoryReservationBytes,
        long memoryHighBytes,
        long swapLimitBytes,
        long pidsMax) {

    /** The file was not there. */
    public static final long UNKNOWN = -1;
    /** No limit ({@code max}). */
    public static final long UNLIMITED = Long.MAX_VALUE;
    /** v1 prints "no memory limit" as LONG_MAX rounded down to a 4 KiB page; anything above is unlimited. */
    public static final long V1_UNLIMITED_THRESHOLD = 9223372036854771712L;

    /** The v2 {@code cpu.weight} to v1 shares conversion cAdvisor uses; {@link #UNKNOWN} when out of range. */
    public static long weightToShares(long weight) {
        if (weight < 1 || weight > 10000) {
            return UNKNOWN;
        }
        return 2 + ((weight - 1) * 262142) / 9999;
    }
}
