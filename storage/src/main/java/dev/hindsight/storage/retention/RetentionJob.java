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
 * file, {@code <cycle>.hri}, which is useless without it, and its raw block, {@code <cycle>.hrs},
 * which holds the same samples), then tells each affected queue
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
                    for (String suffix : SIDECARS) {
                        SegmentInfo sidecar = s.isRaw() ? deleteSidecar(s, suffix) : null;
                        if (sidecar != null) {
                            deleted.add(sidecar);
                            freed += sidecar.sizeBytes();
                        }
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

    /** The files made from a raw cycle file, deleted with it: its index and its raw block. */
    private static final String[] SIDECARS = {".hri", ".hrs"};

    /** Deletes a file made from a raw cycle file; returns it, or null when there is none. */
    private static SegmentInfo deleteSidecar(SegmentInfo cycle, String suffix) throws IOException {
        String name = cycle.path().getFileName().toString();
        if (!name.endsWith(".cq4")) {
            return null;
        }
        Path index = cycle.path().resolveSibling(name.substring(0, name.length() - 4) + suffix);
        long size = Files.exists(index) ? Files.size(index) : 0;
        return Files.deleteIfExists(index)
            ? new SegmentInfo(index, cycle.resolutionMs(), cycle.startMs(), cycle.endMs(), size) : null;
    }
}
