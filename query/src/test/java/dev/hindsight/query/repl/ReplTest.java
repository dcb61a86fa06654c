package dev.hindsight.query.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The prompt end to end over a dumb terminal: tables, charts, errors with carets, commands, history. */
@Timeout(60)
class ReplTest {
    @TempDir
    Path dir;

    private String run(String input) {
        return ReplFixture.session(ReplFixture.backend(), dir.resolve("history"), input);
    }

    @Test
    void instantQueryPrintsAnAlignedTable() {
        String out = run("container_memory_working_set_bytes\n");
        assertThat(out).contains("container_memory_working_set_bytes\n");
        assertThat(out).containsPattern("id +name +value\n─+ +─+ +─+\n/docker/aaa +web +8200\n/docker/bbb +db +2000\n");
        assertThat(out).contains("2 series");
    }

    @Test
    void rangeModeDrawsOneSparklinePerSeries() {
        String out = run(":range 1h 1m\nrate(container_cpu_usage_seconds_total[5m])\n");
        assertThat(out).contains("range queries over the last 1h, step 1m");
        assertThat(out).contains("2023-11-14 23:13:20 → 2023-11-15 00:13:20 UTC, step 1m, 61 points");
        assertThat(out).containsPattern("id=\"/docker/aaa\", name=\"web\"  █{20,61}  min 0.5   max 0.5   last 0.5\n");
        assertThat(out).containsPattern("id=\"/docker/bbb\", name=\"db\"   █{20,61}  min 0.25  max 0.25  last 0.25\n");
        assertThat(out).contains("promql[1h:1m]> ");
    }

    @Test
    void aGrowingSeriesRisesFromLowestToHighestBlock() {
        String out = run(":range 30m 1m\ncontainer_memory_working_set_bytes{name=\"web\"}\n");
        assertThat(out).containsPattern("container_memory_working_set_bytes\\{id=\"/docker/aaa\", name=\"web\"}\n  ▁[▁-█]{29}█  min 6.4k  max 8.2k  last 8.2k\n");
    }

    @Test
    void parseErrorsShowACaretUnderThePosition() {
        String out = run("sum(rate(container_cpu_usage_seconds_total{name=}[5m]))\n");
        assertThat(out).contains("error: 1:");
        String[] lines = out.split("\n");
        int i = 0;
        while (!lines[i].contains("error:")) {
            i++;
        }
        assertThat(lines[i + 1]).isEqualTo("  sum(rate(container_cpu_usage_seconds_total{name=}[5m]))");
        assertThat(lines[i + 2]).isEqualTo("  " + " ".repeat(48) + "^");
    }

    @Test
    void typeErrorsPointAtTheArgument() {
        String out = run("rate(container_cpu_usage_seconds_total)\n");
        assertThat(out).contains("error: ")
            .contains("  rate(container_cpu_usage_seconds_total)\n       ^\n");
    }

    @Test
    void multiLineInputContinuesWhileBracketsAreOpenOrALineEndsInABackslash() {
        String out = run("sum by (name) (\n  container_memory_working_set_bytes\n)\ncount(\\\ncontainer_memory_working_set_bytes)\n");
        assertThat(out).containsPattern("db +2000\n");
        assertThat(out).containsPattern("web +8200\n");
        assertThat(out).contains("{}  2\n");
    }

    @Test
    void instantSwitchesBackAndFormatsChangeTheOutput() {
        String out = run(":range 10m\n:instant\n:format json\ncount(container_memory_working_set_bytes)\n"
            + ":format csv\ncontainer_memory_working_set_bytes{name=\"db\"}\n:format xml\n:nope\n");
        assertThat(out).contains("instant queries at now");
        assertThat(out).contains("{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1700007200,\"2\"]}]}");
        assertThat(out).contains("__name__,id,name,timestamp,value\n"
            + "container_memory_working_set_bytes,/docker/bbb,db,1700007200,2000\n");
        assertThat(out).contains(":format xml: expected table, json or csv");
        assertThat(out).contains("unknown command :nope (try :help)");
    }

    @Test
    void scalarsAndHelpAndQuit() {
        String out = run("1 + 2\n:help\n:quit\nthis is never read\n");
        assertThat(out).contains("promql> 3\n");
        assertThat(out).contains(":range [LEN [STEP]]");
        assertThat(out).doesNotContain("this is never read");
    }

    @Test
    void atFixesTheEvaluationTime() {
        String out = run(":at -1h\ncontainer_memory_working_set_bytes{name=\"web\"}\n:at now\n");
        assertThat(out).contains("name=\"web\"}  4600\n");
        assertThat(out).contains("promql@2023-11-14 23:13:20> ");
        assertThat(out).contains("queries evaluate at the current time");
    }

    @Test
    void historyIsKeptAcrossSessions() throws Exception {
        run("count(container_memory_working_set_bytes)\n");
        assertThat(Files.readString(dir.resolve("history"))).contains("count(container_memory_working_set_bytes)");
        run("1\n");
        String saved = Files.readString(dir.resolve("history"));
        assertThat(saved).contains("count(container_memory_working_set_bytes)").contains(":1\n");
    }
}
