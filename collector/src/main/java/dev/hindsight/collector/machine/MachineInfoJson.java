package dev.hindsight.collector.machine;

import java.util.List;

/** Hand-written JSON for {@link MachineInfo}: no reflection, stable field order. */
final class MachineInfoJson {
    private final StringBuilder sb = new StringBuilder(2048);
    private boolean first = true;

    private MachineInfoJson() {
    }

    static String write(MachineInfo m) {
        MachineInfoJson j = new MachineInfoJson();
        j.open();
        j.field("num_cores", m.logicalCores());
        j.field("num_physical_cores", m.physicalCores());
        j.field("num_sockets", m.sockets());
        j.field("cpu_frequency_khz", m.cpuFrequencyKhz());
        j.field("memory_capacity", m.memoryBytes());
        j.field("swap_capacity", m.swapBytes());
        j.name("hugepages").openArray();
        for (MachineInfo.HugePages h : m.hugePages()) {
            j.open().field("page_size", h.pageSizeKib()).field("num_pages", h.pages()).close();
        }
        j.closeArray();
        j.name("topology").openArray();
        for (MachineInfo.NumaNode n : m.numaNodes()) {
            j.open().field("node_id", n.id()).field("memory", n.memoryBytes()).ints("cpus", n.cpus()).close();
        }
        j.closeArray();
        j.field("machine_id", m.machineId());
        j.field("boot_id", m.bootId());
        j.field("system_uuid", m.systemUuid());
        j.field("kernel_version", m.kernelVersion());
        j.field("os_image", m.osImage());
        j.name("disks").openArray();
        for (MachineInfo.BlockDevice d : m.blockDevices()) {
            j.open().field("name", d.name()).field("major", d.major()).field("minor", d.minor())
                    .field("size", d.sizeBytes()).field("rotational", d.rotational())
                    .field("scheduler", d.scheduler()).close();
        }
        j.closeArray();
        j.name("filesystems").openArray();
        for (MachineInfo.Filesystem f : m.filesystems()) {
            j.open().field("device", f.device()).field("mount_point", f.mountPoint()).field("type", f.type())
                    .field("major", f.major()).field("minor", f.minor()).field("capacity", f.capacityBytes())
                    .field("available", f.availableBytes()).field("inodes", f.inodes())
                    .field("inodes_free", f.inodesFree()).close();
        }
        j.closeArray();
        j.name("network_devices").openArray();
        for (MachineInfo.NetworkDevice n : m.networkDevices()) {
            j.open().field("name", n.name()).field("mac_address", n.macAddress()).field("mtu", n.mtu())
                    .field("speed", n.speedMbps()).close();
        }
        j.closeArray();
        j.close();
        return j.sb.toString();
    }

    private MachineInfoJson open() {
        comma();
        sb.append('{');
        first = true;
        return this;
    }

    private MachineInfoJson close() {
        sb.append('}');
        first = false;
        return this;
    }

    private MachineInfoJson openArray() {
        sb.append('[');
        first = true;
        return this;
    }

    private MachineInfoJson closeArray() {
        sb.append(']');
        first = false;
        return this;
    }

    private void comma() {
        if (!first) {
            sb.append(',');
        }
        first = false;
    }

    private MachineInfoJson name(String name) {
        comma();
        string(name);
        sb.append(':');
        first = true;
        return this;
    }

    private MachineInfoJson field(String name, long value) {
        name(name);
        sb.append(value);
        first = false;
        return this;
    }

    private MachineInfoJson field(String name, boolean value) {
        name(name);
        sb.append(value);
        first = false;
        return this;
    }

    private MachineInfoJson field(String name, String value) {
        name(name);
        if (value == null) {
            sb.append("null");
        } else {
            string(value);
        }
        first = false;
        return this;
    }

    private MachineInfoJson ints(String name, List<Integer> values) {
        name(name);
        sb.append('[');
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(values.get(i).intValue());
        }
        sb.append(']');
        first = false;
        return this;
    }

    private void string(String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
