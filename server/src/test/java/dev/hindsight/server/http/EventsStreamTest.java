package dev.hindsight.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hindsight.storage.record.ContainerEvent;
import dev.hindsight.storage.record.EventType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/v2.0/events?stream=true}: new events arrive as JSON lines on an open response. */
@Timeout(60)
class EventsStreamTest {
    @Test
    void streamedEventsArriveAsTheyAreStored(@TempDir Path dir) throws Exception {
        long t0 = System.currentTimeMillis() / 1000 * 1000 - 3_000;
        try (TestData data = TestData.openLive(dir, t0, 3);
             HttpServer server = HttpServer.start(TestData.loopback(), data.context(System.currentTimeMillis()))) {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/v2.0/events/?stream=true&subcontainers=true&oom_kill_events=true")).build();
            HttpResponse<Stream<String>> r = HttpClient.newHttpClient().sendAsync(req, HttpResponse.BodyHandlers.ofLines())
                .get(10, TimeUnit.SECONDS);
            assertThat(r.statusCode()).isEqualTo(200);
            long t = System.currentTimeMillis() + 1_000;
            data.event(new ContainerEvent(2, t, EventType.CONTAINER_DELETION, 0));
            data.event(new ContainerEvent(1, t + 1, EventType.OOM_KILL, 3));
            Iterator<String> lines = r.body().filter(l -> !l.isBlank()).iterator();
            JsonNode e = Http.JSON.readTree(lines.next());
            assertThat(e.get("event_type").asText()).isEqualTo("oomKill");
            assertThat(e.get("container_name").asText()).isEqualTo(TestData.WEB);
            assertThat(e.get("timestamp").asText()).isEqualTo(Instant.ofEpochMilli(t + 1).toString());
            r.body().close();
        }
    }
}
