package dev.hindsight.storage.select;

/** One selected series: its labels and a fresh cursor over its samples in the selected range. */
public interface Series {
    Labels labels();

    /** A new cursor, positioned before the first sample of the selected range. */
    SampleCursor cursor();
}
