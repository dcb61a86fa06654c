package dev.hindsight.server.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.collector.it.TestCgroup;
import dev.hindsight.collector.it.TestEnvironment;
import dev.hindsight.server.agent.Agent;
import dev.hindsight.storage.config.ConfigLoader;
import dev.hindsight.storage.config.HindsightConfig;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 32 concurrent HTTP clients mixing instant and range queries against an agent that collects
 * real cgroups at 1 s (CI: 100 cgroups for 10 s; {@code -Dhindsight.soak=true}: 1,000 for
 * 60 s). No request may fail and no collection tick may be missed; slices run late and the
 * latency percentiles are reported.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class QueryLoadTest {
    private static final boolean SOAK = Boolean.getBoolean("hindsight.soak");
    private static final int CGROUPS = SOAK ? 1_000 : 100;
    private static final long SECONDS = SOAK ? 60 : 10;
    private static final int CLIENTS = 32;
    private static final String PREFIX = "hindsight-load";

    @TempDir
    Path data;

    @Test
    void thirtyTwoClientsWithoutErrorsWhileCollecting() throws Exception {
        TestEnvironment.requireRootAndCgroupV1();
        List<TestCgroup> cgroups = new ArrayList<>();
        try {
            for (int i = 0; i < CGROUPS; i++) {
                TestCgroup cg = TestCgroup.create(PREFIX);
                cgroups.add(cg);
                if (i % 10 == 0) {
                    cg.start(i == 0 ? "stress-ng --cpu 1 --cpu-load 20 --timeout 900s" : "sleep 900");
                }
            }
            HindsightConfig config = ConfigLoader.parse("load.yaml", String.join("\n", "interval: 1s",
                "data_dir: " + data, "collector:",
                // prefixes match whole path components: name every cgroup
                "  include_prefixes: [" + String.join(", ", cgroups.stream().map(TestCgroup::path).toList()) + "]",
                "  docker_socket: /nonexistent", ""));
            try (Agent agent = Agent.start(config, null, "127.0.0.1:0")) {
                String base = "http://127.0.0.1:" + agent.httpPort();
                long warmUp = System.currentTimeMillis() + 30_000;
                while (agent.collector().counters().containers.get() < CGROUPS && System.currentTimeMillis() < warmUp) {
                    Thread.sleep(200);
                }
                Thread.sleep(5_000); // some history for the range queries
                assertThat(agent.collector().counters().containers.get()).isGreaterThanOrEqualTo(CGROUPS);
                long ticksBefore = agent.collector().counters().ticks.sum();
                long missedBefore = agent.collector().counters().missedTicks.sum();
                long lateBefore = agent.collector().counters().lateSlices.sum();

                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .executor(Executors.newFixedThreadPool(8)).build();
                AtomicLong errors = new AtomicLong();
                List<String> firstErrors = java.util.Collections.synchronizedList(new ArrayList<>());
                long[][] latencies = new long[CLIENTS][];
                int[] counts = new int[CLIENTS];
                ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
                long end = System.nanoTime() + SECONDS * 1_000_000_000L;
                List<Future<?>> futures = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int id = c;
                    latencies[c] = new long[200_000];
                    futures.add(pool.submit(() -> {
                        Random random = new Random(id);
                        while (System.nanoTime() < end && counts[id] < latencies[id].length) {
                            String uri = base + request(random, cgroups);
                            long t0 = System.nanoTime();
                            try {
                                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(uri))
                                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                                if (r.statusCode() != 200 || !r.body().contains("\"success\"")) {
                                    errors.incrementAndGet();
                                    if (firstErrors.size() < 5) {
                                        firstErrors.add(r.statusCode() + " " + r.body() + " for " + uri);
                                    }
                                }
                            } catch (Exception e) {
                                errors.incrementAndGet();
                                if (firstErrors.size() < 5) {
                                    firstErrors.add(e + " for " + uri);
                                }
                            }
                            latencies[id][counts[id]++] = System.nanoTime() - t0;
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
                pool.shutdown();
                long ticks = agent.collector().counters().ticks.sum() - ticksBefore;
                long missed = agent.collector().counters().missedTicks.sum() - missedBefore;
                long late = agent.collector().counters().lateSlices.sum() - lateBefore;
                long[] all = merge(latencies, counts);
                Arrays.sort(all);
                System.out.printf("LOAD cgroups=%d clients=%d seconds=%d requests=%d (%.0f/s) errors=%d ticks=%d "
                    + "missed-ticks=%d late-slices=%d p50=%.1fms p99=%.1fms max=%.1fms%n", CGROUPS, CLIENTS, SECONDS,
                    all.length, all.length / (double) SECONDS, errors.get(), ticks, missed, late, pct(all, 0.50),
                    pct(all, 0.99), all[all.length - 1] / 1e6);
                assertThat(firstErrors).isEmpty();
                assertThat(errors.get()).isZero();
                assertThat(all.length).isGreaterThan(CLIENTS);
                assertThat(ticks).as("collection went on under load").isGreaterThanOrEqualTo(SECONDS - 3);
                assertThat(missed).as("no interval lost a container's reading").isZero();
            }
        } finally {
            cgroups.forEach(TestCgroup::close);
        }
    }

    /** An instant or a range query of the kinds a dashboard sends, over the collected cgroups. */
    private static String request(Random random, List<TestCgroup> cgroups) {
        String id = cgroups.get(random.nextInt(cgroups.size())).path();
        String[] instant = {
            "sum(rate(container_cpu_usage_seconds_total{id=~\"/" + PREFIX + ".*\"}[1m]))",
            "topk(5, rate(container_cpu_usage_seconds_total[1m]))",
            "container_memory_usage_bytes{id=\"" + id + "\"}",
            "count(container_memory_working_set_bytes)",
            "max_over_time(container_memory_usage_bytes{id=\"" + id + "\"}[5m])",
        };
        String[] range = {
            "rate(container_cpu_usage_seconds_total{id=\"" + id + "\"}[10s])",
            "sum by (id) (container_memory_working_set_bytes{id=~\"/" + PREFIX + "-" + id.charAt(PREFIX.length() + 2)
                + ".*\"})",
            "avg(rate(container_cpu_usage_seconds_total[30s]))",
        };
        long now = System.currentTimeMillis() / 1000;
        if (random.nextBoolean()) {
            return "/api/v1/query?query=" + enc(instant[random.nextInt(instant.length)]);
        }
        return "/api/v1/query_range?query=" + enc(range[random.nextInt(range.length)]) + "&start=" + (now - 300)
            + "&end=" + now + "&step=" + (random.nextBoolean() ? 1 : 15);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static long[] merge(long[][] latencies, int[] counts) {
        int n = Arrays.stream(counts).sum();
        long[] all = new long[n];
        int at = 0;
        for (int c = 0; c < counts.length; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        return all;
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
