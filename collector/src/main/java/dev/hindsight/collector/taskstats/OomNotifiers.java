package dev.hindsight.collector.taskstats;

import com.sun.jna.Platform;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.agrona.collections.Int2ObjectHashMap;

/**
 * The OOM eventfds of every v1 container in one epoll set, so that a tick asks the kernel once
 * which of them fired ({@link #pollReady()}) instead of reading each container's eventfd.
 * A notifier whose eventfd the set could not take reads its own eventfd, as before.
 *
 * <p>One thread (the collector's).
 */
public final class OomNotifiers implements AutoCloseable {
    /** {@code struct epoll_event} is packed on x86-64 (12 bytes), naturally aligned elsewhere. */
    private static final int EVENT_SIZE = Platform.isIntel() && Platform.is64Bit() ? 12 : 16;
    private static final int DATA_OFFSET = EVENT_SIZE == 12 ? 4 : 8;
    private static final int BATCH = 64;

    private final int epollFd;
    private final Int2ObjectHashMap<OomNotifier> byEventFd = new Int2ObjectHashMap<>();
    private final byte[] events = new byte[BATCH * EVENT_SIZE];
    private final ByteBuffer view = ByteBuffer.wrap(events).order(ByteOrder.nativeOrder());

    private OomNotifiers(int epollFd) {
        this.epollFd = epollFd;
    }

    /** An empty set; null where epoll cannot be used (then register each notifier alone). */
    public static OomNotifiers open() {
        if (!LibC.available()) {
            return null;
        }
        int fd = LibC.epoll_create1(LibC.EPOLL_CLOEXEC);
        return fd < 0 ? null : new OomNotifiers(fd);
    }

    /** Registers the memory cgroup directory {@code dir} in the set; null when that is not possible. */
    public OomNotifier register(Path dir) {
        OomNotifier n = OomNotifier.register(dir);
        if (n == null) {
            return null;
        }
        ByteBuffer event = ByteBuffer.allocate(EVENT_SIZE).order(ByteOrder.nativeOrder());
        event.putInt(0, LibC.EPOLLIN).putLong(DATA_OFFSET, n.eventFd());
        if (LibC.epoll_ctl(epollFd, LibC.EPOLL_CTL_ADD, n.eventFd(), event.array()) == 0) {
            byEventFd.put(n.eventFd(), n);
            n.joined(this);
        }
        return n;
    }

    /** Moves the count of every eventfd that fired into its notifier, for its next {@link OomNotifier#poll()}. */
    public void pollReady() {
        int n;
        do {
            n = LibC.epoll_wait(epollFd, events, BATCH, 0);
            for (int i = 0; i < n; i++) {
                OomNotifier notifier = byEventFd.get((int) view.getLong(i * EVENT_SIZE + DATA_OFFSET));
                if (notifier != null) {
                    notifier.drain();
                }
            }
        } while (n == BATCH);
    }

    /** Notifiers in the set. */
    public int size() {
        return byEventFd.size();
    }

    /** Called by a notifier on close (closing its eventfd also takes it out of the epoll set). */
    void left(OomNotifier n) {
        byEventFd.remove(n.eventFd());
    }

    @Override
    public void close() {
        LibC.close(epollFd);
    }
}
