package dev.hindsight.server.cli;

import java.util.function.Supplier;

/** Machine info for the collector to record, as JSON. */
final class MachineInfoSource {
    private MachineInfoSource() {
    }

    static Supplier<String> create() {
        return null;
    }
}
