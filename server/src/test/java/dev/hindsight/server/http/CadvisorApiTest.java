package dev.hindsight.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The cAdvisor REST subset with cAdvisor's field names, answered from a real store. */
@Timeout(120)
class CadvisorApiTest {
    static final long T0 = 1_700_000_400_000L;
    static final long NOW = T0 + 299_000;
    @TempDir
    static Path dir;
    static TestData data;
    static HttpServer server;
    static Http http;

    @BeforeAll
    static void start() {
        data = TestData.open(dir, T0, 300);
        server = HttpServer.start(TestData.loopback(), data.context(NOW));
        http = Http.of(server);
    }

    @AfterAll
    static void stop() {
        server.close();
        data.close();
    }

    static JsonNode ok(String path) {
        Http.Answer a = http.get(path);
        assertThat(a.status()).as(path + ": " + a.body()).isEqualTo(200);
        return a.json();
    }

    @Test
    void machineIsTheCollectorsMachineInfo() {
        JsonNode m = ok("/api/v1.3/machine");
        assertThat(m.get("num_cores").asInt()).isEqualTo(4);
        assertThat(m.get("memory_capacity").asLong()).isEqualTo(8589934592L);
        assertThat(ok("/api/v2.0/machine").get("machine_id").asText()).isEqualTo("m1");
    }

    @Test
    void containerInfoHasSpecStatsAndSubcontainers() {
        JsonNode c = ok("/api/v1.3/containers" + TestData.WEB);
        assertThat(c.get("name").asText()).isEqualTo(TestData.WEB);
        assertThat(c.get("id").asText()).isEqualTo(TestData.WEB_ID);
        assertThat(c.get("aliases")).extracting(JsonNode::asText).containsExactly("web", TestData.WEB_ID);
        assertThat(c.get("namespace").asText()).isEqualTo("docker");
        JsonNode spec = c.get("spec");
        assertThat(spec.get("image").asText()).isEqualTo("img/web:1");
        assertThat(spec.get("labels").get("tier").asText()).isEqualTo("web");
        assertThat(spec.get("has_cpu").asBoolean()).isTrue();
        assertThat(spec.at("/cpu/limit").asLong()).isEqualTo(1024);
        assertThat(spec.at("/cpu/quota").asLong()).isEqualTo(50_000);
        assertThat(spec.at("/cpu/period").asLong()).isEqualTo(100_000);
        assertThat(spec.at("/memory/limit").asLong()).isEqualTo(1L << 30);
        assertThat(spec.get("has_network").asBoolean()).isTrue();
        assertThat(spec.get("creation_time").asText()).isEqualTo(Instant.ofEpochMilli(T0 - 5_000).toString());
        JsonNode stats = c.get("stats");
        assertThat(stats).hasSize(60);
        JsonNode last = stats.get(59);
        assertThat(last.get("timestamp").asText()).isEqualTo(Instant.ofEpochMilli(NOW).toString());
        assertThat(last.at("/cpu/usage/total").asLong()).isEqualTo(149_500_000_000L);
        assertThat(last.at("/cpu/usage/user").asLong()).isEqualTo(74_750_000_000L);
        assertThat(last.at("/memory/working_set").asLong()).isEqualTo(1299);
        assertThat(last.at("/memory/usage").asLong()).isEqualTo(2299);
        assertThat(last.at("/network/name").asText()).isEqualTo("eth0");
        assertThat(last.at("/network/rx_bytes").asLong()).isEqualTo(29_900);
        assertThat(last.at("/network/interfaces/0/tx_bytes").asLong()).isEqualTo(14_950);
        assertThat(last.at("/diskio/io_service_bytes/0/major").asInt()).isEqualTo(8);
        assertThat(last.at("/diskio/io_service_bytes/0/stats/Read").asLong()).isEqualTo(4096L * 299);
        assertThat(last.at("/processes/process_count").asInt()).isEqualTo(1);
        assertThat(last.at("/task_stats/nr_running").asInt()).isEqualTo(1);
        assertThat(Instant.parse(stats.get(0).get("timestamp").asText()).toEpochMilli()).isEqualTo(NOW - 59_000);

        JsonNode root = ok("/api/v1.3/containers/");
        assertThat(root.get("name").asText()).isEqualTo("/");
        List<String> subs = new ArrayList<>();
        root.get("subcontainers").forEach(s -> subs.add(s.get("name").asText()));
        assertThat(subs).containsExactlyInAnyOrder(TestData.WEB, TestData.DB, TestData.CRON);
    }

    @Test
    void statsRequestBodyAndRangeReachBackToTheStart() {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(http.base() + "/api/v1.3/containers" + TestData.DB))
            .POST(HttpRequest.BodyPublishers.ofString("{\"num_stats\":5,\"start\":\"" + Instant.ofEpochMilli(T0)
                + "\",\"end\":\"" + Instant.ofEpochMilli(T0 + 10_000) + "\"}"))
            .header("Content-Type", "application/json");
        Http.Answer a = http.send(b);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode stats = a.json().get("stats");
        assertThat(stats).hasSize(5);
        assertThat(stats.get(4).get("timestamp").asText()).isEqualTo(Instant.ofEpochMilli(T0 + 10_000).toString());
        assertThat(stats.get(4).at("/cpu/usage/total").asLong()).isEqualTo(2_500_000_000L);
        JsonNode q = ok("/api/v1.3/containers" + TestData.DB + "?num_stats=3");
        assertThat(q.get("stats")).hasSize(3);
    }

    /** A container created long before the store's data: "the last n" still means n raw samples. */
    @Test
    void lastStatsOfAnOldContainerOnAYoungStoreAreRawSamples() {
        JsonNode stats = ok("/api/v1.3/containers" + TestData.CRON).get("stats");
        assertThat(stats).hasSize(60);
        assertThat(Instant.parse(stats.get(0).get("timestamp").asText()).toEpochMilli()).isEqualTo(NOW - 59_000);
        assertThat(ok("/api/v1.3/containers" + TestData.CRON + "?num_stats=400").get("stats"))
            .as("every sample there is").hasSize(300);
    }

    @Test
    void subcontainersAndDocker() {
        JsonNode all = ok("/api/v1.3/subcontainers/?num_stats=1");
        List<String> names = new ArrayList<>();
        all.forEach(c -> names.add(c.get("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("/", TestData.WEB, TestData.DB, TestData.CRON);
        JsonNode docker = ok("/api/v1.3/docker/");
        assertThat(docker.fieldNames()).toIterable().containsExactlyInAnyOrder(TestData.WEB, TestData.DB);
        JsonNode byName = ok("/api/v1.3/docker/db");
        assertThat(byName.fieldNames()).toIterable().containsExactly(TestData.DB);
        assertThat(byName.get(TestData.DB).get("stats")).hasSize(60);
        assertThat(ok("/api/v1.3/docker/" + TestData.WEB_ID.substring(0, 12)).has(TestData.WEB)).isTrue();
        assertThat(http.get("/api/v1.3/docker/nosuch").status()).isEqualTo(404);
        assertThat(http.get("/api/v1.3/containers/nosuch").status()).isEqualTo(404);
        assertThat(http.get("/api/v1.3/containers/docker/../../etc").status()).isIn(400, 404);
    }

    @Test
    void v2VersionAttributesSpecStatsSummary() {
        assertThat(ok("/api/v2.0/version").isTextual()).isTrue();
        JsonNode attrs = ok("/api/v2.0/attributes");
        assertThat(attrs.get("num_cores").asInt()).isEqualTo(4);
        assertThat(attrs.get("kernel_version").asText()).isEqualTo("6.1.0");
        assertThat(attrs.has("boot_id")).isFalse();
        JsonNode spec = ok("/api/v2.0/spec" + TestData.WEB);
        assertThat(spec.get(TestData.WEB).get("aliases")).extracting(JsonNode::asText).contains("web");
        assertThat(spec.get(TestData.WEB).get("has_memory").asBoolean()).isTrue();
        JsonNode recursive = ok("/api/v2.0/spec/?recursive=true");
        assertThat(recursive.fieldNames()).toIterable().containsExactlyInAnyOrder(TestData.WEB, TestData.DB, TestData.CRON);
        JsonNode docker = ok("/api/v2.0/stats/db?type=docker&count=3");
        JsonNode dbStats = docker.get(TestData.DB);
        assertThat(dbStats).hasSize(3);
        assertThat(dbStats.get(2).at("/network/interfaces/0/name").asText()).isEqualTo("eth0");
        assertThat(dbStats.get(2).at("/network/name").isMissingNode()).isTrue();
        assertThat(ok("/api/v2.0/stats" + TestData.WEB).get(TestData.WEB)).hasSize(64);
        JsonNode summary = ok("/api/v2.0/summary" + TestData.WEB).get(TestData.WEB);
        assertThat(summary.at("/latest_usage/cpu").asLong()).isEqualTo(500);
        assertThat(summary.at("/latest_usage/memory").asLong()).isEqualTo(1299);
        assertThat(summary.at("/minute_usage/cpu/present").asBoolean()).isTrue();
        assertThat(summary.at("/minute_usage/cpu/mean").asLong()).isEqualTo(500);
        assertThat(summary.at("/minute_usage/cpu/ninetyfive").asLong()).isEqualTo(500);
        assertThat(summary.at("/minute_usage/memory/max").asLong()).isEqualTo(1299);
        assertThat(summary.at("/minute_usage/percent_complete").asInt()).isEqualTo(100);
        assertThat(summary.at("/hour_usage/percent_complete").asInt()).isBetween(1, 100);
        assertThat(summary.has("day_usage")).isTrue();
    }

    @Test
    void eventsWithTypeFiltersTimesAndLimits() {
        JsonNode all = ok("/api/v2.0/events/?subcontainers=true&all_events=true&max_events=-1");
        assertThat(all).hasSize(3);
        assertThat(all.get(0).get("event_type").asText()).isEqualTo("containerCreation");
        JsonNode oom = ok("/api/v2.0/events" + TestData.WEB + "?oom_kill_events=true");
        assertThat(oom).hasSize(1);
        assertThat(oom.get(0).get("container_name").asText()).isEqualTo(TestData.WEB);
        assertThat(oom.get(0).get("event_type").asText()).isEqualTo("oomKill");
        assertThat(oom.get(0).get("timestamp").asText()).isEqualTo(Instant.ofEpochMilli(T0 + 30_000).toString());
        assertThat(oom.get(0).has("event_data")).isTrue();
        JsonNode late = ok("/api/v2.0/events/?subcontainers=true&start_time=" + Instant.ofEpochMilli(T0 + 1_000));
        assertThat(late).hasSize(1);
        assertThat(ok("/api/v2.0/events/?subcontainers=true&max_events=1")).hasSize(1);
        assertThat(ok("/api/v2.0/events" + TestData.DB + "?creation_events=true")).hasSize(1);
        assertThat(ok("/api/v2.0/events/?creation_events=true")).isEmpty();
    }
}
