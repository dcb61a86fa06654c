package dev.hindsight.collector.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Docker names, images and labels of containers, resolved through the Docker Engine API
 * over its unix socket and kept current by following {@code /events}. The collector asks
 * {@link #lookup} every tick; that never calls the API: inspections run on this class's
 * own thread, once per container and again when an event says it changed.
 *
 * <p>When the daemon stops, lookups keep answering from the cache and the event stream
 * reconnects with back-off; when it returns, everything is inspected again.
 */
public final class DockerDirectory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DockerDirectory.class);

    /** What is known of an id: resolved metadata, not a Docker container, or not yet known. */
    public sealed interface Lookup permits Resolved, NotDocker, Pending {
    }

    public record Resolved(DockerMetadata metadata) implements Lookup {
    }

    public record NotDocker() implements Lookup {
    }

    public record Pending() implements Lookup {
    }

    private static final Pending PENDING = new Pending();
    private static final NotDocker NOT_DOCKER = new NotDocker();

    private final Path socket;
    private final DockerClient client;
    private final ExecutorService inspector;
    private final Map<String, Lookup> cache = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();
    private final Thread eventsThread;
    private volatile boolean running = true;
    private volatile Closeable eventStream;
    private volatile boolean connected;

    private DockerDirectory(Path socket) {
        this.socket = socket;
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost("unix://" + socket).build();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(2))
                .responseTimeout(Duration.ofSeconds(10))
                .build();
        this.client = DockerClientImpl.getInstance(config, http);
        this.inspector = Executors.newSingleThreadExecutor(r -> daemon(r, "hindsight-docker-inspect"));
        this.eventsThread = daemon(this::followEvents, "hindsight-docker-events");
    }

    /** A directory following the daemon at {@code socket}, or null when no socket exists there. */
    public static DockerDirectory connect(Path socket) {
        if (socket == null || !Files.exists(socket)) {
            return null;
        }
        DockerDirectory d = new DockerDirectory(socket);
        d.eventsThread.start();
        return d;
    }

    /** What is known of a container id; asks for an inspection (asynchronously) the first time. */
    public Lookup lookup(String id) {
        Lookup l = cache.get(id);
        if (l == null) {
            cache.put(id, PENDING);
            inspectLater(id);
            return PENDING;
        }
        return l;
    }

    /** Grows whenever cached metadata changes, so the collector can re-check specs cheaply. */
    public long version() {
        return version.get();
    }

    public boolean connected() {
        return connected;
    }

    /** Forgets a container (its cgroup is gone). */
    public void forget(String id) {
        cache.remove(id);
    }

    private void inspectLater(String id) {
        if (!running) {
            return;
        }
        inspector.execute(() -> inspect(id));
    }

    private void inspect(String id) {
        Lookup result;
        try {
            InspectContainerResponse r = client.inspectContainerCmd(id).exec();
            long created = 0;
            try {
                created = Instant.parse(r.getCreated()).toEpochMilli();
            } catch (RuntimeException ignored) {
                // leave 0: unknown
            }
            var hostConfig = r.getHostConfig();
            result = new Resolved(new DockerMetadata(id, r.getName(),
                    r.getConfig() == null ? "" : r.getConfig().getImage(),
                    r.getConfig() == null ? Map.of() : r.getConfig().getLabels(), created,
                    hostConfig == null || hostConfig.getMemory() == null ? 0 : hostConfig.getMemory(),
                    hostConfig == null || hostConfig.getNanoCPUs() == null ? 0 : hostConfig.getNanoCPUs()));
        } catch (NotFoundException e) {
            result = NOT_DOCKER;
        } catch (RuntimeException e) {
            // daemon down: stay pending; the event stream's reconnect re-inspects
            LOG.debug("docker inspect {} failed: {}", id, e.toString());
            return;
        }
        Lookup old = cache.put(id, result);
        if (!result.equals(old)) {
            version.incrementAndGet();
        }
    }

    private void followEvents() {
        long backoffMs = 500;
        while (running) {
            try {
                client.pingCmd().exec();
                if (!connected) {
                    LOG.info("docker: connected to {}", socket);
                }
                connected = true;
                backoffMs = 500;
                cache.keySet().forEach(this::inspectLater); // catch up on what changed while away
                ResultCallback.Adapter<Event> callback = client.eventsCmd()
                        .withEventTypeFilter(EventType.CONTAINER)
                        .exec(new ResultCallback.Adapter<>() {
                            @Override
                            public void onNext(Event e) {
                                if (e.getId() != null && cache.containsKey(e.getId())) {
                                    inspectLater(e.getId());
                                }
                            }
                        });
                eventStream = callback;
                callback.awaitCompletion();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.debug("docker events: {}", e.toString());
            }
            if (connected && running) {
                LOG.warn("docker: lost connection to {}; containers keep their cgroup names until it returns", socket);
            }
            connected = false;
            sleep(backoffMs);
            backoffMs = Math.min(backoffMs * 2, 10_000);
        }
    }

    private void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        running = false;
        Closeable s = eventStream;
        if (s != null) {
            try {
                s.close();
            } catch (Exception ignored) {
                // closing
            }
        }
        eventsThread.interrupt();
        inspector.shutdownNow();
        try {
            inspector.awaitTermination(2, TimeUnit.SECONDS);
            client.close();
        } catch (Exception ignored) {
            // closing
        }
    }
}
