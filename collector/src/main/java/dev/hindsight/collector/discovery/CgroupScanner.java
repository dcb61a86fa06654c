package dev.hindsight.collector.discovery;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists every cgroup under a hierarchy root as a path relative to it ("/" is the root
 * itself, then "/docker", "/docker/3f2a..."). A directory that vanishes while listed is
 * skipped: churn is normal.
 *
 * <p>A directory whose link count is 2 has no subdirectory (cgroupfs, like tmpfs and ext4,
 * counts 2 + subdirectories; btrfs and some others say 1, and are listed), so it is not listed:
 * a leaf cgroup holds some thirty interface files, and testing each for being a directory was
 * most of a re-scan's cost at 1,000 containers.
 */
public final class CgroupScanner {
    private final Path root;
    private final ContainerFilter filter;

    public CgroupScanner(Path root, ContainerFilter filter) {
        this.root = root;
        this.filter = filter;
    }

    public List<String> scan() {
        List<String> out = new ArrayList<>();
        walk(root, "/", out);
        return out;
    }

    private void walk(Path dir, String rel, List<String> out) {
        if (filter.accepts(rel)) {
            out.add(rel);
        }
        if (linkCount(dir) == 2) {
            return; // no subdirectories
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path child : children) {
                String childRel = rel.equals("/") ? "/" + child.getFileName() : rel + "/" + child.getFileName();
                if (filter.mayContain(childRel)) {
                    walk(child, childRel, out);
                }
            }
        } catch (IOException | RuntimeException vanished) {
            // removed while scanning: the next scan or the watcher settles it
        }
    }

    /** The directory's link count, or -1 when unknown (then it is listed). */
    private static int linkCount(Path dir) {
        try {
            return Files.getAttribute(dir, "unix:nlink") instanceof Integer n ? n : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The absolute directory of a relative cgroup path under a hierarchy root. */
    public static Path resolve(Path hierarchyRoot, String relativePath) {
        return relativePath.equals("/") ? hierarchyRoot : hierarchyRoot.resolve(relativePath.substring(1));
    }
}
