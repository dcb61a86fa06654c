/** {@code /metrics}: the current value of every stored series plus the agent's own metrics, streamed. */
package dev.hindsight.server.http.metrics;
