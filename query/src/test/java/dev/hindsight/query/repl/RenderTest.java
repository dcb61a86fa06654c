package dev.hindsight.query.repl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.query.engine.Matrix;
import dev.hindsight.query.engine.Scalar;
import dev.hindsight.query.engine.Vector;
import dev.hindsight.storage.select.Labels;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Number formats, table fitting, sparkline scaling and the machine formats, without a terminal. */
class RenderTest {
    @Test
    void numbers() {
        assertThat(Numbers.exact(1e21)).isEqualTo("1000000000000000000000");
        assertThat(Numbers.exact(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(Numbers.exact(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
        assertThat(Numbers.readable(0.042815253916666664)).isEqualTo("0.04281525392");
        assertThat(Numbers.readable(2612695040.0)).isEqualTo("2612695040");
        assertThat(Numbers.compact(371_393_000)).isEqualTo("371.4M");
        assertThat(Numbers.compact(1234.5)).isEqualTo("1.235k");
        assertThat(Numbers.compact(0.0123456)).isEqualTo("0.01235");
        assertThat(Numbers.compact(0.0000123)).isEqualTo("1.23e-05");
        assertThat(Numbers.compact(-42)).isEqualTo("-42");
        assertThat(Numbers.compact(Double.NaN)).isEqualTo("NaN");
    }

    @Test
    void wideTablesShortenTheirWidestLabelColumnInTheMiddle() {
        String id = "/docker/" + "a".repeat(60) + "0001";
        Vector v = new Vector(List.of(
            new Vector.Sample(Labels.of("id", id, "name", "web"), 0, 1.5),
            new Vector.Sample(Labels.of("id", "/", "name", "db"), 0, 22)));
        List<String> lines = TableRenderer.vector(v, 40);
        assertThat(lines).containsExactly(
            "id                           name  value",
            "───────────────────────────  ────  ─────",
            "/docker/aaaaa…aaaaaaaaa0001  web     1.5",
            "/                            db       22",
            "2 series");
        assertThat(TableRenderer.vector(new Vector(List.of()), 80)).containsExactly("no data");
        assertThat(TableRenderer.scalar(new Scalar(0, Double.NaN))).containsExactly("NaN");
    }

    @Test
    void sparklinesScaleToTheirRangeAndLeaveGapsBlank() {
        Matrix.Series s = new Matrix.Series(Labels.of("a", "1"), new long[] {0, 1000, 2000, 4000},
            new double[] {0, 50, 100, 100});
        assertThat(ChartRenderer.sparkline(s, 0, 4000, 5)).isEqualTo("▁▅█ █");
        Matrix.Series zero = new Matrix.Series(Labels.EMPTY, new long[] {0, 1000}, new double[] {0, 0});
        assertThat(ChartRenderer.sparkline(zero, 0, 1000, 2)).isEqualTo("▁▁");
        Matrix.Series flat = new Matrix.Series(Labels.EMPTY, new long[] {0, 1000}, new double[] {100, 101});
        assertThat(ChartRenderer.sparkline(flat, 0, 1000, 2)).isEqualTo("██");
        List<String> lines = ChartRenderer.render(new Matrix(List.of(s)), new ChartRenderer.Grid(0, 4000, 1000), 80,
            ZoneOffset.UTC);
        assertThat(lines).containsExactly("1970-01-01 00:00:00 → 1970-01-01 00:00:04 UTC, step 1s, 5 points",
            "a=\"1\"  ▁▅█ █  min 0  max 100  last 100", "1 series");
    }

    @Test
    void jsonAndCsv() {
        Vector v = new Vector(List.of(new Vector.Sample(Labels.of("__name__", "up", "job", "a,\"b\""), 1_500, 1)));
        assertThat(MachineFormats.json(v)).isEqualTo(
            "{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"__name__\":\"up\",\"job\":\"a,\\\"b\\\"\"},"
                + "\"value\":[1.5,\"1\"]}]}");
        assertThat(MachineFormats.csv(v)).containsExactly("__name__,job,timestamp,value", "up,\"a,\"\"b\"\"\",1.5,1");
        Matrix m = new Matrix(List.of(new Matrix.Series(Labels.of("a", "x"), new long[] {0, 60_000},
            new double[] {1, Double.POSITIVE_INFINITY})));
        assertThat(MachineFormats.json(m)).isEqualTo(
            "{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"a\":\"x\"},\"values\":[[0,\"1\"],[60,\"+Inf\"]]}]}");
        assertThat(MachineFormats.csv(m)).containsExactly("a,timestamp,value", "x,0,1", "x,60,+Inf");
    }
}
