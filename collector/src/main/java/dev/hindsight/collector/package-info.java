/**
 * The collection loop ({@link dev.hindsight.collector.Collector}): discovers containers, reads
 * each one's stats once per interval in slices, and appends the records to the raw log.
 *
 * <p>What a container costs per tick, cheapest first, and how often each part runs:
 * <ul>
 * <li>its cgroup stats files, every tick, by a positional read of descriptors kept open within
 *     a {@link dev.hindsight.collector.io.DescriptorBudget} (an open and a close cost several
 *     times a read of the same file, so past the budget files are opened per read);</li>
 * <li>task states from netlink cgroupstats, every tick (the 10-second load average needs them),
 *     on a kept-open cgroup directory descriptor;</li>
 * <li>the process reading ({@code cgroup.procs}, which cgroup v1 makes us open afresh, then
 *     {@code /proc/<pid>/stat} and the fd directory of each member) once per
 *     {@link dev.hindsight.collector.CollectorConfig#processInterval()}, repeated in between;</li>
 * <li>limits (about ten files opened per read) once per
 *     {@link dev.hindsight.collector.CollectorConfig#specInterval()}, or at once on a Docker event.</li>
 * </ul>
 * Everything runs on the collector thread; {@link dev.hindsight.collector.CollectorCounters} is
 * read by others.
 */
package dev.hindsight.collector;
