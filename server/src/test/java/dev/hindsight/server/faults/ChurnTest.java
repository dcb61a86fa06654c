package dev.hindsight.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hindsight.collector.it.TestCgroup;
import dev.hindsight.collector.it.TestEnvironment;
import dev.hindsight.server.agent.Agent;
import dev.hindsight.storage.config.ConfigLoader;
import dev.hindsight.storage.config.HindsightConfig;
import dev.hindsight.storage.events.StoredEvent;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.record.EventType;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Container churn under a running agent: real cgroups, each with a process, created and
 * destroyed one after another (CI: 30 over about 20 s; {@code -Dhindsight.soak=true}: 100 a
 * minute for 10 minutes with a 2-minute raw retention, then up to an hour more until
 * retention has deleted the hourly files that hold them). Every one of them is in the history
 * afterwards — a creation and a deletion event, and samples queryable over HTTP — and the
 * series count and heap before and after are reported; in the soak, where retention deletes
 * the churned containers' data, their series must be retired (the count falls).
 */
@Timeout(value = 90, unit = TimeUnit.MINUTES)
class ChurnTest {
    private static final boolean SOAK = Boolean.getBoolean("hindsight.soak");
    private static final int CONTAINERS = SOAK ? 1_000 : 30;
    private static final long EVERY_MS = SOAK ? 600 : 650;
    private static final long LIFETIME_MS = SOAK ? 6_000 : 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyChurnedContainerIsInHistory() throws Exception {
        TestEnvironment.requireRootAndCgroupV1();
        // the churned cgroups live under one parent the agent is limited to, so cgroups that
        // others create meanwhile (other tests, benchmarks) are not collected
        TestCgroup parent = TestCgroup.create("hindsight-churn");
        HindsightConfig config = ConfigLoader.parse("churn.yaml", String.join("\n",
            "interval: 250ms",
            "data_dir: " + data,
            "retention:",
            SOAK ? "  raw: 2m" : "  raw: 2d",
            SOAK ? "  head_window: 1m" : "  head_window: 2h",
            "  rollups:",
            "    - resolution: 10s",
            SOAK ? "      keep: 3m" : "      keep: 1d",
            "collector:",
            "  include_prefixes: [" + parent.path() + "]",
            "  docker_socket: /nonexistent",
            ""));
        List<String> paths = new ArrayList<>();
        List<Long> created = new ArrayList<>();
        try (Agent agent = Agent.start(config, null, "127.0.0.1:0")) {
            String base = "http://127.0.0.1:" + agent.httpPort();
            count(base, parent.path()); // the baseline is an agent that has collected and answered a query
            Thread.sleep(2_000);
            long heapBefore = usedHeap();
            int watchedBefore = agent.collector().watchedDirectories();
            int oomNotifiersBefore = agent.collector().oomNotifiers();
            String histogramBefore = SOAK ? histogram() : "";
            int seriesBefore = agent.store().seriesCount();
            Deque<TestCgroup> alive = new ArrayDeque<>();
            Deque<Long> born = new ArrayDeque<>();
            long start = System.currentTimeMillis();
            try {
                for (int i = 0; i < CONTAINERS; i++) {
                    TestCgroup cg = TestCgroup.create(parent.path().substring(1) + "/c");
                    cg.start("sleep 600");
                    paths.add(cg.path());
                    created.add(System.currentTimeMillis());
                    alive.add(cg);
                    born.add(System.currentTimeMillis());
                    while (!born.isEmpty() && System.currentTimeMillis() - born.peek() >= LIFETIME_MS) {
                        alive.poll().close();
                        born.poll();
                    }
                    Thread.sleep(Math.max(0, start + (i + 1) * EVERY_MS - System.currentTimeMillis()));
                }
                Thread.sleep(LIFETIME_MS);
            } finally {
                alive.forEach(TestCgroup::close);
            }
            long churnMs = System.currentTimeMillis() - start;
            int seriesAtPeak = agent.store().seriesCount();
            Thread.sleep(2_000); // the deletions are seen on the next ticks
            int watchedAfter = agent.collector().watchedDirectories();
            assertThat(watchedAfter).as("inotify watches of removed cgroups are let go")
                .isLessThanOrEqualTo(watchedBefore);
            assertThat(agent.collector().oomNotifiers()).as("OOM eventfds of removed cgroups are closed")
                .isLessThanOrEqualTo(oomNotifiersBefore);

            // in a method of its own, so that no copy of the specs outlives it in this frame
            List<String> missing = missingFromHistory(agent, base, paths, created);
            long churnEnd = System.currentTimeMillis();
            if (SOAK) {
                // retention deletes whole hourly files: wait until the hour holding the churn is
                // over and past the 3-minute rollup keep, and the retired ids' 10-minute
                // quarantine is over, then look at what remains
                long hour = 3_600_000L;
                long until = (churnEnd / hour + 1) * hour + 16 * 60_000L;
                System.out.printf("CHURN waiting %d s for retention to delete the churn's hour%n",
                    (until - System.currentTimeMillis()) / 1000);
                Thread.sleep(Math.max(0, until - System.currentTimeMillis()));
                agent.store().runRetention();
            }
            int seriesAfter = agent.store().seriesCount();
            long heapAfter = usedHeap();
            String histogramAfter = SOAK ? histogram() : "";
            if (SOAK) {
                System.out.println("CHURN heap histogram before:\n" + top(histogramBefore)
                    + "CHURN heap histogram after:\n" + top(histogramAfter));
            }
            System.out.printf("CHURN containers=%d in %ds series before=%d peak=%d after=%d retired=%d heap before=%dMB "
                + "after=%dMB watched dirs before=%d after=%d missing=%d%n", CONTAINERS, churnMs / 1000, seriesBefore,
                seriesAtPeak, seriesAfter, agent.store().retiredSeriesCount(), heapBefore >> 20, heapAfter >> 20,
                watchedBefore, watchedAfter, missing.size());
            assertThat(missing).isEmpty();
            assertThat(seriesAtPeak).isGreaterThan(seriesBefore);
            if (SOAK) {
                // every churned container is gone for longer than any data is kept: its series are retired
                assertThat(seriesAfter).isLessThan(seriesAtPeak);
                assertThat(agent.store().retiredSeriesCount()).isGreaterThanOrEqualTo(seriesAtPeak - seriesAfter);
                // nothing per container outlives it: the specs on the heap are back to the baseline's
                assertThat(instances(histogramAfter, ContainerSpec.class))
                    .as("container specs on the heap after retention").isLessThanOrEqualTo(
                        instances(histogramBefore, ContainerSpec.class) + 2);
            }
        } finally {
            parent.close();
        }
    }

    /** The churned containers without a creation and a deletion event, or (CI) without samples. */
    private List<String> missingFromHistory(Agent agent, String base, List<String> paths, List<Long> created)
        throws Exception {
        Map<String, Set<EventType>> events = new HashMap<>();
        Map<Integer, ContainerSpec> specs = agent.store().containers();
        for (StoredEvent e : agent.store().events(id -> true,
            EnumSet.of(EventType.CONTAINER_CREATION, EventType.CONTAINER_DELETION), 0, Long.MAX_VALUE)) {
            ContainerSpec s = specs.get(e.containerId());
            if (s != null) {
                events.computeIfAbsent(s.cgroupPath(), k -> EnumSet.noneOf(EventType.class)).add(e.type());
            }
        }
        List<String> missing = new ArrayList<>();
        long churnEnd = System.currentTimeMillis();
        for (int i = 0; i < paths.size(); i++) {
            String p = paths.get(i);
            if (SOAK && created.get(i) < churnEnd - 2 * 60_000) {
                continue; // events are kept as long as the longest rollup: 3 minutes in the soak
            }
            if (!events.getOrDefault(p, Set.of()).containsAll(
                EnumSet.of(EventType.CONTAINER_CREATION, EventType.CONTAINER_DELETION))) {
                missing.add(p + " events " + events.get(p));
            }
            if (!SOAK && !(count(base, p) > 0)) {
                missing.add(p + " has no samples");
            }
        }
        return missing;
    }

    private double count(String base, String path) throws Exception {
        String q = "sum(count_over_time(container_memory_usage_bytes{id=\"" + path + "\"}[1h]))";
        JsonNode r = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/query?query="
            + URLEncoder.encode(q, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString()).body());
        JsonNode result = r.path("data").path("result");
        return result.size() == 0 ? 0 : Double.parseDouble(result.get(0).path("value").get(1).asText());
    }

    /** The live instances of a class in a histogram; 0 when the class is not among those it lists. */
    private static long instances(String histogram, Class<?> type) {
        return histogram.lines().map(String::trim).map(l -> l.split("\\s+"))
            .filter(f -> f.length >= 4 && f[3].equals(type.getName()))
            .mapToLong(f -> Long.parseLong(f[1])).findFirst().orElse(0);
    }

    /** The classes on the heap (live objects), largest first, as {@code jcmd GC.class_histogram} prints them. */
    private static String histogram() throws Exception {
        return java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(
            new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
            new Object[] {new String[0]}, new String[] {String[].class.getName()}).toString();
    }

    /** A histogram's header and its 30 largest classes. */
    private static String top(String histogram) {
        return String.join("\n", histogram.lines().limit(33).toList()) + "\n";
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
