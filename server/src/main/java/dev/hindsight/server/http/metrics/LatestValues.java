package dev.hindsight.server.http.metrics;

import dev.hindsight.storage.select.Labels;
import dev.hindsight.storage.store.Store;
import java.util.Arrays;

/**
 * One scrape's current values, by series id: filled from {@link Store#forEachLatest} in id
 * order, noting whether every series is one the current {@link ExpositionLayout} holds.
 * Not thread-safe: one per scrape.
 */
final class LatestValues implements Store.LatestSampleSink {
    private final ExpositionLayout layout;
    private boolean[] present;
    private double[] values;
    private boolean allHeld = true;

    LatestValues(ExpositionLayout layout, int expectedSeries) {
        this.layout = layout;
        int n = Math.max(16, expectedSeries);
        this.present = new boolean[n];
        this.values = new double[n];
    }

    @Override
    public void accept(int seriesId, long timeMs, double value) {
        if (seriesId >= present.length) {
            int n = Math.max(seriesId + 1, present.length * 2);
            present = Arrays.copyOf(present, n);
            values = Arrays.copyOf(values, n);
        }
        present[seriesId] = true;
        values[seriesId] = value;
        if (allHeld && !layout.holds(seriesId)) {
            allHeld = false;
        }
    }

    /** Whether the layout holds every series seen (else a new one must be built). */
    boolean allHeld() {
        return allHeld;
    }

    /** Whether series {@code id} has a current value. */
    boolean has(int id) {
        return id < present.length && present[id];
    }

    double value(int id) {
        return values[id];
    }

    /** Label sets of the series seen, by id (null where none), for a rebuild. */
    Labels[] labelsById(Store store) {
        Labels[] out = new Labels[present.length];
        for (int id = 0; id < present.length; id++) {
            if (present[id]) {
                out[id] = store.seriesLabels(id);
            }
        }
        return out;
    }
}
