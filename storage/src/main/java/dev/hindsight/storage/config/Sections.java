package dev.hindsight.storage.config;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks shared by the parsers of config sections that the loader keeps as plain maps (the
 * server's and the exporters'): each problem is added to the caller's list, naming its field,
 * so that all of them are reported together.
 */
public final class Sections {
    private Sections() {
    }

    /** {@code o} as a map of settings; an empty map, and a problem unless {@code o} is absent, when it is not one. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object o, String field, List<String> problems) {
        if (o instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        if (o != null) {
            problems.add(field + ": must be a map of settings");
        }
        return Map.of();
    }

    /** A problem for every key of {@code m} not in {@code known}, listing the known ones. */
    public static void checkKeys(Map<String, Object> m, String prefix, Set<String> known, List<String> problems) {
        for (String k : m.keySet()) {
            if (!known.contains(k)) {
                problems.add(prefix + "." + k + ": unknown setting (known: " + String.join(", ", new TreeSet<>(known))
                    + ")");
            }
        }
    }
}
