package dev.hindsight.query.engine;

import dev.hindsight.storage.select.Aggregate;
import java.util.List;

/**
 * A range vector at the current step: the windows plus the interval they cover,
 * {@code (rangeStart, rangeEnd]}. {@code aggregate} is {@link Aggregate#RAW} for raw points,
 * else the rollup aggregate each point carries; {@code resolutionMs} is then the bucket width
 * (each point stamped with its bucket's end, the newest partial bucket with its last time).
 */
record RangeVal(List<Window> windows, long rangeStart, long rangeEnd, Aggregate aggregate, long resolutionMs) {
    RangeVal(List<Window> windows, long rangeStart, long rangeEnd, Aggregate aggregate) {
        this(windows, rangeStart, rangeEnd, aggregate, 0);
    }
}
