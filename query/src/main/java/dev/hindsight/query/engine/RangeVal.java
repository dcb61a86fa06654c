package dev.hindsight.query.engine;

import dev.hindsight.storage.select.Aggregate;
import java.util.List;

/**
 * A range vector at the current step: the windows plus the interval they cover,
 * {@code (rangeStart, rangeEnd]}. {@code aggregate} is {@link Aggregate#RAW} for raw points,
 * else the rollup aggregate each point carries.
 */
record RangeVal(List<Window> windows, long rangeStart, long rangeEnd, Aggregate aggregate) {
}
