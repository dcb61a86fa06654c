package dev.hindsight.bench.data;

import dev.hindsight.storage.raw.RawLogWriter;
import dev.hindsight.storage.record.ContainerEvent;
import dev.hindsight.storage.record.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * A fleet of synthetic containers sampled every {@code intervalMs} over [start, end): about
 * four in five live through the whole range, one app in five ({@code worker-*}) comes and goes,
 * one container in seven restarts once (every counter resets). Each tick writes, per live
 * container, one container sample (26 cAdvisor fields, 29 with CFS quota), one {@code eth0}
 * interface sample, and the spec and create/delete events at its edges.
 *
 * @param containers  how many containers
 * @param startMs     first tick
 * @param endMs       end of the range (exclusive)
 * @param intervalMs  collection interval
 * @param seed        the same seed gives the same values
 */
public record SyntheticFleet(int containers, long startMs, long endMs, long intervalMs, long seed) {
    public SyntheticFleet {
        if (containers <= 0 || endMs <= startMs || intervalMs <= 0) {
            throw new IllegalArgumentException("containers=" + containers + " range=[" + startMs + "," + endMs
                + ") intervalMs=" + intervalMs + ": need containers > 0, a non-empty range and a positive interval");
        }
    }

    /** What {@link #write} wrote. */
    public record Written(long containerSamples, long records, long ticks) {
    }

    /** The container names, in id order (id = index + 1). */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        for (ContainerModel m : models()) {
            out.add(m.name());
        }
        return out;
    }

    private List<ContainerModel> models() {
        List<ContainerModel> out = new ArrayList<>(containers);
        for (int i = 0; i < containers; i++) {
            out.add(new ContainerModel(i, seed, startMs, endMs));
        }
        return out;
    }

    /**
     * Writes the whole range through {@code w}, tick by tick.
     *
     * @param clock told each tick's time before it is written (e.g. a Chronicle SetTimeProvider), or null
     */
    public Written write(RawLogWriter w, LongConsumer clock) {
        Writing writing = writing(w, clock);
        writing.writeUntil(endMs);
        return writing.written();
    }

    /** A write of the range in parts ({@link Writing#writeUntil}), as a live agent's log grows. */
    public Writing writing(RawLogWriter w, LongConsumer clock) {
        return new Writing(models(), w, clock);
    }

    /** The fleet's log written up to a time, resumed by each {@link #writeUntil} call. */
    public final class Writing {
        private final List<ContainerModel> models;
        private final RawLogWriter w;
        private final LongConsumer clock;
        private final boolean[] started;
        private final boolean[] ended;
        private long next = startMs;
        private long samples;
        private long records;
        private long ticks;

        private Writing(List<ContainerModel> models, RawLogWriter w, LongConsumer clock) {
            this.models = models;
            this.w = w;
            this.clock = clock;
            this.started = new boolean[models.size()];
            this.ended = new boolean[models.size()];
        }

        /** Writes the ticks before {@code untilMs} (and before the fleet's end) not written yet. */
        public void writeUntil(long untilMs) {
            long stop = Math.min(untilMs, endMs);
            for (; next < stop; next += intervalMs) {
                tick(next);
            }
        }

        private void tick(long t) {
            if (clock != null) {
                clock.accept(t);
            }
            ticks++;
            for (int i = 0; i < models.size(); i++) {
                ContainerModel m = models.get(i);
                if (m.aliveAt(t)) {
                    if (!started[i]) {
                        started[i] = true;
                        w.spec(m.spec().at(t));
                        w.event(new ContainerEvent(m.id, t, EventType.CONTAINER_CREATION, 0));
                        records += 2;
                    }
                    records += m.writeTick(w, t, intervalMs);
                    samples++;
                } else if (started[i] && !ended[i]) {
                    ended[i] = true;
                    w.event(new ContainerEvent(m.id, t, EventType.CONTAINER_DELETION, 0));
                    records++;
                }
            }
        }

        public Written written() {
            return new Written(samples, records, ticks);
        }
    }
}
