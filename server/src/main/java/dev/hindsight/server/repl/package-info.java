/**
 * The REPL's view of a running server: {@link dev.hindsight.server.repl.HttpBackend} speaks the
 * Prometheus HTTP API (here, where Jackson is available) and hands the query module's REPL the
 * engine's own result types.
 */
package dev.hindsight.server.repl;
