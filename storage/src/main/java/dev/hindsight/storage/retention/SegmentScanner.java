package dev.hindsight.storage.retention;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.RollCycle;

/**
 * Lists the roll-cycle files ({@code *.cq4}, and the rollup block files {@code *.hrb} and raw
 * index files {@code *.hri} and raw blocks {@code *.hrs} named after them) of one queue directory as {@link SegmentInfo}s,
 * their time span taken from the file name and the roll cycle (UTC, Chronicle's default).
 * Files whose names do not parse are left out and reported.
 */
public final class SegmentScanner {
    /** Suffix of a file set aside as damaged: it ages out with its cycle like any other. */
    private static final String DAMAGED = ".damaged";

    private SegmentScanner() {
    }

    /** Segments of one queue directory; names that do not parse are added to {@code problems}. */
    public static List<SegmentInfo> scan(Path dir, long resolutionMs, RollCycle rollCycle, List<String> problems) {
        List<SegmentInfo> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        DateTimeFormatter f = new DateTimeFormatterBuilder().appendPattern(rollCycle.format())
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
            .toFormatter();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                String base = name.endsWith(DAMAGED) ? name.substring(0, name.length() - DAMAGED.length()) : name;
                if (!base.endsWith(".cq4") && !base.endsWith(".hrb") && !base.endsWith(".hri")
                    && !base.endsWith(".hrs")) {
                    continue; // roll-cycle files, the block and index files made from them, and any set aside as damaged
                }
                String stamp = base.substring(0, base.length() - 4);
                try {
                    long start = LocalDateTime.parse(stamp, f).toInstant(ZoneOffset.UTC).toEpochMilli();
                    out.add(new SegmentInfo(p, resolutionMs, start, start + rollCycle.lengthInMillis(), Files.size(p)));
                } catch (DateTimeParseException e) {
                    problems.add(p + ": not a roll-cycle file name for " + rollCycle.format() + "; left alone");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return out;
    }
}
