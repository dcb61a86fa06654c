package dev.hindsight.storage.rawindex;

import dev.hindsight.storage.files.CycleFiles;
import dev.hindsight.storage.files.ProblemList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.NavigableSet;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.agrona.collections.Int2ObjectHashMap;

/**
 * The index files of the raw log, next to its cycle files ({@code <cycle>.hri} beside
 * {@code <cycle>.cq4}): building them for finished cycles, and handing them to readers.
 *
 * <p>A cycle is finished when the raw log has a later cycle file: the writer has rolled over
 * and never appends to an older cycle again. The cycle being written has no index; readers
 * scan it.
 *
 * <p>Damage: an index file that fails its checks on open is reported, set aside as
 * {@code <name>.hri.damaged} and built again from its cycle file by the next
 * {@link #indexFinishedCycles()}.
 *
 * <p>Threads: {@link #indexFinishedCycles()} and {@link #refresh()} from one thread at a time
 * (they are synchronized); {@link #forCycle} from any thread, against the files published
 * when it is called.
 */
public final class RawIndex {
    private final SingleChronicleQueue queue;
    private final Path directory;
    /** Replaced, never changed: readers take the current one. */
    private volatile Int2ObjectHashMap<CycleIndexFile> files = new Int2ObjectHashMap<>();
    private final ProblemList problems = new ProblemList();
    private volatile long indexedRecords;

    private RawIndex(SingleChronicleQueue queue) {
        this.queue = queue;
        this.directory = queue.file().toPath();
    }

    /** Opens the index files of the raw log's directory; a damaged one is reported and set aside. */
    public static RawIndex open(SingleChronicleQueue queue) {
        RawIndex ri = new RawIndex(queue);
        ri.files = CycleFiles.openAll(ri.directory, queue.rollCycle(), RawIndexLayout.SUFFIX, ri::openChecked);
        return ri;
    }

    /** Opens one file; null (reported, set aside) when it is damaged or not named after a cycle. */
    private CycleIndexFile openChecked(Path p, int cycle) throws IOException {
        String name = p.getFileName().toString();
        try {
            if (cycle == Integer.MIN_VALUE) {
                throw new CycleIndexFile.DamagedIndexException(p, "not named after a roll cycle");
            }
            return CycleIndexFile.open(p, cycle);
        } catch (IOException e) {
            problem(e.getMessage() + "; set aside as " + name + ".damaged (indexed again from its cycle file,"
                + " which is scanned meanwhile)");
            Files.move(p, p.resolveSibling(name + ".damaged"), StandardCopyOption.REPLACE_EXISTING);
            return null;
        }
    }

    /**
     * Writes an index file for every finished cycle that has none, oldest first, and publishes
     * each to readers. A cycle that fails (e.g. a full disk) is reported and retried on the
     * next call. Returns the number of files written.
     */
    public synchronized int indexFinishedCycles() {
        int first = queue.firstCycle();
        int last = queue.lastCycle();
        if (first > last) {
            return 0;
        }
        NavigableSet<Long> cycles = queue.listCyclesBetween(first, last);
        int written = 0;
        for (long c : cycles) {
            int cycle = (int) c;
            if (cycle >= last || files.containsKey(cycle)) {
                continue;
            }
            Path target = directory.resolve(cycleName(cycle) + RawIndexLayout.SUFFIX);
            try {
                CycleIndexWriter.Result r = CycleIndexWriter.write(queue, cycle, target);
                publish(CycleIndexFile.open(r.file(), cycle));
                indexedRecords += r.records();
                written++;
            } catch (IOException | RuntimeException | InternalError e) {
                // InternalError: a mapped page a full disk cannot back
                problem(target + ": indexing failed: " + e + "; retried later");
                return written;
            }
        }
        return written;
    }

    private void publish(CycleIndexFile f) {
        Int2ObjectHashMap<CycleIndexFile> next = new Int2ObjectHashMap<>(files);
        next.put(f.cycle(), f);
        files = next;
    }

    /** The index of a roll cycle, or null when it has none (yet): the caller scans the cycle. */
    public CycleIndexFile forCycle(int cycle) {
        return files.get(cycle);
    }

    /** Forgets index files that no longer exist (after retention deleted them with their cycles). */
    public synchronized void refresh() {
        Int2ObjectHashMap<CycleIndexFile> next = new Int2ObjectHashMap<>();
        for (CycleIndexFile f : files.values()) {
            if (Files.exists(f.path())) {
                next.put(f.cycle(), f);
            }
        }
        files = next;
    }

    /** Index files open. */
    public int fileCount() {
        return files.size();
    }

    /** Sample records indexed since open. */
    public long indexedRecordCount() {
        return indexedRecords;
    }

    /** A roll cycle's file name without its suffix, as Chronicle names it (UTC). */
    public String cycleName(int cycle) {
        return CycleFiles.name(queue.rollCycle(), cycle);
    }

    private void problem(String p) {
        problems.add(p);
    }

    /** Damaged index files and failed indexing, each naming its path. */
    public List<String> problems() {
        return problems.list();
    }
}
