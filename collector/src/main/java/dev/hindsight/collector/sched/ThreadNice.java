package dev.hindsight.collector.sched;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sets the nice value of the calling thread. Linux keeps a nice value per thread
 * ({@code setpriority(PRIO_PROCESS, tid)}); raising it needs no privilege, lowering it below
 * the current one needs root (or {@code CAP_SYS_NICE}). Java's own thread priorities would
 * need {@code -XX:ThreadPriorityPolicy=1}, which warns unless run as root and cannot reach
 * threads made by a library's pool. Where the call is not available (not Linux, no JNA,
 * no {@code /proc}) nothing changes.
 */
public final class ThreadNice {
    private static final int PRIO_PROCESS = 0;

    private ThreadNice() {
    }

    /** Sets the calling thread's nice value (-20 highest, 19 lowest); true when the kernel accepted it. */
    public static boolean setCurrent(int nice) {
        int tid = currentTid();
        return tid > 0 && Libc.AVAILABLE && Libc.setpriority(PRIO_PROCESS, tid, nice) == 0;
    }

    /** The calling thread's kernel id, from {@code /proc/thread-self} ({@code <pid>/task/<tid>}); -1 if unknown. */
    public static int currentTid() {
        try {
            String link = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
            return Integer.parseInt(link.substring(link.lastIndexOf('/') + 1));
        } catch (IOException | UnsupportedOperationException | NumberFormatException e) {
            return -1;
        }
    }

    /** libc's {@code setpriority}, direct-mapped. */
    private static final class Libc {
        static final boolean AVAILABLE;

        static {
            boolean ok;
            try {
                ok = Platform.isLinux();
                if (ok) {
                    Native.register(Libc.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
                }
            } catch (Throwable t) {
                ok = false;
            }
            AVAILABLE = ok;
        }

        static native int setpriority(int which, int who, int prio);
    }
}
