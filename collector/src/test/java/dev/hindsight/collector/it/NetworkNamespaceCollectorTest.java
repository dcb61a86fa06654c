package dev.hindsight.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.collector.Collector;
import dev.hindsight.collector.CollectorConfig;
import dev.hindsight.collector.discovery.CgroupMounts;
import dev.hindsight.collector.discovery.ContainerFilter;
import dev.hindsight.storage.raw.ContainerRegistry;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.raw.RawLogReader;
import dev.hindsight.storage.raw.RawRecordHandler;
import dev.hindsight.storage.record.ContainerSampleFlyweight;
import dev.hindsight.storage.record.ContainerSampleLayout;
import dev.hindsight.storage.record.InterfaceSampleFlyweight;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-interface network stats of a process in its own network namespace, made by the test
 * (ip netns + a veth pair on a private /30); traffic is sent from the host side only to
 * that namespace. A process in the host's namespace is flagged instead.
 */
@Timeout(120)
class NetworkNamespaceCollectorTest {
    @TempDir
    Path data;

    @Test
    void interfaceCountersOfAContainerNamespaceAndHostNetworkFlag() throws Exception {
        TestEnvironment.requireRootAndCgroupV1();
        TestEnvironment.requireCommand("ip");
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String ns = "hs-it-" + tag;
        String hostSide = "hsh" + tag;
        String nsSide = "hsn" + tag;
        try (TestCgroup inNs = TestCgroup.create("hindsight-it-net");
             TestCgroup onHost = TestCgroup.create("hindsight-it-hostnet")) {
            run("ip", "netns", "add", ns);
            try {
                run("ip", "link", "add", hostSide, "type", "veth", "peer", "name", nsSide);
                run("ip", "link", "set", nsSide, "netns", ns);
                run("ip", "addr", "add", "10.213.7.1/30", "dev", hostSide);
                run("ip", "link", "set", hostSide, "up");
                run("ip", "netns", "exec", ns, "ip", "addr", "add", "10.213.7.2/30", "dev", nsSide);
                run("ip", "netns", "exec", ns, "ip", "link", "set", nsSide, "up");
                inNs.start("ip netns exec " + ns + " sleep 60");
                onHost.start("sleep 60");
                Thread.sleep(300);
                try (DatagramSocket socket = new DatagramSocket()) {
                    byte[] payload = new byte[1000];
                    for (int i = 0; i < 200; i++) {
                        socket.send(new DatagramPacket(payload, payload.length, InetAddress.getByName("10.213.7.2"), 9));
                    }
                }
                Thread.sleep(300);
                try (RawLog log = RawLog.open(data); ContainerRegistry registry = ContainerRegistry.open(data)) {
                    CollectorConfig config = CollectorConfig.defaults()
                            .withFilter(new ContainerFilter(List.of(inNs.path(), onHost.path()), List.of(), false))
                            .withDockerSocket(null);
                    try (Collector c = new Collector(config, log, registry, System::currentTimeMillis,
                            CgroupMounts.read(Path.of("/proc/self/mountinfo")), null, null)) {
                        c.collectAll(System.currentTimeMillis());
                    }
                    LogContents contents = LogContents.read(log);
                    int nsId = contents.idOf(inNs.path());
                    int hostId = contents.idOf(onHost.path());
                    Map<String, long[]> ifaces = new HashMap<>();
                    Map<Integer, Integer> flags = new HashMap<>();
                    try (RawLogReader r = log.reader()) {
                        r.poll(new RawRecordHandler() {
                            @Override
                            public void onInterfaceSample(long index, InterfaceSampleFlyweight s) {
                                if (s.containerId() == nsId) {
                                    ifaces.put(s.name(), new long[] {s.counter(InterfaceSampleFlyweight.RX_PACKETS),
                                        s.counter(InterfaceSampleFlyweight.RX_BYTES)});
                                }
                                assertThat(s.containerId()).as("host-network container reports no interfaces")
                                        .isNotEqualTo(hostId);
                            }

                            @Override
                            public void onContainerSample(long index, ContainerSampleFlyweight s) {
                                flags.put(s.containerId(), s.flags());
                            }
                        }, 10_000);
                    }
                    assertThat(ifaces).containsOnlyKeys(nsSide); // lo is skipped
                    assertThat(ifaces.get(nsSide)[0]).isGreaterThanOrEqualTo(200);
                    assertThat(ifaces.get(nsSide)[1]).isGreaterThanOrEqualTo(200L * 1000);
                    assertThat(flags.get(nsId) & ContainerSampleLayout.FLAG_HOST_NETWORK).isZero();
                    assertThat(flags.get(hostId) & ContainerSampleLayout.FLAG_HOST_NETWORK).isNotZero();
                }
            } finally {
                runQuietly("ip", "link", "del", hostSide);
                runQuietly("ip", "netns", "del", ns);
            }
        }
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", String.join(" ", cmd), out).isZero();
    }

    private static void runQuietly(String... cmd) {
        try {
            new ProcessBuilder(cmd).redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // best-effort cleanup
        }
    }
}
