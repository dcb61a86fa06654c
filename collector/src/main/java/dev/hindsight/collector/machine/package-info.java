/**
 * The machine's static description ({@link dev.hindsight.collector.machine.MachineInfo}):
 * cores, sockets, frequency, memory, huge pages, NUMA nodes, identities, kernel and OS,
 * block devices, filesystems and network devices, read by
 * {@link dev.hindsight.collector.machine.MachineInfoReader} from injected {@code /proc},
 * {@code /sys} and {@code /etc} roots. Read at start-up and on a slow schedule, never per tick,
 * so this package allocates freely. Stored as JSON ({@link dev.hindsight.collector.machine.MachineInfo#toJson()}).
 */
package dev.hindsight.collector.machine;
