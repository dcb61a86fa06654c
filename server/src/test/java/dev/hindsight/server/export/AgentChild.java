package dev.hindsight.server.export;

import dev.hindsight.server.agent.Agent;
import dev.hindsight.storage.config.ConfigLoader;
import java.nio.file.Path;

/** The whole agent in its own JVM, so a test can SIGKILL it: {@code AgentChild <config.yaml>}; prints its port. */
public final class AgentChild {
    private AgentChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        Agent agent = Agent.start(ConfigLoader.load(Path.of(args[0])), null, null);
        Runtime.getRuntime().addShutdownHook(new Thread(agent::close));
        System.out.println("port=" + agent.httpPort());
        Thread.currentThread().join();
    }
}
