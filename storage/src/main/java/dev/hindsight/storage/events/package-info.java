/**
 * Container lifecycle and OOM events (created, deleted, OOM, OOM kill), kept in their own
 * Chronicle Queue so that they outlive the raw log, queryable by container, type and time.
 */
package dev.hindsight.storage.events;
