package dev.hindsight.collector.machine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads {@link MachineInfo} from injected {@code /proc}, {@code /sys} and {@code /etc} roots
 * (tests point them at temporary directories). Anything that cannot be read is left unknown
 * ({@code -1} / null / empty list), never an exception: a machine without cpufreq, DMI or NUMA
 * directories is normal. Not per-tick; allocates freely.
 */
public final class MachineInfoReader {
    private static final Set<String> DISK_FILESYSTEMS = Set.of(
            "ext2", "ext3", "ext4", "xfs", "btrfs", "zfs", "f2fs", "vfat", "exfat", "jfs", "reiserfs");

    private final Path procRoot;
    private final Path sysRoot;
    private final Path etcRoot;
    private final FilesystemProbe probe;

    /** A reader of the real machine's roots with the system filesystem probe. */
    public MachineInfoReader(Path procRoot, Path sysRoot, Path etcRoot) {
        this(procRoot, sysRoot, etcRoot, FilesystemProbe.system());
    }

    /** A reader with an injected filesystem probe. */
    public MachineInfoReader(Path procRoot, Path sysRoot, Path etcRoot, FilesystemProbe probe) {
        this.procRoot = procRoot;
        this.sysRoot = sysRoot;
        this.etcRoot = etcRoot;
        this.probe = probe;
    }

    /** The machine at the default roots {@code /proc}, {@code /sys}, {@code /etc}. */
    public static MachineInfoReader ofHost() {
        return new MachineInfoReader(Path.of("/proc"), Path.of("/sys"), Path.of("/etc"));
    }

    /** Reads everything. */
    public MachineInfo read() {
        CpuTopology cpus = readCpus();
        long[] mem = readMeminfo();
        return new MachineInfo(cpus.logical, cpus.physical, cpus.sockets, cpus.frequencyKhz,
                mem[0], mem[1], readHugePages(), readNumaNodes(),
                firstLine(etcRoot.resolve("machine-id")),
                firstLine(procRoot.resolve("sys/kernel/random/boot_id")),
                firstLine(sysRoot.resolve("class/dmi/id/product_uuid")),
                firstLine(procRoot.resolve("sys/kernel/osrelease")),
                readOsImage(), readBlockDevices(), readFilesystems(), readNetworkDevices());
    }

    private record CpuTopology(int logical, int physical, int sockets, long frequencyKhz) {
    }

    /** Logical CPUs from /proc/cpuinfo; socket and core ids from it, else from sysfs topology. */
    CpuTopology readCpus() {
        List<String> lines = lines(procRoot.resolve("cpuinfo"));
        List<long[]> cpus = new ArrayList<>(); // {processor, physical id, core id}
        double maxMhz = -1;
        long[] current = null;
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            switch (key) {
                case "processor" -> {
                    current = new long[] {parseLong(value, cpus.size()), -1, -1};
                    cpus.add(current);
                }
                case "physical id" -> {
                    if (current != null) {
                        current[1] = parseLong(value, -1);
                    }
                }
                case "core id" -> {
                    if (current != null) {
                        current[2] = parseLong(value, -1);
                    }
                }
                case "cpu MHz" -> {
                    try {
                        maxMhz = Math.max(maxMhz, Double.parseDouble(value));
                    } catch (NumberFormatException ignored) {
                        // a malformed frequency leaves it unknown
                    }
                }
                default -> { }
            }
        }
        Set<Long> sockets = new HashSet<>();
        Set<String> cores = new HashSet<>();
        for (long[] cpu : cpus) {
            Path topology = sysRoot.resolve("devices/system/cpu/cpu" + cpu[0] + "/topology");
            long socket = cpu[1] >= 0 ? cpu[1] : parseLong(firstLine(topology.resolve("physical_package_id")), 0);
            long core = cpu[2] >= 0 ? cpu[2] : parseLong(firstLine(topology.resolve("core_id")), cpu[0]);
            sockets.add(socket);
            cores.add(socket + ":" + core);
        }
        long khz = parseLong(firstLine(sysRoot.resolve("devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq")), -1);
        if (khz <= 0) {
            khz = maxMhz > 0 ? Math.round(maxMhz * 1000) : -1;
        }
        return new CpuTopology(cpus.size(), cores.size(), sockets.size(), khz);
    }

    /** {MemTotal, SwapTotal} in bytes, -1 when absent. */
    private long[] readMeminfo() {
        long[] result = {-1, -1};
        for (String line : lines(procRoot.resolve("meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                result[0] = kibValue(line);
            } else if (line.startsWith("SwapTotal:")) {
                result[1] = kibValue(line);
            }
        }
        return result;
    }

    private List<MachineInfo.HugePages> readHugePages() {
        TreeMap<Long, Long> bySize = new TreeMap<>();
        for (Path dir : children(sysRoot.resolve("kernel/mm/hugepages"))) {
            String name = dir.getFileName().toString();
            if (!name.startsWith("hugepages-") || !name.endsWith("kB")) {
                continue;
            }
            long size = parseLong(name.substring("hugepages-".length(), name.length() - 2), -1);
            long pages = parseLong(firstLine(dir.resolve("nr_hugepages")), -1);
            if (size > 0) {
                bySize.put(size, pages);
            }
        }
        List<MachineInfo.HugePages> list = new ArrayList<>();
        bySize.forEach((size, pages) -> list.add(new MachineInfo.HugePages(size, pages)));
        return list;
    }

    private List<MachineInfo.NumaNode> readNumaNodes() {
        TreeMap<Integer, MachineInfo.NumaNode> nodes = new TreeMap<>();
        for (Path dir : children(sysRoot.resolve("devices/system/node"))) {
            String name = dir.getFileName().toString();
            if (!name.startsWith("node") || name.length() == 4) {
                continue;
            }
            long id = parseLong(name.substring(4), -1);
            if (id < 0) {
                continue;
            }
            List<Integer> cpus = parseCpuList(firstLine(dir.resolve("cpulist")));
            long memory = -1;
            for (String line : lines(dir.resolve("meminfo"))) {
                if (line.contains("MemTotal:")) {
                    memory = kibValue(line.substring(line.indexOf("MemTotal:")));
                }
            }
            nodes.put((int) id, new MachineInfo.NumaNode((int) id, cpus, memory));
        }
        return new ArrayList<>(nodes.values());
    }

    private String readOsImage() {
        for (String line : lines(etcRoot.resolve("os-release"))) {
            if (line.startsWith("PRETTY_NAME=")) {
                String v = line.substring("PRETTY_NAME=".length()).trim();
                if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
                    v = v.substring(1, v.length() - 1);
                }
                return v;
            }
        }
        return null;
    }

    private List<MachineInfo.BlockDevice> readBlockDevices() {
        List<MachineInfo.BlockDevice> list = new ArrayList<>();
        for (Path dir : children(sysRoot.resolve("block"))) {
            String name = dir.getFileName().toString();
            if (name.startsWith("loop") || name.startsWith("ram")) {
                continue;
            }
            String dev = firstLine(dir.resolve("dev"));
            int colon = dev == null ? -1 : dev.indexOf(':');
            if (colon < 0) {
                continue;
            }
            long sectors = parseLong(firstLine(dir.resolve("size")), -1);
            String rotational = firstLine(dir.resolve("queue/rotational"));
            list.add(new MachineInfo.BlockDevice(name,
                    (int) parseLong(dev.substring(0, colon), -1), (int) parseLong(dev.substring(colon + 1), -1),
                    sectors < 0 ? -1 : sectors * 512, "1".equals(rotational),
                    selectedScheduler(firstLine(dir.resolve("queue/scheduler")))));
        }
        return list;
    }

    /** {@code none [mq-deadline] kyber} → {@code mq-deadline}; a single word is itself. */
    static String selectedScheduler(String line) {
        if (line == null) {
            return null;
        }
        int open = line.indexOf('[');
        int close = line.indexOf(']', open + 1);
        if (open >= 0 && close > open) {
            return line.substring(open + 1, close);
        }
        return line.isBlank() ? null : line.trim();
    }

    /** Device-backed mounts from {@code /proc/self/mountinfo}, the first mount of each device. */
    List<MachineInfo.Filesystem> readFilesystems() {
        List<MachineInfo.Filesystem> list = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String line : lines(procRoot.resolve("self/mountinfo"))) {
            int sep = line.indexOf(" - ");
            if (sep < 0) {
                continue;
            }
            String[] head = line.substring(0, sep).split(" ");
            String[] tail = line.substring(sep + 3).split(" ");
            if (head.length < 5 || tail.length < 2) {
                continue;
            }
            String type = tail[0];
            String source = unescape(tail[1]);
            if (!source.startsWith("/") && !DISK_FILESYSTEMS.contains(type)) {
                continue;
            }
            String majorMinor = head[2];
            if (!seen.add(majorMinor)) {
                continue;
            }
            int colon = majorMinor.indexOf(':');
            String mountPoint = unescape(head[4]);
            FilesystemProbe.Usage usage = probe.probe(Path.of(mountPoint));
            list.add(new MachineInfo.Filesystem(source, mountPoint, type,
                    (int) parseLong(majorMinor.substring(0, Math.max(colon, 0)), -1),
                    (int) parseLong(majorMinor.substring(colon + 1), -1),
                    usage.capacityBytes(), usage.availableBytes(), usage.inodes(), usage.inodesFree()));
        }
        return list;
    }

    private List<MachineInfo.NetworkDevice> readNetworkDevices() {
        List<MachineInfo.NetworkDevice> list = new ArrayList<>();
        for (Path dir : children(sysRoot.resolve("class/net"))) {
            String name = dir.getFileName().toString();
            if (name.equals("lo")) {
                continue;
            }
            long speed = parseLong(firstLine(dir.resolve("speed")), -1);
            list.add(new MachineInfo.NetworkDevice(name, firstLine(dir.resolve("address")),
                    (int) parseLong(firstLine(dir.resolve("mtu")), -1), speed < 0 ? -1 : speed));
        }
        return list;
    }

    /** {@code 0-3,8,10-11} → [0, 1, 2, 3, 8, 10, 11]; null or blank → empty. */
    static List<Integer> parseCpuList(String list) {
        List<Integer> cpus = new ArrayList<>();
        if (list == null || list.isBlank()) {
            return cpus;
        }
        for (String part : list.trim().split(",")) {
            int dash = part.indexOf('-');
            try {
                if (dash < 0) {
                    cpus.add(Integer.parseInt(part.trim()));
                } else {
                    int from = Integer.parseInt(part.substring(0, dash).trim());
                    int to = Integer.parseInt(part.substring(dash + 1).trim());
                    for (int c = from; c <= to; c++) {
                        cpus.add(c);
                    }
                }
            } catch (NumberFormatException e) {
                return List.of();
            }
        }
        return cpus;
    }

    /** Mountinfo escapes space, tab, newline and backslash as {@code \ooo} octal. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1)) {
                sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }

    /** {@code Key:   123 kB} → 123 * 1024; -1 when not a number. */
    private static long kibValue(String line) {
        String[] parts = line.substring(line.indexOf(':') + 1).trim().split("\\s+");
        long v = parseLong(parts[0], -1);
        return v < 0 ? -1 : v * 1024;
    }

    private static long parseLong(String s, long fallback) {
        if (s == null) {
            return fallback;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The file's first line, trimmed; null when unreadable or empty. */
    private static String firstLine(Path file) {
        List<String> lines = lines(file);
        if (lines.isEmpty()) {
            return null;
        }
        String s = lines.get(0).trim();
        return s.isEmpty() ? null : s;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }

    /** Sorted children of a directory; empty when it cannot be listed. */
    private static List<Path> children(Path dir) {
        List<Path> list = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(list::add);
        } catch (IOException | SecurityException e) {
            return List.of();
        }
        list.sort(null);
        return list;
    }
}
