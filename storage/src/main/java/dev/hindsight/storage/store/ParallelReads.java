package dev.hindsight.storage.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Spreads one selection's per-series work over the cores: the series are cut into contiguous
 * ranges, the calling thread takes the first and a few daemon threads the others. A range no
 * pool thread has started when the caller is done with its own is run by the caller, so a
 * busy pool (many queries at once) costs a query no more than reading alone would. The pool's
 * threads start at the first hand-off, from a query's thread, so on Linux they take that
 * thread's scheduling priority (the HTTP workers lower theirs below the collector's).
 */
final class ParallelReads implements AutoCloseable {
    /** Fewest series worth a range of their own: below it a hand-off costs more than it saves. */
    static final int MIN_PER_RANGE = 16;
    private final int parallelism;
    /** Null with one core. */
    private final ExecutorService pool;

    /** The work on series {@code [from, to)}. */
    @FunctionalInterface
    interface Range {
        void run(int from, int to);
    }

    /** At most {@code parallelism} ranges at once (the caller's included). */
    ParallelReads(int parallelism) {
        this.parallelism = Math.max(1, parallelism);
        if (this.parallelism == 1) {
            this.pool = null;
            return;
        }
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(this.parallelism - 1, r -> {
            Thread t = new Thread(r, "hindsight-read-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** One range per core of this machine. */
    static ParallelReads forCores() {
        return new ParallelReads(Runtime.getRuntime().availableProcessors());
    }

    /** Runs {@code work} over {@code [0, n)} in ranges and returns when every range is done; rethrows the first failure. */
    void forRanges(int n, Range work) {
        int ranges = pool == null ? 1 : Math.min(parallelism, n / MIN_PER_RANGE);
        if (ranges <= 1) {
            work.run(0, n);
            return;
        }
        List<FutureTask<Void>> others = new ArrayList<>(ranges - 1);
        for (int r = 1; r < ranges; r++) {
            int from = (int) ((long) n * r / ranges);
            int to = (int) ((long) n * (r + 1) / ranges);
            FutureTask<Void> task = new FutureTask<>(() -> work.run(from, to), null);
            others.add(task);
            pool.execute(task);
        }
        RuntimeException failure = null;
        try {
            work.run(0, n / ranges);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (FutureTask<Void> task : others) {
            task.run(); // a no-op when a pool thread has it already
            try {
                task.get();
            } catch (ExecutionException e) {
                failure = first(failure, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = first(failure, e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException first(RuntimeException seen, Throwable next) {
        if (seen != null) {
            return seen;
        }
        if (next instanceof RuntimeException r) {
            return r;
        }
        if (next instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("a parallel read failed", next);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
