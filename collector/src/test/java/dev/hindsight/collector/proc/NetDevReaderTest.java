package dev.hindsight.collector.proc;

import dev.hindsight.collector.io.Ascii;
import dev.hindsight.collector.io.ReadStatus;
import dev.hindsight.collector.io.StatFile;
import dev.hindsight.collector.io.StatFileReader;
import dev.hindsight.collector.io.TestFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class NetDevReaderTest {
    private final NetDevReader reader = new NetDevReader();
    private final NetDevStats stats = new NetDevStats();

    private ReadStatus read(String fixture) {
        return reader.read(new StatFile(TestFixtures.proc("net_dev/" + fixture), true), stats);
    }

    @Test
    void containerNamespaceSkipsLoopback() {
        assertThat(read("netns-container_lo_eth0")).isEqualTo(ReadStatus.OK);
        assertThat(stats.count()).isEqualTo(1);
        assertThat(stats.name(0)).isEqualTo("eth0");
        assertThat(stats.rxBytes(0)).isEqualTo(3004522L);
        assertThat(stats.rxPackets(0)).isEqualTo(67);
        assertThat(stats.txBytes(0)).isEqualTo(7984L);
        assertThat(stats.txPackets(0)).isEqualTo(42);
        assertThat(stats.rxErrors(0)).isZero();
        assertThat(stats.txDropped(0)).isZero();
    }

    @Test
    void hostWithLongNameWithoutLeadingSpace() {
        assertThat(read("host_lo_eth0_ifb_veth")).isEqualTo(ReadStatus.OK);
        assertThat(stats.count()).isEqualTo(4);
        int veth = stats.indexOf(Ascii.bytes("veth-fx0"));
        assertThat(veth).isEqualTo(3);
        assertThat(stats.rxBytes(veth)).isEqualTo(7984L);
        assertThat(stats.txBytes(veth)).isEqualTo(3004522L);
        assertThat(stats.txPackets(veth)).isEqualTo(67);
        int eth0 = stats.indexOf(Ascii.bytes("eth0"));
        assertThat(stats.rxBytes(eth0)).isEqualTo(747540920L);
        assertThat(stats.txPackets(eth0)).isEqualTo(16609L);
        assertThat(stats.indexOf(Ascii.bytes("lo"))).isEqualTo(-1);
        assertThat(stats.nameEquals(0, Ascii.bytes("ifb0"))).isTrue();
    }

    @Test
    void loopbackWhenAskedFor() {
        NetDevReader withLo = new NetDevReader(new StatFileReader(), true);
        assertThat(withLo.read(new StatFile(TestFixtures.proc("net_dev/procfs_26231_lo_eth0"), false), stats))
                .isEqualTo(ReadStatus.OK);
        assertThat(stats.count()).isEqualTo(2);
        assertThat(stats.name(0)).isEqualTo("lo");
        assertThat(stats.rxBytes(1)).isEqualTo(438);
        assertThat(stats.txBytes(1)).isEqualTo(648);
    }

    @Test
    void reusedAcrossReadsAndManyInterfaces(@TempDir Path tmp) throws IOException {
        StringBuilder sb = new StringBuilder("Inter-|   Receive |  Transmit\n face |bytes ...|bytes ...\n");
        for (int i = 0; i < 40; i++) {
            sb.append("a-very-long-if").append(i).append(':');
            for (int f = 0; f < 16; f++) {
                sb.append(' ').append(i * 100 + f);
            }
            sb.append('\n');
        }
        Path f = tmp.resolve("dev");
        Files.writeString(f, sb.toString());
        StatFile file = new StatFile(f, true);
        assertThat(reader.read(file, stats)).isEqualTo(ReadStatus.OK);
        assertThat(stats.count()).isEqualTo(40);
        assertThat(stats.name(39)).isEqualTo("a-very-long-if39");
        assertThat(stats.txBytes(39)).isEqualTo(3908);
        assertThat(stats.rxDropped(39)).isEqualTo(3903);
        assertThat(reader.read(file, stats)).isEqualTo(ReadStatus.OK);
        assertThat(stats.count()).isEqualTo(40);
    }

    @Test
    void truncatedLineIsMalformed(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("dev");
        Files.writeString(f, "h1\nh2\n  eth0: 1 2 3\n");
        assertThat(reader.read(new StatFile(f, false), stats)).isEqualTo(ReadStatus.MALFORMED);
        assertThat(stats.count()).isZero();
    }

    @Test
    void goneProcessIsGone(@TempDir Path tmp) {
        assertThat(reader.read(new StatFile(tmp.resolve("4242/net/dev"), false), stats)).isEqualTo(ReadStatus.GONE);
    }
}
