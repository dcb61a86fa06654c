package dev.hindsight.storage.raw;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerRegistryTest {
    @TempDir
    Path dir;

    @Test
    void idsSurviveRestartAndReusedPathGetsNewId() {
        int a;
        int b;
        try (ContainerRegistry r = ContainerRegistry.open(dir)) {
            a = r.acquire("/docker/a", 1);
            b = r.acquire("/docker/b", 2);
            assertThat(r.acquire("/docker/a", 3)).isEqualTo(a);
            assertThat(b).isNotEqualTo(a);
        }
        try (ContainerRegistry r = ContainerRegistry.open(dir)) {
            assertThat(r.idOf("/docker/a")).isEqualTo(a);
            assertThat(r.idOf("/docker/b")).isEqualTo(b);
            r.release("/docker/a", 10);
            int a2 = r.acquire("/docker/a", 11);
            assertThat(a2).isNotIn(a, b);
        }
        try (ContainerRegistry r = ContainerRegistry.open(dir)) {
            assertThat(r.idOf("/docker/a")).isGreaterThan(b);
            assertThat(r.livePaths()).containsExactlyInAnyOrder("/docker/a", "/docker/b");
        }
    }

    @Test
    void tornLastLineIsIgnoredAndIdsNeverGoBackwards() throws Exception {
        try (ContainerRegistry r = ContainerRegistry.open(dir)) {
            r.acquire("/x", 1);
        }
        Files.writeString(dir.resolve(ContainerRegistry.FILE_NAME), "+\t99\t5\t/half", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        try (ContainerRegistry r = ContainerRegistry.open(dir)) {
            assertThat(r.idOf("/half")).isZero();
            assertThat(r.idOf("/x")).isEqualTo(1);
            assertThat(r.acquire("/y", 2)).isEqualTo(2);
        }
    }

    @Test
    void damagedBytesLoseOnlyTheirOwnLine() throws Exception {
        try (ContainerRegistry r = ContainerRegistry.open(dir)) {
            r.acquire("/a", 1);
            r.acquire("/b", 2);
        }
        Path file = dir.resolve(ContainerRegistry.FILE_NAME);
        byte[] good = Files.readAllBytes(file);
        byte[] garbage = {(byte) 0xff, (byte) 0xfe, '\t', (byte) 0xc3, '\n'};
        byte[] all = new byte[good.length + garbage.length];
        System.arraycopy(good, 0, all, 0, good.length);
        System.arraycopy(garbage, 0, all, good.length, garbage.length);
        Files.write(file, all);
        try (ContainerRegistry r = ContainerRegistry.open(dir)) {
            assertThat(r.idOf("/a")).isEqualTo(1);
            assertThat(r.idOf("/b")).isEqualTo(2);
            assertThat(r.acquire("/c", 3)).isEqualTo(3);
        }
    }
}
