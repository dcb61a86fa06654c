package dev.hindsight.storage.retention;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * Carries out a retention plan: deletes the planned files (a raw cycle file with its index
 * file, {@code <cycle>.hri}, which is useless without it), then tells each affected queue
 * to re-read its directory ({@code refreshDirectoryListing()}), so new tailers start at the
 * first remaining cycle. A file that cannot be deleted is reported, not thrown.
 */
public final class RetentionJob {
    /** What one run did. */
    public record Result(List<SegmentInfo> deleted, long bytesFreed, List<String> failures) {
    }

    private RetentionJob() {
    }

    /**
     * @param queues the open queue of each tier (0 = raw), keyed by resolution; tiers
     *               without an open queue are deleted without a refresh
     */
    public static Result run(List<SegmentInfo> plan, Map<Long, SingleChronicleQueue> queues) {
        List<SegmentInfo> deleted = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        long freed = 0;
        for (SegmentInfo s : plan) {
            try {
                if (Files.deleteIfExists(s.path())) {
                    deleted.add(s);
                    freed += s.sizeBytes();
                    SegmentInfo index = s.isRaw() ? deleteIndexOf(s) : null;
                    if (index != null) {
                        deleted.add(index);
                        freed += index.sizeBytes();
                    }
                }
            } catch (IOException | SecurityException e) {
                failures.add(s.path() + ": cannot delete: " + e);
            }
        }
        deleted.stream().map(SegmentInfo::resolutionMs).distinct().forEach(res -> {
            SingleChronicleQueue q = queues.get(res);
            if (q != null) {
                q.refreshDirectoryListing();
            }
        });
        return new Result(List.copyOf(deleted), freed, List.copyOf(failures));
    }

    /** Deletes the index file of a raw cycle file; returns it, or null when it has none. */
    private static SegmentInfo deleteIndexOf(SegmentInfo cycle) throws IOException {
        String name = cycle.path().getFileName().toString();
        if (!name.endsWith(".cq4")) {
            return null;
        }
        Path index = cycle.path().resolveSibling(name.substring(0, name.length() - 4) + ".hri");
        long size = Files.exists(index) ? Files.size(index) : 0;
        return Files.deleteIfExists(index)
            ? new SegmentInfo(index, cycle.resolutionMs(), cycle.startMs(), cycle.endMs(), size) : null;
    }
}
