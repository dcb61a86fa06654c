package dev.hindsight.collector.taskstats;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Task states of a cgroup from the kernel's taskstats interface ({@code CGROUPSTATS_CMD_GET}
 * over a generic netlink socket), as cAdvisor's CpuLoadReader does: running, sleeping,
 * stopped, uninterruptible and I/O-wait counts in one request per cgroup, without reading
 * every member's /proc entry. Unavailable kernels (no TASKSTATS family, no permission)
 * make {@link #open()} return null, and the collector falls back to /proc.
 *
 * <p>One thread. {@link #read(int, Counts)} on a directory descriptor the caller keeps open
 * ({@link #openDir}) allocates nothing and saves an open and a close per call;
 * {@link #read(Path, Counts)} opens the directory each time (and converts its path).
 */
public final class CgroupStatsReader implements AutoCloseable {
    private static final int GENL_ID_CTRL = 0x10;
    private static final int NLM_F_REQUEST = 1;
    private static final int NLMSG_ERROR = 2;
    private static final int CTRL_CMD_GETFAMILY = 3;
    private static final int CTRL_ATTR_FAMILY_ID = 1;
    private static final int CTRL_ATTR_FAMILY_NAME = 2;
    private static final int CGROUPSTATS_CMD_GET = 4;
    private static final int CGROUPSTATS_CMD_ATTR_FD = 1;
    private static final int CGROUPSTATS_TYPE_CGROUP_STATS = 1;
    private static final int NLMSG_HDRLEN = 16;
    private static final int GENL_HDRLEN = 4;

    /** Counts of one cgroup's tasks by state; reused between calls. */
    public static final class Counts {
        public long sleeping;
        public long running;
        public long stopped;
        public long uninterruptible;
        public long ioWait;
    }

    private final int socket;
    private final int familyId;
    private final byte[] out = new byte[64];
    private final byte[] in = new byte[4096];
    private final ByteBuffer outBuf = ByteBuffer.wrap(out).order(ByteOrder.nativeOrder());
    private final ByteBuffer inBuf = ByteBuffer.wrap(in).order(ByteOrder.nativeOrder());
    private int seq;

    private CgroupStatsReader(int socket, int familyId) {
        this.socket = socket;
        this.familyId = familyId;
    }

    /** A reader on a new netlink socket, or null when taskstats is not usable here. */
    public static CgroupStatsReader open() {
        if (!LibC.available()) {
            return null;
        }
        int fd = LibC.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, LibC.NETLINK_GENERIC);
        if (fd < 0) {
            return null;
        }
        byte[] addr = new byte[12]; // sockaddr_nl: family, pad, pid 0 (kernel assigns), groups 0
        ByteBuffer.wrap(addr).order(ByteOrder.nativeOrder()).putShort((short) LibC.AF_NETLINK);
        if (LibC.bind(fd, addr, addr.length) < 0) {
            LibC.close(fd);
            return null;
        }
        CgroupStatsReader r = new CgroupStatsReader(fd, 0);
        int family = r.resolveFamily("TASKSTATS");
        if (family <= 0) {
            LibC.close(fd);
            return null;
        }
        return new CgroupStatsReader(fd, family);
    }

    private int resolveFamily(String name) {
        byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.US_ASCII);
        outBuf.clear();
        int len = NLMSG_HDRLEN + GENL_HDRLEN + align(4 + nameBytes.length);
        header(len, GENL_ID_CTRL, CTRL_CMD_GETFAMILY);
        outBuf.putShort((short) (4 + nameBytes.length)).putShort((short) CTRL_ATTR_FAMILY_NAME).put(nameBytes);
        if (LibC.send(socket, out, len, 0) != len) {
            return -1;
        }
        int n = (int) LibC.recv(socket, in, in.length, 0);
        if (n < NLMSG_HDRLEN + GENL_HDRLEN || (inBuf.getShort(4) & 0xFFFF) == NLMSG_ERROR) {
            return -1;
        }
        int attr = NLMSG_HDRLEN + GENL_HDRLEN;
        int end = Math.min(n, inBuf.getInt(0));
        while (attr + 4 <= end) {
            int alen = inBuf.getShort(attr) & 0xFFFF;
            int type = inBuf.getShort(attr + 2) & 0x3FFF;
            if (alen < 4) {
                break;
            }
            if (type == CTRL_ATTR_FAMILY_ID) {
                return inBuf.getShort(attr + 4) & 0xFFFF;
            }
            attr += align(alen);
        }
        return -1;
    }

    /**
     * Reads the task states of the cgroup directory {@code dir} (a v1 hierarchy directory,
     * normally cpu's). Returns false when the cgroup is gone or the kernel refused.
     */
    public boolean read(Path dir, Counts counts) {
        int dirFd = openDir(dir);
        if (dirFd < 0) {
            return false;
        }
        try {
            return read(dirFd, counts);
        } finally {
            closeDir(dirFd);
        }
    }

    /** Opens a cgroup directory for {@link #read(int, Counts)}; -1 when it cannot be opened. */
    public static int openDir(Path dir) {
        return LibC.available() ? LibC.open(dir.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC) : -1;
    }

    /** Closes a descriptor from {@link #openDir}. */
    public static void closeDir(int dirFd) {
        if (dirFd >= 0) {
            LibC.close(dirFd);
        }
    }

    /**
     * Reads the task states of the cgroup whose directory is open as {@code dirFd}. Returns false
     * when the cgroup is gone or the kernel refused.
     */
    public boolean read(int dirFd, Counts counts) {
        outBuf.clear();
        int len = NLMSG_HDRLEN + GENL_HDRLEN + 8;
        header(len, familyId, CGROUPSTATS_CMD_GET);
        outBuf.putShort((short) 8).putShort((short) CGROUPSTATS_CMD_ATTR_FD).putInt(dirFd);
        if (LibC.send(socket, out, len, 0) != len) {
            return false;
        }
        int n = (int) LibC.recv(socket, in, in.length, 0);
        if (n < NLMSG_HDRLEN + GENL_HDRLEN || (inBuf.getShort(4) & 0xFFFF) == NLMSG_ERROR) {
            return false;
        }
        int attr = NLMSG_HDRLEN + GENL_HDRLEN;
        int end = Math.min(n, inBuf.getInt(0));
        while (attr + 4 <= end) {
            int alen = inBuf.getShort(attr) & 0xFFFF;
            int type = inBuf.getShort(attr + 2) & 0x3FFF;
            if (alen < 4) {
                return false;
            }
            if (type == CGROUPSTATS_TYPE_CGROUP_STATS && alen >= 4 + 40) {
                int p = attr + 4;
                counts.sleeping = inBuf.getLong(p);
                counts.running = inBuf.getLong(p + 8);
                counts.stopped = inBuf.getLong(p + 16);
                counts.uninterruptible = inBuf.getLong(p + 24);
                counts.ioWait = inBuf.getLong(p + 32);
                return true;
            }
            attr += align(alen);
        }
        return false;
    }

    private void header(int len, int type, int cmd) {
        outBuf.putInt(len).putShort((short) type).putShort((short) NLM_F_REQUEST).putInt(++seq).putInt(0);
        outBuf.put((byte) cmd).put((byte) 1).putShort((short) 0);
    }

    private static int align(int n) {
        return (n + 3) & ~3;
    }

    @Override
    public void close() {
        LibC.close(socket);
    }
}
