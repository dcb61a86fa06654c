package dev.hindsight.query.engine;

import dev.hindsight.query.ast.AggregateExpr;
import dev.hindsight.query.ast.AggregateOp;
import dev.hindsight.query.engine.function.KahanSum;
import dev.hindsight.query.engine.function.Stats;
import dev.hindsight.storage.select.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntToDoubleFunction;

/** The aggregation operators, grouped {@code by} or {@code without} labels. */
final class Aggregations {
    private Aggregations() {
    }

    /** One output group: its labels and the indexes of its input elements, in input order. */
    private static final class Group {
        final Labels labels;
        int[] members = new int[4];
        int n;
        boolean dropName;

        Group(Labels labels) {
            this.labels = labels;
        }

        void add(int i, boolean drop) {
            if (n == members.length) {
                members = Arrays.copyOf(members, n * 2);
            }
            members[n++] = i;
            dropName |= drop;
        }

        double[] values(List<Elem> in) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = in.get(members[i]).v();
            }
            return v;
        }
    }

    static Object eval(Evaluator ev, AggregateExpr a, long t) {
        AggregateOp op = a.op();
        Object param = a.param() == null ? null : ev.eval(a.param(), t);
        List<Elem> in = ev.evalVector(a.expr(), t);
        if (op == AggregateOp.COUNT_VALUES) {
            return countValues(a, (String) param, in);
        }
        Map<Labels, Group> groups = group(ev, a, in);
        List<Elem> out = new ArrayList<>(groups.size());
        switch (op) {
            case TOPK, BOTTOMK, LIMITK -> {
                long k = kParam((Double) param);
                for (Group g : groups.values()) {
                    selectK(op, k, g, in, out);
                }
            }
            case LIMIT_RATIO -> {
                double r = (Double) param;
                if (Double.isNaN(r)) {
                    throw Evaluator.execError("Ratio value is NaN");
                }
                r = Math.max(-1, Math.min(1, r));
                for (Group g : groups.values()) {
                    for (int i = 0; i < g.n; i++) {
                        Elem el = in.get(g.members[i]);
                        double offset = ratioOffset(el.labels());
                        if ((r >= 0 && offset < r) || (r < 0 && offset >= 1.0 + r)) {
                            out.add(el);
                        }
                    }
                }
            }
            default -> {
                for (Group g : groups.values()) {
                    ev.budget.check();
                    double[] v = g.values(in);
                    double r = switch (op) {
                        case SUM -> KahanSum.sum(v, 0, v.length);
                        case AVG -> Stats.mean(v, 0, v.length);
                        case MIN -> Stats.min(v, 0, v.length);
                        case MAX -> Stats.max(v, 0, v.length);
                        case COUNT -> v.length;
                        case GROUP -> 1;
                        case STDDEV -> Math.sqrt(Stats.variance(v, 0, v.length));
                        case STDVAR -> Stats.variance(v, 0, v.length);
                        case QUANTILE -> Stats.quantile((Double) param, v, 0, v.length);
                        default -> throw new IllegalStateException(op.keyword());
                    };
                    boolean keepsName = g.labels.has(Labels.METRIC_NAME);
                    out.add(new Elem(g.labels, r, keepsName && g.dropName));
                }
            }
        }
        return out;
    }

    /** Per-node cache of input labels to group labels, so each label set is reduced once per query. */
    private record GroupCache(AggregateExpr node) {
    }

    private static Map<Labels, Group> group(Evaluator ev, AggregateExpr a, List<Elem> in) {
        if (!a.without() && a.grouping().isEmpty()) {
            return oneGroup(in); // no labels to reduce: every element in the one group
        }
        @SuppressWarnings("unchecked")
        Map<Labels, Labels> cache = (Map<Labels, Labels>) ev.state(new GroupCache(a));
        if (cache == null) {
            cache = new java.util.HashMap<>();
            ev.putState(new GroupCache(a), cache);
        }
        Map<Labels, Group> groups = new LinkedHashMap<>();
        boolean keepAll = a.op() == AggregateOp.TOPK || a.op() == AggregateOp.BOTTOMK
                || a.op() == AggregateOp.LIMITK || a.op() == AggregateOp.LIMIT_RATIO;
        for (int i = 0; i < in.size(); i++) {
            Elem el = in.get(i);
            Labels gl = cache.computeIfAbsent(el.labels(), ls -> groupLabels(a, ls));
            Group g = groups.get(gl);
            if (g == null) {
                g = new Group(keepAll ? Labels.EMPTY : gl);
                groups.put(gl, g);
            }
            g.add(i, el.dropName());
        }
        return groups;
    }

    private static Map<Labels, Group> oneGroup(List<Elem> in) {
        Map<Labels, Group> groups = new LinkedHashMap<>();
        if (in.isEmpty()) {
            return groups;
        }
        Group g = new Group(Labels.EMPTY);
        for (int i = 0; i < in.size(); i++) {
            g.add(i, in.get(i).dropName());
        }
        groups.put(Labels.EMPTY, g);
        return groups;
    }

    static Labels groupLabels(AggregateExpr a, Labels ls) {
        if (a.without()) {
            List<String> drop = new ArrayList<>(a.grouping());
            drop.add(Labels.METRIC_NAME);
            return LabelSets.drop(ls, drop);
        }
        return LabelSets.keep(ls, a.grouping());
    }

    static long kParam(Double p) {
        double k = p;
        if (Double.isNaN(k)) {
            throw Evaluator.execError("Parameter value is NaN");
        }
        if (k >= 9.223372036854775807E18 || k <= -9.223372036854775807E18) {
            throw Evaluator.execError("Scalar value " + Values.formatGoV(k) + " overflows int64");
        }
        return (long) k;
    }

    private static void selectK(AggregateOp op, long k, Group g, List<Elem> in, List<Elem> out) {
        if (k < 1) {
            return;
        }
        int n = (int) Math.min(k, g.n);
        if (op == AggregateOp.LIMITK) {
            for (int i = 0; i < n; i++) {
                out.add(in.get(g.members[i]));
            }
            return;
        }
        boolean top = op == AggregateOp.TOPK;
        if (n <= SELECT_BY_INSERTION) {
            int[] best = new int[n];
            int kept = 0;
            IntToDoubleFunction valueOf = j -> in.get(j).v();
            for (int i = 0; i < g.n; i++) {
                kept = TopKInsertion.insert(best, kept, g.members[i], valueOf.applyAsDouble(g.members[i]), valueOf, top);
            }
            for (int i = 0; i < kept; i++) {
                out.add(in.get(best[i]));
            }
            return;
        }
        Integer[] idx = new Integer[g.n];
        for (int i = 0; i < g.n; i++) {
            idx[i] = g.members[i];
        }
        Arrays.sort(idx, (x, y) -> {
            double a = in.get(x).v();
            double b = in.get(y).v();
            if (Double.isNaN(a) || Double.isNaN(b)) {
                return Boolean.compare(Double.isNaN(a), Double.isNaN(b));
            }
            return top ? Double.compare(b, a) : Double.compare(a, b);
        });
        for (int i = 0; i < n; i++) {
            out.add(in.get(idx[i]));
        }
    }

    /** Up to this k, topk and bottomk keep the k first by insertion instead of sorting the group. */
    private static final int SELECT_BY_INSERTION = 64;

    private static List<Elem> countValues(AggregateExpr a, String label, List<Elem> in) {
        if (!LabelSets.isValidLabelName(label)) {
            throw Evaluator.execError("invalid label name " + Values.goQuote(label));
        }
        Map<Labels, double[]> counts = new LinkedHashMap<>();
        for (Elem el : in) {
            Labels gl = groupLabels(a, el.labels());
            TreeMap<String, String> m = gl.toMap();
            m.put(label, Values.formatGo(el.v()));
            counts.computeIfAbsent(Labels.fromMap(m), k -> new double[1])[0]++;
        }
        List<Elem> out = new ArrayList<>(counts.size());
        counts.forEach((ls, c) -> out.add(new Elem(ls, c[0], false)));
        return out;
    }

    /** A stable pseudo-random position in [0, 1) of a series, from a 64-bit hash of its labels. */
    static double ratioOffset(Labels ls) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < ls.size(); i++) {
            for (byte b : ls.name(i).getBytes(StandardCharsets.UTF_8)) {
                h = (h ^ (b & 0xff)) * 0x100000001b3L;
            }
            h = (h ^ 0xff) * 0x100000001b3L;
            for (byte b : ls.value(i).getBytes(StandardCharsets.UTF_8)) {
                h = (h ^ (b & 0xff)) * 0x100000001b3L;
            }
            h = (h ^ 0xff) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (h >>> 11) * 0x1.0p-53;
    }
}
