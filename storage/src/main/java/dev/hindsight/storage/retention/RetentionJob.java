package dev.hindsight.storage.retention;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * Carries out a retention plan: deletes the planned files, then tells each affected queue
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
}
