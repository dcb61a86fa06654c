package dev.hindsight.query.engine;

import dev.hindsight.storage.select.Labels;
import java.util.List;

/**
 * Where a series-at-a-time selector or range function puts each series' column: kept in a
 * list, or folded into an aggregation as it comes ({@link ColumnFold}), which lets the next
 * series reuse the column. Single-threaded: one evaluation.
 */
interface ColumnSink {
    /** An empty column for the next series; a sink may hand out the same one again once {@link #accept} returned. */
    StepColumn column(Labels labels, boolean dropName, int steps);

    /** A series' finished column, with at least one step present. */
    void accept(StepColumn column);

    /** A sink that keeps every column, in order, in {@code out}. */
    static ColumnSink into(List<StepColumn> out) {
        return new ColumnSink() {
            @Override
            public StepColumn column(Labels labels, boolean dropName, int steps) {
                return new StepColumn(labels, dropName, steps);
            }

            @Override
            public void accept(StepColumn column) {
                out.add(column);
            }
        };
    }
}
