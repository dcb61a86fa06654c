package dev.hindsight.storage.series;

import dev.hindsight.storage.record.ContainerField;
import java.util.List;

/**
 * How one container field becomes a series: its metric, the labels it adds to the
 * container's ({@code failure_type}, {@code state}, ...), and the factor from the recorded
 * unit to the exposed one (1e-9 for nanoseconds to seconds).
 *
 * @param extraLabels alternating label name, value pairs
 */
public record FieldMetric(ContainerField field, MetricInfo metric, double scale, List<String> extraLabels) {
    public FieldMetric {
        extraLabels = List.copyOf(extraLabels);
    }
}
