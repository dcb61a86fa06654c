package dev.hindsight.query.engine;

import dev.hindsight.storage.select.Labels;

/**
 * The points of one series inside a range window at the current step: a view on buffers
 * owned by a selector or subquery, valid only until the next step. Points are
 * {@code ts[from..to)} / {@code vs[from..to)}.
 */
record Window(Labels labels, long[] ts, double[] vs, int from, int to, boolean dropName) {
    int count() {
        return to - from;
    }
}
