package dev.hindsight.storage.select;

/**
 * What a query function needs from each sample or rollup bucket. {@link #RAW} asks for the
 * raw samples; the others name one of a rollup bucket's aggregates (the Thanos set), so
 * that {@code max_over_time} reads bucket maxima and {@code rate} the reset-adjusted
 * counter increase.
 */
public enum Aggregate {
    RAW, COUNT, SUM, MIN, MAX, LAST, COUNTER
}
