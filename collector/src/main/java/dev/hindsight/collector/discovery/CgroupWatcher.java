package dev.hindsight.collector.discovery;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Watches a cgroup hierarchy for directories created and removed, recursively (inotify on
 * Linux, through the JDK's WatchService; inotify itself is not recursive, so every
 * directory is registered as it appears). Changes are queued for the collecting thread
 * to {@link #drain}; an overflow asks it for a full re-scan.
 *
 * <p>Threads: a daemon thread of its own takes events; the collector drains.
 */
public final class CgroupWatcher implements AutoCloseable {
    /** A change seen by the watcher: a cgroup path (relative, as scanned) appeared or went. */
    public record Change(String path, boolean created) {
    }

    /** Receives drained changes; {@code rescan} asks for a full re-scan (events were lost). */
    public interface Listener {
        void onChange(Change change);

        void onRescanNeeded();
    }

    private final Path root;
    private final ContainerFilter filter;
    private final WatchService service;
    private final Map<WatchKey, String> keys = new HashMap<>(); // guarded by itself
    /** The key of each watched directory, by relative path (guarded by {@link #keys}). */
    private final Map<String, WatchKey> byPath = new HashMap<>();
    private final ConcurrentLinkedQueue<Change> changes = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean rescanNeeded;
    private volatile boolean running = true;

    public CgroupWatcher(Path root, ContainerFilter filter) throws IOException {
        this.root = root;
        this.filter = filter;
        this.service = FileSystems.getDefault().newWatchService();
        registerTree(root, "/", false);
        this.thread = new Thread(this::run, "hindsight-cgroup-watcher");
        thread.setDaemon(true);
    }

    public CgroupWatcher start() {
        thread.start();
        return this;
    }

    private void registerTree(Path dir, String rel, boolean announce) {
        if (!filter.mayContain(rel)) {
            return;
        }
        try {
            WatchKey key = dir.register(service, ENTRY_CREATE, ENTRY_DELETE);
            synchronized (keys) {
                keys.put(key, rel);
                byPath.put(rel, key);
            }
        } catch (IOException | RuntimeException vanished) {
            return;
        }
        if (announce && filter.accepts(rel)) {
            changes.add(new Change(rel, true));
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path child : children) {
                registerTree(child, join(rel, child.getFileName().toString()), announce);
            }
        } catch (IOException | RuntimeException vanished) {
            // gone already; its delete event follows
        }
    }

    private void run() {
        while (running) {
            WatchKey key;
            try {
                key = service.poll(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            if (key == null) {
                continue;
            }
            String rel;
            synchronized (keys) {
                rel = keys.get(key);
            }
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == OVERFLOW) {
                    rescanNeeded = true;
                    continue;
                }
                if (rel == null) {
                    continue;
                }
                String name = event.context().toString();
                String childRel = join(rel, name);
                if (event.kind() == ENTRY_CREATE) {
                    Path dir = CgroupScanner.resolve(root, childRel);
                    if (Files.isDirectory(dir)) {
                        registerTree(dir, childRel, true);
                    }
                } else if (event.kind() == ENTRY_DELETE) {
                    unwatch(childRel);
                    if (filter.mayContain(childRel)) {
                        changes.add(new Change(childRel, false));
                    }
                }
            }
            if (!key.reset()) {
                synchronized (keys) {
                    byPath.remove(keys.remove(key), key);
                }
            }
        }
    }

    /**
     * Stops watching a removed directory. The kernel does not tell a watch on cgroupfs that its
     * directory was removed (no IN_IGNORED arrives), so without this each container that came
     * and went would keep a key here and an inotify watch in the kernel (which has a per-user
     * cap, {@code fs.inotify.max_user_watches}).
     */
    private void unwatch(String rel) {
        WatchKey key;
        synchronized (keys) {
            key = byPath.remove(rel);
            if (key != null) {
                keys.remove(key);
            }
        }
        if (key != null) {
            key.cancel();
        }
    }

    /** Directories watched now (tests). */
    public int watchedDirectories() {
        synchronized (keys) {
            return keys.size();
        }
    }

    /** Hands every queued change to the listener, in order. Collector thread. */
    public void drain(Listener listener) {
        if (rescanNeeded) {
            rescanNeeded = false;
            listener.onRescanNeeded();
        }
        Change c;
        while ((c = changes.poll()) != null) {
            listener.onChange(c);
        }
    }

    private static String join(String rel, String name) {
        return rel.equals("/") ? "/" + name : rel + "/" + name;
    }

    @Override
    public void close() {
        running = false;
        try {
            service.close();
        } catch (IOException ignored) {
            // closing
        }
        thread.interrupt();
    }
}
