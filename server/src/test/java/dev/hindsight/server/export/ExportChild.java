package dev.hindsight.server.export;

import dev.hindsight.storage.raw.RawLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A sender in its own JVM, so a test can SIGKILL it mid-stream:
 * {@code ExportChild <dataDir> <REMOTE_WRITE|INFLUX_V1> <url>}. Prints its counters every
 * 100 ms until killed.
 */
public final class ExportChild {
    private ExportChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        SinkConfig sink = new SinkConfig("child", SinkConfig.Kind.valueOf(args[1]), args[2],
            Map.of("instance", "node1"), List.of(), 400, 100, 20, 200, 5_000, true, Map.of(), null);
        RawLog log = ExportFixture.open(Path.of(args[0]));
        ExportService service = ExportService.start(List.of(sink), log, List.of(), System::currentTimeMillis);
        ExportCounters c = service.sinks().get(0).counters();
        while (true) {
            System.out.println("sent=" + c.sent.get() + " retried=" + c.retried.get() + " failed=" + c.failed.get());
            Thread.sleep(100);
        }
    }
}
