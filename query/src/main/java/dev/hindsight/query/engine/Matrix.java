package dev.hindsight.query.engine;

import dev.hindsight.query.ast.ValueType;
import dev.hindsight.storage.select.Labels;
import java.util.List;

/** A range vector or range-query result: series of points held in primitive arrays. */
public record Matrix(List<Series> series) implements Value {
    /** One series: parallel arrays of timestamps (ms, ascending) and values. */
    public record Series(Labels labels, long[] timestamps, double[] values) {
        public int size() {
            return timestamps.length;
        }
    }

    public Matrix {
        series = List.copyOf(series);
    }

    @Override
    public ValueType type() {
        return ValueType.MATRIX;
    }
}
