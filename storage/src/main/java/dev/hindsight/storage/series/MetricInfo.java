package dev.hindsight.storage.series;

/**
 * Metadata of one metric name, as the Prometheus metadata API reports it.
 *
 * @param unit the unit of the exposed (scaled) value: {@code seconds}, {@code bytes}, or empty
 */
public record MetricInfo(String name, MetricType type, String unit, String help) {
}
