package dev.hindsight.server.http;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Lowers the scheduling priority of the threads that serve HTTP, so that on a busy host the
 * collector (and the store's ingest) keep their ticks while queries wait their turn.
 *
 * <p>Each worker thread raises its own nice value to {@link #NICE} the first time it serves a
 * request: Linux keeps a nice value per thread ({@code setpriority(PRIO_PROCESS, tid)}), and
 * raising it needs no privilege. At nice 10 a busy worker weighs about a ninth of a thread at
 * nice 0. Java's own thread priorities would need {@code -XX:ThreadPriorityPolicy=1}, which
 * warns unless run as root and cannot lower a pool it did not create. Where the call is not
 * available (not Linux, no JNA) the workers keep their priority.
 */
final class YieldingWorkers implements HttpHandler {
    /** The nice value of a serving thread (0 is the default, 19 the lowest). */
    static final int NICE = 10;
    private static final int PRIO_PROCESS = 0;
    private static final ThreadLocal<Boolean> LOWERED = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final HttpHandler next;

    YieldingWorkers(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (!LOWERED.get()) {
            LOWERED.set(Boolean.TRUE);
            lowerCurrentThread();
        }
        next.handleRequest(exchange);
    }

    /** Sets the calling thread's nice value to {@link #NICE}; true when the kernel accepted it. */
    static boolean lowerCurrentThread() {
        int tid = currentTid();
        return tid > 0 && Native0.AVAILABLE && Native0.setpriority(PRIO_PROCESS, tid, NICE) == 0;
    }

    /** The calling thread's kernel id, from {@code /proc/thread-self} ({@code <pid>/task/<tid>}); -1 if unknown. */
    static int currentTid() {
        try {
            String link = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
            return Integer.parseInt(link.substring(link.lastIndexOf('/') + 1));
        } catch (IOException | UnsupportedOperationException | NumberFormatException e) {
            return -1;
        }
    }

    /** libc's {@code setpriority}, direct-mapped. */
    private static final class Native0 {
        static final boolean AVAILABLE;

        static {
            boolean ok;
            try {
                ok = Platform.isLinux();
                if (ok) {
                    Native.register(Native0.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
                }
            } catch (Throwable t) {
                ok = false;
            }
            AVAILABLE = ok;
        }

        static native int setpriority(int which, int who, int prio);
    }
}
