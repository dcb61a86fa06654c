package dev.hindsight.server.export;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One sink's state for /metrics. Written by the sink's export thread, read by scrapes.
 */
public final class ExportCounters {
    /** Samples the receiver acknowledged (2xx). */
    public final AtomicLong sent = new AtomicLong();
    /** Samples the receiver refused for good (4xx other than a retried 429): counted, not resent. */
    public final AtomicLong failed = new AtomicLong();
    /** Samples sent again after a 5xx, a 429 or a network error. */
    public final AtomicLong retried = new AtomicLong();
    /** Samples never sent: dropped by relabelling, of a container with no known spec, or not encodable. */
    public final AtomicLong dropped = new AtomicLong();
    /** Requests that got a 2xx. */
    public final AtomicLong batches = new AtomicLong();
    /** Seconds between the newest record read from the log and the newest sample acknowledged. */
    public final AtomicLong lagMillis = new AtomicLong();
    /** Wall time of the last acknowledged request, ms since the epoch (0: none yet). */
    public final AtomicLong lastSuccessMs = new AtomicLong();
    /** Restarts that found their resume position deleted by retention (those records were never sent). */
    public final AtomicLong retentionGaps = new AtomicLong();
    /** Times the export thread hit an unexpected error and started over from the acknowledged position. */
    public final AtomicLong restarts = new AtomicLong();
    /** Raw records read from the log. */
    public final AtomicLong records = new AtomicLong();
}
