package dev.hindsight.storage.raw;

/** What became of one append. Failing to append is an expected outcome (a full disk), not a bug. */
public enum AppendResult {
    OK,
    /** The log could not be written (disk full, read-only, closed); the record was dropped and counted. */
    DROPPED
}
