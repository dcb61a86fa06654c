package dev.hindsight.storage.events;

import dev.hindsight.storage.record.EventType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Events, persisted in a Chronicle Queue and mirrored in memory for queries. Fed from the
 * raw log's event records by the ingest thread; a restart loads the queue and then skips
 * raw events at or before the last raw index stored, so no event is stored twice.
 *
 * <p>Threads: {@link #add} from the ingest thread and {@link #trimBefore} from the retention
 * job, serialised by this object's lock; {@link #query} from any thread without locking, on
 * the columns published through the volatile {@code view}.
 */
public final class EventStore implements AutoCloseable {
    /** The events queue's roll cycle (one file a day: events are few). */
    public static final net.openhft.chronicle.queue.RollCycle ROLL_CYCLE = RollCycles.FAST_DAILY;

    private final SingleChronicleQueue queue;
    private ExcerptAppender appender;
    private long lastRawIndex = -1;
    private volatile long dropped;

    /** Immutable-once-published snapshot: arrays may hold more slots than {@code size}. */
    private record View(long[] t, int[] container, byte[] type, long[] value, int size) {
    }

    // written by the ingest thread only
    private volatile View view = new View(new long[64], new int[64], new byte[64], new long[64], 0);

    private EventStore(SingleChronicleQueue queue) {
        this.queue = queue;
    }

    /** Opens (creating) the events queue in {@code dir} and loads what it holds. */
    public static EventStore open(Path dir, TimeProvider timeProvider) {
        SingleChronicleQueueBuilder b = SingleChronicleQueueBuilder.binary(dir.toFile()).rollCycle(ROLL_CYCLE);
        if (timeProvider != null) {
            b.timeProvider(timeProvider);
        }
        EventStore s = new EventStore(b.build());
        s.load();
        return s;
    }

    private void load() {
        try (ExcerptTailer t = queue.createTailer()) {
            while (true) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        return;
                    }
                    Bytes<?> b = dc.wire().bytes();
                    long p = b.readPosition();
                    if (b.readRemaining() < EventRecordLayout.LENGTH
                        || b.readShort(p + EventRecordLayout.VERSION_OFFSET) != EventRecordLayout.VERSION) {
                        continue;
                    }
                    EventType type = EventType.ofCode(b.readShort(p + EventRecordLayout.TYPE_OFFSET));
                    if (type == null) {
                        continue;
                    }
                    remember(new StoredEvent(b.readLong(p + EventRecordLayout.TIMESTAMP_OFFSET),
                        b.readInt(p + EventRecordLayout.CONTAINER_ID_OFFSET), type,
                        b.readLong(p + EventRecordLayout.VALUE_OFFSET)));
                    lastRawIndex = Math.max(lastRawIndex, b.readLong(p + EventRecordLayout.RAW_INDEX_OFFSET));
                }
            }
        }
    }

    /** Stores an event read from raw record {@code rawIndex}; false when already stored or not written. */
    public synchronized boolean add(StoredEvent e, long rawIndex) {
        if (rawIndex <= lastRawIndex) {
            return false;
        }
        try {
            if (appender == null) {
                appender = queue.createAppender();
            }
            try (DocumentContext dc = appender.writingDocument()) {
                Bytes<?> b = dc.wire().bytes();
                b.writeShort((short) EventRecordLayout.VERSION);
                b.writeShort((short) e.type().code);
                b.writeInt(e.containerId());
                b.writeLong(e.timestampMs());
                b.writeLong(e.value());
                b.writeLong(rawIndex);
            }
        } catch (RuntimeException | InternalError | AssertionError ex) {
            dropped++; // e.g. a full disk; the appender may be unusable after a half-written document
            ExcerptAppender a = appender;
            appender = null;
            try {
                if (a != null) {
                    a.close();
                }
            } catch (RuntimeException | Error ignored) {
                // a fresh appender is made next time
            }
        }
        lastRawIndex = rawIndex;
        remember(e);
        return true;
    }

    private void remember(StoredEvent e) {
        View v = view;
        int n = v.size();
        long[] t = v.t();
        int[] c = v.container();
        byte[] ty = v.type();
        long[] val = v.value();
        if (n == t.length) {
            t = Arrays.copyOf(t, n * 2);
            c = Arrays.copyOf(c, n * 2);
            ty = Arrays.copyOf(ty, n * 2);
            val = Arrays.copyOf(val, n * 2);
        }
        t[n] = e.timestampMs();
        c[n] = e.containerId();
        ty[n] = (byte) e.type().code;
        val[n] = e.value();
        view = new View(t, c, ty, val, n + 1);
    }

    /**
     * Events in [fromMs, toMs] of the wanted containers and types, oldest first.
     *
     * @param types empty for every type
     */
    public List<StoredEvent> query(IntPredicate containers, Set<EventType> types, long fromMs, long toMs) {
        View v = view;
        List<StoredEvent> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            long t = v.t()[i];
            if (t < fromMs || t > toMs || !containers.test(v.container()[i])) {
                continue;
            }
            EventType type = EventType.ofCode(v.type()[i]);
            if (types.isEmpty() || types.contains(type)) {
                out.add(new StoredEvent(t, v.container()[i], type, v.value()[i]));
            }
        }
        out.sort(java.util.Comparator.comparingLong(StoredEvent::timestampMs));
        return out;
    }

    /** Forgets events older than {@code cutoffMs} in memory (their files go by retention). */
    public synchronized void trimBefore(long cutoffMs) {
        View v = view;
        int keep = 0;
        long[] t = new long[Math.max(64, v.t().length)];
        int[] c = new int[t.length];
        byte[] ty = new byte[t.length];
        long[] val = new long[t.length];
        for (int i = 0; i < v.size(); i++) {
            if (v.t()[i] >= cutoffMs) {
                t[keep] = v.t()[i];
                c[keep] = v.container()[i];
                ty[keep] = v.type()[i];
                val[keep] = v.value()[i];
                keep++;
            }
        }
        if (keep != v.size()) {
            view = new View(t, c, ty, val, keep);
        }
    }

    public int size() {
        return view.size();
    }

    public long droppedCount() {
        return dropped;
    }

    public SingleChronicleQueue queue() {
        return queue;
    }

    @Override
    public void close() {
        if (appender != null) {
            appender.close();
        }
        queue.close();
    }
}
