package dev.hindsight.storage.events;

import dev.hindsight.storage.record.EventType;

/**
 * One event.
 *
 * @param value type-specific detail (e.g. the OOM kill counter after the kill), 0 when none
 */
public record StoredEvent(long timestampMs, int containerId, EventType type, long value) {
}
