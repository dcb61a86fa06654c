package dev.hindsight.collector.discovery;

import java.util.List;

/**
 * Which cgroups are collected (cAdvisor's {@code raw_cgroup_prefix_whitelist} and
 * {@code docker_only}). Paths are relative to the hierarchy root and start with "/".
 *
 * @param includePrefixes when non-empty, only paths under one of these (and "/") are kept
 * @param excludePrefixes paths under any of these are dropped
 * @param runtimeOnly     keep only containers a runtime (Docker) owns, plus the root "/"
 */
public record ContainerFilter(List<String> includePrefixes, List<String> excludePrefixes, boolean runtimeOnly) {
    public static final ContainerFilter ALL = new ContainerFilter(List.of(), List.of(), false);

    public ContainerFilter {
        includePrefixes = List.copyOf(includePrefixes);
        excludePrefixes = List.copyOf(excludePrefixes);
    }

    /** Whether a path passes the prefix rules (the runtime rule is applied once identity is known). */
    public boolean accepts(String path) {
        for (String p : excludePrefixes) {
            if (under(path, p)) {
                return false;
            }
        }
        if (includePrefixes.isEmpty() || path.equals("/")) {
            return true;
        }
        for (String p : includePrefixes) {
            if (under(path, p)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a directory might hold accepted paths below it (so the scan must descend). */
    public boolean mayContain(String path) {
        for (String p : excludePrefixes) {
            if (under(path, p)) {
                return false;
            }
        }
        if (includePrefixes.isEmpty() || path.equals("/")) {
            return true;
        }
        for (String p : includePrefixes) {
            if (under(path, p) || under(p, path)) {
                return true;
            }
        }
        return false;
    }

    static boolean under(String path, String prefix) {
        if (prefix.equals("/") || path.equals(prefix)) {
            return true;
        }
        String p = prefix.endsWith("/") ? prefix : prefix + "/";
        return path.startsWith(p);
    }
}
