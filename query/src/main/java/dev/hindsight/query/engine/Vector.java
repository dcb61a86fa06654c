package dev.hindsight.query.engine;

import dev.hindsight.query.ast.ValueType;
import dev.hindsight.storage.select.Labels;
import java.util.List;

/** An instant vector: one sample per series, all at (or, for timestamps, stamped with) one time. */
public record Vector(List<Sample> samples) implements Value {
    /** One element of an instant vector. */
    public record Sample(Labels labels, long t, double v) {
    }

    public Vector {
        samples = List.copyOf(samples);
    }

    @Override
    public ValueType type() {
        return ValueType.VECTOR;
    }

    public int size() {
        return samples.size();
    }
}
