package dev.hindsight.server.http.cadvisor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.hindsight.server.http.ApiException;
import dev.hindsight.server.http.Json;
import dev.hindsight.server.http.Params;
import dev.hindsight.storage.events.StoredEvent;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.record.EventType;
import dev.hindsight.storage.store.Store;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * cAdvisor's {@code /api/v2.0/events/<path>}: type filters ({@code all_events},
 * {@code oom_events}, {@code oom_kill_events}, {@code creation_events},
 * {@code deletion_events}; none means all), {@code start_time}, {@code end_time},
 * {@code max_events} (default 10, the most recent; -1 for all), {@code subcontainers}
 * (include the containers below) and {@code stream} (keep the response open and write each
 * new event as one JSON line). At most {@link #MAX_STREAMS} streams run at once.
 */
public final class EventsApi {
    static final int MAX_STREAMS = 8;
    private static final long POLL_MS = 250;
    private static final JsonFactory FACTORY = new JsonFactory();

    private final Store store;
    private final LongSupplier clockMs;
    private final BooleanSupplier stopping;
    private final Semaphore streams = new Semaphore(MAX_STREAMS);

    public EventsApi(Store store, LongSupplier clockMs, BooleanSupplier stopping) {
        this.store = store;
        this.clockMs = clockMs;
        this.stopping = stopping;
    }

    void handle(HttpServerExchange ex, Params p, String path) throws IOException {
        Map<Integer, ContainerSpec> all = store.containers();
        Set<Integer> ids = new HashSet<>();
        String name = ContainerTree.normalize(path);
        if (name == null) {
            throw ApiException.badData("bad container path \"" + path + "\"");
        }
        boolean sub = p.flag("subcontainers");
        String prefix = name.equals("/") ? "/" : name + "/";
        for (ContainerSpec s : all.values()) {
            String n = ContainerTree.normalize(s.cgroupPath());
            if (n.equals(name) || sub && n.startsWith(prefix)) {
                ids.add(s.containerId());
            }
        }
        Set<EventType> types = types(p);
        long start = p.time("start_time", 0);
        long end = p.time("end_time", Long.MAX_VALUE);
        long max = p.get("max_events") != null && p.get("max_events").equals("-1") ? -1 : p.number("max_events", 10);
        if (p.flag("stream")) {
            stream(ex, ids::contains, types, Math.max(start, clockMs.getAsLong()));
            return;
        }
        List<StoredEvent> found = store.events(ids::contains, types, start, end);
        if (max >= 0 && found.size() > max) {
            found = found.subList(found.size() - (int) max, found.size());
        }
        try (JsonGenerator g = Json.start(ex, 200)) {
            g.writeStartArray();
            for (StoredEvent e : found) {
                CadvisorJson.event(g, e, nameOf(all, e.containerId()));
            }
            g.writeEndArray();
        }
    }

    private static Set<EventType> types(Params p) {
        if (p.flag("all_events")) {
            return EnumSet.allOf(EventType.class);
        }
        Set<EventType> t = EnumSet.noneOf(EventType.class);
        if (p.flag("oom_events")) {
            t.add(EventType.OOM);
        }
        if (p.flag("oom_kill_events")) {
            t.add(EventType.OOM_KILL);
        }
        if (p.flag("creation_events")) {
            t.add(EventType.CONTAINER_CREATION);
        }
        if (p.flag("deletion_events")) {
            t.add(EventType.CONTAINER_DELETION);
        }
        return t.isEmpty() ? EnumSet.allOf(EventType.class) : t;
    }

    private static String nameOf(Map<Integer, ContainerSpec> all, int id) {
        ContainerSpec s = all.get(id);
        return s == null ? "/" : ContainerTree.normalize(s.cgroupPath());
    }

    private void stream(HttpServerExchange ex, java.util.function.IntPredicate ids, Set<EventType> types, long from)
        throws IOException {
        if (!streams.tryAcquire()) {
            throw new ApiException(ApiException.Reason.OVERLOADED, "too many event streams (limit " + MAX_STREAMS + ")");
        }
        try {
            ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
            OutputStream out = ex.getOutputStream();
            out.flush();
            long next = from;
            while (!stopping.getAsBoolean()) {
                for (StoredEvent e : store.events(ids, types, next, Long.MAX_VALUE)) {
                    JsonGenerator g = FACTORY.createGenerator(out);
                    CadvisorJson.event(g, e, nameOf(store.containers(), e.containerId()));
                    g.flush();
                    out.write('\n');
                    next = Math.max(next, e.timestampMs() + 1);
                }
                out.flush();
                try {
                    Thread.sleep(POLL_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        } finally {
            streams.release();
        }
    }
}
