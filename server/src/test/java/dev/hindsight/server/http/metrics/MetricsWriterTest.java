package dev.hindsight.server.http.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MetricsWriterTest {
    static String write(boolean openMetrics) {
        StringWriter sw = new StringWriter();
        MetricsWriter w = new MetricsWriter(sw, openMetrics);
        w.family("requests_total", "counter", "Requests \\ with \"quotes\"\nand lines.");
        w.sample("requests_total", 3, "path", "/a\"b\\c\nd", "empty", "");
        w.family("temperature", "gauge", "");
        w.beginSample("temperature");
        w.label("room", "x");
        w.endSample(Double.NaN);
        w.sample("temperature", Double.POSITIVE_INFINITY);
        w.sample("temperature", 0.25);
        w.family("requests_total", "counter", "again");
        w.sample("requests_total", 99);
        w.family("failcnt", "counter", "no suffix");
        w.sample("failcnt", -1e300);
        w.finish();
        return sw.toString();
    }

    @Test
    void textFormat() {
        assertThat(write(false)).isEqualTo("""
            # HELP requests_total Requests \\\\ with "quotes"\\nand lines.
            # TYPE requests_total counter
            requests_total{path="/a\\"b\\\\c\\nd"} 3
            # HELP temperature\s
            # TYPE temperature gauge
            temperature{room="x"} NaN
            temperature +Inf
            temperature 0.25
            # HELP failcnt no suffix
            # TYPE failcnt counter
            failcnt -1.0E300
            """);
    }

    @Test
    void openMetricsDropsTotalFromCounterFamiliesAndEnds() {
        String om = write(true);
        assertThat(om).contains("# TYPE requests counter\n", "# HELP requests Requests \\\\ with \\\"quotes\\\"\\nand lines.\n",
            "requests_total{path=", "# TYPE failcnt unknown\n", "# TYPE temperature gauge\n").endsWith("# EOF\n");
        assertThat(om).doesNotContain("99").doesNotContain("again");
    }
}
