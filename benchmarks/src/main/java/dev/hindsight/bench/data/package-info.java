/**
 * Synthetic container fleets for benchmarks and the side-by-side comparison: deterministic
 * (seeded) value shapes written through Hindsight's own raw-log writer, and stores opened over
 * them with injected seams.
 */
package dev.hindsight.bench.data;
