/**
 * Per-tick readers of a container's cgroup interface files (v1 per-controller hierarchies and
 * the v2 unified hierarchy) into a reusable {@link dev.hindsight.collector.cgroup.ContainerStats},
 * and the slower reader of its limits ({@link dev.hindsight.collector.cgroup.ContainerLimits}).
 *
 * <p>Entry points: build a {@link dev.hindsight.collector.cgroup.ContainerPaths} once per container
 * (it holds the file handles; with {@code keepOpen} a read allocates nothing, without it every
 * file is opened anew, about 3.5 KB of garbage per v1 container read), then call
 * {@link dev.hindsight.collector.cgroup.CgroupV1Reader#read} or
 * {@link dev.hindsight.collector.cgroup.CgroupV2Reader#read} every tick. A vanished container is
 * {@link dev.hindsight.collector.cgroup.ReadResult#GONE}, a missing file is an absent field.
 * Readers are single-threaded.
 *
 * <p>Where each {@link dev.hindsight.storage.record.ContainerField} comes from:
 * <table>
 * <caption>field sources</caption>
 * <tr><th>field</th><th>cgroup v1</th><th>cgroup v2</th></tr>
 * <tr><td>CPU_USAGE_NS</td><td>sum of cpuacct.usage_percpu (which cpuacct.usage is; that file is read
 *     only without the per-CPU one)</td><td>cpu.stat usage_usec × 1000</td></tr>
 * <tr><td>CPU_USER_NS / CPU_SYSTEM_NS</td><td>cpuacct.stat user/system × ns per USER_HZ tick</td>
 *     <td>cpu.stat user_usec/system_usec × 1000</td></tr>
 * <tr><td>CPU_CFS_PERIODS / _THROTTLED_PERIODS / _THROTTLED_NS</td>
 *     <td>cpu.stat nr_periods, nr_throttled, throttled_time</td>
 *     <td>cpu.stat nr_periods, nr_throttled, throttled_usec × 1000</td></tr>
 * <tr><td>per-CPU usage</td><td>cpuacct.usage_percpu</td><td>(none)</td></tr>
 * <tr><td>MEMORY_USAGE_BYTES / MAX_USAGE</td><td>memory.usage_in_bytes / max_usage_in_bytes</td>
 *     <td>memory.current / memory.peak</td></tr>
 * <tr><td>MEMORY_RSS / CACHE / SWAP / MAPPED_FILE / ACTIVE_FILE / INACTIVE_FILE / PGFAULT / PGMAJFAULT</td>
 *     <td>memory.stat total_* keys (plain keys when total_* is absent)</td>
 *     <td>memory.stat anon, file, file_mapped, active_file, inactive_file, pgfault, pgmajfault;
 *         swap from memory.swap.current</td></tr>
 * <tr><td>MEMORY_WORKING_SET_BYTES</td><td colspan="2">usage − inactive file, floored at 0
 *     (usage when inactive file is unknown), as cAdvisor</td></tr>
 * <tr><td>MEMORY_FAILCNT</td><td>memory.failcnt</td><td>memory.events max (as runc)</td></tr>
 * <tr><td>OOM_EVENTS</td><td>(eventfd notifications, outside this package)</td><td>memory.events oom</td></tr>
 * <tr><td>OOM_KILLS</td><td>memory.oom_control oom_kill</td><td>memory.events oom_kill</td></tr>
 * <tr><td>PIDS_CURRENT</td><td>pids.current</td><td>pids.current</td></tr>
 * <tr><td>block I/O per device</td><td>blkio.throttle.io_service_bytes / io_serviced, Read and Write rows</td>
 *     <td>io.stat rbytes wbytes rios wios</td></tr>
 * <tr><td>PSI_*_SOME_US / FULL_US</td><td>cpu/memory/io.pressure where the kernel has them</td>
 *     <td>cpu/memory/io.pressure total=</td></tr>
 * </table>
 * PROCESSES, THREADS, OPEN_FDS and TASKS_* come from {@code dev.hindsight.collector.proc}.
 *
 * <p>The collector reads v1 containers through a per-container
 * {@link dev.hindsight.collector.cgroup.V1Cadence}: {@code memory.max_usage_in_bytes},
 * {@code memory.failcnt}, {@code cpu.stat}, {@code memory.oom_control} and
 * {@code blkio.throttle.io_service_bytes} are read only when their values can have changed
 * (usage above the last maximum, a limit or quota set, an OOM notified, the serviced count moved)
 * or every slow interval (10 s), and repeat their last values in between.
 */
package dev.hindsight.collector.cgroup;
