package dev.hindsight.query.promqltest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.hindsight.query.engine.Matrix;
import dev.hindsight.query.engine.Scalar;
import dev.hindsight.query.engine.StringValue;
import dev.hindsight.query.engine.Value;
import dev.hindsight.query.engine.Vector;
import dev.hindsight.storage.select.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Compares an engine result with an eval's expectations, the way Prometheus's test runner does. */
final class ResultComparator {
    private static final double EPSILON = 1e-6;

    private ResultComparator() {
    }

    /** One expected series: labels and points (timestamps derived from the eval). */
    private record Expected(Labels labels, long[] ts, double[] vs) {
    }

    static void compare(TestScript.Eval e, Value actual) {
        if (e.expectString() != null) {
            if (!(actual instanceof StringValue s)) {
                throw new AssertionError("expected a string, got " + actual);
            }
            assertEquals(e.expectString(), s.v());
            return;
        }
        if (actual instanceof StringValue s) {
            fail("unexpected string result " + s.v());
        }
        if (actual instanceof Scalar s) {
            if (e.expected().size() != 1) {
                fail("expected " + e.expected().size() + " series, got a scalar " + s.v());
            }
            double want = SeriesDescription.parseNumber(e.expected().get(0).trim());
            assertAlmost(want, s.v(), "scalar");
            return;
        }
        List<Expected> want = new ArrayList<>();
        for (String line : e.expected()) {
            want.add(expected(e, line));
        }
        if (actual instanceof Vector v) {
            compareVector(e, want, v);
        } else {
            compareMatrix(e, want, (Matrix) actual);
        }
    }

    private static Expected expected(TestScript.Eval e, String line) {
        SeriesDescription.Parsed p = SeriesDescription.parse(line);
        long start = e.start();
        long step = e.step();
        if (e.rangeVector() != null) {
            start = e.rangeVector()[0];
            step = e.rangeVector()[2];
        }
        List<Long> ts = new ArrayList<>();
        List<Double> vs = new ArrayList<>();
        long t = start;
        for (SeriesDescription.Point pt : p.points()) {
            if (pt.kind() == SeriesDescription.Point.Kind.VALUE) {
                ts.add(t);
                vs.add(pt.value());
            }
            t += step;
        }
        return new Expected(p.labels(), ts.stream().mapToLong(Long::longValue).toArray(),
                vs.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static void compareVector(TestScript.Eval e, List<Expected> want, Vector v) {
        if (e.range()) {
            fail("range query returned a vector");
        }
        Map<Labels, Vector.Sample> got = new HashMap<>();
        for (Vector.Sample s : v.samples()) {
            got.put(s.labels(), s);
        }
        if (want.size() != v.size()) {
            fail("expected " + want.size() + " samples, got " + v.size() + ": " + render(v));
        }
        for (int i = 0; i < want.size(); i++) {
            Expected w = want.get(i);
            Vector.Sample s = got.get(w.labels());
            if (s == null) {
                fail("expected series " + w.labels() + " not found in " + render(v));
            }
            if (e.ordered() && !v.samples().get(i).labels().equals(w.labels())) {
                fail("expected " + w.labels() + " at position " + i + ", got " + v.samples().get(i).labels());
            }
            if (w.vs().length != 1) {
                fail("expected series " + w.labels() + " has " + w.vs().length + " values for an instant result");
            }
            assertAlmost(w.vs()[0], s.v(), w.labels().toString());
        }
    }

    private static void compareMatrix(TestScript.Eval e, List<Expected> want, Matrix m) {
        Map<Labels, Matrix.Series> got = new HashMap<>();
        for (Matrix.Series s : m.series()) {
            got.put(s.labels(), s);
        }
        if (want.size() != m.series().size()) {
            fail("expected " + want.size() + " series, got " + m.series().size() + ": " + render(m));
        }
        for (Expected w : want) {
            Matrix.Series s = got.get(w.labels());
            if (s == null) {
                fail("expected series " + w.labels() + " not found in " + render(m));
            }
            if (s.size() != w.vs().length) {
                fail("series " + w.labels() + ": expected " + w.vs().length + " points, got " + s.size() + ": "
                        + render(m));
            }
            boolean checkTimes = e.range() || e.rangeVector() != null;
            for (int i = 0; i < s.size(); i++) {
                if (checkTimes && s.timestamps()[i] != w.ts()[i]) {
                    fail("series " + w.labels() + " point " + i + ": expected t=" + w.ts()[i] + ", got t="
                            + s.timestamps()[i] + ": " + render(m));
                }
                assertAlmost(w.vs()[i], s.values()[i], w.labels() + " @" + s.timestamps()[i]);
            }
        }
    }

    static void assertAlmost(double want, double got, String what) {
        if (!almostEqual(want, got)) {
            fail(what + ": expected " + want + ", got " + got);
        }
    }

    static boolean almostEqual(double a, double b) {
        if (Double.isNaN(a) && Double.isNaN(b)) {
            return true;
        }
        if (a == b) {
            return true;
        }
        double absSum = Math.abs(a) + Math.abs(b);
        double diff = Math.abs(a - b);
        if (a == 0 || b == 0 || absSum < Double.MIN_NORMAL) {
            return diff < EPSILON * Double.MIN_NORMAL;
        }
        return diff / Math.min(absSum, Double.MAX_VALUE) < EPSILON;
    }

    private static String render(Vector v) {
        StringBuilder b = new StringBuilder();
        for (Vector.Sample s : v.samples()) {
            b.append("\n  ").append(s.labels()).append(' ').append(s.v());
        }
        return b.toString();
    }

    private static String render(Matrix m) {
        StringBuilder b = new StringBuilder();
        for (Matrix.Series s : m.series()) {
            b.append("\n  ").append(s.labels());
            for (int i = 0; i < s.size(); i++) {
                b.append(' ').append(s.values()[i]).append('@').append(s.timestamps()[i]);
            }
        }
        return b.toString();
    }
}
