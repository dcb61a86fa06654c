package dev.hindsight.bench.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks one store's answer against a reference's: the same series (by their full label
 * sets, or without {@code __name__} where the peer's dialect names results differently), and
 * at every timestamp both answered, values within a relative tolerance (or, near zero, within
 * that tolerance times the series' largest value). Points only one side
 * has (lookback and staleness differ at series ends) are counted; more than
 * {@link #MAX_UNMATCHED_SHARE} of the reference's points is a disagreement.
 */
final class Agreement {
    /** Unmatched points (present on one side only) tolerated, as a share of the reference's points. */
    static final double MAX_UNMATCHED_SHARE = 0.02;
    /**
     * Near zero a relative error means little (a throttling rate of 0.0077 against 0 when one
     * throttled period falls on the window's edge): a difference of at most
     * {@code tolerance * ABS_SHARE} of the reference series' largest magnitude is accepted too.
     */
    static final double ABS_SHARE = 1.0;
    private static final int MAX_LISTED = 5;

    private Agreement() {
    }

    static Results.Check check(String query, String range, String store, QueryRunner.Answer answer, String reference,
                               QueryRunner.Answer ref, double tolerance, boolean ignoreName) {
        return check(query, range, store, answer, reference, ref, tolerance, 0, ignoreName);
    }

    /** As above, also accepting any difference of at most {@code absolute}. */
    static Results.Check check(String query, String range, String store, QueryRunner.Answer answer, String reference,
                               QueryRunner.Answer ref, double tolerance, double absolute, boolean ignoreName) {
        Map<String, TreeMap<Long, Double>> a = ignoreName ? withoutName(answer.series()) : answer.series();
        Map<String, TreeMap<Long, Double>> r = ignoreName ? withoutName(ref.series()) : ref.series();
        List<String> problems = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        for (String k : r.keySet()) {
            if (!a.containsKey(k)) {
                missing.add(k);
            }
        }
        for (String k : a.keySet()) {
            if (!r.containsKey(k)) {
                extra.add(k);
            }
        }
        if (!missing.isEmpty()) {
            problems.add(missing.size() + " of " + r.size() + " series missing, e.g. " + first(missing));
        }
        if (!extra.isEmpty()) {
            problems.add(extra.size() + " series not in " + reference + ", e.g. " + first(extra));
        }
        long compared = 0;
        long mismatched = 0;
        long unmatched = 0;
        long refPoints = 0;
        double maxRel = 0;
        List<String> examples = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Long, Double>> e : r.entrySet()) {
            TreeMap<Long, Double> mine = a.get(e.getKey());
            refPoints += e.getValue().size();
            if (mine == null) {
                continue;
            }
            double seriesMax = 0;
            for (double x : e.getValue().values()) {
                if (Double.isFinite(x)) {
                    seriesMax = Math.max(seriesMax, Math.abs(x));
                }
            }
            for (Map.Entry<Long, Double> p : e.getValue().entrySet()) {
                Double v = mine.get(p.getKey());
                if (v == null) {
                    unmatched++;
                    continue;
                }
                compared++;
                double rel = relError(v, p.getValue());
                maxRel = Math.max(maxRel, rel);
                boolean nearZero = Math.abs(v - p.getValue()) <= Math.max(absolute, tolerance * ABS_SHARE * seriesMax);
                if (rel > tolerance && !nearZero) {
                    mismatched++;
                    if (examples.size() < MAX_LISTED) {
                        examples.add(e.getKey() + " @" + p.getKey() / 1000 + ": " + v + " vs " + p.getValue());
                    }
                }
            }
            for (Long t : mine.keySet()) {
                if (!e.getValue().containsKey(t)) {
                    unmatched++;
                }
            }
        }
        if (mismatched > 0) {
            problems.add(mismatched + " of " + compared + " values differ by more than " + tolerance * 100
                + " % (max " + String.format("%.3g", maxRel * 100) + " %), e.g. " + examples);
        }
        if (unmatched > MAX_UNMATCHED_SHARE * Math.max(1, refPoints)) {
            problems.add(unmatched + " points present on one side only (of " + refPoints + ")");
        }
        if (r.isEmpty() && a.isEmpty()) {
            problems.add("both answers are empty: nothing was compared");
        }
        return new Results.Check(query, range, store, reference, tolerance, compared, mismatched,
            Double.isFinite(maxRel) ? maxRel : Double.MAX_VALUE, unmatched, problems);
    }

    /** |a - b| relative to the larger magnitude; 0 when both are NaN or equal. */
    static double relError(double a, double b) {
        if (Double.isNaN(a) && Double.isNaN(b) || a == b) {
            return 0;
        }
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.POSITIVE_INFINITY;
        }
        double scale = Math.max(Math.abs(a), Math.abs(b));
        return scale < 1e-12 ? 0 : Math.abs(a - b) / scale;
    }

    private static String first(List<String> keys) {
        return keys.subList(0, Math.min(2, keys.size())).toString();
    }

    static Map<String, TreeMap<Long, Double>> withoutName(Map<String, TreeMap<Long, Double>> in) {
        Map<String, TreeMap<Long, Double>> out = new TreeMap<>();
        in.forEach((k, v) -> out.put(k.replaceFirst("__name__=[^,}]*(, )?", ""), v));
        return out;
    }
}
