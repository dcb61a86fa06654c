package dev.hindsight.storage.retention;

import java.nio.file.Path;

/**
 * One roll-cycle file of the raw log or of a rollup queue.
 *
 * @param resolutionMs 0 for the raw log, else the rollup resolution
 * @param startMs      start of the file's roll cycle (no data in it is older)
 * @param endMs        end of the file's roll cycle, exclusive (no data in it is this new)
 * @param sizeBytes    bytes the file occupies on disk
 */
public record SegmentInfo(Path path, long resolutionMs, long startMs, long endMs, long sizeBytes) {
    public boolean isRaw() {
        return resolutionMs == 0;
    }
}
