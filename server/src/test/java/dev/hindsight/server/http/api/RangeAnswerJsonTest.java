package dev.hindsight.server.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hindsight.query.engine.Matrix;
import dev.hindsight.storage.select.Labels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A range answer's points, written past the generator in chunks, make the same JSON as the generator alone. */
class RangeAnswerJsonTest {
    @Test
    void pointsWrittenStraightToTheStreamMatchTheGeneratorsOwnOutput() throws IOException {
        List<Matrix.Series> series = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            int n = s == 0 ? 1 : s * 2_000; // several chunks for the long ones
            long[] ts = new long[n];
            double[] vs = new double[n];
            for (int i = 0; i < n; i++) {
                ts[i] = 1_700_000_000_000L + i * 15_500L;
                vs[i] = i % 7 == 0 ? Double.NaN : i % 5 == 0 ? i : i / 3.0 - s * 1e-9;
            }
            series.add(new Matrix.Series(Labels.of("__name__", "m", "i\"d", "/s" + s), ts, vs));
        }
        Matrix m = new Matrix(series);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(bytes)) {
            QueryHandlers.writeResult(g, m);
        }
        StringWriter chars = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(chars)) {
            QueryHandlers.writeResult(g, m); // a Writer: every point through the generator
        }
        String fast = bytes.toString(StandardCharsets.UTF_8);
        assertThat(fast).isEqualTo(chars.toString());
        JsonNode answer = new ObjectMapper().readTree(fast);
        assertThat(answer.at("/result")).hasSize(4);
        assertThat(answer.at("/result/3/values")).hasSize(6_000);
        assertThat(answer.at("/result/3/values/1/0").decimalValue()).isEqualByComparingTo("1700000015.5");
        assertThat(answer.at("/result/3/values/1/1").asText()).isEqualTo(Double.toString(1 / 3.0 - 3e-9));
        assertThat(answer.at("/result/0/values/0/1").asText()).isEqualTo("NaN");
        assertThat(answer.at("/result/1/metric/i\"d").asText()).isEqualTo("/s1");
    }

    @Test
    void pointsRenderedOnTwoThreadsMatchTheGeneratorsOwnOutput() throws IOException {
        List<Matrix.Series> series = new ArrayList<>();
        // windows of several series, a series longer than a window, and short ones between
        int[] lengths = {3, 700, 700, 20_000, 1, 0, 40_000, 5, 900, 900, 900, 900, 900, 900, 900, 900, 12, 2};
        for (int s = 0; s < lengths.length * 3; s++) {
            int n = lengths[s % lengths.length];
            long[] ts = new long[n];
            double[] vs = new double[n];
            for (int i = 0; i < n; i++) {
                ts[i] = 1_700_000_000_000L + i * 15_000L + s;
                vs[i] = i % 11 == 0 ? Double.POSITIVE_INFINITY : (i + s) / 7.0;
            }
            series.add(new Matrix.Series(Labels.of("__name__", "m", "s", Integer.toString(s)), ts, vs));
        }
        Matrix m = new Matrix(series);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (RangePoints two = RangePoints.withRenderThread(); JsonGenerator g = new JsonFactory().createGenerator(bytes)) {
            QueryHandlers.writeResult(g, m, two);
        }
        StringWriter chars = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(chars)) {
            QueryHandlers.writeResult(g, m);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(chars.toString());
        assertThat(new ObjectMapper().readTree(bytes.toByteArray()).at("/result")).hasSize(lengths.length * 3);
    }
}
