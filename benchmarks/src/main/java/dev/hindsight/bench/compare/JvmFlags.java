package dev.hindsight.bench.compare;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The build's Chronicle JVM flags, filtered into {@code hindsight-jvm.options} in the benchmarks jar. */
final class JvmFlags {
    private JvmFlags() {
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
