package dev.hindsight.storage.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.record.EventType;
import java.nio.file.Path;
import java.util.Set;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class EventStoreTest {
    static final long T0 = 1_700_000_000_000L;

    @Test
    void queriesByContainerTypeAndTimeAndSurvivesRestartWithoutDuplicates(@TempDir Path dir) {
        SetTimeProvider clock = new SetTimeProvider(java.time.Instant.ofEpochMilli(T0));
        try (EventStore s = EventStore.open(dir, clock)) {
            assertThat(s.add(new StoredEvent(T0, 1, EventType.CONTAINER_CREATION, 0), 10)).isTrue();
            assertThat(s.add(new StoredEvent(T0 + 5, 2, EventType.CONTAINER_CREATION, 0), 11)).isTrue();
            assertThat(s.add(new StoredEvent(T0 + 9, 1, EventType.OOM_KILL, 1), 12)).isTrue();
            assertThat(s.add(new StoredEvent(T0 + 20, 1, EventType.CONTAINER_DELETION, 0), 13)).isTrue();
        }
        try (EventStore s = EventStore.open(dir, clock)) {
            // the raw log is replayed from an earlier point after a restart: already-stored events are skipped
            assertThat(s.add(new StoredEvent(T0 + 9, 1, EventType.OOM_KILL, 1), 12)).isFalse();
            assertThat(s.add(new StoredEvent(T0 + 30, 2, EventType.OOM, 0), 14)).isTrue();
            assertThat(s.size()).isEqualTo(5);
            assertThat(s.query(c -> c == 1, Set.of(), T0, T0 + 100)).extracting(StoredEvent::type)
                .containsExactly(EventType.CONTAINER_CREATION, EventType.OOM_KILL, EventType.CONTAINER_DELETION);
            assertThat(s.query(c -> true, Set.of(EventType.OOM, EventType.OOM_KILL), T0, T0 + 100))
                .containsExactly(new StoredEvent(T0 + 9, 1, EventType.OOM_KILL, 1), new StoredEvent(T0 + 30, 2, EventType.OOM, 0));
            assertThat(s.query(c -> true, Set.of(), T0 + 6, T0 + 20)).hasSize(2);
            s.trimBefore(T0 + 10);
            assertThat(s.query(c -> true, Set.of(), 0, Long.MAX_VALUE)).extracting(StoredEvent::timestampMs)
                .containsExactly(T0 + 20, T0 + 30);
        }
    }
}
