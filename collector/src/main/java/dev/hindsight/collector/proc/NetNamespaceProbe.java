package dev.hindsight.collector.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells whether a process shares the host's network namespace, by comparing the targets of
 * {@code /proc/<pid>/ns/net} links ({@code net:[4026531840]}) with the host's, taken from
 * {@code /proc/1/ns/net} or, when that cannot be read, {@code /proc/self/ns/net}. A container
 * in the host namespace (e.g. {@code --network host}) must not report the host's interfaces
 * as its own. Not per-tick: it reads links as Strings.
 */
public final class NetNamespaceProbe {
    /** The answer for one process. */
    public enum Result {
        /** The process is in the host's network namespace. */
        HOST,
        /** The process has its own network namespace. */
        SEPARATE,
        /** The link could not be read (process gone, or not permitted). */
        UNKNOWN
    }

    private final Path procRoot;
    private final String hostNamespace;

    /** A probe over {@code procRoot} (normally {@code /proc}); reads the host namespace once. */
    public NetNamespaceProbe(Path procRoot) {
        this.procRoot = procRoot;
        String host = link(procRoot.resolve("1"));
        this.hostNamespace = host != null ? host : link(procRoot.resolve("self"));
    }

    /** The host namespace link target, or null when neither pid 1 nor self could be read. */
    public String hostNamespace() {
        return hostNamespace;
    }

    /** Whether {@code pid} is in the host network namespace. */
    public Result classify(int pid) {
        String ns = link(procRoot.resolve(Integer.toString(pid)));
        if (ns == null || hostNamespace == null) {
            return Result.UNKNOWN;
        }
        return ns.equals(hostNamespace) ? Result.HOST : Result.SEPARATE;
    }

    private static String link(Path pidDir) {
        try {
            return Files.readSymbolicLink(pidDir.resolve("ns").resolve("net")).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }
}
