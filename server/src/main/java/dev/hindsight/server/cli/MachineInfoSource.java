package dev.hindsight.server.cli;

import dev.hindsight.collector.machine.MachineInfoReader;
import java.util.function.Supplier;

/** Machine info of this host for the collector to record, as JSON. */
final class MachineInfoSource {
    private MachineInfoSource() {
    }

    static Supplier<String> create() {
        MachineInfoReader reader = MachineInfoReader.ofHost();
        return () -> reader.read().toJson();
    }
}
