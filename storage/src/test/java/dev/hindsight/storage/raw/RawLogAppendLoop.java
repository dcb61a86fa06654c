package dev.hindsight.storage.raw;

import dev.hindsight.storage.record.ContainerEvent;
import dev.hindsight.storage.record.EventType;
import java.nio.file.Path;

/** A child process for kill tests: appends events numbered from args[1] until killed. */
public final class RawLogAppendLoop {
    private RawLogAppendLoop() {
    }

    public static void main(String[] args) {
        long next = Long.parseLong(args[1]);
        try (RawLog log = RawLog.open(Path.of(args[0]))) {
            RawLogWriter w = log.writer();
            System.out.println("started");
            System.out.flush();
            while (true) {
                w.event(new ContainerEvent(1, System.currentTimeMillis(), EventType.OOM, next++));
            }
        }
    }
}
