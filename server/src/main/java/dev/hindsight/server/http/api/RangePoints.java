package dev.hindsight.server.http.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hindsight.query.engine.Matrix;
import dev.hindsight.server.http.PointFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;

/**
 * Writes a range answer's series, nearly all of whose bytes are the points' digits. The points
 * are rendered into byte batches and written straight to the generator's stream after flushing
 * what the generator holds (without flushing the stream), skipping its per-value work. A large
 * answer is rendered on two threads: of each window of series the caller streams the first
 * half while a render thread fills a buffer with the second, which the caller then writes;
 * a window the render thread has not started when the caller needs it is rendered by the
 * caller, so a busy render thread never delays an answer. The render thread starts at the
 * first hand-off, from an HTTP worker, so on Linux it takes the worker's lowered priority.
 */
public final class RangePoints implements AutoCloseable {
    /** Points per window: what the render thread holds in memory at most (about 30 bytes each). */
    static final int WINDOW_POINTS = 32_768;
    /** Fewest points in a window worth a hand-off to the render thread. */
    static final int PARALLEL_MIN_POINTS = 4_096;
    /** Bytes of points rendered before they are written out. */
    private static final int CHUNK = 16 * 1024;
    /**
     * Bytes a point takes at most but for rare values, {@code [1795760347.123,"0.012345678901234567"],}
     * (a rate's value has up to 17 significant digits): what the render thread's buffer is sized
     * by, so that it is not grown (and copied) several times per window.
     */
    private static final int TYPICAL_POINT = 40;
    /** Null: every point is rendered by the caller. */
    private final ExecutorService render;

    private RangePoints(ExecutorService render) {
        this.render = render;
    }

    /** Renders on the caller's thread only. */
    public static RangePoints sequential() {
        return new RangePoints(null);
    }

    /** Renders large answers on a second thread when the machine has a second core. */
    public static RangePoints forCores() {
        return Runtime.getRuntime().availableProcessors() < 2 ? sequential() : withRenderThread();
    }

    /** Renders large answers on a second thread, whatever the cores. */
    static RangePoints withRenderThread() {
        return new RangePoints(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "hindsight-render");
            t.setDaemon(true);
            return t;
        }));
    }

    /** The {@code result} array's series objects, each {@code {"metric":{...},"values":[...]}}. */
    void write(JsonGenerator g, List<Matrix.Series> series) throws IOException {
        byte[] chunk = new byte[CHUNK];
        if (!(g.getOutputTarget() instanceof OutputStream out)) {
            for (Matrix.Series s : series) {
                start(g, s);
                for (int i = 0; i < s.timestamps().length; i++) {
                    QueryHandlers.point(g, s.timestamps()[i], s.values()[i]);
                }
                end(g);
            }
            return;
        }
        int i = 0;
        while (i < series.size()) {
            int j = i;
            long points = 0;
            while (j < series.size() && points < WINDOW_POINTS) {
                points += series.get(j++).timestamps().length;
            }
            if (render == null || points < PARALLEL_MIN_POINTS || j - i < 2) {
                for (int k = i; k < j; k++) {
                    streamed(g, out, series.get(k), chunk);
                }
            } else {
                twoThreads(g, out, series, i, j, points, chunk);
            }
            i = j;
        }
    }

    private void twoThreads(JsonGenerator g, OutputStream out, List<Matrix.Series> series, int from, int to,
            long points, byte[] chunk) throws IOException {
        int mid = from;
        long first = 0;
        while (mid < to - 1 && first < points / 2) {
            first += series.get(mid++).timestamps().length;
        }
        int split = mid;
        long laterPoints = points - first;
        FutureTask<Rendered> later = new FutureTask<>(() -> Rendered.of(series, split, to, laterPoints));
        render.execute(later);
        for (int k = from; k < split; k++) {
            streamed(g, out, series.get(k), chunk);
        }
        later.run(); // a no-op when the render thread has it already
        Rendered r;
        try {
            r = later.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("rendering a range answer failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while rendering a range answer", e);
        }
        for (int k = split; k < to; k++) {
            start(g, series.get(k));
            flushGenerator(g);
            int begin = k == split ? 0 : r.ends[k - split - 1];
            out.write(r.bytes(), begin, r.ends[k - split] - begin);
            end(g);
        }
    }

    /** One series with its points rendered in chunks on this thread. */
    private static void streamed(JsonGenerator g, OutputStream out, Matrix.Series s, byte[] chunk) throws IOException {
        start(g, s);
        flushGenerator(g);
        points(out, s, chunk);
        end(g);
    }

    /** A series' points, comma-separated, rendered into {@code chunk} and written to {@code out} whenever it fills. */
    private static void points(OutputStream out, Matrix.Series s, byte[] chunk) throws IOException {
        long[] ts = s.timestamps();
        double[] vs = s.values();
        int at = 0;
        for (int i = 0; i < ts.length; i++) {
            if (i > 0) {
                chunk[at++] = ',';
            }
            at = PointFormat.point(ts[i], vs[i], chunk, at);
            if (at > chunk.length - PointFormat.MAX_POINT - 1) {
                out.write(chunk, 0, at);
                at = 0;
            }
        }
        out.write(chunk, 0, at);
    }

    private static void start(JsonGenerator g, Matrix.Series s) throws IOException {
        g.writeStartObject();
        QueryHandlers.writeMetric(g, s.labels());
        g.writeArrayFieldStart("values");
    }

    /** Closes the values array as if it were empty (its points went past the generator) and the series object. */
    private static void end(JsonGenerator g) throws IOException {
        g.writeEndArray();
        g.writeEndObject();
    }

    /** Hands what the generator holds to its stream, without flushing the stream itself. */
    private static void flushGenerator(JsonGenerator g) throws IOException {
        boolean passFlush = g.isEnabled(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
        g.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
        g.flush();
        g.configure(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM, passFlush);
    }

    /** The points of series {@code [from, to)} rendered one after another; series k ends at {@code ends[k - from]}. */
    private static final class Rendered extends ByteArrayOutputStream {
        private final int[] ends;

        private Rendered(int series, int capacity) {
            super(capacity);
            ends = new int[series];
        }

        static Rendered of(List<Matrix.Series> series, int from, int to, long points) throws IOException {
            Rendered r = new Rendered(to - from, (int) Math.min(1 << 24, points * TYPICAL_POINT + CHUNK));
            byte[] chunk = new byte[CHUNK];
            for (int k = from; k < to; k++) {
                points(r, series.get(k), chunk);
                r.ends[k - from] = r.size();
            }
            return r;
        }

        /** The rendered bytes, without a copy. */
        byte[] bytes() {
            return buf;
        }
    }

    @Override
    public void close() {
        if (render != null) {
            render.shutdownNow();
        }
    }
}
