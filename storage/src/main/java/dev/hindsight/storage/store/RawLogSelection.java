package dev.hindsight.storage.store;

import dev.hindsight.storage.rawblock.RawBlockFile;
import dev.hindsight.storage.rawblock.RawBlocks;
import dev.hindsight.storage.rawblock.SeriesDecoder;
import dev.hindsight.storage.rawblock.SpecPrints;
import dev.hindsight.storage.rawindex.CycleIndexFile;
import dev.hindsight.storage.rawindex.RawIndex;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.raw.RawLogReader;
import dev.hindsight.storage.raw.RawRecordHandler;
import dev.hindsight.storage.record.ContainerSampleFlyweight;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.record.DeviceSampleFlyweight;
import dev.hindsight.storage.record.InterfaceSampleFlyweight;
import dev.hindsight.storage.select.Labels;
import dev.hindsight.storage.series.SampleSink;
import dev.hindsight.storage.series.SeriesMapper;
import dev.hindsight.storage.series.SeriesRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;
import java.util.function.Consumer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.IntHashSet;
import org.agrona.collections.LongArrayList;

/**
 * Reads the samples of selected series in [from, to] from the raw log. The start is found by
 * binary search ({@link RawLogReader#seekToTime}); from there each roll cycle is read either
 * through its index ({@link RawIndex}: only the records of the containers that produce the
 * selected series, each run reached with one {@code moveToIndex}) or, for a cycle without
 * one (the cycle being written, one not indexed yet, or when no index is given) and for a
 * selection holding more than one in {@value #SCAN_RATIO} of the cycle's runs, by reading
 * all its records until one is past {@code to} (mapping only the wanted containers' ones). Both give the same samples for a log whose
 * timestamps grow with the index (one writer).
 *
 * <p>When the range reaches a finished cycle that has a raw block ({@link RawBlocks}), the
 * cycles are walked from the first one: a cycle with a usable block (its containers mapped
 * with the specs this read has) decodes only the wanted series from it, without touching the
 * log; the others are read from the log as above (the binary search done only when the first
 * of them may hold the range's start). A block found damaged is set aside and its cycle read
 * from the log; series already decoded from it are read again from the log, and their samples
 * dropped as not newer than the last one taken, so the result is the same.
 *
 * <p>One instance per call; not thread-safe.
 */
final class RawLogSelection {
    /**
     * Up to this many records between two wanted runs are read past rather than moved over
     * (a move looks up Chronicle's index, then walks up to 15 record headers).
     */
    private static final int READ_THROUGH = 8;
    /** A cycle whose wanted runs are more than 1 in this many of its runs is scanned rather than read by run. */
    private static final int SCAN_RATIO = 8;
    private static final RawRecordHandler SKIP = new RawRecordHandler() {
    };

    private final RawLog rawLog;
    private final RawIndex index;
    /** Null: no blocks are read. */
    private final RawBlocks blocks;
    private final int[] ids;
    /**
     * The specs mapped, by container: given to the mapper only when the log is read (resolving
     * their series costs more than decoding a block); their prints are taken when a block is met.
     */
    private final Int2ObjectHashMap<ContainerSpec> mapped = new Int2ObjectHashMap<>();
    /** The same specs in the order given (the order the mapper resolves their series in). */
    private final java.util.List<ContainerSpec> toMap = new java.util.ArrayList<>();
    private boolean mapperReady;
    private final Long2LongHashMap prints = new Long2LongHashMap(Long.MIN_VALUE);
    private SeriesDecoder decoder;
    private final Consumer<String> problems;
    private final long from;
    private final long to;
    private final Int2ObjectHashMap<SampleArrays> out;
    private final SeriesMapper mapper;
    private final BitSet wanted = new BitSet();
    /** Containers whose records can hold a wanted series; null: any. */
    private final IntHashSet containers;
    private final SampleSink sink;
    private boolean past;
    private int cycle;
    private boolean leftCycle;

    /**
     * @param index  null to scan every cycle
     * @param blocks null to read every cycle from the log
     */
    RawLogSelection(RawLog rawLog, RawIndex index, RawBlocks blocks, SeriesRegistry registry,
                    Collection<ContainerSpec> specs, int[] ids, long from, long to, Int2ObjectHashMap<SampleArrays> out,
                    Consumer<String> problems) {
        this.rawLog = rawLog;
        this.index = index;
        this.blocks = blocks;
        this.ids = ids;
        this.problems = problems;
        this.from = from;
        this.to = to;
        this.out = out;
        this.mapper = new SeriesMapper(registry);
        for (int id : ids) {
            wanted.set(id);
        }
        this.containers = containersOf(registry, specs, ids);
        for (ContainerSpec s : specs) {
            if (containers == null || containers.contains(s.containerId())) {
                toMap.add(s);
                mapped.put(s.containerId(), s); // the others' records are not mapped, so their series need not be resolved
            }
        }
        this.sink = (id, t, v) -> {
            if (wanted.get(id) && t >= from && t <= to) {
                SampleArrays a = out.computeIfAbsent(id, k -> new SampleArrays());
                if (t > a.lastTime()) { // out-of-order samples are dropped, as the head drops them
                    a.add(t, v);
                }
            }
        };
    }

    /**
     * The containers whose samples can produce the series: every series a container's samples
     * map to carries its cgroup path as label {@code id} (see the series package). Null (any
     * container) when a series has no such label.
     */
    private static IntHashSet containersOf(SeriesRegistry registry, Collection<ContainerSpec> specs, int[] ids) {
        Set<String> paths = new HashSet<>();
        for (int id : ids) {
            Labels l = registry.labels(id);
            String path = l == null ? null : l.get("id");
            if (path == null) {
                return null;
            }
            paths.add(path);
        }
        IntHashSet c = new IntHashSet();
        for (ContainerSpec s : specs) {
            if (paths.contains(s.cgroupPath())) {
                c.add(s.containerId());
            }
        }
        return c;
    }

    /** Reads; the samples land in the map given to the constructor. */
    void read() {
        if (containers != null && containers.isEmpty()) {
            return; // no container can produce these series
        }
        if (blocks != null && anyBlock()) {
            readWithBlocks();
            return;
        }
        prepareMapper();
        try (RawLogReader r = rawLog.reader()) {
            // a young store: nothing in the log before the head, so nothing to read
            if (r.seekToTime(from) && r.foundTimestamp() <= to) {
                if (anySelectiveIndex(r.index())) {
                    byCycle(r);
                } else {
                    scanAll(r);
                }
            }
        }
    }

    /**
     * Whether a cycle from the one holding {@code start} on has an index worth reading through;
     * otherwise the range is read in one pass (a little faster than cycle by cycle).
     */
    private boolean anySelectiveIndex(long start) {
        if (index == null || containers == null) {
            return false;
        }
        SingleChronicleQueue q = rawLog.queue();
        for (long c : q.listCyclesBetween(q.rollCycle().toCycle(start), q.lastCycle())) {
            CycleIndexFile idx = index.forCycle((int) c);
            if (idx != null && idx.minTimeMs() <= to && selective(idx)) {
                return true;
            }
        }
        return false;
    }

    /** The whole range in one pass, every record read. */
    private void scanAll(RawLogReader r) {
        cycle = Integer.MIN_VALUE; // no cycle bound
        while (!past) {
            if (r.poll(scanHandler, 256) == 0 && !DamagedCycles.skip(rawLog, r, problems)) {
                break; // the handler stops us once records pass the end
            }
        }
    }

    /** Cycle by cycle from the search's position: through the index where there is one. */
    private void byCycle(RawLogReader r) {
        SingleChronicleQueue q = rawLog.queue();
        RollCycle rc = q.rollCycle();
        long start = r.index();
        int firstCycle = rc.toCycle(start);
        NavigableSet<Long> cycles = q.listCyclesBetween(firstCycle, q.lastCycle());
        for (long c : cycles) {
            cycle = (int) c;
            if (!readLogCycle(r, rc, cycle == firstCycle ? start : rc.toIndex(cycle, 0))) {
                return;
            }
        }
    }

    /**
     * Reads the current cycle from the log, through its index when it has one worth it, else
     * from {@code start} to its end. Returns false when nothing later is wanted.
     */
    private boolean readLogCycle(RawLogReader r, RollCycle rc, long start) {
        CycleIndexFile idx = index == null ? null : index.forCycle(cycle);
        if (idx != null && containers != null && selective(idx)) {
            if (idx.records() == 0) {
                return true;
            }
            if (idx.minTimeMs() > to) {
                return false;
            }
            readIndexed(r, rc, idx);
            return idx.maxTimeMs() <= to; // past it, a scan would stop in this cycle
        }
        return scanCycle(r, rc, start);
    }

    // ---- blocks ----

    /**
     * Whether a finished cycle with a block holds samples of the range; collects those blocks
     * in {@link #blocksInRange}.
     */
    private boolean anyBlock() {
        SingleChronicleQueue q = rawLog.queue();
        int first = q.firstCycle();
        int last = q.lastCycle();
        blocksInRange = new ArrayList<>();
        if (first > last) {
            return false;
        }
        for (long c : q.listCyclesBetween(first, last)) {
            RawBlockFile b = blocks.forCycle((int) c);
            if (b != null && b.records() > 0 && b.maxTimeMs() >= from && b.minTimeMs() <= to) {
                blocksInRange.add(b);
            }
        }
        return !blocksInRange.isEmpty();
    }

    /** Every cycle from the first: from its block when it has a usable one, else from the log. */
    private void readWithBlocks() {
        SingleChronicleQueue q = rawLog.queue();
        RollCycle rc = q.rollCycle();
        RawLogReader r = null;
        long seek = Long.MIN_VALUE; // not searched yet; -1: nothing in range
        boolean started = false; // a cycle holding samples of the range was read
        try {
            for (long c : q.listCyclesBetween(q.firstCycle(), q.lastCycle())) {
                cycle = (int) c;
                RawBlockFile b = blocks.forCycle(cycle);
                if (b != null) { // its times are the cycle's, whatever the specs it was mapped with
                    if (b.records() == 0 || b.maxTimeMs() < from) {
                        continue;
                    }
                    if (b.minTimeMs() > to) {
                        return;
                    }
                }
                if (b != null && usable(b) && readBlock(b)) {
                    started = true;
                    if (b.maxTimeMs() > to) {
                        return;
                    }
                    continue;
                }
                if (r == null) {
                    prepareMapper();
                    r = rawLog.reader();
                }
                long start = rc.toIndex(cycle, 0);
                if (!started) {
                    if (seek == Long.MIN_VALUE) {
                        seek = r.seekToTime(from) && r.foundTimestamp() <= to ? r.index() : -1;
                    }
                    if (seek < 0) {
                        return; // nothing in the log at or after the start (or it cannot be read now)
                    }
                    int at = rc.toCycle(seek);
                    if (at > cycle) {
                        continue; // the range starts in a later cycle
                    }
                    start = at == cycle ? seek : start;
                    started = true;
                }
                if (!readLogCycle(r, rc, start)) {
                    return;
                }
            }
        } finally {
            if (r != null) {
                r.close();
            }
        }
    }

    /** Gives the mapper the specs of the containers read, before the first record is mapped. */
    private void prepareMapper() {
        if (!mapperReady) {
            toMap.forEach(mapper::onSpec);
            mapperReady = true;
        }
    }

    /** Whether the block's wanted containers were mapped with this read's specs; if not, it is marked stale. */
    private boolean usable(RawBlockFile b) {
        if (!b.mappedAs(id -> containers == null || containers.contains(id), this::printOf)) {
            blocks.stale(b);
            return false;
        }
        return true;
    }

    private long printOf(int containerId) {
        long p = prints.get(containerId);
        if (p == Long.MIN_VALUE) {
            ContainerSpec s = mapped.get(containerId);
            p = s == null ? SpecPrints.NONE : blocks.printOf(s);
            prints.put(containerId, p);
        }
        return p;
    }

    /** The series being decoded from a block: its samples go straight to its arrays. */
    private SampleArrays current;
    /** The blocks holding samples of the range, in cycle order ({@link #anyBlock}). */
    private List<RawBlockFile> blocksInRange = List.of();
    private final SampleSink blockSink = this::takeDecoded;

    private void takeDecoded(int id, long t, double v) {
        if (t >= from && t <= to && t > current.lastTime()) { // as the sink: out-of-order samples are dropped
            current.add(t, v);
        }
    }

    /**
     * The arrays of a series, with room for {@code n} more samples; a new series' arrays have
     * room for all its samples in the range's blocks, so that they are not grown block by block
     * (copying what was read) when the first block holds only the end of an hour.
     */
    private SampleArrays reserve(int id, int n) {
        SampleArrays a = out.get(id);
        if (a == null) {
            long inBlocks = 0;
            for (RawBlockFile b : blocksInRange) {
                inBlocks += b.sampleCount(id);
            }
            int capacity = (int) Math.min(1 << 22, Math.max(n, inBlocks));
            a = SampleArrays.wrap(new long[capacity], new double[capacity], 0);
            out.put(id, a);
        } else if (a.t.length - a.n < n) {
            int capacity = Math.max(a.n + n, a.t.length * 2);
            a.t = Arrays.copyOf(a.t, capacity);
            a.v = Arrays.copyOf(a.v, capacity);
        }
        return a;
    }

    /** Decodes the wanted series of a block; false (the block set aside) when one is damaged. */
    private boolean readBlock(RawBlockFile b) {
        if (decoder == null) {
            decoder = new SeriesDecoder();
        }
        for (int id : ids) {
            int n = b.sampleCount(id);
            if (n == 0) {
                continue;
            }
            current = reserve(id, n);
            if (b.read(id, from, to, decoder, blockSink) == RawBlockFile.Read.DAMAGED) {
                blocks.setAside(b, "series " + id + " fails its checksum");
                return false;
            }
        }
        blocks.served();
        return true;
    }

    /**
     * Whether the wanted containers hold few enough of the cycle's runs for moving to each to
     * beat reading every record: a move costs about as much as reading {@link #SCAN_RATIO} records.
     */
    private boolean selective(CycleIndexFile idx) {
        long wantedRuns = 0;
        for (IntHashSet.IntIterator it = containers.iterator(); it.hasNext(); ) {
            wantedRuns += idx.runCount(it.nextValue());
        }
        return wantedRuns * SCAN_RATIO <= idx.totalRuns();
    }

    /** The wanted containers' runs of one cycle, in queue order, each reached by moving to it. */
    private void readIndexed(RawLogReader r, RollCycle rc, CycleIndexFile idx) {
        LongArrayList runs = new LongArrayList();
        for (IntHashSet.IntIterator it = containers.iterator(); it.hasNext(); ) {
            idx.runs(it.nextValue(), from, to, runs);
        }
        long[] sorted = runs.toLongArray();
        Arrays.sort(sorted);
        long at = -1; // the sequence the reader is at, when known
        for (long run : sorted) {
            long seq = CycleIndexFile.runSequence(run);
            int length = CycleIndexFile.runLength(run);
            if (at >= 0 && seq > at && seq - at <= READ_THROUGH && r.poll(SKIP, (int) (seq - at)) == seq - at) {
                at = seq; // a few records to the next run: reading past them is cheaper than a move
            }
            if (seq != at && !r.moveToIndex(rc.toIndex(cycle, seq))) {
                problems.accept(DamagedCycles.file(rawLog.queue(), cycle) + ": record " + seq
                    + " named by its index cannot be read; the index's other records are read");
                at = -1;
                continue;
            }
            int n = r.poll(indexedHandler, length);
            at = n == length ? seq + length : -1;
        }
    }

    /**
     * Reads one cycle's records from {@code startIndex} to its end. Returns false when a
     * record past {@code to} was met (nothing later is wanted).
     */
    private boolean scanCycle(RawLogReader r, RollCycle rc, long startIndex) {
        if (!r.moveToIndex(startIndex)) {
            return true; // an empty cycle
        }
        leftCycle = false;
        while (!past && !leftCycle) {
            if (r.poll(scanHandler, 256) == 0) {
                if (!leftCycle && cycle < rawLog.queue().lastCycle()) {
                    DamagedCycles.skip(rawLog, r, problems); // reports a cycle cut short
                }
                break;
            }
        }
        return !past;
    }

    /** Every record in log order: stops at the first past {@code to} or outside the cycle. */
    private final RawRecordHandler scanHandler = new RawRecordHandler() {
        @Override
        public void onContainerSample(long index, ContainerSampleFlyweight s) {
            if (take(index, s.containerId(), s.timestampMs())) {
                mapper.containerSample(s, sink);
            }
        }

        @Override
        public void onInterfaceSample(long index, InterfaceSampleFlyweight s) {
            if (take(index, s.containerId(), s.timestampMs())) {
                mapper.interfaceSample(s, sink);
            }
        }

        @Override
        public void onDeviceSample(long index, DeviceSampleFlyweight s) {
            if (take(index, s.containerId(), s.timestampMs())) {
                mapper.deviceSample(s, sink);
            }
        }

        private boolean take(long index, int container, long t) {
            if (leftCycle || past) {
                return false;
            }
            if (cycle != Integer.MIN_VALUE && rawLog.queue().rollCycle().toCycle(index) != cycle) {
                leftCycle = true; // read with the next cycle (through its index, if it has one)
                return false;
            }
            if (t > to) {
                past = true;
                return false;
            }
            return containers == null || containers.contains(container);
        }
    };

    /** Records the index named: all of wanted containers, within the range. */
    private final RawRecordHandler indexedHandler = new RawRecordHandler() {
        @Override
        public void onContainerSample(long index, ContainerSampleFlyweight s) {
            mapper.containerSample(s, sink);
        }

        @Override
        public void onInterfaceSample(long index, InterfaceSampleFlyweight s) {
            mapper.interfaceSample(s, sink);
        }

        @Override
        public void onDeviceSample(long index, DeviceSampleFlyweight s) {
            mapper.deviceSample(s, sink);
        }
    };
}
