package dev.hindsight.storage.rollup;

/** Receives bucket rows as primitives, so that reading a long range allocates nothing per bucket. */
@FunctionalInterface
public interface RowSink {
    void row(long startMs, int count, double sum, double min, double max, double last, double counter);
}
