package dev.hindsight.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * {@code java -jar benchmarks.jar [JMH options]}: JMH's own command line, with Chronicle's
 * JVM flags (the build's one property, filtered into {@code hindsight-jvm.options}) appended
 * to every fork, so forks never run without them or with chronicle analytics enabled.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException, IOException {
        CommandLineOptions cli = new CommandLineOptions(args);
        String[] flags = jvmFlags();
        new Runner(new OptionsBuilder().parent(cli).jvmArgsAppend(flags).build()).run();
    }

    static String[] jvmFlags() throws IOException {
        try (InputStream in = BenchMain.class.getResourceAsStream("/hindsight-jvm.options")) {
            if (in == null) {
                throw new IllegalStateException("hindsight-jvm.options missing from the benchmarks jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split("\\s+");
        }
    }
}
