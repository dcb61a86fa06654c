package dev.hindsight.collector.taskstats;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * cgroup v1 OOM notifications: an eventfd registered on {@code memory.oom_control} through
 * {@code cgroup.event_control}. The kernel counts every OOM of the cgroup on the eventfd;
 * {@link #poll()} reads the count without blocking, once per tick, or, for a notifier in an
 * {@link OomNotifiers} set, returns what the set's last poll found. v2 has
 * {@code memory.events} instead and needs none of this.
 *
 * <p>One thread; {@link #close()} when the container goes.
 */
public final class OomNotifier implements AutoCloseable {
    private final int eventFd;
    private final int oomControlFd;
    private final byte[] counter = new byte[8];
    private OomNotifiers set;
    private long pending;

    private OomNotifier(int eventFd, int oomControlFd) {
        this.eventFd = eventFd;
        this.oomControlFd = oomControlFd;
    }

    /** Registers for the memory cgroup directory {@code dir}; null when that is not possible. */
    public static OomNotifier register(Path dir) {
        if (!LibC.available() || dir == null) {
            return null;
        }
        int oomFd = LibC.open(dir.resolve("memory.oom_control").toString(), LibC.O_RDONLY | LibC.O_CLOEXEC);
        if (oomFd < 0) {
            return null;
        }
        int efd = LibC.eventfd(0, LibC.EFD_CLOEXEC | LibC.EFD_NONBLOCK);
        if (efd < 0) {
            LibC.close(oomFd);
            return null;
        }
        int ctl = LibC.open(dir.resolve("cgroup.event_control").toString(), LibC.O_WRONLY | LibC.O_CLOEXEC);
        byte[] line = (efd + " " + oomFd).getBytes(StandardCharsets.US_ASCII);
        boolean ok = ctl >= 0 && LibC.write(ctl, line, line.length) == line.length;
        if (ctl >= 0) {
            LibC.close(ctl);
        }
        if (!ok) {
            LibC.close(efd);
            LibC.close(oomFd);
            return null;
        }
        return new OomNotifier(efd, oomFd);
    }

    /** OOMs notified since the last poll (0 when none). */
    public long poll() {
        if (set == null) {
            drain();
        }
        long n = pending;
        pending = 0;
        return n;
    }

    /** Adds the eventfd's count, if any, to what the next {@link #poll()} returns. */
    void drain() {
        if (LibC.read(eventFd, counter, 8) == 8) { // else EAGAIN: nothing new
            pending += ByteBuffer.wrap(counter).order(ByteOrder.nativeOrder()).getLong(0);
        }
    }

    int eventFd() {
        return eventFd;
    }

    void joined(OomNotifiers notifiers) {
        set = notifiers;
    }

    @Override
    public void close() {
        if (set != null) {
            set.left(this);
            set = null;
        }
        LibC.close(eventFd);
        LibC.close(oomControlFd);
    }
}
