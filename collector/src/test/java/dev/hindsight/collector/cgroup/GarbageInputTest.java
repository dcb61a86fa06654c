package dev.hindsight.collector.cgroup;

import dev.hindsight.collector.io.TestFixtures;
import dev.hindsight.collector.io.StatFile;
import dev.hindsight.collector.proc.NetDevReader;
import dev.hindsight.collector.proc.NetDevStats;
import dev.hindsight.collector.proc.PidStat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Truncated, mangled or random file contents are results (absent fields, MALFORMED), never exceptions. */
@Timeout(60)
class GarbageInputTest {
    private static final byte[] ALPHABET = "0123456789 :=-\n\tabcdefmaxtotalsomefullrbytes=Read Write)(".getBytes();

    @TempDir
    Path tmp;

    private static byte[] garbage(Random random, byte[] original) {
        int mode = random.nextInt(4);
        if (mode == 0 && original.length > 0) {
            return java.util.Arrays.copyOf(original, random.nextInt(original.length)); // truncated
        }
        if (mode == 1 && original.length > 0) {
            byte[] copy = original.clone(); // a few bytes flipped
            for (int i = 0; i < 3; i++) {
                copy[random.nextInt(copy.length)] = ALPHABET[random.nextInt(ALPHABET.length)];
            }
            return copy;
        }
        byte[] b = new byte[random.nextInt(300)];
        for (int i = 0; i < b.length; i++) {
            b[i] = mode == 2 ? ALPHABET[random.nextInt(ALPHABET.length)] : (byte) random.nextInt(256);
        }
        return b;
    }

    private static void mangleAll(Path root, Path pristine, Random random) throws IOException {
        try (Stream<Path> files = Files.walk(pristine)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.write(root.resolve(pristine.relativize(f).toString()), garbage(random, Files.readAllBytes(f)));
            }
        }
    }

    @Test
    void v1AndV2ReadersSurviveGarbage() throws IOException {
        Path v1 = TestFixtures.copyTree(TestFixtures.v1("limited"), tmp.resolve("v1"));
        // a v2 directory: v1 memory files (unknown names to the v2 reader) plus mangled v2 files
        Path v2Pristine = TestFixtures.v1("oom");
        Path v2 = TestFixtures.copyTree(v2Pristine.resolve("memory"), tmp.resolve("v2"));
        CgroupV1Reader r1 = new CgroupV1Reader();
        CgroupV2Reader r2 = new CgroupV2Reader();
        CgroupLimitsReader limits = new CgroupLimitsReader();
        ContainerStats stats = new ContainerStats();
        Random random = new Random(42);
        for (int round = 0; round < 150; round++) {
            mangleAll(v1, TestFixtures.v1("limited"), random);
            mangleAll(v2, v2Pristine.resolve("memory"), random);
            for (String name : List.of("cpu.stat", "io.stat", "memory.events", "cpu.pressure", "memory.current")) {
                Files.write(v2.resolve(name), garbage(random, "8:0 rbytes=1 wbytes=2\nsome total=5\n".getBytes()));
            }
            try (ContainerPaths p1 = CgroupV1ReaderTest.paths(v1, false); ContainerPaths p2 = ContainerPaths.v2(v2, true)) {
                assertThatCode(() -> {
                    assertThat(r1.read(p1, stats)).isIn(ReadResult.OK, ReadResult.EMPTY);
                    assertThat(r2.read(p2, stats)).isIn(ReadResult.OK, ReadResult.EMPTY);
                    assertThat(limits.read(p1).result()).isIn(ReadResult.OK, ReadResult.EMPTY);
                    assertThat(limits.read(p2).result()).isIn(ReadResult.OK, ReadResult.EMPTY);
                }).as("round %d", round).doesNotThrowAnyException();
            }
        }
        assertThat(r1.errors().count(dev.hindsight.collector.io.ReadStatus.MALFORMED)).isPositive();
    }

    @Test
    void procParsersSurviveGarbage() throws IOException {
        Random random = new Random(7);
        byte[] netDev = Files.readAllBytes(TestFixtures.proc("net_dev/host_lo_eth0_ifb_veth"));
        byte[] stat = Files.readAllBytes(TestFixtures.proc("pid_stat/comm_with_space_and_paren"));
        Path f = tmp.resolve("dev");
        NetDevReader reader = new NetDevReader();
        NetDevStats out = new NetDevStats();
        PidStat pidStat = new PidStat();
        for (int round = 0; round < 500; round++) {
            Files.write(f, garbage(random, netDev));
            byte[] s = garbage(random, stat);
            assertThatCode(() -> {
                reader.read(new StatFile(f, false), out);
                pidStat.parse(s, 0, s.length);
            }).as("round %d", round).doesNotThrowAnyException();
        }
    }
}
