package dev.hindsight.query.repl;

import dev.hindsight.query.engine.EngineLimits;
import dev.hindsight.storage.select.InMemorySeriesSource;
import dev.hindsight.storage.select.Labels;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;

/**
 * Synthetic series in memory and a REPL driven over piped streams through JLine's dumb
 * terminal. Two containers, a sample every 15 s for two hours before {@link #NOW}: web's memory
 * climbs 1000 + s bytes, db's stays at 2000; CPU counters grow 0.5 and 0.25 s/s.
 */
final class ReplFixture {
    static final long T0 = 1_700_000_000_000L;
    static final long NOW = T0 + 7_200_000L;

    private ReplFixture() {
    }

    static InMemorySeriesSource source() {
        InMemorySeriesSource src = new InMemorySeriesSource();
        for (long t = T0; t <= NOW; t += 15_000) {
            long s = (t - T0) / 1000;
            src.add(Labels.of("__name__", "container_memory_working_set_bytes", "name", "web", "id", "/docker/aaa"),
                t, 1000 + s);
            src.add(Labels.of("__name__", "container_memory_working_set_bytes", "name", "db", "id", "/docker/bbb"),
                t, 2000);
            src.add(Labels.of("__name__", "container_cpu_usage_seconds_total", "name", "web", "id", "/docker/aaa"),
                t, 0.5 * s);
            src.add(Labels.of("__name__", "container_cpu_usage_seconds_total", "name", "db", "id", "/docker/bbb"),
                t, 0.25 * s);
        }
        return src;
    }

    static LocalBackend backend() {
        return new LocalBackend(source(), EngineLimits.DEFAULT, "test data");
    }

    /** Types {@code input} into a fresh REPL and returns everything it printed. */
    static String session(ReplBackend backend, Path history, String input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Terminal t = new DumbTerminal("test", Terminal.TYPE_DUMB,
            new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, StandardCharsets.UTF_8)) {
            new Repl(t, backend, history, () -> NOW, ZoneOffset.UTC, ReplSettings.DEFAULT).run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
