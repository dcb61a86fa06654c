/**
 * Turns result files into the human-readable report: the JMH summary table (with the issues'
 * targets), the comparison tables and the latency chart, and {@code BENCHMARKS.md} itself.
 */
package dev.hindsight.bench.report;
