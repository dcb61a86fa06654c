package dev.hindsight.storage.rollup;

import dev.hindsight.storage.files.ProblemList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.IntHashSet;

/**
 * The block files of one rollup resolution, next to its queue's cycle files: compaction of
 * finished roll cycles into block files, and reads that take each cycle from its block file
 * when it has one (only the selected series' rows) and from the queue otherwise (the cycle
 * being written, and any cycle not compacted yet).
 *
 * <p>A cycle is finished when the queue appends to a later one: the queue's clock is the
 * newest bucket start written and never goes back, so a finished cycle never changes. Once
 * its block file is durable, the cycle's queue file is deleted (the newest two are kept), so
 * the queue is a write-ahead log of the last hour or two and the blocks are the store.
 *
 * <p>Threads: {@link #compactFinishedCycles()} from one thread at a time (the store's
 * compactor); reads from any thread, each against the set of blocks published when it began.
 */
public final class RollupBlocks {
    private final RollupQueue queue;
    private volatile List<RollupBlockFile> blocks;
    private final ProblemList problems = new ProblemList();
    private volatile long compactedBuckets;
    /** Whether a sweep over every finished cycle has completed; later sweeps only look past the newest block. */
    private boolean swept;

    private RollupBlocks(RollupQueue queue, List<RollupBlockFile> blocks) {
        this.queue = queue;
        this.blocks = blocks;
    }

    /** Opens the block files in the queue's directory; a damaged one is reported and left out. */
    public static RollupBlocks open(RollupQueue queue) {
        RollupBlocks rb = new RollupBlocks(queue, List.of());
        List<RollupBlockFile> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(queue.directory())) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.endsWith(RollupBlockLayout.SUFFIX + ".tmp") || name.endsWith(RollupBlockLayout.SUFFIX + ".rows.tmp")) {
                    Files.deleteIfExists(p); // compaction cut off by a crash: it will be redone
                } else if (name.endsWith(RollupBlockLayout.SUFFIX)) {
                    try {
                        found.add(RollupBlockFile.open(p, queue.resolutionMs()));
                    } catch (IOException e) {
                        rb.problem(e.getMessage() + "; set aside as " + name + ".damaged"
                            + " (compacted again from its cycle file, if retention has not deleted it)");
                        Files.move(p, p.resolveSibling(name + ".damaged"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + queue.directory(), e);
        }
        found.sort(Comparator.comparingInt(RollupBlockFile::cycle));
        rb.blocks = List.copyOf(found);
        return rb;
    }

    /**
     * Writes a block file for every finished cycle that has none yet, oldest first, and
     * publishes each to readers. A cycle that fails (e.g. a full disk) is reported and
     * retried on the next call. Returns the number of block files written.
     */
    public synchronized int compactFinishedCycles() {
        int last = queue.lastCycle();
        List<RollupBlockFile> current = blocks;
        IntHashSet have = cyclesWithBlocks(current);
        // Once swept, an older cycle without a block is one whose block retention deleted: not redone.
        int after = swept && !current.isEmpty() ? current.get(current.size() - 1).cycle() : Integer.MIN_VALUE;
        int written = 0;
        for (int cycle : queue.cycles()) {
            if (cycle >= last || cycle <= after || have.contains(cycle)) {
                continue;
            }
            Path target = queue.directory().resolve(queue.cycleName(cycle) + RollupBlockLayout.SUFFIX);
            try {
                RollupBlockWriter.Result r = RollupBlockWriter.write(queue, cycle, target);
                if (r.file() == null) {
                    continue; // no buckets in it; the queue keeps answering for it
                }
                publish(RollupBlockFile.open(r.file(), queue.resolutionMs()));
                compactedBuckets += r.buckets();
                written++;
            } catch (IOException | RuntimeException | InternalError e) {
                // InternalError: a mapped page a full disk cannot back
                problem(target + ": compaction failed: " + e + "; retried later");
                return written;
            }
        }
        swept = true;
        deleteCompactedCycleFiles();
        return written;
    }

    /**
     * Deletes the queue's cycle files that a block file now holds, except the newest two
     * cycles (the writer's restart re-reads buckets after its checkpoint, which lies in them).
     */
    private void deleteCompactedCycleFiles() {
        List<Integer> cycles = queue.cycles();
        if (cycles.size() <= 2) {
            return;
        }
        IntHashSet have = cyclesWithBlocks(blocks);
        int keepFrom = cycles.get(cycles.size() - 2);
        boolean deleted = false;
        for (int cycle : cycles) {
            if (cycle < keepFrom && have.contains(cycle)) {
                Path file = queue.directory().resolve(queue.cycleName(cycle) + ".cq4");
                try {
                    deleted |= Files.deleteIfExists(file);
                } catch (IOException e) {
                    problem(file + ": compacted into a block file, but cannot be deleted: " + e);
                }
            }
        }
        if (deleted) {
            queue.queue().refreshDirectoryListing();
        }
    }

    private void publish(RollupBlockFile f) {
        List<RollupBlockFile> next = new ArrayList<>(blocks);
        next.removeIf(b -> b.cycle() == f.cycle());
        next.add(f);
        next.sort(Comparator.comparingInt(RollupBlockFile::cycle));
        blocks = List.copyOf(next);
    }

    private static IntHashSet cyclesWithBlocks(List<RollupBlockFile> bs) {
        IntHashSet s = new IntHashSet();
        for (RollupBlockFile b : bs) {
            s.add(b.cycle());
        }
        return s;
    }

    /**
     * Buckets of the series {@code ids} whose start lies in [fromMs, toMs], delivered block by
     * block, then in queue order (callers sort per series). Each finished cycle comes from its
     * block file; the cycles without one come from the queue, unless the caller holds every
     * sample from {@code callerCompleteFromMs} on (the head) and that reaches back past them
     * (and past the buckets closed late into them): then the caller computes those buckets
     * itself and the queue is not read at all.
     */
    public void readRange(long fromMs, long toMs, int[] ids, long callerCompleteFromMs, Consumer<RollupBucket> out) {
        readRows(fromMs, toMs, ids, callerCompleteFromMs, id -> (start, count, sum, min, max, last, counter) ->
            out.accept(new RollupBucket(id, start, count, sum, min, max, last, counter)));
    }

    /** As {@link #readRange(long, long, int[], long, Consumer)}, as primitives, to each series' own sink. */
    public void readRows(long fromMs, long toMs, int[] ids, long callerCompleteFromMs,
                         IntFunction<RowSink> sinks) {
        RowSink[] byIndex = new RowSink[ids.length];
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            byIndex[i] = (start, count, sum, min, max, last, counter) ->
                sinks.apply(id).row(start, count, sum, min, max, last, counter);
        }
        readRows(fromMs, toMs, ids, callerCompleteFromMs, byIndex);
    }

    /**
     * As {@link #readRange(long, long, int[], long, Consumer)}, as primitives: the rows of
     * {@code ids[i]} go to {@code sinks[i]}. Ids in ascending order (as the registry selects
     * them) are found in each block by one forward pass over its series table.
     */
    public void readRows(long fromMs, long toMs, int[] ids, long callerCompleteFromMs, RowSink[] sinks) {
        List<RollupBlockFile> snapshot = blocks;
        boolean ascending = ascending(ids);
        readBlocks(snapshot, Set.of(), fromMs, toMs, ids, ascending, sinks);
        // The queue's cycles not compacted yet. Compaction may delete one of them while it is
        // read (its block is published first): the queue's rows are gathered apart and handed
        // on only once read whole, and after such a failure the blocks published meanwhile are
        // read and the queue read again without their cycles.
        for (int attempt = 1; ; attempt++) {
            List<RollupBucket> rows = new ArrayList<>();
            try {
                readQueue(fromMs, toMs, ids, callerCompleteFromMs, cyclesWithBlocks(snapshot), rows::add);
            } catch (IllegalStateException e) {
                List<RollupBlockFile> now = blocks;
                if (attempt == 3 || now == snapshot) {
                    throw e;
                }
                Set<RollupBlockFile> seen = Collections.newSetFromMap(new IdentityHashMap<>());
                seen.addAll(snapshot);
                readBlocks(now, seen, fromMs, toMs, ids, ascending, sinks);
                snapshot = now;
                continue;
            }
            if (rows.isEmpty()) {
                return; // every wanted cycle came from a block (the usual case)
            }
            Int2IntHashMap index = new Int2IntHashMap(-1);
            for (int i = 0; i < ids.length; i++) {
                index.put(ids[i], i);
            }
            for (RollupBucket b : rows) {
                b.emitTo(sinks[index.get(b.seriesId())]);
            }
            return;
        }
    }

    /** The rows of {@code ids} in the blocks of {@code snapshot} that are not in {@code skip}. */
    private void readBlocks(List<RollupBlockFile> snapshot, Set<RollupBlockFile> skip, long fromMs, long toMs,
                            int[] ids, boolean ascending, RowSink[] sinks) {
        for (RollupBlockFile b : snapshot) {
            if (skip.contains(b) || b.maxStartMs() < fromMs || b.minStartMs() > toMs) {
                continue;
            }
            int from = 0;
            for (int i = 0; i < ids.length; i++) {
                int p = b.position(ids[i], ascending ? from : 0);
                if (p < 0) {
                    from = -p - 1;
                    continue;
                }
                from = p + 1;
                if (!b.readAt(p, fromMs, toMs, sinks[i])) {
                    problem(b.path() + ": the rows of series " + ids[i] + " fail their checksum; skipped");
                }
            }
        }
    }

    /** The wanted buckets of the queue's cycles that {@code covered} does not hold. */
    private void readQueue(long fromMs, long toMs, int[] ids, long callerCompleteFromMs, IntHashSet covered,
                           Consumer<RollupBucket> out) {
        long uncoveredFrom = Long.MAX_VALUE;
        for (int cycle : queue.cycles()) {
            if (!covered.contains(cycle)) {
                uncoveredFrom = queue.cycleStartMs(cycle);
                break;
            }
        }
        if (uncoveredFrom == Long.MAX_VALUE || toMs < uncoveredFrom - queue.slackMs()
            || callerCompleteFromMs <= uncoveredFrom - queue.slackMs()) {
            return;
        }
        IntHashSet wanted = new IntHashSet();
        for (int id : ids) {
            wanted.add(id);
        }
        queue.readRange(fromMs, toMs, covered::contains, wanted::contains, out);
    }

    private static boolean ascending(int[] ids) {
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] <= ids[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /** Forgets block files that no longer exist (after retention deleted them). */
    public void refresh() {
        List<RollupBlockFile> next = new ArrayList<>();
        for (RollupBlockFile b : blocks) {
            if (Files.exists(b.path())) {
                next.add(b);
            }
        }
        blocks = List.copyOf(next);
    }

    public int blockCount() {
        return blocks.size();
    }

    public long compactedBucketCount() {
        return compactedBuckets;
    }

    private void problem(String p) {
        problems.add(p);
    }

    /** Damaged block files and failed compactions, each naming its path. */
    public List<String> problems() {
        return problems.list();
    }
}
