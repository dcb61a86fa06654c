/**
 * The side-by-side comparison: one synthetic dataset loaded into Hindsight (its own raw-log
 * and replay path), Prometheus (backfill with promtool) and VictoriaMetrics (its import API),
 * the same dashboard queries timed against each over HTTP, answers checked against each
 * other, and the figures written for {@code BENCHMARKS.md}. Entry point: {@link CompareMain}.
 */
package dev.hindsight.bench.compare;
