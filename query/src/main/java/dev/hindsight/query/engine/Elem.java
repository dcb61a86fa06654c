package dev.hindsight.query.engine;

import dev.hindsight.storage.select.Labels;

/**
 * One element of an instant vector during evaluation. {@code dropName} marks a sample whose
 * metric name is removed only when the final result is built (Prometheus's delayed name
 * removal), so that {@code label_replace} and {@code by (__name__)} can still see it.
 */
record Elem(Labels labels, double v, boolean dropName) {
    Elem withValue(double nv) {
        return new Elem(labels, nv, dropName);
    }

    Elem dropped(double nv) {
        return new Elem(labels, nv, true);
    }

    /** The labels as the user will see them. */
    Labels finalLabels() {
        return dropName ? labels.without(Labels.METRIC_NAME) : labels;
    }
}
