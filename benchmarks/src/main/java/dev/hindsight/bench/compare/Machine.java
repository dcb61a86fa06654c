package dev.hindsight.bench.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.stream.Stream;

/** What the report says about the machine, read from {@code /proc}. */
final class Machine {
    private Machine() {
    }

    static Results.Machine describe(String loadBefore) {
        return new Results.Machine(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), cpuModel(),
            Runtime.getRuntime().availableProcessors(), memTotal(), read("/proc/sys/kernel/osrelease"),
            System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"), loadBefore,
            loadAverage());
    }

    static String loadAverage() {
        String s = read("/proc/loadavg");
        String[] p = s.split("\\s+");
        return p.length >= 3 ? p[0] + " " + p[1] + " " + p[2] : s;
    }

    private static String cpuModel() {
        for (String line : read("/proc/cpuinfo").split("\n")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "?";
    }

    private static long memTotal() {
        for (String line : read("/proc/meminfo").split("\n")) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path)).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    static void deleteTree(Path d) {
        if (!Files.exists(d)) {
            return;
        }
        try (Stream<Path> s = Files.walk(d)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
