package dev.hindsight.collector.machine;

import java.util.List;

/**
 * What the machine is, in the spirit of cAdvisor's {@code MachineInfo}. Immutable. Unknown
 * numbers are {@code -1}, unknown strings {@code null}.
 *
 * @param logicalCores    online logical CPUs (cAdvisor {@code num_cores})
 * @param physicalCores   distinct (socket, core) pairs
 * @param sockets         distinct physical packages
 * @param cpuFrequencyKhz maximum frequency (cpufreq {@code cpuinfo_max_freq}, else the highest
 *                        {@code cpu MHz} of /proc/cpuinfo)
 * @param memoryBytes     {@code MemTotal}
 * @param swapBytes       {@code SwapTotal}
 * @param hugePages       huge page pools by size
 * @param numaNodes       NUMA nodes with their CPUs and memory
 * @param machineId       {@code /etc/machine-id}
 * @param bootId          {@code /proc/sys/kernel/random/boot_id}
 * @param systemUuid      {@code /sys/class/dmi/id/product_uuid} (often unreadable: null)
 * @param kernelVersion   {@code /proc/sys/kernel/osrelease}
 * @param osImage         {@code PRETTY_NAME} of {@code /etc/os-release}
 * @param blockDevices    {@code /sys/block/*} except loop and ram devices
 * @param filesystems     device-backed mounts of {@code /proc/self/mountinfo}, one per device
 * @param networkDevices  {@code /sys/class/net/*} except {@code lo}
 */
public record MachineInfo(
        int logicalCores,
        int physicalCores,
        int sockets,
        long cpuFrequencyKhz,
        long memoryBytes,
        long swapBytes,
        List<HugePages> hugePages,
        List<NumaNode> numaNodes,
        String machineId,
        String bootId,
        String systemUuid,
        String kernelVersion,
        String osImage,
        List<BlockDevice> blockDevices,
        List<Filesystem> filesystems,
        List<NetworkDevice> networkDevices) {

    public MachineInfo {
        hugePages = List.copyOf(hugePages);
        numaNodes = List.copyOf(numaNodes);
        blockDevices = List.copyOf(blockDevices);
        filesystems = List.copyOf(filesystems);
        networkDevices = List.copyOf(networkDevices);
    }

    /** A huge page pool: page size and number of pages. */
    public record HugePages(long pageSizeKib, long pages) {
    }

    /** A NUMA node: its id, its CPUs, and its memory ({@code -1} when unknown). */
    public record NumaNode(int id, List<Integer> cpus, long memoryBytes) {
        public NumaNode {
            cpus = List.copyOf(cpus);
        }
    }

    /** A block device: name, {@code major:minor}, size, whether it is rotational, I/O scheduler. */
    public record BlockDevice(String name, int major, int minor, long sizeBytes, boolean rotational,
                              String scheduler) {
    }

    /**
     * A mounted filesystem. Sizes from {@link java.nio.file.FileStore}; inodes from
     * {@code statvfs} ({@code -1} when unavailable).
     */
    public record Filesystem(String device, String mountPoint, String type, int major, int minor,
                             long capacityBytes, long availableBytes, long inodes, long inodesFree) {
    }

    /** A network device: name, MAC address, MTU and speed in Mbit/s ({@code -1} when unreadable). */
    public record NetworkDevice(String name, String macAddress, int mtu, long speedMbps) {
    }

    /** This description as one JSON object (field names in snake_case, like cAdvisor). */
    public String toJson() {
        return MachineInfoJson.write(this);
    }
}
