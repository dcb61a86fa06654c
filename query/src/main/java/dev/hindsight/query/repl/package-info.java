/**
 * The interactive PromQL prompt ({@code hindsight query}): {@link dev.hindsight.query.repl.Repl}
 * reads queries with JLine (history, completion, multi-line input), runs them through a
 * {@link dev.hindsight.query.repl.ReplBackend} (a local store via
 * {@link dev.hindsight.query.repl.LocalBackend}, or a running server's HTTP API), and prints
 * instant results as aligned tables ({@link dev.hindsight.query.repl.TableRenderer}) and range
 * results as Unicode sparklines ({@link dev.hindsight.query.repl.ChartRenderer}), or as JSON or CSV.
 * {@link dev.hindsight.query.repl.QueryRunner} runs a single query (the prompt, and {@code -e} for scripts).
 */
package dev.hindsight.query.repl;
