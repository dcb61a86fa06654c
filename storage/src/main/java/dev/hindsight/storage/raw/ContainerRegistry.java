package dev.hindsight.storage.raw;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives each container a stable int id, persisted in {@code <data>/containers.idx} so a
 * restarted agent continues the same ids, and a cgroup path reused after its container was
 * deleted gets a new one.
 *
 * <p>File format (UTF-8 text, one entry a line, appended; see storage/docs/format/containers-idx.md):
 * <pre>
 *   next\t&lt;first unused id&gt;
 *   +\t&lt;id&gt;\t&lt;created ms&gt;\t&lt;cgroup path&gt;
 *   -\t&lt;id&gt;\t&lt;deleted ms&gt;
 * </pre>
 * A last line without its newline (a write cut by SIGKILL) is ignored. The file is
 * compacted to the live entries each time it is opened. Single-threaded.
 */
public final class ContainerRegistry implements AutoCloseable {
    public static final String FILE_NAME = "containers.idx";

    private final Path file;
    private final Map<String, Integer> liveByPath = new HashMap<>();
    private final Map<Integer, Long> createdById = new HashMap<>();
    private int nextId = 1;
    private Writer out;

    private ContainerRegistry(Path file) {
        this.file = file;
    }

    public static ContainerRegistry open(Path dataDir) {
        ContainerRegistry r = new ContainerRegistry(dataDir.resolve(FILE_NAME));
        try {
            Files.createDirectories(dataDir);
            r.load();
            r.compact();
            r.out = Files.newBufferedWriter(r.file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open container registry " + r.file + ": " + e.getMessage(), e);
        }
        return r;
    }

    private void load() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        // Decoded leniently: damaged bytes lose their own line, never the file (see the format doc).
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n') + 1; // drop a torn last line
        for (String line : text.substring(0, end).split("\n")) {
            String[] f = line.split("\t", 4);
            try {
                switch (f[0]) {
                    case "next" -> nextId = Math.max(nextId, Integer.parseInt(f[1]));
                    case "+" -> {
                        int id = Integer.parseInt(f[1]);
                        liveByPath.put(f[3], id);
                        createdById.put(id, Long.parseLong(f[2]));
                        nextId = Math.max(nextId, id + 1);
                    }
                    case "-" -> {
                        int id = Integer.parseInt(f[1]);
                        liveByPath.values().remove(id);
                        createdById.remove(id);
                        nextId = Math.max(nextId, id + 1);
                    }
                    default -> {
                        // blank or foreign line: ignore
                    }
                }
            } catch (RuntimeException malformed) {
                // a damaged line loses one mapping, never the ids after it
            }
        }
    }

    private void compact() throws IOException {
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        StringBuilder sb = new StringBuilder();
        sb.append("next\t").append(nextId).append('\n');
        liveByPath.forEach((path, id) -> sb.append("+\t").append(id).append('\t')
                .append(createdById.getOrDefault(id, 0L)).append('\t').append(path).append('\n'));
        Files.writeString(tmp, sb, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The live id of a cgroup path, or 0 when none. */
    public int idOf(String cgroupPath) {
        return liveByPath.getOrDefault(cgroupPath, 0);
    }

    /** The live id of a path, assigning and persisting a new one when it has none. */
    public int acquire(String cgroupPath, long createdMs) {
        Integer id = liveByPath.get(cgroupPath);
        if (id != null) {
            return id;
        }
        int newId = nextId++;
        liveByPath.put(cgroupPath, newId);
        createdById.put(newId, createdMs);
        write("+\t" + newId + '\t' + createdMs + '\t' + cgroupPath + '\n');
        return newId;
    }

    /** Marks a path's container deleted: the next acquire of that path gets a new id. */
    public void release(String cgroupPath, long deletedMs) {
        Integer id = liveByPath.remove(cgroupPath);
        if (id != null) {
            createdById.remove(id);
            write("-\t" + id + '\t' + deletedMs + '\n');
        }
    }

    /** Paths with a live id, for reconciling with what exists after a restart. */
    public List<String> livePaths() {
        return new ArrayList<>(liveByPath.keySet());
    }

    private void write(String line) {
        try {
            out.write(line);
            out.flush();
        } catch (IOException e) {
            // The id stays valid in memory; after a restart this container would get a new id.
            // Losing persistence on a full disk must not stop collection.
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // nothing left to save
        }
    }
}
