package dev.hindsight.server.export;

import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.raw.RawLogReader;
import dev.hindsight.storage.raw.RawRecordHandler;
import dev.hindsight.storage.record.ContainerSpec;
import java.util.Collection;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sink's duty cycle on its own thread: fill a batch from the raw log, send it until the
 * receiver takes or refuses it, acknowledge it, repeat. It only reads the log, so a slow or
 * absent receiver never slows collection: the log buffers (bounded by retention).
 *
 * <p>Positions live in two named Chronicle tailers: {@code export-<name>} is the next record
 * to send and moves only after a 2xx or 4xx; {@code export-<name>.inflight} is the last record
 * of the batch being sent, moved before sending. After a crash the first batch is rebuilt with
 * the same end, so a receiver that already committed it sees the same request again (Prometheus
 * answers it as a duplicate) and no sample after it is ever resent with older ones.
 * At-least-once: nothing is lost, only the last unacknowledged batch can arrive twice.
 */
public final class ExportLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExportLoop.class);
    private static final RawRecordHandler SKIP = new RawRecordHandler() { };

    private final SinkConfig config;
    private final RawLog log;
    private final Collection<ContainerSpec> knownSpecs;
    private final BatchEncoder encoder;
    private final HttpTransport transport;
    private final LongSupplier clockMs;
    private final ExportCounters counters = new ExportCounters();
    private final Thread thread;
    private volatile boolean closing;

    // ---- export thread only ----
    private RawLogReader reader;
    private RawLogReader acked;
    private RawLogReader inflight;
    private final ExportMapper mapper;
    private final Batch batch = new Batch();
    /** After a restart: the first batch must end at this record (-1: no constraint). */
    private long replayEnd = -1;
    private long lastDroppedSeen;
    /** Newest sample time acknowledged. */
    private long ackedTimeMs = Long.MIN_VALUE;

    /**
     * @param knownSpecs specs known before reading (the store's spec file), so samples whose spec
     *                   record retention already deleted still get their labels
     */
    public ExportLoop(SinkConfig config, RawLog log, Collection<ContainerSpec> knownSpecs, BatchEncoder encoder,
                      LongSupplier clockMs) {
        this.config = config;
        this.log = log;
        this.knownSpecs = knownSpecs;
        this.encoder = encoder;
        this.transport = new HttpTransport(config, encoder.headers());
        this.clockMs = clockMs;
        this.mapper = new ExportMapper(config.externalLabels(), config.relabel());
        this.thread = new Thread(this::run, "hindsight-export-" + config.name());
        this.thread.setDaemon(true);
    }

    public ExportLoop start() {
        thread.start();
        return this;
    }

    public SinkConfig config() {
        return config;
    }

    /** Series ids the sink's mapper holds now (for tests: they must not grow with churn). */
    int mappedSeries() {
        return mapper.mappedSeries();
    }

    /** Times the sink's mapper started its ids afresh. */
    long mapperRebuilds() {
        return mapper.rebuilds();
    }

    public ExportCounters counters() {
        return counters;
    }

    /** The tailer name holding this sink's acknowledged position. */
    public static String tailerName(String sinkName) {
        return "export-" + sinkName.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private void run() {
        while (!closing) {
            try {
                runOnce();
            } catch (RuntimeException e) {
                if (closing) {
                    return;
                }
                // e.g. a damaged log file: report, wait, reopen from the acknowledged position
                LOG.error("export to {} failed, restarting in 5 s: {}", config.name(), e.toString(), e);
                counters.restarts.incrementAndGet();
                batch.clear();
                sleep(5_000);
            }
        }
    }

    private void runOnce() {
        String name = tailerName(config.name());
        try (RawLogReader r = log.reader(); RawLogReader a = log.namedReader(name);
             RawLogReader f = log.namedReader(name + ".inflight")) {
            reader = r;
            acked = a;
            inflight = f;
            position();
            while (!closing) {
                if (!doWork()) {
                    LockSupport.parkNanos(20_000_000L);
                }
            }
        }
    }

    /** Learns the specs up to the acknowledged position, then puts the reader there. */
    private void position() {
        knownSpecs.forEach(mapper::restoreSpec);
        mapper.resetLastIndex();
        long next = acked.index();
        long flight = inflight.index();
        reader.toStart();
        long first = reader.index();
        RawRecordHandler specs = mapper.specsOnly();
        while (reader.index() < next && reader.poll(specs, 1) == 1) {
            // specs only, up to the resume point
        }
        if (!resumeAt(next, first)) {
            reader.toStart();
        }
        replayEnd = flight >= reader.index() && flight > 0 ? flight : -1;
        LOG.info("export to {} ({}) resumes at raw index {}{}", config.name(), config.url(),
            Long.toHexString(reader.index()), replayEnd >= 0 ? ", resending up to " + Long.toHexString(replayEnd) : "");
    }

    /**
     * Puts the reader at the acknowledged position {@code next}. That index may not exist
     * (the last acknowledged record ended a roll cycle): then at the record after
     * {@code next - 1}. A position older than the oldest record means retention deleted records
     * before they were sent: counted in {@link ExportCounters#retentionGaps}.
     */
    private boolean resumeAt(long next, long first) {
        if (next <= 0) {
            return false; // never acknowledged anything
        }
        if (next < first) {
            counters.retentionGaps.incrementAndGet();
            LOG.warn("export to {}: records before raw index {} were deleted by retention before they were sent",
                config.name(), Long.toHexString(first));
            return false;
        }
        if (reader.moveToIndex(next)) {
            return true;
        }
        if (reader.moveToIndex(next - 1)) {
            reader.poll(mapper.specsOnly(), 1);
            return true;
        }
        if (next > log.lastIndex()) {
            reader.toEnd();
            return true;
        }
        return false;
    }

    /** One step; false when there was nothing to do. */
    private boolean doWork() {
        boolean read = fill();
        if (batchReady()) {
            sendBatch();
            return true;
        }
        return read;
    }

    /** Reads records into the batch until it is full; true when anything was read. */
    private boolean fill() {
        mapper.target(batch);
        boolean any = false;
        while (!closing && batch.size() < config.maxSamplesPerSend()) {
            if (replayDone()) {
                break;
            }
            if (reader.poll(mapper, 1) == 0) {
                break;
            }
            any = true;
            counters.records.incrementAndGet();
            batch.endRecord(mapper.lastIndex(), System.nanoTime());
        }
        long dropped = mapper.droppedByRelabel() + mapper.unknownContainerSamples();
        if (dropped != lastDroppedSeen) {
            counters.dropped.addAndGet(dropped - lastDroppedSeen);
            lastDroppedSeen = dropped;
        }
        updateLag();
        return any;
    }

    /** True when a replayed first batch has reached its recorded end. */
    private boolean replayDone() {
        return replayEnd >= 0 && mapper.lastIndex() >= replayEnd;
    }

    private boolean batchReady() {
        if (batch.records() == 0) {
            return false;
        }
        if (batch.size() >= config.maxSamplesPerSend()) {
            return true;
        }
        if (replayDone()) {
            return true;
        }
        return System.nanoTime() - batch.startedNanos() >= config.batchDeadlineMs() * 1_000_000L;
    }

    private void sendBatch() {
        byte[] body = batch.size() == 0 ? null : encoder.encode(batch, mapper::labels);
        int skipped = encoder.skippedInLastEncode();
        counters.dropped.addAndGet(skipped);
        int n = batch.size() - skipped;
        if (body != null) {
            markInflight(batch.lastRawIndex());
            long backoff = config.minBackoffMs();
            boolean first = true;
            while (true) {
                if (!first) {
                    counters.retried.addAndGet(n);
                }
                first = false;
                SendOutcome o = transport.send(body);
                if (o.result() == SendOutcome.Result.SENT) {
                    counters.sent.addAndGet(n);
                    counters.batches.incrementAndGet();
                    counters.lastSuccessMs.set(clockMs.getAsLong());
                    break;
                }
                if (o.result() == SendOutcome.Result.REJECTED) {
                    counters.failed.addAndGet(n);
                    LOG.warn("export to {}: {} samples refused with HTTP {}: {}", config.name(), n, o.status(),
                        o.detail());
                    break;
                }
                if (closing) {
                    return; // not acknowledged: resent after the restart
                }
                LOG.debug("export to {}: retrying in {} ms after {} {}", config.name(), backoff, o.status(), o.detail());
                sleep(backoff);
                if (closing) {
                    return;
                }
                backoff = Math.min(backoff * 2, config.maxBackoffMs());
            }
        }
        acknowledge(batch.lastRawIndex());
        if (batch.maxTimeMs() != Long.MIN_VALUE) {
            ackedTimeMs = Math.max(ackedTimeMs, batch.maxTimeMs());
        }
        batch.clear();
        mapper.compactBetweenBatches();
        if (replayDone()) {
            replayEnd = -1;
        }
        updateLag();
    }

    private void updateLag() {
        long newest = mapper.lastRecordTimeMs();
        if (newest == Long.MIN_VALUE) {
            counters.lagMillis.set(0);
        } else if (batch.size() == 0 && ackedTimeMs >= newest) {
            counters.lagMillis.set(0);
        } else {
            long base = ackedTimeMs == Long.MIN_VALUE ? newest : ackedTimeMs;
            counters.lagMillis.set(Math.max(0, Math.max(newest, clockMs.getAsLong()) - base));
        }
    }

    /** Persists "the batch being sent ends at {@code index}". */
    private void markInflight(long index) {
        inflight.moveToIndex(index);
    }

    /** Persists "everything up to and including {@code index} is done": the named tailer moves past it. */
    private void acknowledge(long index) {
        if (acked.moveToIndex(index)) {
            acked.poll(SKIP, 1);
        }
    }

    private void sleep(long ms) {
        long until = System.nanoTime() + ms * 1_000_000L;
        while (!closing && System.nanoTime() < until) {
            LockSupport.parkNanos(Math.min(until - System.nanoTime(), 50_000_000L));
        }
    }

    /**
     * Stops the thread. A batch not yet acknowledged stays unacknowledged: the next start
     * resends it (at-least-once), exactly as after a crash.
     */
    @Override
    public void close() {
        closing = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
