package dev.hindsight.query.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.junit.jupiter.api.Test;

/** Completion candidates by context, from a backend's metric names, label names and values. */
class QueryCompleterTest {
    private final LocalBackend backend = ReplFixture.backend();
    private final QueryCompleter completer = new QueryCompleter(new CompletionData(backend, () -> ReplFixture.NOW));

    /** Candidate values for the text before {@code |} (cursor there), and the word JLine replaces. */
    private List<String> complete(String textWithCursor) {
        int cursor = textWithCursor.indexOf('|');
        String text = textWithCursor.replace("|", "");
        ParsedLine line = new QueryLineParser().parse(text, cursor, Parser.ParseContext.COMPLETE);
        List<Candidate> out = new ArrayList<>();
        completer.complete(null, line, out);
        List<String> values = new ArrayList<>();
        for (Candidate c : out) {
            if (c.value().startsWith(line.word())) {
                values.add(c.value());
            }
        }
        return values;
    }

    @Test
    void functionsAggregationsAndMetricsAtTheStart() {
        assertThat(complete("ra|")).contains("rate(").doesNotContain("irate(", "sum");
        assertThat(complete("histogram_q|")).contains("histogram_quantile(");
        assertThat(complete("container_m|")).containsExactly("container_memory_working_set_bytes");
        assertThat(complete("sum(rate(container_c|")).containsExactly("container_cpu_usage_seconds_total");
        assertThat(complete("su|")).contains("sum", "sum_over_time(");
    }

    @Test
    void labelNamesInsideBracesAndGroupingLists() {
        assertThat(complete("container_memory_working_set_bytes{|")).containsExactlyInAnyOrder("__name__", "id", "name");
        assertThat(complete("container_memory_working_set_bytes{name=\"web\", i|")).containsExactly("id");
        assertThat(complete("sum by (na|")).containsExactly("name");
        assertThat(complete("sum without (|")).containsExactlyInAnyOrder("id", "name");
    }

    @Test
    void labelValuesQuotedAfterAMatchOperator() {
        assertThat(complete("container_memory_working_set_bytes{name=|")).containsExactly("\"db\"", "\"web\"");
        assertThat(complete("container_memory_working_set_bytes{name=\"w|")).containsExactly("\"web\"");
        assertThat(complete("container_memory_working_set_bytes{name!~'d|")).containsExactly("'db'");
        assertThat(complete("{id=\"/docker/a|")).containsExactly("\"/docker/aaa\"");
    }

    @Test
    void durationsInsideSquareBrackets() {
        assertThat(complete("rate(container_cpu_usage_seconds_total[|")).contains("5m", "1h");
    }

    @Test
    void commandsAreNotCompletedAsQueries() {
        assertThat(complete(":ra|")).isEmpty();
    }

    @Test
    void backendAnswersAreCachedForAWhileAndFailuresGiveNothing() {
        AtomicInteger calls = new AtomicInteger();
        long[] now = {0};
        ReplBackend counting = new ForwardingBackend(backend) {
            @Override
            public List<String> metricNames() {
                if (calls.incrementAndGet() == 3) {
                    throw new BackendException("down");
                }
                return super.metricNames();
            }
        };
        CompletionData data = new CompletionData(counting, () -> now[0]);
        assertThat(data.metricNames()).hasSize(2);
        assertThat(data.metricNames()).hasSize(2);
        assertThat(calls).hasValue(1);
        now[0] += CompletionData.TTL_MS;
        assertThat(data.metricNames()).hasSize(2);
        now[0] += CompletionData.TTL_MS;
        assertThat(data.metricNames()).isEmpty();
        assertThat(calls).hasValue(3);
    }

    @Test
    void enterContinuesOnlyWhileInputIsUnfinished() {
        assertThat(InputScan.incomplete("sum(rate(x[5m]")).isTrue();
        assertThat(InputScan.incomplete("x{a=\"(\"}")).isFalse();
        assertThat(InputScan.incomplete("x # comment (")).isFalse();
        assertThat(InputScan.incomplete("x +\\")).isTrue();
        assertThat(InputScan.incomplete("x{a=\"unterminated}")).isFalse();
        assertThat(InputScan.incomplete("x{a=`raw")).isTrue();
        assertThat(InputScan.incomplete("x)")).isFalse();
        assertThat(InputScan.normalize("sum( \\\n x)\n")).isEqualTo("sum( \n x)");
    }
}
