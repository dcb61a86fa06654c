package dev.hindsight.query.engine;

import dev.hindsight.query.ast.Call;
import dev.hindsight.query.engine.function.BucketMath;
import dev.hindsight.storage.select.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Histogram functions over classic buckets (series with an {@code le} label). Native
 * histograms are not stored by Hindsight, so the native-only functions
 * ({@code histogram_count}, {@code histogram_sum}, ...) return empty vectors.
 */
final class HistogramFunctions {
    private HistogramFunctions() {
    }

    /** The buckets of one output series. */
    private static final class Buckets {
        final Labels labels;
        double[] bounds = new double[8];
        double[] counts = new double[8];
        int n;

        Buckets(Labels labels) {
            this.labels = labels;
        }

        void add(double le, double count) {
            if (n == bounds.length) {
                bounds = Arrays.copyOf(bounds, n * 2);
                counts = Arrays.copyOf(counts, n * 2);
            }
            bounds[n] = le;
            counts[n] = count;
            n++;
        }
    }

    static Object eval(Evaluator ev, Call c, long t) {
        String name = c.function().name();
        switch (name) {
            case "histogram_quantile" -> {
                double q = ev.evalScalar(c.args().get(0), t);
                List<Elem> out = new ArrayList<>();
                for (Buckets b : group(ev.evalVector(c.args().get(1), t)).values()) {
                    out.add(new Elem(b.labels, BucketMath.quantile(q, Arrays.copyOf(b.bounds, b.n),
                            Arrays.copyOf(b.counts, b.n)), true));
                }
                return out;
            }
            case "histogram_fraction" -> {
                double lower = ev.evalScalar(c.args().get(0), t);
                double upper = ev.evalScalar(c.args().get(1), t);
                List<Elem> out = new ArrayList<>();
                for (Buckets b : group(ev.evalVector(c.args().get(2), t)).values()) {
                    out.add(new Elem(b.labels, BucketMath.fraction(lower, upper, Arrays.copyOf(b.bounds, b.n),
                            Arrays.copyOf(b.counts, b.n)), true));
                }
                return out;
            }
            case "histogram_quantiles" -> {
                List<Elem> in = ev.evalVector(c.args().get(0), t);
                String label = (String) ev.eval(c.args().get(1), t);
                double[] qs = new double[c.args().size() - 2];
                for (int i = 0; i < qs.length; i++) {
                    qs[i] = ev.evalScalar(c.args().get(i + 2), t);
                }
                List<Elem> out = new ArrayList<>();
                for (Buckets b : group(in).values()) {
                    if (b.labels.has(label)) {
                        throw Evaluator.execError("label " + Values.goQuote(label)
                                + " already exists in the input series of histogram_quantiles()");
                    }
                    for (double q : qs) {
                        out.add(new Elem(b.labels.with(label, Double.toString(q)), BucketMath.quantile(q,
                                Arrays.copyOf(b.bounds, b.n), Arrays.copyOf(b.counts, b.n)), true));
                    }
                }
                return out;
            }
            default -> {
                ev.evalVector(c.args().get(0), t);
                return new ArrayList<Elem>();
            }
        }
    }

    /** Groups bucket series by their labels without {@code le}; series with a bad or no le are ignored. */
    private static Map<Labels, Buckets> group(List<Elem> in) {
        Map<Labels, Buckets> groups = new LinkedHashMap<>();
        for (Elem el : in) {
            String le = el.labels().get("le");
            double bound;
            try {
                bound = parseLe(le);
            } catch (NumberFormatException e) {
                continue;
            }
            Labels key = el.labels().without("le");
            groups.computeIfAbsent(key, Buckets::new).add(bound, el.v());
        }
        return groups;
    }

    static double parseLe(String le) {
        String s = le.trim();
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "+inf", "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            case "" -> throw new NumberFormatException("empty");
            default -> Double.parseDouble(s);
        };
    }
}
