package dev.hindsight.server.cli;

import dev.hindsight.storage.config.ConfigLoader;
import dev.hindsight.storage.config.HindsightConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option shared by commands: defaults, or ./hindsight.yaml when present. */
final class ConfigOption {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Config file (YAML). Default: ./hindsight.yaml when present, else built-in defaults.")
    Path file;

    /** The file {@link #load()} reads, or null when it uses the built-in defaults. */
    Path path() {
        if (file != null) {
            return file;
        }
        Path local = Path.of("hindsight.yaml");
        return Files.exists(local) ? local : null;
    }

    HindsightConfig load() {
        if (file != null) {
            if (!Files.exists(file)) {
                throw new IllegalArgumentException("config file " + file + " does not exist");
            }
            return ConfigLoader.load(file);
        }
        Path local = Path.of("hindsight.yaml");
        return Files.exists(local) ? ConfigLoader.load(local) : HindsightConfig.defaults();
    }
}
