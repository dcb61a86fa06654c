/**
 * The time-series store: wires the raw log, series registry, head, rollups, events and
 * retention together, replays the raw log on start and follows it, and implements the
 * selection API ({@link dev.hindsight.storage.select.SeriesSource}).
 */
package dev.hindsight.storage.store;
