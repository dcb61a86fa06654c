package dev.hindsight.storage.store;

import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.raw.RawLogReader;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * Gets a raw-log reader past a cycle file it cannot read to its end (cut short, damaged)
 * while later cycles exist: the file is reported with its path and the reader moves to the
 * first record of the next cycle, so the rest of the log stays readable.
 */
final class DamagedCycles {
    private DamagedCycles() {
    }

    /** True when the reader was moved past a damaged cycle (the caller polls again). */
    static boolean skip(RawLog log, RawLogReader reader, Consumer<String> problems) {
        try {
            return trySkip(log, reader, problems);
        } catch (RuntimeException | InternalError e) {
            return false; // the log cannot be read now (e.g. a full disk): the caller stops or polls later
        }
    }

    private static boolean trySkip(RawLog log, RawLogReader reader, Consumer<String> problems) {
        SingleChronicleQueue q = log.queue();
        long at = reader.index();
        if (log.lastIndex() < 0 || at > log.lastIndex()) {
            return false;
        }
        RollCycle rc = q.rollCycle();
        int cycle = rc.toCycle(at);
        if (cycle >= q.lastCycle()) {
            return false;
        }
        int next;
        try {
            next = q.nextCycle(cycle, TailerDirection.FORWARD);
        } catch (java.text.ParseException e) {
            return false;
        }
        if (next <= cycle || !reader.moveToIndex(rc.toIndex(next, 0))) {
            return false;
        }
        problems.accept(file(q, cycle) + ": ends before its roll cycle does (cut short?); the rest of it was skipped");
        return true;
    }

    static Path file(SingleChronicleQueue q, int cycle) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern(q.rollCycle().format()).withZone(ZoneOffset.UTC);
        long startMs = (long) cycle * q.rollCycle().lengthInMillis();
        return q.file().toPath().resolve(f.format(Instant.ofEpochMilli(startMs)) + ".cq4");
    }
}
