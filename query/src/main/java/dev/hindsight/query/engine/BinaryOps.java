package dev.hindsight.query.engine;

import dev.hindsight.query.ast.BinaryExpr;
import dev.hindsight.query.ast.BinaryOp;
import dev.hindsight.query.ast.Cardinality;
import dev.hindsight.query.ast.VectorMatching;
import dev.hindsight.storage.select.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Binary operators: scalar/scalar, vector/scalar and vector/vector with label matching. */
final class BinaryOps {
    private BinaryOps() {
    }

    @SuppressWarnings("unchecked")
    static Object eval(Evaluator ev, BinaryExpr b, long t) {
        Object l = ev.eval(b.lhs(), t);
        Object r = ev.eval(b.rhs(), t);
        BinaryOp op = b.op();
        if (l instanceof Double ld && r instanceof Double rd) {
            if (op.isComparison()) {
                return compare(op, ld, rd) ? 1.0 : 0.0;
            }
            return apply(op, ld, rd);
        }
        if (l instanceof Double ld) {
            return vectorScalar(op, (List<Elem>) r, ld, true, b.returnBool());
        }
        if (r instanceof Double rd) {
            return vectorScalar(op, (List<Elem>) l, rd, false, b.returnBool());
        }
        List<Elem> lv = (List<Elem>) l;
        List<Elem> rv = (List<Elem>) r;
        VectorMatching m = b.matching() != null ? b.matching() : VectorMatching.defaultFor(op);
        MatchCache c = (MatchCache) ev.state(new MatchKey(b));
        if (c == null) {
            c = new MatchCache(m);
            ev.putState(new MatchKey(b), c);
        }
        return switch (op) {
            case AND -> and(lv, rv, c);
            case OR -> or(lv, rv, c);
            case UNLESS -> unless(lv, rv, c);
            default -> vectorVector(op, lv, rv, c, b.returnBool());
        };
    }

    private record MatchKey(BinaryExpr node) {
    }

    private record LabelPair(Labels many, Labels one) {
    }

    /** Per-node caches of matching signatures and result label sets, reused across steps. */
    private static final class MatchCache {
        final VectorMatching m;
        final Map<Labels, String> sigs = new HashMap<>();
        final Map<LabelPair, Labels> results = new HashMap<>();

        MatchCache(VectorMatching m) {
            this.m = m;
        }

        String sig(Labels ls) {
            return sigs.computeIfAbsent(ls, l -> LabelSets.signature(l, m.on(), m.labels()));
        }

        Labels result(Labels many, Labels one) {
            return results.computeIfAbsent(new LabelPair(many, one), p -> resultMetric(p.many(), p.one(), m));
        }
    }

    /** Arithmetic result, or for comparisons the left value (NaN when the comparison fails is not used). */
    static double apply(BinaryOp op, double l, double r) {
        return switch (op) {
            case ADD -> l + r;
            case SUB -> l - r;
            case MUL -> l * r;
            case DIV -> l / r;
            case MOD -> l % r;
            case POW -> pow(l, r);
            case ATAN2 -> Math.atan2(l, r);
            default -> l;
        };
    }

    /** Go's math.Pow where it differs from Java's. */
    static double pow(double x, double y) {
        if (x == 1) {
            return 1;
        }
        if (x == -1 && Double.isInfinite(y)) {
            return 1;
        }
        return Math.pow(x, y);
    }

    static boolean compare(BinaryOp op, double l, double r) {
        return switch (op) {
            case EQL -> l == r;
            case NEQ -> l != r;
            case GTR -> l > r;
            case LSS -> l < r;
            case GTE -> l >= r;
            case LTE -> l <= r;
            default -> throw new IllegalArgumentException(op.symbol());
        };
    }

    static boolean dropsName(BinaryOp op) {
        return switch (op) {
            case ADD, SUB, MUL, DIV, MOD, POW, ATAN2 -> true;
            default -> false;
        };
    }

    private static List<Elem> vectorScalar(BinaryOp op, List<Elem> vec, double s, boolean scalarLeft,
            boolean returnBool) {
        List<Elem> out = new ArrayList<>(vec.size());
        for (Elem el : vec) {
            double lv = scalarLeft ? s : el.v();
            double rv = scalarLeft ? el.v() : s;
            if (op.isComparison()) {
                boolean keep = compare(op, lv, rv);
                if (returnBool) {
                    out.add(el.dropped(keep ? 1 : 0));
                } else if (keep) {
                    out.add(el);
                }
            } else {
                out.add(el.dropped(apply(op, lv, rv)));
            }
        }
        return out;
    }

    private static List<Elem> vectorVector(BinaryOp op, List<Elem> lhs, List<Elem> rhs, MatchCache c,
            boolean returnBool) {
        VectorMatching m = c.m;
        List<Elem> out = new ArrayList<>();
        if (lhs.isEmpty() || rhs.isEmpty()) {
            return out;
        }
        boolean oneToMany = m.card() == Cardinality.ONE_TO_MANY;
        List<Elem> many = oneToMany ? rhs : lhs;
        List<Elem> one = oneToMany ? lhs : rhs;
        Map<String, Elem> oneSigs = new HashMap<>();
        for (Elem rs : one) {
            String sig = c.sig(rs.labels());
            Elem dup = oneSigs.get(sig);
            if (dup != null) {
                Labels matched = LabelSets.matchLabels(rs.labels(), m.on(), m.labels());
                throw Evaluator.execError("found duplicate series for the match group " + LabelSets.goString(matched)
                        + " on the " + (oneToMany ? "left" : "right") + " hand-side of the operation: ["
                        + LabelSets.goString(dup.labels()) + ", " + LabelSets.goString(rs.labels())
                        + "];many-to-many matching not allowed: matching labels must be unique on one side");
            }
            oneSigs.put(sig, rs);
        }
        Map<String, Set<Labels>> matched = new HashMap<>();
        for (Elem ls : many) {
            String sig = c.sig(ls.labels());
            Elem rs = oneSigs.get(sig);
            if (rs == null) {
                continue;
            }
            double fl = oneToMany ? rs.v() : ls.v();
            double fr = oneToMany ? ls.v() : rs.v();
            Labels metric = c.result(ls.labels(), rs.labels());
            Set<Labels> inserted = matched.get(sig);
            if (m.card() == Cardinality.ONE_TO_ONE) {
                if (inserted != null) {
                    throw Evaluator.execError(
                            "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
                }
                matched.put(sig, Set.of());
            } else {
                if (inserted == null) {
                    inserted = new HashSet<>();
                    matched.put(sig, inserted);
                } else if (inserted.contains(metric)) {
                    throw Evaluator.execError(
                            "multiple matches for matching labels: grouping labels must ensure unique results");
                }
                inserted.add(metric);
            }
            double value;
            if (op.isComparison()) {
                boolean keep = compare(op, fl, fr);
                if (returnBool) {
                    value = keep ? 1 : 0;
                } else if (!keep) {
                    continue;
                } else {
                    value = fl;
                }
            } else {
                value = apply(op, fl, fr);
            }
            boolean drop = returnBool || dropsName(op) || ls.dropName();
            out.add(new Elem(metric, value, drop));
        }
        return out;
    }

    static Labels resultMetric(Labels many, Labels one, VectorMatching m) {
        Labels ls = many;
        if (m.card() == Cardinality.ONE_TO_ONE) {
            ls = m.on() ? LabelSets.keep(ls, m.labels()) : LabelSets.drop(ls, m.labels());
        }
        if (!m.include().isEmpty()) {
            java.util.TreeMap<String, String> map = ls.toMap();
            for (String ln : m.include()) {
                String v = one.get(ln);
                if (v.isEmpty()) {
                    map.remove(ln);
                } else {
                    map.put(ln, v);
                }
            }
            ls = Labels.fromMap(map);
        }
        return ls;
    }

    private static List<Elem> and(List<Elem> lhs, List<Elem> rhs, MatchCache c) {
        List<Elem> out = new ArrayList<>();
        if (lhs.isEmpty() || rhs.isEmpty()) {
            return out;
        }
        Set<String> right = new HashSet<>();
        for (Elem e : rhs) {
            right.add(c.sig(e.labels()));
        }
        for (Elem e : lhs) {
            if (right.contains(c.sig(e.labels()))) {
                out.add(e);
            }
        }
        return out;
    }

    private static List<Elem> or(List<Elem> lhs, List<Elem> rhs, MatchCache c) {
        if (lhs.isEmpty()) {
            return rhs;
        }
        if (rhs.isEmpty()) {
            return lhs;
        }
        List<Elem> out = new ArrayList<>(lhs);
        Set<String> left = new HashSet<>();
        for (Elem e : lhs) {
            left.add(c.sig(e.labels()));
        }
        for (Elem e : rhs) {
            if (!left.contains(c.sig(e.labels()))) {
                out.add(e);
            }
        }
        return out;
    }

    private static List<Elem> unless(List<Elem> lhs, List<Elem> rhs, MatchCache c) {
        if (lhs.isEmpty() || rhs.isEmpty()) {
            return lhs;
        }
        Set<String> right = new HashSet<>();
        for (Elem e : rhs) {
            right.add(c.sig(e.labels()));
        }
        List<Elem> out = new ArrayList<>();
        for (Elem e : lhs) {
            if (!right.contains(c.sig(e.labels()))) {
                out.add(e);
            }
        }
        return out;
    }
}
