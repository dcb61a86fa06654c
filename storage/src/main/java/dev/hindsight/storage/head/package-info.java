/**
 * The head: the newest raw samples of every series in memory, columnar per series in
 * fixed-size chunks, appended by one ingest thread and read concurrently by query threads.
 */
package dev.hindsight.storage.head;
