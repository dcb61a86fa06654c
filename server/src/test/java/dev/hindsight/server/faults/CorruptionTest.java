package dev.hindsight.server.faults;

import dev.hindsight.storage.testing.FileDamage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hindsight.collector.it.TestCgroup;
import dev.hindsight.collector.it.TestEnvironment;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Damaged data directories under the agent process: bytes flipped in and files truncated
 * from a raw cycle file, a rollup queue, the series index, the container registry and a
 * rollup checkpoint; a raw file deleted from the middle of the log; a read-only data
 * directory. The agent either starts — and the undamaged history still answers, collection
 * goes on and it stays up — or refuses at once with a message naming the file, never a
 * crash after start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class CorruptionTest {
    private static final long HOUR = 3_600_000L;

    private Path dir;
    private Path base;
    private TestCgroup cg;
    private long from;
    private final Random random = new Random(99);
    private final List<String> summary = new ArrayList<>();

    enum Damage { RAW_FLIP, RAW_TRUNCATE_NEWEST, RAW_DELETE_MIDDLE, ROLLUP_FLIP, ROLLUP_TRUNCATE, SERIES_INDEX_TRUNCATE,
        SERIES_INDEX_GARBAGE, CONTAINERS_IDX_GARBAGE, CHECKPOINT_GARBAGE }

    @BeforeAll
    void history() throws Exception {
        TestEnvironment.requireRootAndCgroupV1();
        dir = Files.createTempDirectory("hindsight-damage");
        cg = TestCgroup.create("hindsight-damage");
        cg.start("sleep 600");
        base = dir.resolve("base");
        long now = System.currentTimeMillis();
        from = (now - 3 * HOUR) / HOUR * HOUR + 1_000;
        SyntheticHistory.write(base, 3, from, now - 60_000, 10_000);
        try (AgentProcess agent = AgentProcess.start(config(base), dir.resolve("base.log"))) {
            assertThat(agent.awaitHealthy(60_000)).as(agent::outputText).isTrue();
            try {
                DiskFullTest.waitFor(() -> agent.value(countReal(), -1) >= 4, 30_000, "real samples");
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n" + agent.outputText(), e);
            }
        }
    }

    @AfterAll
    void report() throws Exception {
        summary.forEach(s -> System.out.println("CORRUPTION " + s));
        if (cg != null) {
            cg.close();
        }
        if (dir != null) {
            DiskFullTest.run("rm", "-rf", dir.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Damage.class, mode = EnumSource.Mode.EXCLUDE, names = {"RAW_FLIP", "RAW_TRUNCATE_NEWEST"})
    void damagedFileIsSurvivedOrNamed(Damage damage) throws Exception {
        survivedOrNamed(damage);
    }

    /** Damage in the raw log itself: history answers, but new samples never reach the store. */
    @ParameterizedTest
    @EnumSource(value = Damage.class, names = {"RAW_FLIP", "RAW_TRUNCATE_NEWEST"})
    void damagedRawLogIsSurvived(Damage damage) throws Exception {
        survivedOrNamed(damage);
    }

    private void survivedOrNamed(Damage damage) throws Exception {
        Path data = dir.resolve(damage.name().toLowerCase());
        assertThat(DiskFullTest.run("cp", "-a", base.toString(), data.toString())).isTrue();
        Path file = damage(data, damage);
        String name = file.getFileName().toString();
        Path config = config(data);
        try (AgentProcess agent = AgentProcess.start(config, dir.resolve(damage + ".log"))) {
            boolean healthy = agent.awaitHealthy(60_000);
            if (!healthy) {
                assertThat(agent.process.waitFor(30, TimeUnit.SECONDS)).as("neither up nor exited").isTrue();
                assertThat(agent.process.exitValue()).isNotZero();
                assertThat(agent.outputText()).as("refusal names the file").contains(name);
                summary.add(damage + ": refused (exit " + agent.process.exitValue() + "): " + agent.outputText().lines()
                    .filter(l -> l.startsWith("hindsight: ")).findFirst().orElse("(no hindsight: line)"));
                return;
            }
            // history: the first hour (never damaged) answers, the whole range answers
            JsonNode all = agent.query("sum(count_over_time(container_memory_usage_bytes{id=~\"/synthetic/.*\"}[4h]))", -1);
            assertThat(all.path("status").asText()).as(all::toString).isEqualTo("success");
            double firstHour = agent.value("sum(count_over_time(container_memory_usage_bytes{id=~\"/synthetic/.*\"}[50m]))",
                from + 50 * 60_000L);
            assertThat(firstHour).as("%s: first hour of history", damage).isEqualTo(3 * 300.0);
            // collection goes on, and the agent stays up
            double real = agent.value(countReal(), -1);
            try {
                DiskFullTest.waitFor(() -> agent.value(countReal(), -1) > (Double.isNaN(real) ? 0 : real) + 4, 30_000,
                    damage + ": collection goes on");
            } catch (AssertionError e) {
                String out = agent.outputText();
                throw new AssertionError(e.getMessage() + "\n--- agent output (tail) ---\n"
                    + out.substring(Math.max(0, out.length() - 6_000)), e);
            }
            Thread.sleep(2_000);
            assertThat(agent.process.isAlive()).as(agent::outputText).isTrue();
            boolean named = agent.outputText().contains(name);
            summary.add(damage + ": started; history answers (" + (long) firstHour + " samples in hour 1, "
                + all.path("data").path("result").path(0).path("value").path(1).asText() + " in all); "
                + (named ? "log names " + name : "damage not reported"));
        }
    }

    @Test
    void readOnlyDataDirectoryIsRefusedWithOneClearMessage() throws Exception {
        Path data = dir.resolve("readonly");
        assertThat(DiskFullTest.run("cp", "-a", base.toString(), data.toString())).isTrue();
        assertThat(DiskFullTest.run("mount", "--bind", data.toString(), data.toString())).isTrue();
        try {
            assertThat(DiskFullTest.run("mount", "-o", "remount,ro,bind", data.toString())).isTrue();
            for (int attempt = 0; attempt < 2; attempt++) {
                try (AgentProcess agent = AgentProcess.start(config(data), dir.resolve("readonly-" + attempt + ".log"))) {
                    assertThat(agent.process.waitFor(60, TimeUnit.SECONDS)).as("refuses promptly").isTrue();
                    assertThat(agent.process.exitValue()).isNotZero();
                    String out = agent.outputText();
                    // the last word is one line from the agent naming the path it cannot write
                    // (Chronicle may log its own warnings first)
                    List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
                    String last = lines.get(lines.size() - 1);
                    assertThat(last).as(out).startsWith("hindsight: ").contains(data.toString());
                    assertThat(out.lines().filter(l -> l.startsWith("hindsight: ")).count()).as(out).isEqualTo(1);
                    if (attempt == 0) {
                        summary.add("READ_ONLY: refused: " + last);
                    }
                }
            }
        } finally {
            DiskFullTest.run("umount", "-l", data.toString());
        }
    }

    private Path config(Path data) throws IOException {
        Path config = dir.resolve(data.getFileName() + ".yaml");
        Files.writeString(config, String.join("\n", "interval: 250ms", "data_dir: " + data, "collector:",
            "  include_prefixes: [" + cg.path() + ", /synthetic]", "  docker_socket: /nonexistent", ""));
        return config;
    }

    private String countReal() {
        return "sum(count_over_time(container_memory_usage_bytes{id=\"" + cg.path() + "\"}[1h]))";
    }

    private Path damage(Path data, Damage damage) throws IOException {
        List<Path> raw = files(data.resolve("raw"), ".cq4");
        List<Path> rollup = files(data.resolve("rollup").resolve("10s"), ".cq4");
        assertThat(raw).as("raw cycle files").hasSizeGreaterThanOrEqualTo(3);
        Path middle = raw.get(raw.size() / 2);
        return switch (damage) {
            case RAW_FLIP -> FileDamage.flip(middle, random);
            case RAW_TRUNCATE_NEWEST -> truncate(raw.get(raw.size() - 1));
            case RAW_DELETE_MIDDLE -> {
                Files.delete(middle);
                yield middle;
            }
            case ROLLUP_FLIP -> FileDamage.flip(rollup.get(rollup.size() - 1), random);
            case ROLLUP_TRUNCATE -> truncate(rollup.get(rollup.size() - 1));
            case SERIES_INDEX_TRUNCATE -> truncate(only(data.resolve("series"), ".idx"));
            case SERIES_INDEX_GARBAGE -> garbage(only(data.resolve("series"), ".idx"));
            case CONTAINERS_IDX_GARBAGE -> garbage(data.resolve("containers.idx"));
            case CHECKPOINT_GARBAGE -> garbage(data.resolve("rollup").resolve("10s.checkpoint"));
        };
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static Path only(Path dir, String suffix) throws IOException {
        List<Path> f = files(dir, suffix);
        assertThat(f).as(dir + "/*" + suffix).isNotEmpty();
        return f.get(0);
    }

    private static Path truncate(Path file) throws IOException {
        long used = FileDamage.usedBytes(file);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(Math.max(1, used / 2));
        }
        return file;
    }

    private Path garbage(Path file) throws IOException {
        byte[] g = new byte[4096];
        random.nextBytes(g);
        long used = FileDamage.usedBytes(file);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(used / 3);
            f.write(g, 0, (int) Math.min(g.length, Math.max(16, used / 3)));
        }
        return file;
    }
}
