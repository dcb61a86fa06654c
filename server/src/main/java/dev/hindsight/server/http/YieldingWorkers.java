package dev.hindsight.server.http;

import dev.hindsight.collector.sched.ThreadNice;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * Lowers the scheduling priority of the threads that serve HTTP, so that on a busy host the
 * collector (and the store's ingest) keep their ticks while queries wait their turn.
 *
 * <p>Each worker thread raises its own nice value to {@link #NICE} the first time it serves a
 * request ({@link ThreadNice}; no privilege needed). At nice 5 a busy worker weighs about a
 * third of a thread at nice 0 (the host's own work) and a ninth of the collector's (nice -5
 * when the agent runs as root): lower would starve queries and {@code /metrics} scrapes on a
 * busy host. Where the call is not available the workers keep their priority.
 */
final class YieldingWorkers implements HttpHandler {
    /** The nice value of a serving thread (0 is the default, 19 the lowest). */
    static final int NICE = 5;
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
        return ThreadNice.setCurrent(NICE);
    }
}
