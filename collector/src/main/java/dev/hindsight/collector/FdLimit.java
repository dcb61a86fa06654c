package dev.hindsight.collector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's soft limit on open files, from /proc/self/limits (1024 when unreadable). */
final class FdLimit {
    private static final long SOFT = read();

    private FdLimit() {
    }

    static long soft() {
        return SOFT;
    }

    private static long read() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                    return f[0].equals("unlimited") ? 1L << 20 : Long.parseLong(f[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the conservative default
        }
        return 1024;
    }
}
