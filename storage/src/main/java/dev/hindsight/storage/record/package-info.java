/**
 * Binary layouts of the raw log's records: one layout class per record (offsets by a
 * running sum, a version, an ASCII diagram) and flyweights or codecs to read and write them.
 * The same formats are described in {@code storage/docs/format/}.
 */
package dev.hindsight.storage.record;
