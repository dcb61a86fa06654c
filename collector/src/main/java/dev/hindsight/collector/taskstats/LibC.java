package dev.hindsight.collector.taskstats;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/** The few libc calls netlink and eventfd need, direct-mapped (JNA's fast path). */
final class LibC {
    static final int AF_NETLINK = 16;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int NETLINK_GENERIC = 16;
    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 0x80000;
    static final int O_WRONLY = 1;
    static final int EFD_CLOEXEC = 0x80000;
    static final int EFD_NONBLOCK = 0x800;
    static final int EPOLL_CLOEXEC = 0x80000;
    static final int EPOLL_CTL_ADD = 1;
    static final int EPOLLIN = 1;

    private static final boolean AVAILABLE;

    static {
        boolean ok;
        try {
            ok = Platform.isLinux();
            if (ok) {
                Native.register(LibC.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
            }
        } catch (Throwable t) {
            ok = false;
        }
        AVAILABLE = ok;
    }

    private LibC() {
    }

    static boolean available() {
        return AVAILABLE;
    }

    static native int socket(int domain, int type, int protocol);

    static native int bind(int fd, byte[] addr, int addrLen);

    static native long send(int fd, byte[] buf, long len, int flags);

    static native long recv(int fd, byte[] buf, long len, int flags);

    static native int open(String path, int flags);

    static native int close(int fd);

    static native long read(int fd, byte[] buf, long len);

    static native long write(int fd, byte[] buf, long len);

    static native int eventfd(int initval, int flags);

    static native int epoll_create1(int flags);

    static native int epoll_ctl(int epfd, int op, int fd, byte[] event);

    static native int epoll_wait(int epfd, byte[] events, int maxEvents, int timeoutMs);
}
