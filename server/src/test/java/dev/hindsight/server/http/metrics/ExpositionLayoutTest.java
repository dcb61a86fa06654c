package dev.hindsight.server.http.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.select.Labels;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpositionLayoutTest {
    private static List<String> lines(ExpositionLayout l) {
        List<String> out = new ArrayList<>();
        for (int f = 0; f < l.familyCount(); f++) {
            for (int p = l.familyStart(f); p < l.familyStart(f + 1); p++) {
                out.add(l.seriesAt(p) + " " + new String(l.prefixAt(p), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Test
    void groupsByNameSortsByLabelsAndEscapes() {
        Labels[] s = {
            Labels.of("__name__", "b_total", "id", "/z"),
            Labels.of("__name__", "a", "id", "/y", "name", "q\"u\\o\nte"),
            Labels.of("__name__", "b_total", "id", "/a"),
            null,
            Labels.of("__name__", "a", "id", "/ü"),
            Labels.of("id", "/nameless"),
            Labels.of("__name__", "c")};
        ExpositionLayout l = ExpositionLayout.build(s, ExpositionLayout.EMPTY, 0);
        assertThat(l.familyCount()).isEqualTo(3);
        assertThat(l.name(0)).isEqualTo("a");
        assertThat(l.type(0)).isEqualTo("untyped");
        assertThat(lines(l)).containsExactly(
            "1 a{id=\"/y\",name=\"q\\\"u\\\\o\\nte\"} ",
            "4 a{id=\"/ü\"} ",
            "2 b_total{id=\"/a\"} ",
            "0 b_total{id=\"/z\"} ",
            "6 c ");
        assertThat(l.holds(0)).isTrue();
        assertThat(l.holds(3)).isFalse();
        assertThat(l.holds(5)).as("nameless series are left out").isFalse();
        assertThat(l.holds(7)).isFalse();
    }

    @Test
    void rebuildReusesRenderedBytesAndDropsVanishedSeries() {
        Labels a = Labels.of("__name__", "m", "id", "/a");
        Labels b = Labels.of("__name__", "m", "id", "/b");
        Labels c = Labels.of("__name__", "m", "id", "/c");
        ExpositionLayout first = ExpositionLayout.build(new Labels[] {null, b, c}, ExpositionLayout.EMPTY, 0);
        ExpositionLayout second = ExpositionLayout.build(new Labels[] {null, b, null, a}, first, 0);
        assertThat(lines(second)).containsExactly("3 m{id=\"/a\"} ", "1 m{id=\"/b\"} ");
        assertThat(second.prefixAt(1)).isSameAs(first.prefixAt(0));
        assertThat(second.holds(2)).isFalse();
    }

    @Test
    void anIdHandedOutAgainIsRenderedWithItsNewLabels() {
        Labels a = Labels.of("__name__", "m", "id", "/a");
        Labels b = Labels.of("__name__", "m", "id", "/b");
        Labels c = Labels.of("__name__", "m", "id", "/c");
        ExpositionLayout first = ExpositionLayout.build(new Labels[] {a, b}, ExpositionLayout.EMPTY, 0);
        // id 0 was retired and handed out again to /c
        ExpositionLayout second = ExpositionLayout.build(new Labels[] {c, b}, first, 1);
        assertThat(lines(second)).containsExactly("1 m{id=\"/b\"} ", "0 m{id=\"/c\"} ");
        assertThat(second.prefixAt(0)).isSameAs(first.prefixAt(1));
        assertThat(second.reusedIds()).isEqualTo(1);
    }

    @Test
    void writerCopiesPrefixesAndFormatsValuesLikeDoubleToString() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MetricsWriter w = new MetricsWriter(bytes, false);
        w.family("m", "gauge", "h");
        byte[] p = ExpositionLayout.render("m", Labels.of("id", "/a"));
        double[] values = {0, -0.0, 1, -1, 42, 999_999_999_999_999.0, 1e15, 0.1, 29.75, -2.5e-7, 1.0E300, Double.NaN,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Long.MAX_VALUE, 123_456_789_012.5};
        StringBuilder expected = new StringBuilder("# HELP m h\n# TYPE m gauge\n");
        for (double v : values) {
            w.sample(p, v);
            String s = Double.isNaN(v) ? "NaN" : v == Double.POSITIVE_INFINITY ? "+Inf"
                : v == Double.NEGATIVE_INFINITY ? "-Inf"
                : v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
            expected.append("m{id=\"/a\"} ").append(s).append('\n');
        }
        w.finish();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    }

    @Test
    void longLinesAndManySamplesCrossTheBufferIntact() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MetricsWriter w = new MetricsWriter(bytes, true);
        String big = "ä".repeat(70_000);
        w.family("m", "gauge", big);
        byte[] p = ExpositionLayout.render("m", Labels.of("v", big));
        for (int i = 0; i < 3; i++) {
            w.sample(p, i);
        }
        w.finish();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).isEqualTo("# HELP m " + big + "\n# TYPE m gauge\n"
            + ("m{v=\"" + big + "\"} 0\n") + ("m{v=\"" + big + "\"} 1\n") + ("m{v=\"" + big + "\"} 2\n") + "# EOF\n");
    }

    @Test
    void asciiLongsMatchLongToString() {
        long[] vs = {0, 7, -7, 9, 10, 99, 100, 123_456_789, -999_999_999_999_999L, Long.MAX_VALUE, Long.MIN_VALUE,
            1_000_000_000_000_000_000L};
        byte[] buf = new byte[24];
        for (long v : vs) {
            int end = AsciiNumbers.putLong(buf, 0, v);
            assertThat(new String(buf, 0, end, StandardCharsets.US_ASCII)).isEqualTo(Long.toString(v));
        }
    }
}
