package dev.hindsight.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Prometheus HTTP API over a real store: shapes, values, parameters and errors as Prometheus gives them. */
@Timeout(120)
class PromApiTest {
    static final long T0 = 1_700_000_400_000L;
    static final long NOW = T0 + 899_000;
    @TempDir
    static Path dir;
    static TestData data;
    static HttpServer server;
    static Http http;

    @BeforeAll
    static void start() {
        data = TestData.open(dir, T0, 900);
        server = HttpServer.start(TestData.loopback(), data.context(NOW));
        http = Http.of(server);
    }

    @AfterAll
    static void stop() {
        server.close();
        data.close();
    }

    static long sec(long ms) {
        return ms / 1000;
    }

    @Test
    void instantQueryIsAVectorWithUnixSecondsAndStringValues() {
        Http.Answer a = http.get("/api/v1/query?query=" + Http.enc("container_memory_working_set_bytes{name=\"web\"}")
            + "&time=" + sec(T0 + 100_000));
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.raw().headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(a.raw().headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        JsonNode j = a.json();
        assertThat(j.get("status").asText()).isEqualTo("success");
        assertThat(j.at("/data/resultType").asText()).isEqualTo("vector");
        JsonNode r = j.at("/data/result");
        assertThat(r).hasSize(1);
        assertThat(r.get(0).get("metric").get("__name__").asText()).isEqualTo("container_memory_working_set_bytes");
        assertThat(r.get(0).get("metric").get("id").asText()).isEqualTo(TestData.WEB);
        assertThat(r.get(0).get("metric").get("image").asText()).isEqualTo("img/web:1");
        assertThat(r.get(0).get("value").get(0).isNumber()).isTrue();
        assertThat(r.get(0).get("value").get(0).asLong()).isEqualTo(sec(T0) + 100);
        assertThat(r.get(0).get("value").get(1).asText()).isEqualTo("1100");
        assertThat(j.has("warnings")).isFalse();
    }

    @Test
    void fractionalTimesScalarsStringsAndSpecialValues() {
        JsonNode s = http.get("/api/v1/query?query=1%2B1&time=" + sec(NOW) + ".5").json();
        assertThat(s.at("/data/resultType").asText()).isEqualTo("scalar");
        assertThat(s.at("/data/result/0").decimalValue().toPlainString()).isEqualTo(sec(NOW) + ".5");
        assertThat(s.at("/data/result/1").asText()).isEqualTo("2");
        JsonNode str = http.get("/api/v1/query?query=" + Http.enc("\"hi\"")).json();
        assertThat(str.at("/data/resultType").asText()).isEqualTo("string");
        assertThat(str.at("/data/result/1").asText()).isEqualTo("hi");
        assertThat(str.at("/data/result/0").asLong()).isEqualTo(sec(NOW));
        assertThat(http.get("/api/v1/query?query=" + Http.enc("1/0")).json().at("/data/result/1").asText()).isEqualTo("+Inf");
        assertThat(http.get("/api/v1/query?query=" + Http.enc("-1/0")).json().at("/data/result/1").asText()).isEqualTo("-Inf");
        assertThat(http.get("/api/v1/query?query=" + Http.enc("0/0")).json().at("/data/result/1").asText()).isEqualTo("NaN");
        assertThat(http.get("/api/v1/query?query=0.1").json().at("/data/result/1").asText()).isEqualTo("0.1");
        String rfc = java.time.Instant.ofEpochMilli(T0 + 10_000).toString();
        JsonNode v = http.get("/api/v1/query?query=" + Http.enc("container_memory_working_set_bytes{name=\"db\"}")
            + "&time=" + rfc).json();
        assertThat(v.at("/data/result/0/value/1").asText()).isEqualTo("2010");
        JsonNode exp = http.get("/api/v1/query?query=" + Http.enc("container_memory_working_set_bytes{name=\"db\"}")
            + "&time=" + (T0 + 20_000) / 1000 / 1e9 + "e9").json();
        assertThat(exp.at("/data/result/0/value/1").asText()).isEqualTo("2020");
    }

    @Test
    void rangeQueryIsAMatrixOfPairs() {
        Http.Answer a = http.get("/api/v1/query_range?query=" + Http.enc("rate(container_cpu_usage_seconds_total{name=\"web\"}[1m])")
            + "&start=" + sec(T0 + 120_000) + "&end=" + sec(T0 + 300_000) + "&step=60");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode j = a.json();
        assertThat(j.at("/data/resultType").asText()).isEqualTo("matrix");
        JsonNode series = j.at("/data/result/0");
        assertThat(series.get("metric").has("__name__")).isFalse();
        assertThat(series.get("metric").get("name").asText()).isEqualTo("web");
        JsonNode values = series.get("values");
        assertThat(values).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(values.get(i).get(0).asLong()).isEqualTo(sec(T0) + 120 + 60L * i);
            assertThat(Double.parseDouble(values.get(i).get(1).asText())).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
        }
        JsonNode dur = http.get("/api/v1/query_range?query=" + Http.enc("container_processes{name=\"db\"}")
            + "&start=" + sec(T0 + 120_000) + "&end=" + sec(T0 + 180_000) + "&step=30s").json();
        assertThat(dur.at("/data/result/0/values")).hasSize(3);
        assertThat(dur.at("/data/result/0/values/2/1").asText()).isEqualTo("2");
    }

    @Test
    void formPostAnswersLikeGet() {
        Http.Answer post = http.postForm("/api/v1/query", "query", "sum(container_processes)", "time", Long.toString(sec(NOW)));
        Http.Answer get = http.get("/api/v1/query?query=" + Http.enc("sum(container_processes)") + "&time=" + sec(NOW));
        assertThat(post.status()).isEqualTo(200);
        assertThat(post.body()).isEqualTo(get.body());
        assertThat(post.json().at("/data/result/0/value/1").asText()).isEqualTo("6");
    }

    @Test
    void seriesLabelsAndLabelValues() {
        JsonNode s = http.get("/api/v1/series?match[]=" + Http.enc("container_processes") + "&match[]="
            + Http.enc("container_memory_usage_bytes{name=\"db\"}") + "&start=" + sec(T0) + "&end=" + sec(NOW)).json();
        assertThat(s.get("status").asText()).isEqualTo("success");
        List<String> names = new ArrayList<>();
        s.get("data").forEach(n -> names.add(n.get("__name__").asText() + "/" + n.get("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("container_processes/web", "container_processes/db",
            "container_processes/" + TestData.CRON, "container_memory_usage_bytes/db");
        JsonNode labels = http.get("/api/v1/labels").json();
        List<String> ln = new ArrayList<>();
        labels.get("data").forEach(n -> ln.add(n.asText()));
        assertThat(ln).contains("__name__", "id", "image", "name", "interface", "cpu").isSorted();
        JsonNode values = http.get("/api/v1/label/name/values?match[]=" + Http.enc("container_processes")).json();
        assertThat(values.get("data")).extracting(JsonNode::asText).containsExactly(TestData.CRON, "db", "web");
        JsonNode metricNames = http.get("/api/v1/label/__name__/values").json();
        assertThat(metricNames.get("data")).extracting(JsonNode::asText).contains("container_cpu_usage_seconds_total",
            "container_network_receive_bytes_total", "container_fs_reads_bytes_total");
        JsonNode limited = http.get("/api/v1/label/name/values?limit=2").json();
        assertThat(limited.get("data")).hasSize(2);
        assertThat(limited.get("warnings").get(0).asText()).isEqualTo("results truncated due to limit");
    }

    @Test
    void metadataBuildinfoAndExemplars() {
        JsonNode m = http.get("/api/v1/metadata?metric=container_cpu_usage_seconds_total").json();
        assertThat(m.at("/data/container_cpu_usage_seconds_total/0/type").asText()).isEqualTo("counter");
        assertThat(m.at("/data/container_cpu_usage_seconds_total/0/unit").asText()).isEqualTo("seconds");
        assertThat(m.get("data")).hasSize(1);
        assertThat(http.get("/api/v1/metadata").json().get("data").size()).isGreaterThan(30);
        JsonNode b = http.get("/api/v1/status/buildinfo").json();
        assertThat(b.at("/data/version").asText()).isEqualTo("2.42.0");
        assertThat(b.at("/data/revision").asText()).startsWith("hindsight-");
        assertThat(http.get("/api/v1/format_query?query=" + Http.enc("sum(rate(foo{a=\"b\"}[5m]))by(c)")).json()
            .get("data").asText()).isEqualTo("sum by (c) (rate(foo{a=\"b\"}[5m]))");
        assertThat(http.get("/api/v1/rules").json().at("/data/groups").isArray()).isTrue();
        assertThat(http.get("/api/v1/alerts").json().at("/data/alerts").size()).isZero();
        JsonNode e = http.get("/api/v1/query_exemplars?query=up&start=1&end=2").json();
        assertThat(e.get("status").asText()).isEqualTo("success");
        assertThat(e.get("data").isArray()).isTrue();
        assertThat(e.get("data")).isEmpty();
    }

    @Test
    void errorsCarryPrometheusTypesStatusesAndPositions() {
        Http.Answer parse = http.get("/api/v1/query?query=" + Http.enc("sum(rate(x[5m])"));
        assertThat(parse.status()).isEqualTo(400);
        JsonNode j = parse.json();
        assertThat(j.get("status").asText()).isEqualTo("error");
        assertThat(j.get("errorType").asText()).isEqualTo("bad_data");
        assertThat(j.get("error").asText()).matches("1:\\d+: parse error: .*");
        assertThat(j.at("/position/start").isInt()).isTrue();

        Http.Answer badLabel = http.get("/api/v1/query?query=" + Http.enc("foo{a=}"));
        assertThat(badLabel.json().get("error").asText()).startsWith("1:7: parse error:");

        Http.Answer exec = http.get("/api/v1/query?query=" + Http.enc(
            "container_processes + on(cpu) group_left container_processes"));
        assertThat(exec.status()).as(exec.body()).isEqualTo(422);
        assertThat(exec.json().get("errorType").asText()).isEqualTo("execution");

        assertThat(http.get("/api/v1/query_range?query=1&start=10&end=5&step=1").json().get("error").asText())
            .isEqualTo("end timestamp must not be before start time");
        Http.Answer step = http.get("/api/v1/query_range?query=1&start=1&end=5&step=0");
        assertThat(step.status()).isEqualTo(400);
        assertThat(step.json().get("error").asText()).startsWith("zero or negative query resolution step widths");
        assertThat(http.get("/api/v1/query_range?query=1&start=0&end=100000&step=1").json().get("error").asText())
            .startsWith("exceeded maximum resolution of 11,000 points");
        assertThat(http.get("/api/v1/query?query=1&time=yesterday").json().get("error").asText())
            .isEqualTo("invalid parameter \"time\": cannot parse \"yesterday\" to a valid timestamp");
        assertThat(http.get("/api/v1/query_range?query=1&end=5&step=1").json().get("error").asText())
            .startsWith("invalid parameter \"start\"");
        assertThat(http.get("/api/v1/series").json().get("error").asText()).isEqualTo("no match[] parameter provided");
        assertThat(http.get("/api/v1/series?match[]=" + Http.enc("rate(x[1m])")).status()).isEqualTo(400);
        assertThat(http.get("/api/v1/nope").status()).isEqualTo(404);
    }
}
