package dev.hindsight.server.repl;

import dev.hindsight.query.engine.Engine;
import dev.hindsight.query.engine.EngineLimits;
import dev.hindsight.server.http.HttpServer;
import dev.hindsight.server.http.ServerConfig;
import dev.hindsight.server.http.ServerContext;
import dev.hindsight.storage.config.HindsightConfig;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.raw.RawLogWriter;
import dev.hindsight.storage.record.ContainerField;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.store.Store;
import dev.hindsight.storage.store.StoreSeams;
import java.nio.file.Path;
import java.util.Map;
import net.openhft.chronicle.core.time.SetTimeProvider;

/**
 * A real store on disk, written through {@link RawLogWriter} with the default roll cycles (so a
 * {@code LocalBackend} can open the directory later): two Docker containers, web and db, one
 * sample a second for {@code seconds} seconds from {@link #T0}. web's CPU grows 0.5 s/s, db's
 * 0.25 s/s; memory working set is {@code 1000 * c + second} bytes.
 */
public final class ReplTestData implements AutoCloseable {
    public static final long T0 = 1_700_000_000_000L;
    static final String WEB = "/docker/" + "a".repeat(60) + "0001";
    static final String DB = "/docker/" + "b".repeat(60) + "0002";

    public final Path dir;
    public final long newest;
    private final RawLog log;
    private final Store store;

    private ReplTestData(Path dir, int seconds) {
        this.dir = dir;
        SetTimeProvider clock = new SetTimeProvider(T0);
        StoreSeams d = StoreSeams.defaults();
        this.log = RawLog.open(dir, d.rawRollCycle(), clock, false);
        RawLogWriter w = log.writer();
        w.spec(spec(1, WEB, "web"));
        w.spec(spec(2, DB, "db"));
        double[] rate = {0, 0.5, 0.25};
        for (int sec = 0; sec < seconds; sec++) {
            long t = T0 + 1000L * sec;
            clock.currentTimeMillis(t);
            for (int c = 1; c <= 2; c++) {
                long cpu = Math.round(sec * rate[c] * 1e9);
                w.containerSample(c, t).set(ContainerField.CPU_USAGE_NS, cpu)
                    .set(ContainerField.MEMORY_WORKING_SET_BYTES, 1000L * c + sec);
                w.commitContainerSample();
            }
        }
        this.newest = T0 + 1000L * (seconds - 1);
        HindsightConfig config = HindsightConfig.defaults().withDataDir(dir);
        this.store = Store.open(config, new StoreSeams(clock, d.rawRollCycle(), d.rollupRollCycle(), d.graceMs(),
            d.checkpointEveryMs(), false), log);
    }

    public static ReplTestData write(Path dir, int seconds) {
        return new ReplTestData(dir, seconds);
    }

    private static ContainerSpec spec(int id, String path, String name) {
        return new ContainerSpec(id, T0, path, name, "img/" + name + ":1", "docker", Map.of("tier", "web"),
            T0 - 5_000, 1024, -1, 100_000, "0-1", "0", ContainerSpec.UNLIMITED, ContainerSpec.UNLIMITED,
            ContainerSpec.UNLIMITED, -1);
    }

    /** An HTTP server over this store on a free loopback port; "now" is the newest sample. */
    public HttpServer serve(ServerConfig config) {
        return HttpServer.start(config, new ServerContext(store, new Engine(store, EngineLimits.DEFAULT), null, null,
            null, () -> newest));
    }

    public static ServerConfig loopback() {
        return ServerConfig.defaults().withListen("127.0.0.1:0");
    }

    @Override
    public void close() {
        store.close();
        log.close();
    }
}
