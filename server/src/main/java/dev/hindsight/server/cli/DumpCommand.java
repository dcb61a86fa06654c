package dev.hindsight.server.cli;

import dev.hindsight.server.dump.DumpPrinter;
import dev.hindsight.storage.config.Durations;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.raw.RawLogReader;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import net.openhft.chronicle.queue.RollCycles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hindsight dump}: decode the raw log for people and scripts. */
@Command(name = "dump", description = "Print the stored records (text, or JSON one object per line).")
final class DumpCommand implements Runnable {
    /** Specs are re-recorded at least this often, so reading this far back finds every container's. */
    private static final long SPEC_LOOKBACK_MS = 3_600_000L + 60_000L;

    @Mixin
    ConfigOption config;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default: the config's data_dir).")
    Path data;

    @Option(names = "--since", paramLabel = "DURATION", description = "Only records newer than this, e.g. 5m, 2h.")
    String since;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "Output format: text or json (one object per line).")
    String format;

    @Override
    public void run() {
        Path dir = data != null ? data : config.load().dataDir();
        if (!Files.isDirectory(dir.resolve(RawLog.DIRECTORY))) {
            throw new IllegalArgumentException("no raw log in " + dir.toAbsolutePath().normalize());
        }
        DumpPrinter.Format f = switch (format) {
            case "text" -> DumpPrinter.Format.TEXT;
            case "json" -> DumpPrinter.Format.JSON;
            default -> throw new IllegalArgumentException("--format " + format + ": expected text or json");
        };
        long sinceMs = Long.MIN_VALUE;
        if (since != null) {
            OptionalLong d = Durations.parseMillis(since);
            if (d.isEmpty()) {
                throw new IllegalArgumentException("--since " + since + ": not a duration (e.g. 30s, 5m, 2h)");
            }
            sinceMs = System.currentTimeMillis() - d.getAsLong();
        }
        PrintStream out = new PrintStream(new java.io.BufferedOutputStream(System.out, 1 << 16), false);
        DumpPrinter printer = new DumpPrinter(out, f, sinceMs);
        try (RawLog log = RawLog.open(dir, RollCycles.FAST_HOURLY, null, true); RawLogReader reader = log.reader()) {
            if (since != null) {
                reader.seekToTime(sinceMs - SPEC_LOOKBACK_MS);
            }
            while (reader.poll(printer, 10_000) > 0) {
                out.flush();
            }
        }
        out.flush();
        if (printer.unreadable() > 0) {
            System.err.println(printer.unreadable() + " unreadable records skipped");
        }
    }
}
