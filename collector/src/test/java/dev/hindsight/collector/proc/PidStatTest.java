package dev.hindsight.collector.proc;

import dev.hindsight.collector.io.TestFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

class PidStatTest {
    @ParameterizedTest
    @CsvSource({
        "stress-ng_parent_S, S, 1",
        "stress-ng_worker_R, R, 1",
        "comm_with_space_and_paren, S, 1",
        "sleep_in_netns, S, 1",
        "procfs_26231_vim, R, 1",
    })
    void fixtures(String name, char state, long threads) throws IOException {
        byte[] b = Files.readAllBytes(TestFixtures.proc("pid_stat/" + name));
        PidStat s = new PidStat();
        assertThat(s.parse(b, 0, b.length)).isTrue();
        assertThat(s.state()).isEqualTo(state);
        assertThat(s.threads()).isEqualTo(threads);
    }

    @Test
    void manyThreadsAndOddNames() {
        byte[] b = ("77 (a) b) c) D 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 37 0 1 2 3\n").getBytes(StandardCharsets.US_ASCII);
        PidStat s = new PidStat();
        assertThat(s.parse(b, 0, b.length)).isTrue();
        assertThat(s.state()).isEqualTo('D');
        assertThat(s.threads()).isEqualTo(37);
    }

    @Test
    void rejectsNonStatLines() {
        PidStat s = new PidStat();
        byte[] noParen = "1 init S 0".getBytes(StandardCharsets.US_ASCII);
        assertThat(s.parse(noParen, 0, noParen.length)).isFalse();
        byte[] truncated = "1 (init) S 0 1 1".getBytes(StandardCharsets.US_ASCII);
        assertThat(s.parse(truncated, 0, truncated.length)).isFalse();
    }
}
