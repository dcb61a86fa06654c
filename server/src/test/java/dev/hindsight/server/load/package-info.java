/**
 * Query load on a collecting agent: concurrent HTTP clients mixing instant and range
 * queries while real cgroups are collected, with errors, missed ticks and latency reported.
 */
package dev.hindsight.server.load;
