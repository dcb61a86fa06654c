package dev.hindsight.bench.compare;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JVM flags Hindsight's server runs with in the comparison: the build's Chronicle flags
 * (filtered into {@code hindsight-jvm.options} in the benchmarks jar) and the ones
 * {@code ./hindsight run} adds for the agent (heap sizing, Chronicle's block size), which the
 * launcher passes on in {@code HINDSIGHT_AGENT_JVM_FLAGS}.
 */
final class JvmFlags {
    private JvmFlags() {
    }

    /** The agent's flags from the launcher; empty when the harness was not started through it. */
    static List<String> agentFlags() {
        String flags = System.getenv("HINDSIGHT_AGENT_JVM_FLAGS");
        return flags == null || flags.isBlank() ? List.of() : List.of(flags.trim().split("\\s+"));
    }

    static String[] flags() {
        try (InputStream in = JvmFlags.class.getResourceAsStream("/hindsight-jvm.options")) {
            if (in == null) {
                throw new IllegalStateException("hindsight-jvm.options missing from the benchmarks jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split("\\s+");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
