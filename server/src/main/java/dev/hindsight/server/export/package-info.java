/**
 * Shipping samples to other stores: Prometheus remote write and InfluxDB line protocol. Each
 * configured sink runs an {@link dev.hindsight.server.export.ExportLoop} on its own thread
 * that reads the raw log (never the collector's path), turns records into series with the
 * store's own mapping, and advances a named Chronicle tailer only after the receiver
 * acknowledged a batch (at-least-once).
 */
package dev.hindsight.server.export;
