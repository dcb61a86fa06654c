package dev.hindsight.collector.proc;

import dev.hindsight.collector.io.AsciiScanner;
import dev.hindsight.collector.io.ReadStatus;
import dev.hindsight.collector.io.StatFile;
import dev.hindsight.collector.io.StatFileReader;

import java.util.Arrays;

/**
 * A reusable, growable list of process (or thread) ids, read from {@code cgroup.procs},
 * {@code tasks} or {@code cgroup.threads}. An empty file is an empty list, not an error.
 * Owned by one thread.
 */
public final class PidList {
    private int[] pids = new int[16];
    private int count;

    /** Number of ids. */
    public int count() {
        return count;
    }

    /** The id at {@code i}. */
    public int get(int i) {
        if (i >= count) {
            throw new IndexOutOfBoundsException("index=" + i + " count=" + count);
        }
        return pids[i];
    }

    /** Removes every id (keeps capacity). */
    public void clear() {
        count = 0;
    }

    /** Appends an id. */
    public void add(int pid) {
        if (count == pids.length) {
            pids = Arrays.copyOf(pids, pids.length * 2);
        }
        pids[count++] = pid;
    }

    /** Whether the list holds {@code pid} (linear). */
    public boolean contains(int pid) {
        for (int i = 0; i < count; i++) {
            if (pids[i] == pid) {
                return true;
            }
        }
        return false;
    }

    /**
     * Replaces the content with the ids in {@code file} (one per line).
     *
     * @return the file's status; {@link ReadStatus#MALFORMED} if a line is not an id (the ids
     *         before it are kept)
     */
    public ReadStatus read(StatFileReader reader, StatFile file) {
        clear();
        ReadStatus status = reader.load(file);
        if (status != ReadStatus.OK) {
            return status;
        }
        AsciiScanner s = reader.scanner();
        while (s.nextLine()) {
            if (!s.nextToken()) {
                continue;
            }
            long pid = s.tokenLong();
            if (pid <= 0 || pid > Integer.MAX_VALUE) {
                return reader.malformed();
            }
            add((int) pid);
        }
        return ReadStatus.OK;
    }

    /** The ids as a new array (tests, logging). */
    public int[] toArray() {
        return Arrays.copyOf(pids, count);
    }

    @Override
    public String toString() {
        return Arrays.toString(toArray());
    }

}
