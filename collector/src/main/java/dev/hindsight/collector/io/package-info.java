/**
 * Reading small {@code /sys} and {@code /proc} files without building Strings.
 *
 * <p>{@link dev.hindsight.collector.io.StatFile} is one interface file (optionally kept open
 * and re-read with a positional read at offset 0, which makes the kernel render it anew);
 * {@link dev.hindsight.collector.io.StatBuffer} is the reusable byte buffer it is read into;
 * {@link dev.hindsight.collector.io.AsciiScanner} walks lines and tokens of that buffer and
 * parses numbers from bytes; {@link dev.hindsight.collector.io.StatFileReader} ties them
 * together with error counting; {@link dev.hindsight.collector.io.DescriptorBudget} caps how many
 * files stay open between reads. Expected failures (a file that does not exist, a cgroup
 * that vanished, a file that cannot be read) are {@link dev.hindsight.collector.io.ReadStatus}
 * values, never exceptions (STYLE.md 3 and 8).
 *
 * <p>Everything here is single-threaded: one reader (and its buffer) per collecting thread.
 */
package dev.hindsight.collector.io;
