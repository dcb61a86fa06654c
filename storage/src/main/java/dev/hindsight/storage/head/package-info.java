/**
 * The head: the newest raw samples of every series in memory, per series in chunks of up to
 * 240 samples compressed Gorilla-style (delta-of-delta timestamps, XOR'ed or scaled-integer
 * values, identical sealed streams shared; 0.2 to 5 bytes per sample instead of 16),
 * appended by one ingest thread and read concurrently, without locks, by query threads. A
 * series' two newest chunks keep the decoder's state every 64 samples, so a read of the last
 * minutes decodes at most 64 samples. Sealed chunks' longer value streams live in unlinked
 * scratch files read through a mapping, off the Java heap. The bit layout is described in
 * {@code storage/docs/format/head-chunk.md}.
 */
package dev.hindsight.storage.head;
