package dev.hindsight.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.hindsight.query.engine.Matrix;
import dev.hindsight.server.http.api.BenchAccess;
import dev.hindsight.storage.select.Labels;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JSON encoding of a range-query result as {@code /api/v1/query_range} writes it (Jackson
 * streaming generator, Prometheus's number formatting): the shape of
 * {@code sum by (name) (rate(...[5m]))} over 24 h at a 1 min step, one series per container,
 * 1,441 points each, written to a byte-counting sink.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JsonEncodingBenchmark {
    @Param({"100", "1000"})
    public int containers;

    private final JsonFactory factory = JsonFactory.builder().build();
    private Matrix matrix;
    private final CountingSink sink = new CountingSink();

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(3);
        List<Matrix.Series> series = new ArrayList<>(containers);
        long start = 1_700_000_000_000L;
        for (int c = 0; c < containers; c++) {
            long[] ts = new long[1441];
            double[] vs = new double[ts.length];
            for (int i = 0; i < ts.length; i++) {
                ts[i] = start + 60_000L * i;
                vs[i] = rnd.nextDouble() * 2;
            }
            series.add(new Matrix.Series(Labels.of("name", String.format("web-%04d", c)), ts, vs));
        }
        matrix = new Matrix(series);
    }

    @Benchmark
    public long encodeMatrix() throws IOException {
        sink.n = 0;
        try (JsonGenerator g = factory.createGenerator(sink)) {
            BenchAccess.writeResult(g, matrix);
        }
        return sink.n;
    }

    /** Counts bytes and drops them. */
    static final class CountingSink extends OutputStream {
        long n;

        @Override
        public void write(int b) {
            n++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            n += len;
        }
    }
}
