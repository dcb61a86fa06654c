package dev.hindsight.storage.rawblock;

import dev.hindsight.storage.files.CycleFiles;
import dev.hindsight.storage.files.ProblemList;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.series.SeriesRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.List;
import java.util.NavigableSet;
import java.util.function.Supplier;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.IntHashSet;

/**
 * The block files of the raw log, next to its cycle files ({@code <cycle>.hrs} beside
 * {@code <cycle>.cq4}): writing them for finished cycles, and handing them to readers.
 *
 * <p>A cycle is finished when the raw log has a later cycle file. A block is written with the
 * specs the store holds then; a reader uses it only when its own specs print the same for the
 * containers it wants ({@link RawBlockFile#mappedAs}); when they do not (a container whose spec
 * changed, or was not known yet when the block was written) the reader marks the block
 * {@link #stale} and reads the cycle from the log, and the next {@link #blockFinishedCycles}
 * writes it again.
 *
 * <p>Damage: a block that fails its checks on open, or whose series stream fails its checksum
 * on a read ({@link #setAside}), is reported, set aside as {@code <name>.hrs.damaged}, its
 * cycle read from the log meanwhile, and written again by the next {@link #blockFinishedCycles}.
 * A cycle that cannot be read to its end (cut short) gets no block until the store reopens.
 *
 * <p>Threads: {@link #blockFinishedCycles} from one thread at a time (synchronized); the others
 * from any thread, none waiting for a block being written.
 */
public final class RawBlocks {
    private final RawLog log;
    private final SingleChronicleQueue queue;
    private final Path directory;
    /** Replaced, never changed: readers take the current one. */
    private volatile Int2ObjectHashMap<RawBlockFile> files = new Int2ObjectHashMap<>();
    /** Cycles whose block is to be written again: any thread. */
    private final java.util.Set<Integer> rewrite = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Guards replacing {@link #files}; never held while a block is written, so readers never wait long. */
    private final Object publishing = new Object();
    /** Cycles that could not be read to their end (guarded by this). */
    private final IntHashSet unreadable = new IntHashSet();
    private final ProblemList problems = new ProblemList();
    private volatile long blockedSamples;
    /** Cycles readers decoded from a block: any thread. */
    private final java.util.concurrent.atomic.AtomicLong served = new java.util.concurrent.atomic.AtomicLong();
    /** Container id to the print of its spec object last seen: any thread. */
    private final java.util.concurrent.ConcurrentHashMap<Integer, Print> printCache =
        new java.util.concurrent.ConcurrentHashMap<>();

    private record Print(ContainerSpec spec, long print) {
    }

    private RawBlocks(RawLog log) {
        this.log = log;
        this.queue = log.queue();
        this.directory = queue.file().toPath();
    }

    /** Opens the block files of the raw log's directory; a damaged one is reported and set aside. */
    public static RawBlocks open(RawLog log) {
        RawBlocks rb = new RawBlocks(log);
        rb.files = CycleFiles.openAll(rb.directory, rb.queue.rollCycle(), RawBlockLayout.SUFFIX, rb::openChecked);
        return rb;
    }

    private RawBlockFile openChecked(Path p, int cycle) {
        try {
            if (cycle == Integer.MIN_VALUE) {
                throw new RawBlockFile.DamagedBlockException(p, "not named after a roll cycle");
            }
            return RawBlockFile.open(p, cycle);
        } catch (IOException e) {
            moveAside(p, e.getMessage());
            return null;
        }
    }

    private void moveAside(Path p, String why) {
        String name = p.getFileName().toString();
        problems.add(why + "; set aside as " + name + ".damaged (written again from its cycle file,"
            + " which is read meanwhile)");
        try {
            Files.move(p, p.resolveSibling(name + ".damaged"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            problems.add(p + ": cannot set aside: " + e);
        }
    }

    /**
     * Writes a block for every finished cycle that has none (or a stale one), oldest first, with
     * the specs {@code specs} gives at that moment, and publishes each to readers. A cycle that
     * fails (e.g. a full disk) is reported and retried on the next call. Returns the number of
     * blocks written.
     */
    public synchronized int blockFinishedCycles(SeriesRegistry registry, Supplier<Collection<ContainerSpec>> specs) {
        forgetPrintsBut(specs.get());
        int first = queue.firstCycle();
        int last = queue.lastCycle();
        if (first > last) {
            return 0;
        }
        NavigableSet<Long> cycles = queue.listCyclesBetween(first, last);
        int written = 0;
        for (long c : cycles) {
            int cycle = (int) c;
            if (cycle >= last || unreadable.contains(cycle) || (files.containsKey(cycle) && !rewrite.contains(cycle))) {
                continue;
            }
            Path target = directory.resolve(cycleName(cycle) + RawBlockLayout.SUFFIX);
            try {
                RawBlockWriter.Result r = RawBlockWriter.write(log, cycle, registry, specs.get(), target);
                if (r.file() == null) {
                    unreadable.add(cycle);
                    continue;
                }
                rewrite.remove(cycle);
                publish(cycle, RawBlockFile.open(r.file(), cycle));
                blockedSamples += r.samples();
                written++;
            } catch (IOException | RuntimeException | InternalError e) {
                // InternalError: a mapped page a full disk cannot back
                problems.add(target + ": writing the raw block failed: " + e + "; retried later");
                return written;
            }
        }
        return written;
    }

    private void publish(int cycle, RawBlockFile f) {
        synchronized (publishing) {
            Int2ObjectHashMap<RawBlockFile> next = new Int2ObjectHashMap<>(files);
            if (f == null) {
                next.remove(cycle);
            } else {
                next.put(cycle, f);
            }
            files = next;
        }
    }

    /** The block of a roll cycle, or null when it has none (yet): the caller reads the log. */
    public RawBlockFile forCycle(int cycle) {
        return files.get(cycle);
    }

    /**
     * A block a reader found mapped with other specs than its own: written again (with the
     * specs then current) by the next {@link #blockFinishedCycles}; readers use it meanwhile
     * when their specs agree.
     */
    public void stale(RawBlockFile f) {
        if (files.get(f.cycle()) == f) {
            rewrite.add(f.cycle());
        }
    }

    /** A block a reader found damaged: reported, set aside, no longer handed out, written again later. */
    public void setAside(RawBlockFile f, String why) {
        synchronized (publishing) {
            if (files.get(f.cycle()) != f) {
                return; // already set aside (or replaced)
            }
            publish(f.cycle(), null);
            moveAside(f.path(), f.path() + ": " + why);
        }
    }

    /** Forgets blocks that no longer exist (after retention deleted them with their cycles). */
    public void refresh() {
        synchronized (publishing) {
            Int2ObjectHashMap<RawBlockFile> next = new Int2ObjectHashMap<>();
            for (RawBlockFile f : files.values()) {
                if (Files.exists(f.path())) {
                    next.put(f.cycle(), f);
                }
            }
            files = next;
        }
    }

    /** Lets go of the cached prints of containers that are not among {@code current} (the store forgot them). */
    void forgetPrintsBut(Collection<ContainerSpec> current) {
        IntHashSet live = new IntHashSet(current.size() * 2);
        for (ContainerSpec s : current) {
            live.add(s.containerId());
        }
        printCache.keySet().removeIf(id -> !live.contains(id));
    }

    /** Containers whose spec print is cached (tests). */
    int cachedPrints() {
        return printCache.size();
    }

    /** A spec's {@link SpecPrints print}, cached per container while its spec object stays the same. */
    public long printOf(ContainerSpec s) {
        Print cached = printCache.get(s.containerId());
        if (cached != null && cached.spec() == s) {
            return cached.print();
        }
        long p = SpecPrints.of(s);
        printCache.put(s.containerId(), new Print(s, p));
        return p;
    }

    /** Counts a cycle a reader decoded from its block. */
    public void served() {
        served.incrementAndGet();
    }

    /** Cycles readers decoded from a block since open. */
    public long servedCount() {
        return served.get();
    }

    /** Block files open. */
    public int fileCount() {
        return files.size();
    }

    /** Series values written to blocks since open. */
    public long blockedSampleCount() {
        return blockedSamples;
    }

    private String cycleName(int cycle) {
        return CycleFiles.name(queue.rollCycle(), cycle);
    }

    /** Damaged blocks and failed writes, each naming its path. */
    public List<String> problems() {
        return problems.list();
    }
}
