package dev.hindsight.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The threads that serve HTTP yield to the collector: their nice value is raised, nobody else's. */
@Timeout(60)
class YieldingWorkersTest {
    @Test
    void lowersOnlyTheCallingThread() throws Exception {
        int before = nice(Path.of("/proc/thread-self/stat"));
        AtomicInteger nice = new AtomicInteger(Integer.MIN_VALUE);
        Thread t = new Thread(() -> {
            assertThat(YieldingWorkers.lowerCurrentThread()).isTrue();
            nice.set(nice(Path.of("/proc/thread-self/stat")));
        });
        t.start();
        t.join();
        assertThat(nice.get()).isEqualTo(YieldingWorkers.NICE);
        assertThat(nice(Path.of("/proc/thread-self/stat"))).isEqualTo(before);
    }

    @Test
    void workersThatServedARequestRunAtTheLowerPriority(@TempDir Path dir) {
        // threads of servers other tests in this JVM started are left out: only this server's count
        java.util.Set<Path> before = tasks().collect(java.util.stream.Collectors.toSet());
        try (TestData data = TestData.open(dir, LimitsTest.T0, 60);
             HttpServer server = HttpServer.start(TestData.loopback(), data.context(LimitsTest.NOW))) {
            assertThat(Http.of(server).get("/api/v1/query?query=1").status()).isEqualTo(200);
            List<Integer> workerNice = tasks().filter(stat -> !before.contains(stat))
                .filter(stat -> comm(stat).matches("XNIO-\\d+ task.*")).map(YieldingWorkersTest::nice).toList();
            assertThat(workerNice).contains(YieldingWorkers.NICE);
            List<Integer> ioNice = tasks().filter(stat -> !before.contains(stat))
                .filter(stat -> comm(stat).matches("XNIO-\\d+ I/O.*")).map(YieldingWorkersTest::nice).toList();
            assertThat(ioNice).isNotEmpty().containsOnly(nice(Path.of("/proc/thread-self/stat")));
        }
    }

    private static Stream<Path> tasks() {
        try {
            return Files.list(Path.of("/proc/self/task")).map(task -> task.resolve("stat")).filter(Files::exists).toList()
                .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path stat) {
        try {
            return Files.readString(stat);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String comm(Path stat) {
        String s = read(stat);
        return s.substring(s.indexOf('(') + 1, s.lastIndexOf(')'));
    }

    /** Field 19 of {@code stat}: the 17th after the command's closing parenthesis. */
    private static int nice(Path stat) {
        String s = read(stat);
        return Integer.parseInt(s.substring(s.lastIndexOf(')') + 2).split(" ")[16]);
    }
}
