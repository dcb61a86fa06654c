package dev.hindsight.collector.proc;

import dev.hindsight.collector.io.DescriptorBudget;
import dev.hindsight.collector.io.StatFile;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Set;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;

/**
 * One container's open handles on its processes' {@code /proc/<pid>/stat} files and
 * {@code /proc/<pid>/fd} directories, kept between ticks so that reading them allocates
 * nothing: a kept-open {@code stat} is re-rendered by a positional read, and the size of a
 * kept-open {@code fd} directory is the number of open descriptors (Linux 6.2 and later).
 * A descriptor stays bound to its process, so a recycled pid is never mistaken for the old one.
 *
 * <p>Each {@link ProcessStatsReader#read(PidList, ProcessHandles, dev.hindsight.collector.cgroup.ContainerStats, boolean)}
 * is one round: pids not listed in the round are closed and forgotten at its end. Build one
 * per container and {@link #close()} it when the container goes away. Owned by the collecting
 * thread. Holds up to two descriptors per process, each taken from the {@link DescriptorBudget}
 * when one is given (past it, that file is opened per read).
 */
public final class ProcessHandles implements AutoCloseable {
    private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ);
    private static final FileAttribute<?>[] NO_ATTRIBUTES = new FileAttribute<?>[0];

    /** The handles of one process. */
    static final class Entry {
        final int pid;
        final StatFile stat;
        final Path fdDir;
        private final DescriptorBudget budget;
        FileChannel fdChannel;
        boolean fdUnavailable;
        long seen;

        Entry(Path procRoot, int pid, DescriptorBudget budget) {
            this.pid = pid;
            this.budget = budget;
            Path dir = procRoot.resolve(Integer.toString(pid));
            this.stat = budget == null ? new StatFile(dir.resolve("stat"), true, true)
                    : new StatFile(dir.resolve("stat"), budget, true);
            this.fdDir = dir.resolve("fd");
        }

        /**
         * Open descriptors of the process: the size of its kept-open fd directory, or, when the
         * kernel reports 0 there (before Linux 6.2) or the root is not procfs ({@code sizeIsCount}
         * false, e.g. a test directory), the number of entries listed. -1 when gone or not permitted.
         */
        long openFds(boolean sizeIsCount) {
            if (!sizeIsCount) {
                return ProcessStatsReader.countEntries(fdDir);
            }
            if (!fdUnavailable && fdChannel == null && (budget == null || budget.tryAcquire(1))) {
                try {
                    fdChannel = FileChannel.open(fdDir, READ, NO_ATTRIBUTES);
                } catch (IOException | SecurityException | UnsupportedOperationException e) {
                    fdUnavailable = true;
                    if (budget != null) {
                        budget.release(1);
                    }
                }
            }
            if (fdChannel != null) {
                try {
                    long size = fdChannel.size();
                    if (size > 0) {
                        return size;
                    }
                } catch (IOException e) {
                    return -1;
                }
            }
            return ProcessStatsReader.countEntries(fdDir);
        }

        void close() {
            stat.close();
            if (fdChannel != null) {
                try {
                    fdChannel.close();
                } catch (IOException ignored) {
                    // a /proc directory descriptor: nothing to recover
                }
                fdChannel = null;
                if (budget != null) {
                    budget.release(1);
                }
            }
        }
    }

    private final DescriptorBudget budget;
    private int[] keys = new int[32];
    private Entry[] entries = new Entry[32];
    private int size;
    private long round;

    /** Handles kept open without limit. */
    public ProcessHandles() {
        this(null);
    }

    /** Handles kept open while {@code budget} (null: no limit) has descriptors to spare. */
    public ProcessHandles(DescriptorBudget budget) {
        this.budget = budget;
    }

    /** Number of processes with handles. */
    public int size() {
        return size;
    }

    void beginRound() {
        round++;
    }

    /** The entry of {@code pid}, created if new, marked as seen in this round. */
    Entry acquire(Path procRoot, int pid) {
        int mask = keys.length - 1;
        int i = hash(pid) & mask;
        while (keys[i] != 0) {
            if (keys[i] == pid) {
                entries[i].seen = round;
                return entries[i];
            }
            i = (i + 1) & mask;
        }
        Entry e = new Entry(procRoot, pid, budget);
        e.seen = round;
        keys[i] = pid;
        entries[i] = e;
        size++;
        if (size * 2 > keys.length) {
            rehash(keys.length * 2);
        }
        return e;
    }

    /** Closes and forgets the processes not seen in this round (they exited or moved). */
    void endRound() {
        int stale = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0 && entries[i].seen != round) {
                entries[i].close();
                entries[i].seen = -1;
                stale++;
            }
        }
        if (stale > 0) {
            rehash(keys.length);
        }
    }

    /** Closes every handle. */
    @Override
    public void close() {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) {
                entries[i].close();
            }
        }
        keys = new int[32];
        entries = new Entry[32];
        size = 0;
    }

    /** Rebuilds the table at {@code capacity}, dropping entries marked stale (seen == -1). */
    private void rehash(int capacity) {
        int[] oldKeys = keys;
        Entry[] oldEntries = entries;
        keys = new int[capacity];
        entries = new Entry[capacity];
        size = 0;
        int mask = capacity - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] == 0 || oldEntries[j].seen == -1) {
                continue;
            }
            int i = hash(oldKeys[j]) & mask;
            while (keys[i] != 0) {
                i = (i + 1) & mask;
            }
            keys[i] = oldKeys[j];
            entries[i] = oldEntries[j];
            size++;
        }
    }

    private static int hash(int pid) {
        int h = pid * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
