package dev.hindsight.bench.compare;

import dev.hindsight.bench.data.SyntheticFleet;
import dev.hindsight.server.cli.Version;
import dev.hindsight.storage.raw.RawLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycles;

/**
 * Hindsight under test: the harness writes the dataset's raw log through {@link
 * dev.hindsight.storage.raw.RawLogWriter} (timed, as the collector does), then a separate JVM
 * ({@link HindsightServer}) replays it into head and rollups (timed) and serves HTTP.
 */
final class HindsightPeer implements Peer {
    /** The store's name in results and reports. */
    static final String NAME = "Hindsight";
    private final Path data;
    private final Process process;
    private final double appendSeconds;
    private final double replaySeconds;
    private final int port;
    private final Map<String, String> reported = new LinkedHashMap<>();

    private HindsightPeer(Path data, Process process, double appendSeconds, BufferedReader out) throws IOException {
        this.data = data;
        this.process = process;
        this.appendSeconds = appendSeconds;
        String line;
        int p = -1;
        while ((line = out.readLine()) != null) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                reported.put(line.substring(0, eq), line.substring(eq + 1));
            }
            if (line.startsWith("port=")) {
                p = Integer.parseInt(line.substring(5).trim());
                break;
            }
        }
        if (p < 0) {
            throw new IllegalStateException("Hindsight exited before serving; see " + data.resolveSibling("hindsight.log")
                + "; it said " + reported);
        }
        this.port = p;
        this.replaySeconds = Double.parseDouble(reported.getOrDefault("replay_ms", "0")) / 1000;
        Thread drain = new Thread(() -> drain(out), "hindsight-stdout");
        drain.setDaemon(true);
        drain.start();
    }

    /** Writes the fleet's raw log under {@code data} and returns the seconds the writes took. */
    static double writeRawLog(SyntheticFleet fleet, Path data, SyntheticFleet.Written[] written) {
        SetTimeProvider clock = new SetTimeProvider(Instant.ofEpochMilli(fleet.startMs()));
        try (RawLog log = RawLog.open(data, RollCycles.FAST_HOURLY, clock, false)) {
            long t0 = System.nanoTime();
            written[0] = fleet.write(log.writer(), clock::currentTimeMillis);
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    /** Starts the serving JVM over an already written raw log; returns once it serves. */
    static HindsightPeer start(Path data, long intervalMs, double appendSeconds, Path log, String heap) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(JvmFlags.flags()));
        cmd.addAll(JvmFlags.agentFlags());
        cmd.add("-Xmx" + heap);
        cmd.add("-cp");
        cmd.add(jarPath());
        cmd.add(HindsightServer.class.getName());
        cmd.add(data.toString());
        cmd.add(Long.toString(intervalMs));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            return new HindsightPeer(data, p, appendSeconds, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // keep the pipe empty
            }
        } catch (IOException e) {
            // process ended
        }
    }

    static String jarPath() {
        try {
            return Path.of(HindsightPeer.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return Version.VERSION;
    }

    @Override
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public double ingestSeconds() {
        return appendSeconds + replaySeconds;
    }

    double appendSeconds() {
        return appendSeconds;
    }

    double replaySeconds() {
        return replaySeconds;
    }

    @Override
    public Map<String, Long> disk() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("raw", Procs.du(data.resolve("raw")));
        for (String r : List.of("10s", "1m", "1h")) {
            m.put("rollup " + r, Procs.du(data.resolve("rollup").resolve(r)));
        }
        m.put("series+specs", Procs.du(data.resolve("series")));
        m.put("events", Procs.du(data.resolve("events")));
        return m;
    }

    @Override
    public String notes() {
        List<String> agent = JvmFlags.agentFlags();
        return String.format("raw-log append %.2f s (RawLogWriter, includes generating the values) + replay into "
            + "series registry, head and the rollups coarser than the interval %.2f s (Store.open in a fresh JVM, one thread); "
            + "JVM flags of `./hindsight run`'s agent: %s; store reported %s", appendSeconds, replaySeconds,
            agent.isEmpty() ? "none (not started through the launcher)" : "`" + String.join(" ", agent) + "`", reported);
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                Procs.stop(process);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Procs.stop(process);
        }
    }
}
