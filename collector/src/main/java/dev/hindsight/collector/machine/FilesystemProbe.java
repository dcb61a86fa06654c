package dev.hindsight.collector.machine;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Capacity and inode counts of a mounted filesystem: the seam tests replace. The system probe
 * uses {@link FileStore} for sizes and {@code statvfs(3)} (through JNA) for inodes.
 */
@FunctionalInterface
public interface FilesystemProbe {
    /** Sizes of one filesystem; {@code -1} for anything unknown. */
    record Usage(long capacityBytes, long availableBytes, long inodes, long inodesFree) {
        /** Nothing known. */
        public static final Usage UNKNOWN = new Usage(-1, -1, -1, -1);
    }

    /** The usage of the filesystem mounted at {@code mountPoint}; {@link Usage#UNKNOWN} when unreadable. */
    Usage probe(Path mountPoint);

    /** The real probe: FileStore sizes plus statvfs inodes where JNA can load libc. */
    static FilesystemProbe system() {
        return mountPoint -> {
            long capacity = -1;
            long available = -1;
            try {
                FileStore store = Files.getFileStore(mountPoint);
                capacity = store.getTotalSpace();
                available = store.getUsableSpace();
            } catch (IOException | SecurityException e) {
                // unreadable mount (permissions, stale network mount): sizes stay unknown
            }
            long[] inodes = Statvfs.inodes(mountPoint.toString());
            return new Usage(capacity, available, inodes == null ? -1 : inodes[0], inodes == null ? -1 : inodes[1]);
        };
    }
}
