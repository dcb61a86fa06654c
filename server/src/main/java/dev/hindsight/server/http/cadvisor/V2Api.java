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
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * cAdvisor's {@code /api/v2.0}: {@code version}, {@code attributes}, {@code machine},
 * {@code spec/<path>}, {@code stats/<path>}, {@code summary/<path>} and {@code events/<path>}.
 * Options as cAdvisor reads them: {@code type} ({@code name} or {@code docker}),
 * {@code count} (default 64), {@code recursive}. Answers are maps from container name.
 */
public final class V2Api {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final int DEFAULT_COUNT = 64;
    /** MachineInfo fields that {@code attributes} repeats. */
    private static final List<String> ATTRIBUTE_FIELDS = List.of("kernel_version", "container_os_version",
        "docker_version", "docker_api_version", "cadvisor_version", "num_cores", "cpu_frequency_khz",
        "memory_capacity", "machine_id", "system_uuid", "hugepages", "filesystems", "disk_map", "network_devices",
        "topology", "cloud_provider", "instance_type");

    private final Store store;
    private final Supplier<String> machineJson;
    private final String version;
    private final LongSupplier clockMs;
    private final StatsReader stats;
    private final EventsApi events;

    public V2Api(Store store, Supplier<String> machineJson, String version, LongSupplier clockMs, EventsApi events) {
        this.store = store;
        this.machineJson = machineJson;
        this.version = version;
        this.clockMs = clockMs;
        this.stats = new StatsReader(store);
        this.events = events;
    }

    public HttpHandler handler() {
        return new CadvisorHandler(Map.of(
            "version", (ex, p, path) -> {
                try (JsonGenerator g = Json.start(ex, 200)) {
                    g.writeString(version);
                }
            },
            "attributes", (ex, p, path) -> attributes(ex),
            "machine", (ex, p, path) -> V1Api.machine(ex, machineJson),
            "spec", this::spec,
            "stats", this::stats,
            "summary", this::summary,
            "events", events::handle));
    }

    private void attributes(HttpServerExchange ex) throws IOException {
        String json = machineJson.get();
        if (json == null) {
            throw new ApiException(ApiException.Reason.NOT_READY, "machine info not collected yet");
        }
        JsonNode m = MAPPER.readTree(json);
        try (JsonGenerator g = Json.start(ex, 200)) {
            g.writeStartObject();
            for (String f : ATTRIBUTE_FIELDS) {
                if (f.equals("cadvisor_version")) {
                    g.writeStringField(f, version);
                } else if (m.has(f)) {
                    g.writeFieldName(f);
                    MAPPER.writeTree(g, m.get(f));
                }
            }
            g.writeEndObject();
        }
    }

    /** The containers a v2 request names: by cgroup path or Docker id/name, plus descendants when recursive. */
    static List<ContainerSpec> select(Store store, Params p, String path) {
        ContainerTree tree = new ContainerTree(store.containers().values());
        String type = p.get("type") == null ? "name" : p.get("type");
        boolean recursive = p.flag("recursive");
        List<ContainerSpec> out = new ArrayList<>();
        if (type.equals("docker")) {
            if (path.equals("/")) {
                return tree.docker();
            }
            String key = path.substring(1);
            out.add(tree.dockerContainer(key)
                .orElseThrow(() -> ApiException.notFound("unable to find Docker container \"" + key + "\"")));
            return out;
        }
        if (!type.equals("name")) {
            throw ApiException.badData("unknown type \"" + type + "\" (name or docker)");
        }
        String name = ContainerTree.normalize(path);
        if (name == null) {
            throw ApiException.badData("bad container path \"" + path + "\"");
        }
        if (!tree.exists(name)) {
            throw ApiException.notFound("unknown container \"" + name + "\"");
        }
        tree.get(name).ifPresent(out::add);
        if (recursive) {
            out.addAll(tree.descendants(name));
        }
        return out;
    }

    private void spec(HttpServerExchange ex, Params p, String path) throws IOException {
        List<ContainerSpec> specs = select(store, p, path);
        try (JsonGenerator g = Json.start(ex, 200)) {
            g.writeStartObject();
            for (ContainerSpec s : specs) {
                g.writeFieldName(ContainerTree.normalize(s.cgroupPath()));
                boolean net = stats.latest(s, Math.max(store.newestTimestamp(), 0), 1).stream()
                    .anyMatch(r -> !r.interfaces.isEmpty());
                CadvisorJson.spec(g, s, true, net);
            }
            g.writeEndObject();
        }
    }

    private void stats(HttpServerExchange ex, Params p, String path) throws IOException {
        List<ContainerSpec> specs = select(store, p, path);
        int count = (int) p.number("count", DEFAULT_COUNT);
        long end = Math.max(store.newestTimestamp(), 0);
        try (JsonGenerator g = Json.start(ex, 200)) {
            g.writeStartObject();
            for (ContainerSpec s : specs) {
                g.writeArrayFieldStart(ContainerTree.normalize(s.cgroupPath()));
                for (StatsRow r : stats.latest(s, end, Math.max(count, 1))) {
                    CadvisorJson.stats(g, r, true);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
    }

    private void summary(HttpServerExchange ex, Params p, String path) throws IOException {
        List<ContainerSpec> specs = select(store, p, path);
        long end = Math.max(store.newestTimestamp(), 0);
        try (JsonGenerator g = Json.start(ex, 200)) {
            g.writeStartObject();
            for (ContainerSpec s : specs) {
                g.writeFieldName(ContainerTree.normalize(s.cgroupPath()));
                Summary.write(g, stats, s, end);
            }
            g.writeEndObject();
        }
    }
}
