package dev.hindsight.server.cli;

import dev.hindsight.server.agent.Agent;
import dev.hindsight.storage.config.HindsightConfig;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hindsight run}: the agent in the foreground until Ctrl-C or SIGTERM. */
@Command(name = "run", description = "Run the agent in the foreground (Ctrl-C or SIGTERM stops it cleanly).")
final class RunCommand implements Runnable {
    @Mixin
    ConfigOption config;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (overrides data_dir).")
    Path data;

    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = "HTTP listen address (overrides the config; default 127.0.0.1:8080).")
    String listen;

    @Override
    public void run() {
        HindsightConfig cfg = config.load();
        if (data != null) {
            cfg = cfg.withDataDir(data);
        }
        Agent agent = Agent.start(cfg, config.path(), MachineInfoSource.create(), listen);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stopped.countDown();
        }, "hindsight-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
