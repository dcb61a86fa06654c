/**
 * The PromQL evaluator: {@link dev.hindsight.query.engine.Engine} evaluates a parsed query
 * step by step over reusable cursors of a {@link dev.hindsight.storage.select.SeriesSource},
 * with Prometheus 3 semantics (left-open lookback, delayed metric-name removal, stale
 * markers), a sample limit and a deadline.
 */
package dev.hindsight.query.engine;
