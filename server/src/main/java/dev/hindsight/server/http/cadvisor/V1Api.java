package dev.hindsight.server.http.cadvisor;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hindsight.server.http.ApiException;
import dev.hindsight.server.http.Json;
import dev.hindsight.server.http.Params;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.store.Store;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * cAdvisor's {@code /api/v1.3}: {@code machine}, {@code containers/<path>},
 * {@code subcontainers/<path>} and {@code docker/[<id-or-name>]}. Stats requests take
 * cAdvisor's JSON body {@code {"num_stats":60,"start":"RFC3339","end":"RFC3339"}} or the
 * same names as URL parameters.
 */
public final class V1Api {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final int DEFAULT_NUM_STATS = 60;

    private final Store store;
    private final Supplier<String> machineJson;
    private final LongSupplier clockMs;
    private final StatsReader stats;

    public V1Api(Store store, Supplier<String> machineJson, LongSupplier clockMs) {
        this.store = store;
        this.machineJson = machineJson;
        this.clockMs = clockMs;
        this.stats = new StatsReader(store);
    }

    public HttpHandler handler() {
        return new CadvisorHandler(Map.of(
            "machine", (ex, p, path) -> machine(ex, machineJson),
            "containers", this::containers,
            "subcontainers", this::subcontainers,
            "docker", this::docker));
    }

    static void machine(HttpServerExchange ex, Supplier<String> machineJson) {
        String json = machineJson.get();
        if (json == null) {
            throw new ApiException(ApiException.Reason.NOT_READY, "machine info not collected yet");
        }
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        ex.getResponseSender().send(json, StandardCharsets.UTF_8);
    }

    /** What a stats request asks for. {@code start} and {@code end} are ms; start 0 means "the last n". */
    record StatsRequest(int numStats, long start, long end) {
    }

    StatsRequest request(HttpServerExchange ex, Params p) throws IOException {
        int num = (int) p.number("num_stats", DEFAULT_NUM_STATS);
        long start = p.time("start", 0);
        long end = p.time("end", 0);
        if (ex.getRequestContentLength() != 0 && ex.getRequestMethod().toString().equals("POST")
            && !"application/x-www-form-urlencoded".equals(ex.getRequestHeaders().getFirst(Headers.CONTENT_TYPE))) {
            JsonNode body;
            try {
                byte[] bytes = dev.hindsight.server.http.Bodies.read(ex);
                body = bytes.length == 0 ? null : MAPPER.readTree(bytes);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw ApiException.badData("cannot parse the request body: " + e.getOriginalMessage());
            }
            if (body != null && body.isObject()) {
                if (body.hasNonNull("num_stats")) {
                    num = body.get("num_stats").asInt(DEFAULT_NUM_STATS);
                }
                if (body.hasNonNull("start") && !body.get("start").asText().startsWith("0001-")) {
                    start = Params.parseTime("start", body.get("start").asText());
                }
                if (body.hasNonNull("end") && !body.get("end").asText().startsWith("0001-")) {
                    end = Params.parseTime("end", body.get("end").asText());
                }
            }
        }
        if (num <= 0) {
            num = DEFAULT_NUM_STATS;
        }
        return new StatsRequest(num, start, end == 0 ? clockMs.getAsLong() : end);
    }

    List<StatsRow> rows(ContainerSpec s, StatsRequest r) {
        if (s == null) {
            return List.of();
        }
        if (r.start() > 0) {
            List<StatsRow> rows = stats.range(s, r.start(), r.end(), r.numStats());
            return rows.size() > r.numStats() ? rows.subList(rows.size() - r.numStats(), rows.size()) : rows;
        }
        return stats.latest(s, Math.min(r.end(), Math.max(store.newestTimestamp(), 0)), r.numStats());
    }

    private String resolve(String path, ContainerTree tree) {
        String p = ContainerTree.normalize(path);
        if (p == null) {
            throw ApiException.badData("bad container path \"" + path + "\"");
        }
        if (!tree.exists(p)) {
            throw ApiException.notFound("unknown container \"" + p + "\"");
        }
        return p;
    }

    private void containers(HttpServerExchange ex, Params p, String path) throws IOException {
        ContainerTree tree = new ContainerTree(store.containers().values());
        String name = resolve(path, tree);
        StatsRequest r = request(ex, p);
        try (JsonGenerator g = Json.start(ex, 200)) {
            info(g, tree, name, r);
        }
    }

    private void subcontainers(HttpServerExchange ex, Params p, String path) throws IOException {
        ContainerTree tree = new ContainerTree(store.containers().values());
        String name = resolve(path, tree);
        StatsRequest r = request(ex, p);
        List<String> names = new ArrayList<>();
        if (tree.get(name).isPresent() || name.equals("/")) {
            names.add(name);
        }
        tree.descendants(name).forEach(s -> names.add(ContainerTree.normalize(s.cgroupPath())));
        try (JsonGenerator g = Json.start(ex, 200)) {
            g.writeStartArray();
            for (String n : names) {
                info(g, tree, n, r);
            }
            g.writeEndArray();
        }
    }

    private void docker(HttpServerExchange ex, Params p, String path) throws IOException {
        ContainerTree tree = new ContainerTree(store.containers().values());
        StatsRequest r = request(ex, p);
        String key = path.equals("/") ? "" : path.substring(1);
        List<ContainerSpec> chosen;
        if (key.isEmpty()) {
            chosen = tree.docker();
        } else {
            chosen = List.of(tree.dockerContainer(key)
                .orElseThrow(() -> ApiException.notFound("unable to find Docker container \"" + key + "\"")));
        }
        try (JsonGenerator g = Json.start(ex, 200)) {
            g.writeStartObject();
            for (ContainerSpec s : chosen) {
                String n = ContainerTree.normalize(s.cgroupPath());
                g.writeFieldName(n);
                info(g, tree, n, r);
            }
            g.writeEndObject();
        }
    }

    /** One v1 ContainerInfo. */
    private void info(JsonGenerator g, ContainerTree tree, String name, StatsRequest r) throws IOException {
        ContainerSpec s = tree.get(name).orElse(null);
        List<StatsRow> rows = rows(s, r);
        g.writeStartObject();
        CadvisorJson.referenceFields(g, s, name);
        List<ContainerSpec> children = tree.children(name);
        if (!children.isEmpty()) {
            g.writeArrayFieldStart("subcontainers");
            for (ContainerSpec c : children) {
                CadvisorJson.reference(g, c);
            }
            g.writeEndArray();
        }
        g.writeFieldName("spec");
        CadvisorJson.spec(g, s, false, rows.stream().anyMatch(x -> !x.interfaces.isEmpty()));
        g.writeArrayFieldStart("stats");
        for (StatsRow row : rows) {
            CadvisorJson.stats(g, row, false);
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
