package dev.hindsight.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhSummaryTest {
    @Test
    void tablesScoresAllocationAndTargets(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("jmh.json");
        Files.writeString(json, """
            [{"benchmark":"dev.hindsight.bench.ReplayBenchmark.replay","mode":"ss","params":{"containers":"1000"},
              "primaryMetric":{"score":400.0,"scoreError":10.0,"scoreUnit":"ns/op"},
              "secondaryMetrics":{"gc.alloc.rate.norm":{"score":12.5,"scoreUnit":"B/op"}}},
             {"benchmark":"dev.hindsight.bench.QueryEvalBenchmark.topkInstant","mode":"avgt","params":{"containers":"1000"},
              "primaryMetric":{"score":3.0,"scoreError":0.1,"scoreUnit":"ms/op"},"secondaryMetrics":{}}]
            """);
        List<JmhSummary.Row> rows = JmhSummary.rows(json);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).benchmark()).isEqualTo("ReplayBenchmark.replay");
        assertThat(rows.get(0).derived()).isEqualTo("2.50 M container samples/s");
        assertThat(rows.get(0).met()).isEqualTo("yes");
        assertThat(rows.get(0).allocBytes()).isEqualTo(12.5);
        assertThat(rows.get(1).met()).isEqualTo("**NO**");
        assertThat(JmhSummary.table(json)).contains("| QueryEvalBenchmark.topkInstant | containers=1000 | 3.00 |");
    }
}
