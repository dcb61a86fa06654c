/**
 * Readers of {@code /proc}: per-interface network counters of a container's network namespace
 * ({@code /proc/<pid>/net/dev}), process and thread counts and task states
 * ({@code /proc/<pid>/stat}), open file descriptors ({@code /proc/<pid>/fd}), the pid lists of
 * a cgroup ({@code cgroup.procs} / {@code tasks}) and host-network detection
 * ({@code /proc/<pid>/ns/net}). The proc root is injected so tests read captured files.
 *
 * <p>Single-threaded, like the cgroup readers; {@link dev.hindsight.collector.proc.NetDevReader}
 * and {@link dev.hindsight.collector.proc.PidList} are allocation-free per tick, while
 * {@link dev.hindsight.collector.proc.ProcessStatsReader} builds a path per process.
 */
package dev.hindsight.collector.proc;
