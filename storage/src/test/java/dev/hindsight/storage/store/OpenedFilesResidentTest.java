package dev.hindsight.storage.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.config.HindsightConfig;
import dev.hindsight.storage.config.RetentionConfig;
import dev.hindsight.storage.config.RollupLevel;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.rawindex.Fleet;
import dev.hindsight.storage.select.LabelMatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening the raw index, raw block and rollup block files the store has just written brings
 * none of their pages into the process's resident set: their headers and tables are read
 * through the channel. (A file just written sits in the page cache as large folios on recent
 * kernels, and touching one byte of its mapping maps a whole folio: half a megabyte of table
 * per block per hour at 1,000 containers.) Only a query's reads bring pages in.
 */
@Timeout(120)
class OpenedFilesResidentTest {
    private static final long T0 = Fleet.T0;

    @Test
    void openingWrittenFilesMapsNoneOfTheirPages(@TempDir Path dir) throws IOException {
        SetTimeProvider clock = new SetTimeProvider(Instant.ofEpochMilli(T0));
        try (RawLog log = RawLog.open(dir.resolve("log"), RollCycles.TEN_MINUTELY, clock, false)) {
            Fleet.write(log.writer(), clock, 40, 35 * 60);
            RetentionConfig retention = new RetentionConfig(86_400_000L, 5 * 60_000L,
                List.of(new RollupLevel(60_000L, 86_400_000L)), OptionalLong.empty());
            try (Store store = Store.open(HindsightConfig.defaults().withDataDir(dir.resolve("store")).withRetention(retention),
                    RawBlockSelectionTest.blocks(clock), log)) {
                Resident opened = Resident.under(dir);
                // three finished 10-minute cycles: an index and a raw block each, and a 1m rollup block (two mappings)
                assertThat(opened.mappings).as("index, raw and rollup block files are mapped").isEqualTo(12);
                assertThat(opened.kb).as("kB of them resident after opening").isZero();

                RawIndexSelectionTest.read(store, List.of(LabelMatcher.eq("name", "c05")), new long[] {T0, T0 + 25 * 60_000L});
                assertThat(Resident.under(dir).kb).as("a raw read of the blocks brings pages in").isPositive();
            }
        }
    }

    /** Mappings of files under a directory with names ending .hri, .hrs or .hrb, and their resident kB. */
    private record Resident(int mappings, long kb) {
        static Resident under(Path dir) throws IOException {
            String prefix = dir.toRealPath().toString();
            int mappings = 0;
            long kb = 0;
            boolean ours = false;
            for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
                if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                    String path = line.substring(line.lastIndexOf(' ') + 1);
                    ours = path.startsWith(prefix) && path.matches(".*\\.hr[isb]$");
                    mappings += ours ? 1 : 0;
                } else if (ours && line.startsWith("Rss:")) {
                    kb += Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return new Resident(mappings, kb);
        }
    }
}
