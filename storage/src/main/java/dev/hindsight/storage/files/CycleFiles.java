package dev.hindsight.storage.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.RollCycle;
import org.agrona.collections.Int2ObjectHashMap;

/**
 * Files named after a Chronicle roll cycle ({@code 20261127-09F.cq4} and the sidecars made from
 * it: {@code .hrb}, {@code .hri}, {@code .hrs}): the name of a cycle, the cycle of a name, and
 * opening every sidecar of one kind in a directory.
 */
public final class CycleFiles {
    private CycleFiles() {
    }

    /** Opens one sidecar; returns null when it was damaged (and the opener reported and set it aside). */
    @FunctionalInterface
    public interface Opener<T> {
        /**
         * @param cycle the cycle its name stands for, or Integer.MIN_VALUE when it is not named after one
         */
        T open(Path file, int cycle) throws IOException;
    }

    /** A roll cycle's file name without its suffix, as Chronicle names it (UTC). */
    public static String name(RollCycle rc, int cycle) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern(rc.format()).withZone(ZoneOffset.UTC);
        return f.format(Instant.ofEpochMilli((long) cycle * rc.lengthInMillis()));
    }

    /** The roll cycle a file name without its suffix stands for, or Integer.MIN_VALUE. */
    public static int cycleOf(RollCycle rc, String stem) {
        try {
            DateTimeFormatter f = new DateTimeFormatterBuilder().appendPattern(rc.format())
                .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
                .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
                .toFormatter();
            long ms = LocalDateTime.parse(stem, f).toInstant(ZoneOffset.UTC).toEpochMilli();
            return (int) (ms / rc.lengthInMillis());
        } catch (DateTimeParseException e) {
            return Integer.MIN_VALUE;
        }
    }

    /**
     * Opens every {@code *<suffix>} file of a directory by cycle, and deletes the
     * {@code *<suffix>.tmp} ones a crash cut off (their writing is redone). Empty when the
     * directory does not exist.
     */
    public static <T> Int2ObjectHashMap<T> openAll(Path directory, RollCycle rc, String suffix, Opener<T> opener) {
        Int2ObjectHashMap<T> found = new Int2ObjectHashMap<>();
        if (!Files.isDirectory(directory)) {
            return found;
        }
        try (Stream<Path> list = Files.list(directory)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                String name = p.getFileName().toString();
                if (name.endsWith(suffix + ".tmp")) {
                    Files.deleteIfExists(p);
                } else if (name.endsWith(suffix)) {
                    int cycle = cycleOf(rc, name.substring(0, name.length() - suffix.length()));
                    T f = opener.open(p, cycle);
                    if (f != null) {
                        found.put(cycle, f);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        return found;
    }
}
