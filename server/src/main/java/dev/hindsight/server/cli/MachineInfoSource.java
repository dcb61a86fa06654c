package dev.hindsight.server.cli;

import dev.hindsight.collector.machine.MachineInfoReader;
import java.util.function.Supplier;

/** Machine info of this host as JSON, re-read at most every 30 s (it rarely changes). */
final class MachineInfoSource implements Supplier<String> {
    private static final long REFRESH_MS = 30_000;

    private final MachineInfoReader reader = MachineInfoReader.ofHost();
    private String cached;
    private long readAtMs;

    private MachineInfoSource() {
    }

    static Supplier<String> create() {
        return new MachineInfoSource();
    }

    @Override
    public synchronized String get() {
        long now = System.currentTimeMillis();
        if (cached == null || now - readAtMs >= REFRESH_MS) {
            cached = reader.read().toJson();
            readAtMs = now;
        }
        return cached;
    }
}
