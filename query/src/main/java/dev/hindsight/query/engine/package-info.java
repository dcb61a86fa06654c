/**
 * The PromQL evaluator: {@link dev.hindsight.query.engine.Engine} evaluates a parsed query
 * step by step over reusable cursors of a {@link dev.hindsight.storage.select.SeriesSource},
 * with Prometheus 3 semantics (left-open lookback, delayed metric-name removal, stale
 * markers), a sample limit and a deadline. Range queries over selectors, range functions of
 * matrix selectors and aggregations of them go series at a time instead
 * ({@code SeriesAtATime}: one selection per selector, windows sliding over each series'
 * points, a column of step values per series), with the same results.
 */
package dev.hindsight.query.engine;
