package dev.hindsight.collector.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Set;

/**
 * One {@code /sys} or {@code /proc} interface file, read whole into a {@link StatBuffer}.
 *
 * <p>With {@code keepOpen} the channel stays open between reads and each read is a positional
 * read from offset 0, which allocates nothing; cgroupfs and procfs render the file anew for such
 * a read (checked on this machine kind), and a removed cgroup answers ENODEV, reported as
 * {@link ReadStatus#GONE}. Without {@code keepOpen} every read opens and closes the file (fewer
 * file descriptors, some allocation).
 *
 * <p>With a {@link DescriptorBudget} instead of {@code keepOpen}, the file is kept open only while
 * the budget has a descriptor to spare; it takes one when opened and gives it back when closed.
 *
 * <p>A file found {@link ReadStatus#MISSING} is remembered as missing and not probed again until
 * {@link #reprobe()}: interface files of a cgroup do not appear later (except when a controller
 * is enabled afterwards, which the caller detects on its slower spec refresh).
 *
 * <p>Owned by one thread. Not thread-safe.
 */
public final class StatFile implements AutoCloseable {
    private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ);
    private static final FileAttribute<?>[] NO_ATTRIBUTES = new FileAttribute<?>[0];

    private final Path path;
    private final boolean keepOpen;
    private final boolean singleRecord;
    /** Where a kept-open descriptor is charged; null: keep open without counting. */
    private final DescriptorBudget budget;
    private FileChannel channel;
    private boolean knownMissing;

    /**
     * A file at {@code path}; {@code keepOpen} keeps its descriptor between reads. Reads go on
     * until end of file is seen (safe for any file).
     */
    public StatFile(Path path, boolean keepOpen) {
        this(path, keepOpen, false);
    }

    /**
     * A file at {@code path}; {@code singleRecord} says the kernel renders it as one seq_file
     * record (cgroup stat and limit files, PSI files, {@code /proc/<pid>/stat}; NOT
     * {@code cgroup.procs}, {@code tasks} or {@code /proc/<pid>/net/dev}), which is returned whole
     * by one read, so a short read is taken as the end and one syscall is saved per read.
     */
    public StatFile(Path path, boolean keepOpen, boolean singleRecord) {
        this(path, keepOpen, singleRecord, null);
    }

    /**
     * A file kept open while {@code budget} allows (see {@link DescriptorBudget}); otherwise as
     * {@link #StatFile(Path, boolean, boolean)} without {@code keepOpen}.
     */
    public StatFile(Path path, DescriptorBudget budget, boolean singleRecord) {
        this(path, true, singleRecord, budget);
    }

    private StatFile(Path path, boolean keepOpen, boolean singleRecord, DescriptorBudget budget) {
        this.path = path;
        this.keepOpen = keepOpen;
        this.singleRecord = singleRecord;
        this.budget = budget;
    }

    /** This file's path. */
    public Path path() {
        return path;
    }

    /** Reads the whole file into {@code buffer}. Never throws for I/O outcomes. */
    public ReadStatus read(StatBuffer buffer) {
        buffer.clear();
        if (knownMissing) {
            return ReadStatus.MISSING;
        }
        FileChannel ch = channel;
        try {
            if (ch == null) {
                ch = FileChannel.open(path, READ, NO_ATTRIBUTES);
                if (keepOpen && (budget == null || budget.tryAcquire(1))) {
                    channel = ch;
                }
            }
            buffer.fill(ch, singleRecord);
            return ReadStatus.OK;
        } catch (NoSuchFileException e) {
            return classifyMissing();
        } catch (AccessDeniedException e) {
            return ReadStatus.UNREADABLE;
        } catch (IOException e) {
            buffer.clear();
            closeChannel(ch);
            ch = null;
            return isGone(e) ? ReadStatus.GONE : ReadStatus.UNREADABLE;
        } finally {
            if (ch != null && ch != channel) {
                closeChannel(ch);
            }
        }
    }

    /** Forgets that the file was missing, so the next read tries again. */
    public void reprobe() {
        knownMissing = false;
    }

    /** Closes the kept-open descriptor, if any. The file can still be read afterwards. */
    @Override
    public void close() {
        closeChannel(channel);
    }

    private ReadStatus classifyMissing() {
        Path dir = path.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            return ReadStatus.GONE;
        }
        knownMissing = true;
        return ReadStatus.MISSING;
    }

    private void closeChannel(FileChannel ch) {
        if (ch == null) {
            return;
        }
        if (ch == channel) {
            channel = null;
            if (budget != null) {
                budget.release(1);
            }
        }
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing a read-only descriptor of a pseudo file: nothing to recover
        }
    }

    /** ENODEV (cgroup removed under an open descriptor) and ESRCH (process exited) mean gone. */
    private static boolean isGone(IOException e) {
        String message = e.getMessage();
        if (message == null) {
            return false;
        }
        return message.endsWith("No such device") || message.endsWith("No such process")
                || message.endsWith("No such file or directory");
    }

    @Override
    public String toString() {
        return "StatFile{" + path + (keepOpen ? budget != null ? ", keepOpen within budget" : ", keepOpen" : "") + '}';
    }
}
