package dev.hindsight.storage.series;

/** Receives one value of one series. */
@FunctionalInterface
public interface SampleSink {
    void accept(int seriesId, long timeMs, double value);
}
