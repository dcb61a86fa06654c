package dev.hindsight.storage.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Publishing a file that was written (and forced) under a temporary name: renamed into place
 * atomically, then the directory forced, so that after a crash the file either exists
 * complete under its name or not at all, and the rename is durable before anything that
 * relies on the file (e.g. deleting what it replaces) happens.
 */
public final class DurableFiles {
    private DurableFiles() {
    }

    /** Renames {@code tmp} (already forced to disk) to {@code target}, replacing it, and forces the directory. */
    public static void moveIntoPlace(Path tmp, Path target) throws IOException {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(target.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
