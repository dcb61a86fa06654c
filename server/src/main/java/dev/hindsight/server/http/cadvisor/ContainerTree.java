package dev.hindsight.server.http.cadvisor;

import dev.hindsight.storage.record.ContainerSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The containers the store knows, as cAdvisor's tree of cgroup paths ({@code /},
 * {@code /docker/<id>}, ...). A container's parent is its nearest known ancestor, so missing
 * intermediate cgroups do not hide anything. Built per request from the store's specs.
 */
final class ContainerTree {
    private final TreeMap<String, ContainerSpec> byPath = new TreeMap<>();

    ContainerTree(Collection<ContainerSpec> specs) {
        for (ContainerSpec s : specs) {
            ContainerSpec old = byPath.get(normalize(s.cgroupPath()));
            if (old == null || old.timestampMs() < s.timestampMs()) {
                byPath.put(normalize(s.cgroupPath()), s);
            }
        }
    }

    /** {@code ""}, {@code /a/}, {@code //a//b} as {@code /}, {@code /a}, {@code /a/b}; null when it has dot segments. */
    static String normalize(String path) {
        StringBuilder sb = new StringBuilder();
        for (String seg : path.split("/")) {
            if (seg.isEmpty()) {
                continue;
            }
            if (seg.equals(".") || seg.equals("..")) {
                return null;
            }
            sb.append('/').append(seg);
        }
        return sb.length() == 0 ? "/" : sb.toString();
    }

    Optional<ContainerSpec> get(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    /** Whether a path is a known container or an ancestor of one. */
    boolean exists(String path) {
        return byPath.containsKey(path) || !descendants(path).isEmpty() || path.equals("/");
    }

    /** Every known container strictly below a path. */
    List<ContainerSpec> descendants(String path) {
        String prefix = path.equals("/") ? "/" : path + "/";
        List<ContainerSpec> out = new ArrayList<>();
        for (Map.Entry<String, ContainerSpec> e : byPath.tailMap(prefix, true).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            if (!e.getKey().equals(path)) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    /** Containers whose nearest known ancestor is this path. */
    List<ContainerSpec> children(String path) {
        List<ContainerSpec> out = new ArrayList<>();
        for (ContainerSpec d : descendants(path)) {
            if (nearestAncestor(normalize(d.cgroupPath())).equals(path)) {
                out.add(d);
            }
        }
        return out;
    }

    private String nearestAncestor(String path) {
        String p = path;
        while (true) {
            int slash = p.lastIndexOf('/');
            p = slash <= 0 ? "/" : p.substring(0, slash);
            if (p.equals("/") || byPath.containsKey(p)) {
                return p;
            }
        }
    }

    List<ContainerSpec> docker() {
        return byPath.values().stream().filter(s -> s.runtime().equals("docker")).toList();
    }

    /** A Docker container by full id, unique id prefix, name or {@code /name}. */
    Optional<ContainerSpec> dockerContainer(String idOrName) {
        String key = idOrName.startsWith("/") ? idOrName.substring(1) : idOrName;
        List<ContainerSpec> byPrefix = new ArrayList<>();
        for (ContainerSpec s : docker()) {
            String id = dockerId(s);
            if (id.equals(key) || s.name().equals(key) || s.name().equals("/" + key)) {
                return Optional.of(s);
            }
            if (key.length() >= 4 && id.startsWith(key)) {
                byPrefix.add(s);
            }
        }
        return byPrefix.size() == 1 ? Optional.of(byPrefix.get(0)) : Optional.empty();
    }

    /** The Docker id in a cgroup path's last segment ({@code docker-<id>.scope} too), or empty. */
    static String dockerId(ContainerSpec s) {
        if (!s.runtime().equals("docker")) {
            return "";
        }
        String p = s.cgroupPath();
        String last = p.substring(p.lastIndexOf('/') + 1);
        if (last.startsWith("docker-")) {
            last = last.substring("docker-".length());
        }
        if (last.endsWith(".scope")) {
            last = last.substring(0, last.length() - ".scope".length());
        }
        return last;
    }
}
