package dev.hindsight.query.repl;

import java.util.Locale;
import java.util.Optional;

/** How results are printed: tables and charts for people, JSON (Prometheus's shape) or CSV for programs. */
public enum OutputFormat {
    TABLE, JSON, CSV;

    /** The format named {@code text} (case-insensitive), if any. */
    public static Optional<OutputFormat> parse(String text) {
        for (OutputFormat f : values()) {
            if (f.name().equalsIgnoreCase(text.trim())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
