package dev.hindsight.collector.proc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class NetNamespaceProbeTest {
    private static void ns(Path proc, String pid, String target) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(pid).resolve("ns"));
        Files.createSymbolicLink(dir.resolve("net"), Path.of(target));
    }

    @Test
    void comparesWithPidOne(@TempDir Path proc) throws IOException {
        ns(proc, "1", "net:[4026531840]");
        ns(proc, "100", "net:[4026531840]");
        ns(proc, "200", "net:[4026532291]");
        NetNamespaceProbe probe = new NetNamespaceProbe(proc);
        assertThat(probe.classify(100)).isEqualTo(NetNamespaceProbe.Result.HOST);
        assertThat(probe.classify(200)).isEqualTo(NetNamespaceProbe.Result.SEPARATE);
        assertThat(probe.classify(300)).isEqualTo(NetNamespaceProbe.Result.UNKNOWN);
    }

    @Test
    void fallsBackToSelf(@TempDir Path proc) throws IOException {
        ns(proc, "self", "net:[1]");
        ns(proc, "5", "net:[1]");
        NetNamespaceProbe probe = new NetNamespaceProbe(proc);
        assertThat(probe.hostNamespace()).isEqualTo("net:[1]");
        assertThat(probe.classify(5)).isEqualTo(NetNamespaceProbe.Result.HOST);
    }

    @Test
    void liveProc() {
        NetNamespaceProbe probe = new NetNamespaceProbe(Path.of("/proc"));
        assertThat(probe.hostNamespace()).startsWith("net:[");
        assertThat(probe.classify((int) ProcessHandle.current().pid())).isNotEqualTo(NetNamespaceProbe.Result.UNKNOWN);
    }
}
