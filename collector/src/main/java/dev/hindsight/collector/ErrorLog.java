package dev.hindsight.collector;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;

/** Counts errors by kind and logs each kind at most once a minute (container churn is noisy). */
final class ErrorLog {
    private static final long QUIET_MS = 60_000;

    private final Logger log;
    private final Map<String, long[]> byKind = new HashMap<>(); // kind -> {count, lastLoggedMs, countAtLastLog}

    ErrorLog(Logger log) {
        this.log = log;
    }

    synchronized void record(String kind, Throwable error) {
        long now = System.currentTimeMillis();
        long[] s = byKind.computeIfAbsent(kind, k -> new long[] {0, Long.MIN_VALUE / 2, 0});
        s[0]++;
        if (now - s[1] >= QUIET_MS) {
            long suppressed = s[0] - s[2] - 1;
            log.warn("{} error{}: {}", kind, suppressed > 0 ? " (and " + suppressed + " more since last report)" : "",
                    error == null ? "unknown" : error.toString());
            s[1] = now;
            s[2] = s[0];
        }
    }

    synchronized Map<String, Long> counts() {
        Map<String, Long> out = new HashMap<>();
        byKind.forEach((k, v) -> out.put(k, v[0]));
        return out;
    }
}
