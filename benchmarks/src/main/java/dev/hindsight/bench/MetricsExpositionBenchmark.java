package dev.hindsight.bench;

import dev.hindsight.bench.data.DayFixture;
import dev.hindsight.query.engine.Engine;
import dev.hindsight.query.engine.EngineLimits;
import dev.hindsight.server.http.HttpServer;
import dev.hindsight.server.http.ServerConfig;
import dev.hindsight.server.http.ServerContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code GET /metrics} over loopback from Hindsight's HTTP server, body read to the end: the
 * latest value of every series of {@code containers} containers (about 42 each) plus the
 * store's own metrics, in the Prometheus text format. Target: under 50 ms at 1,000 containers.
 * Allocation figures ({@code -prof gc}) count the client's and the server's allocations.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MetricsExpositionBenchmark {
    @Param({"100", "1000", "10000"})
    public int containers;

    private DayFixture day;
    private HttpServer server;
    private URL url;
    private final byte[] buf = new byte[1 << 16];

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        day = DayFixture.recent(containers, 2);
        ServerConfig config = new ServerConfig("127.0.0.1", 0, null, null, ServerConfig.Limits.defaults());
        server = HttpServer.start(config, new ServerContext(day.store(), new Engine(day.store(), EngineLimits.DEFAULT),
            null, null, null, null));
        url = new URL("http://127.0.0.1:" + server.port() + "/metrics");
        long bytes = scrape();
        if (bytes < containers * 30L * 40) {
            throw new IllegalStateException("/metrics returned only " + bytes + " bytes for " + containers + " containers");
        }
    }

    @Benchmark
    public long scrape() throws IOException {
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        long n = 0;
        try (InputStream in = c.getInputStream()) {
            int r;
            while ((r = in.read(buf)) > 0) {
                n += r;
            }
        }
        if (c.getResponseCode() != 200) {
            throw new IllegalStateException("status " + c.getResponseCode());
        }
        return n;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        server.close();
        day.close();
    }
}
