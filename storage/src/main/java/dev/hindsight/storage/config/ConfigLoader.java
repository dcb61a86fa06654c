package dev.hindsight.storage.config;

import com.fasterxml.jackson.core.JsonToken;
import dev.hindsight.storage.config.YamlTree.Entry;
import dev.hindsight.storage.config.YamlTree.ListNode;
import dev.hindsight.storage.config.YamlTree.MapNode;
import dev.hindsight.storage.config.YamlTree.Node;
import dev.hindsight.storage.config.YamlTree.Scalar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Loads {@code hindsight.yaml}. Every problem is collected (not only the first) and reported
 * together in one {@link ConfigException}, each as {@code file:line: field: what is wrong},
 * e.g. {@code hindsight.yaml:7: retention.rollups[1].keep: "3x" is not a duration}.
 * Absent keys take their defaults; unknown keys are errors, except the top-level sections
 * of later modules ({@link HindsightConfig#RESERVED_SECTIONS}), which are kept raw.
 */
public final class ConfigLoader {
    private static final List<String> TOP_KEYS = List.of("interval", "data_dir", "listen", "retention", "collector");
    private static final List<String> RETENTION_KEYS = List.of("raw", "head_window", "rollups", "max_disk_bytes");
    private static final List<String> ROLLUP_KEYS = List.of("resolution", "keep");
    private static final List<String> COLLECTOR_KEYS = List.of("cgroup_root", "include_prefixes", "exclude_prefixes",
        "docker_only", "docker_socket", "process_interval");

    private final String source;
    private final List<String> problems = new ArrayList<>();
    /** Line of each field path read, so that rule violations can name it. */
    private final Map<String, Integer> lines = new HashMap<>();

    private ConfigLoader(String source) {
        this.source = source;
    }

    /** Loads a file; its path as given names it in messages. */
    public static HindsightConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot read: " + e));
        }
        return parse(file.toString(), text);
    }

    /** Parses YAML text; {@code source} names it in messages. */
    public static HindsightConfig parse(String source, String yaml) {
        return new ConfigLoader(source).read(yaml);
    }

    private HindsightConfig read(String yaml) {
        Node root = YamlTree.parse(source, yaml, problems);
        if (root == null) {
            throw new ConfigException(problems);
        }
        if (!(root instanceof MapNode top)) {
            problems.add(source + ":" + root.line() + ": the document must be a map of settings, not " + root.kind());
            throw new ConfigException(problems);
        }
        HindsightConfig d = HindsightConfig.defaults();
        Map<String, Object> sections = new LinkedHashMap<>();
        for (Entry e : top.entries().values()) {
            if (HindsightConfig.RESERVED_SECTIONS.contains(e.key())) {
                sections.put(e.key(), YamlTree.toPlain(e.value()));
            } else if (!TOP_KEYS.contains(e.key())) {
                unknown(e, "", TOP_KEYS);
            }
        }
        long interval = duration(top, "interval", "", d.intervalMs());
        String dataDir = string(top, "data_dir", "", d.dataDir().toString());
        String listen = string(top, "listen", "", d.listen());
        RetentionConfig retention = retention(top.get("retention"), d.retention());
        CollectorConfig collector = collector(top.get("collector"), d.collector());

        if (dataDir != null && dataDir.isEmpty()) {
            problem(lines.getOrDefault("data_dir", 1), "data_dir", "must not be empty");
        }
        for (ConfigRules.Problem p : ConfigRules.check(interval, listen, retention)) {
            problem(lineOf(p.field()), p.field(), p.message());
        }
        if (!problems.isEmpty()) {
            problems.sort(ConfigLoader::byLine);
            throw new ConfigException(problems);
        }
        return new HindsightConfig(interval, Path.of(dataDir), listen, retention, collector, sections);
    }

    private RetentionConfig retention(Entry entry, RetentionConfig d) {
        MapNode m = section(entry, "retention");
        if (m == null) {
            return d;
        }
        checkKeys(m, "retention.", RETENTION_KEYS);
        long raw = duration(m, "raw", "retention.", d.rawMs());
        long head = duration(m, "head_window", "retention.", d.headWindowMs());
        List<RollupLevel> rollups = d.rollups();
        Entry r = m.get("rollups");
        if (r != null) {
            rollups = rollups(r);
        }
        OptionalLong maxBytes = d.maxDiskBytes();
        Entry mb = m.get("max_disk_bytes");
        if (mb != null) {
            maxBytes = byteSize(mb, "retention.max_disk_bytes");
        }
        return new RetentionConfig(raw, head, rollups, maxBytes);
    }

    private List<RollupLevel> rollups(Entry r) {
        lines.put("retention.rollups", r.keyLine());
        if (!(r.value() instanceof ListNode list)) {
            if (r.value() instanceof Scalar s && s.isNull()) {
                return List.of();
            }
            problem(r.value().line(), "retention.rollups", "must be a list of {resolution, keep}, not " + r.value().kind());
            return List.of();
        }
        List<RollupLevel> out = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            Node item = list.items().get(i);
            String path = "retention.rollups[" + i + "]";
            lines.put(path, item.line());
            if (!(item instanceof MapNode m)) {
                problem(item.line(), path, "must be a map {resolution, keep}, not " + item.kind());
                continue;
            }
            checkKeys(m, path + ".", ROLLUP_KEYS);
            long res = required(m, "resolution", path);
            long keep = required(m, "keep", path);
            out.add(new RollupLevel(res, keep));
        }
        return out;
    }

    private long required(MapNode m, String key, String path) {
        if (m.get(key) == null) {
            problem(m.line(), path + "." + key, "missing");
            return ConfigRules.INVALID;
        }
        return duration(m, key, path + ".", ConfigRules.INVALID);
    }

    private CollectorConfig collector(Entry entry, CollectorConfig d) {
        MapNode m = section(entry, "collector");
        if (m == null) {
            return d;
        }
        checkKeys(m, "collector.", COLLECTOR_KEYS);
        String root = string(m, "cgroup_root", "collector.", null);
        List<String> include = stringList(m, "include_prefixes", "collector.", d.includePrefixes());
        List<String> exclude = stringList(m, "exclude_prefixes", "collector.", d.excludePrefixes());
        boolean dockerOnly = bool(m, "docker_only", "collector.", d.dockerOnly());
        String socket = string(m, "docker_socket", "collector.", d.dockerSocket().toString());
        long processes = duration(m, "process_interval", "collector.", d.processIntervalMs());
        return new CollectorConfig(Optional.ofNullable(root).filter(s -> !s.isEmpty()).map(Path::of),
            include, exclude, dockerOnly, Path.of(socket == null ? d.dockerSocket().toString() : socket),
            processes == ConfigRules.INVALID ? d.processIntervalMs() : processes);
    }

    // ---- typed readers: each records the field's line and reports a problem on bad input ----

    private MapNode section(Entry entry, String name) {
        if (entry == null) {
            return null;
        }
        lines.put(name, entry.keyLine());
        if (entry.value() instanceof MapNode m) {
            return m;
        }
        if (!(entry.value() instanceof Scalar s && s.isNull())) {
            problem(entry.value().line(), name, "must be a map of settings, not " + entry.value().kind());
        }
        return null;
    }

    private Scalar scalar(MapNode m, String key, String prefix) {
        Entry e = m.get(key);
        if (e == null) {
            return null;
        }
        lines.put(prefix + key, e.value().line());
        if (e.value() instanceof Scalar s) {
            return s.isNull() ? null : s;
        }
        problem(e.value().line(), prefix + key, "must be a single value, not " + e.value().kind());
        return null;
    }

    private long duration(MapNode m, String key, String prefix, long dflt) {
        Entry e = m.get(key);
        Scalar s = scalar(m, key, prefix);
        if (s == null) {
            return e == null ? dflt : ConfigRules.INVALID;
        }
        OptionalLong ms = Durations.parseMillis(s.text());
        if (ms.isEmpty()) {
            problem(s.line(), prefix + key, ConfigRules.quote(s.text()) + " is not a duration (e.g. 10s, 5m, 1h30m, 14d, 2y)");
            return ConfigRules.INVALID;
        }
        return ms.getAsLong();
    }

    private OptionalLong byteSize(Entry e, String field) {
        lines.put(field, e.value().line());
        if (!(e.value() instanceof Scalar s)) {
            problem(e.value().line(), field, "must be a single value, not " + e.value().kind());
            return OptionalLong.empty();
        }
        if (s.isNull()) {
            return OptionalLong.empty();
        }
        OptionalLong bytes = ByteSizes.parse(s.text());
        if (bytes.isEmpty()) {
            problem(s.line(), field, ConfigRules.quote(s.text()) + " is not a byte size (e.g. 500MiB, 10GiB, 1TB)");
        }
        return bytes;
    }

    private String string(MapNode m, String key, String prefix, String dflt) {
        Scalar s = scalar(m, key, prefix);
        return s == null ? dflt : s.text();
    }

    private boolean bool(MapNode m, String key, String prefix, boolean dflt) {
        Scalar s = scalar(m, key, prefix);
        if (s == null) {
            return dflt;
        }
        if (s.token() == JsonToken.VALUE_TRUE || s.token() == JsonToken.VALUE_FALSE) {
            return s.token() == JsonToken.VALUE_TRUE;
        }
        problem(s.line(), prefix + key, ConfigRules.quote(s.text()) + " is not true or false");
        return dflt;
    }

    private List<String> stringList(MapNode m, String key, String prefix, List<String> dflt) {
        Entry e = m.get(key);
        if (e == null) {
            return dflt;
        }
        lines.put(prefix + key, e.value().line());
        if (e.value() instanceof Scalar s && s.isNull()) {
            return List.of();
        }
        if (!(e.value() instanceof ListNode list)) {
            problem(e.value().line(), prefix + key, "must be a list of strings, not " + e.value().kind());
            return dflt;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            Node item = list.items().get(i);
            if (item instanceof Scalar s && !s.isNull()) {
                out.add(s.text());
            } else {
                problem(item.line(), prefix + key + "[" + i + "]", "must be a string, not " + item.kind());
            }
        }
        return out;
    }

    private void checkKeys(MapNode m, String prefix, List<String> known) {
        Set<String> allowed = Set.copyOf(known);
        for (Entry e : m.entries().values()) {
            if (!allowed.contains(e.key())) {
                unknown(e, prefix, known);
            }
        }
    }

    private void unknown(Entry e, String prefix, List<String> known) {
        problem(e.keyLine(), prefix + e.key(), "unknown key (expected one of: " + String.join(", ", known) + ")");
    }

    private int lineOf(String field) {
        String f = field;
        while (true) {
            Integer line = lines.get(f);
            if (line != null) {
                return line;
            }
            int cut = Math.max(f.lastIndexOf('.'), f.lastIndexOf('['));
            if (cut <= 0) {
                return 1;
            }
            f = f.substring(0, cut);
        }
    }

    private void problem(int line, String field, String message) {
        problems.add(source + ":" + line + ": " + field + ": " + message);
    }

    private static int byLine(String a, String b) {
        return Integer.compare(lineNumber(a), lineNumber(b));
    }

    private static int lineNumber(String problem) {
        int end = problem.indexOf(": ");
        int start = problem.lastIndexOf(':', end - 1);
        try {
            return Integer.parseInt(problem.substring(start + 1, end));
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
