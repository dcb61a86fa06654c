package dev.hindsight.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.hindsight.storage.config.Durations;
import dev.hindsight.storage.config.HindsightConfig;
import dev.hindsight.storage.config.RollupLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hindsight config}: print the effective configuration (file plus defaults plus the
 * command-line overrides {@code run} would apply) as YAML that loads back to the same
 * values. Secrets (passwords, tokens) are printed as {@code <redacted>}.
 */
@Command(name = "config", description = "Print the effective configuration (defaults filled in, secrets redacted).")
final class ConfigCommand implements Runnable {
    /** Keys whose values are never printed. */
    static final Set<String> SECRET_KEYS = Set.of("password", "bearer_token", "token", "pkcs12_password",
            "credentials");
    static final String REDACTED = "<redacted>";

    @Mixin
    ConfigOption config;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (overrides data_dir).")
    Path data;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "HTTP listen address (overrides listen).")
    String listen;

    @Override
    public void run() {
        HindsightConfig cfg = config.load();
        if (data != null) {
            cfg = cfg.withDataDir(data);
        }
        System.out.print(render(cfg, listen));
        System.out.flush();
    }

    /** The effective configuration as YAML; {@code listenOverride} replaces {@code listen} when not null. */
    static String render(HindsightConfig cfg, String listenOverride) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("interval", duration(cfg.intervalMs()));
        root.put("data_dir", cfg.dataDir().toAbsolutePath().normalize().toString());
        root.put("listen", listenOverride != null ? listenOverride : cfg.listen());
        Map<String, Object> retention = new LinkedHashMap<>();
        retention.put("raw", duration(cfg.retention().rawMs()));
        retention.put("head_window", duration(cfg.retention().headWindowMs()));
        List<Object> rollups = new ArrayList<>();
        for (RollupLevel level : cfg.retention().rollups()) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("resolution", duration(level.resolutionMs()));
            l.put("keep", duration(level.keepMs()));
            rollups.add(l);
        }
        retention.put("rollups", rollups);
        cfg.retention().maxDiskBytes().ifPresent(b -> retention.put("max_disk_bytes", b));
        root.put("retention", retention);
        Map<String, Object> collector = new LinkedHashMap<>();
        cfg.collector().cgroupRoot().ifPresent(p -> collector.put("cgroup_root", p.toString()));
        collector.put("include_prefixes", cfg.collector().includePrefixes());
        collector.put("exclude_prefixes", cfg.collector().excludePrefixes());
        collector.put("docker_only", cfg.collector().dockerOnly());
        collector.put("docker_socket", cfg.collector().dockerSocket().toString());
        collector.put("process_interval", duration(cfg.collector().processIntervalMs()));
        root.put("collector", collector);
        cfg.sections().forEach((k, v) -> root.put(k, redact(k, v)));
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));
        try {
            return "# effective configuration (defaults filled in)\n" + yaml.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whole days as days ({@code 90d}, not {@code 12w6d}); anything else as {@link Durations#format}. */
    static String duration(long ms) {
        long day = 86_400_000L;
        if (ms >= day && ms % day == 0 && ms % (365 * day) != 0) {
            return ms / day + "d";
        }
        return Durations.format(ms);
    }

    private static Object redact(String key, Object value) {
        if (SECRET_KEYS.contains(key) && value != null) {
            return REDACTED;
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), redact(String.valueOf(k), v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> redact("", v)).toList();
        }
        return value;
    }
}
