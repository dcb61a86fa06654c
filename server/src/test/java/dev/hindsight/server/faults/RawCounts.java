package dev.hindsight.server.faults;

import dev.hindsight.collector.it.LogContents;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.record.ContainerField;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.store.StoreSeams;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** What the raw log of a stopped agent holds for one cgroup path: the timestamps of its samples of one field. */
final class RawCounts {
    private RawCounts() {
    }

    /** Reads the raw log of {@code dataDir} (the agent must not be running). */
    static LogContents read(Path dataDir) {
        try (RawLog log = RawLog.open(dataDir, StoreSeams.defaults().rawRollCycle(), null, true)) {
            return LogContents.read(log);
        }
    }

    /** Timestamps of the samples of {@code path} that have {@code field}, over every id the path was given. */
    static List<Long> timestamps(LogContents c, String path, ContainerField field) {
        Set<Integer> ids = c.specs.values().stream().filter(s -> s.cgroupPath().equals(path))
            .map(ContainerSpec::containerId).collect(Collectors.toSet());
        List<Long> out = new ArrayList<>();
        for (int id : ids) {
            for (LogContents.Sample s : c.samples.getOrDefault(id, List.of())) {
                if (s.fields().containsKey(field)) {
                    out.add(s.timestampMs());
                }
            }
        }
        out.sort(null);
        return out;
    }
}
