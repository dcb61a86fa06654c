package dev.hindsight.storage.config;

import java.util.List;

/**
 * A configuration file the agent refuses to start with. Carries every problem found, each
 * formatted {@code file:line: field: what is wrong}; the message lists them one a line.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, in file order. */
    public List<String> problems() {
        return problems;
    }
}
