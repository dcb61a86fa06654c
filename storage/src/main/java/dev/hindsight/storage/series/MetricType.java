package dev.hindsight.storage.series;

/** Prometheus metric types Hindsight produces. */
public enum MetricType {
    COUNTER, GAUGE;

    /** The lower-case name used by the Prometheus metadata API and exposition format. */
    public String promName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
