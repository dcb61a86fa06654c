package dev.hindsight.collector.proc;

import dev.hindsight.collector.io.ReadErrors;
import dev.hindsight.collector.io.ReadStatus;
import dev.hindsight.collector.io.StatBuffer;
import dev.hindsight.collector.io.StatFile;
import dev.hindsight.collector.io.StatFileReader;
import dev.hindsight.collector.cgroup.ContainerStats;
import dev.hindsight.storage.record.ContainerField;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Process-level stats of one container from {@code /proc}: for each pid of its
 * {@code cgroup.procs}, the state and thread count from {@code /proc/<pid>/stat} and, when
 * asked, the number of entries of {@code /proc/<pid>/fd}. Fills {@link ContainerField#PROCESSES},
 * {@link ContainerField#THREADS}, {@link ContainerField#OPEN_FDS} and the task-state counts
 * (R running; S and I sleeping; D uninterruptible; T and t stopped; zombies are not counted).
 * {@link ContainerField#TASKS_IOWAIT} needs taskstats and stays absent here.
 *
 * <p>Processes that exit between the listing and the read are skipped. Two ways to call it:
 * {@link #read(PidList, ProcessHandles, ContainerStats, boolean)} keeps each process's files open
 * in the container's {@link ProcessHandles} and allocates nothing per tick once the processes
 * are known; {@link #read(PidList, ContainerStats, boolean)} opens every file anew and allocates
 * in proportion to the process count (fine on a slow schedule). One thread.
 */
public final class ProcessStatsReader {
    private final Path procRoot;
    private final StatFileReader reader;
    private final PidStat pidStat = new PidStat();
    private final boolean procfs;

    /** A reader of {@code procRoot} (normally {@code /proc}) with its own small buffer. */
    public ProcessStatsReader(Path procRoot) {
        this(procRoot, new StatFileReader(new StatBuffer(1024), new ReadErrors()));
    }

    /** A reader of {@code procRoot} using {@code reader}'s buffer and error counters. */
    public ProcessStatsReader(Path procRoot, StatFileReader reader) {
        this.procRoot = procRoot;
        this.reader = reader;
        this.procfs = isProcfs(procRoot);
    }

    /** Whether {@code root} is a procfs mount (where an fd directory's size is its entry count). */
    private static boolean isProcfs(Path root) {
        try {
            return "proc".equals(Files.getFileStore(root).type());
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /**
     * Reads every pid's stat (and fd directory when {@code countFds}) into {@code out}.
     *
     * @return the number of processes read (pids that vanished are not counted)
     */
    public int read(PidList pids, ContainerStats out, boolean countFds) {
        return read(pids, null, out, countFds);
    }

    /**
     * Like {@link #read(PidList, ContainerStats, boolean)}, but through the container's kept-open
     * {@code handles} (allocation-free once every pid has been seen). Handles of pids that are no
     * longer listed are closed.
     *
     * @return the number of processes read
     */
    public int read(PidList pids, ProcessHandles handles, ContainerStats out, boolean countFds) {
        if (handles != null) {
            handles.beginRound();
        }
        long threads = 0;
        long running = 0;
        long sleeping = 0;
        long stopped = 0;
        long uninterruptible = 0;
        long fds = 0;
        int fdDirsRead = 0;
        int processes = 0;
        for (int i = 0; i < pids.count(); i++) {
            ProcessHandles.Entry entry = handles == null ? null : handles.acquire(procRoot, pids.get(i));
            Path pidDir = entry == null ? procRoot.resolve(Integer.toString(pids.get(i))) : null;
            StatFile stat = entry == null ? new StatFile(pidDir.resolve("stat"), false, true) : entry.stat;
            ReadStatus status = reader.load(stat);
            if (status != ReadStatus.OK) {
                continue;
            }
            StatBuffer buffer = reader.buffer();
            if (!pidStat.parse(buffer.data(), 0, buffer.length())) {
                reader.malformed();
                continue;
            }
            processes++;
            threads += pidStat.threads();
            switch (pidStat.state()) {
                case 'R' -> running++;
                case 'S', 'I' -> sleeping++;
                case 'D' -> uninterruptible++;
                case 'T', 't' -> stopped++;
                default -> { }
            }
            if (countFds) {
                long n = entry == null ? countEntries(pidDir.resolve("fd")) : entry.openFds(procfs);
                if (n >= 0) {
                    fds += n;
                    fdDirsRead++;
                }
            }
        }
        if (handles != null) {
            handles.endRound();
        }
        out.set(ContainerField.PROCESSES, processes);
        out.set(ContainerField.THREADS, threads);
        out.set(ContainerField.TASKS_RUNNING, running);
        out.set(ContainerField.TASKS_SLEEPING, sleeping);
        out.set(ContainerField.TASKS_STOPPED, stopped);
        out.set(ContainerField.TASKS_UNINTERRUPTIBLE, uninterruptible);
        if (countFds && (fdDirsRead > 0 || processes == 0)) {
            out.set(ContainerField.OPEN_FDS, fds);
        }
        return processes;
    }

    /** Entries of a directory, or -1 when it cannot be listed (gone, or not ours to read). */
    static long countEntries(Path dir) {
        long n = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path ignored : entries) {
                n++;
            }
            return n;
        } catch (IOException | SecurityException e) {
            return -1;
        }
    }
}
