package dev.hindsight.query.engine;

import dev.hindsight.query.ast.Call;
import dev.hindsight.query.ast.Expr;
import dev.hindsight.storage.select.Labels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** label_replace, label_join and the sort functions (all keep the metric name). */
final class LabelFunctions {
    private LabelFunctions() {
    }

    static Object eval(Evaluator ev, Call c, long t) {
        String name = c.function().name();
        List<Expr> args = c.args();
        List<Elem> in = ev.evalVector(args.get(0), t);
        List<String> strs = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            strs.add((String) ev.eval(args.get(i), t));
        }
        return switch (name) {
            case "sort" -> sortByValue(in, false);
            case "sort_desc" -> sortByValue(in, true);
            case "sort_by_label" -> sortByLabel(in, strs, false);
            case "sort_by_label_desc" -> sortByLabel(in, strs, true);
            case "label_replace" -> checkUnique(labelReplace(in, strs.get(0), strs.get(1), strs.get(2), strs.get(3)));
            case "label_join" -> checkUnique(labelJoin(in, strs.get(0), strs.get(1), strs.subList(2, strs.size())));
            default -> throw new IllegalStateException(name);
        };
    }

    private static List<Elem> sortByValue(List<Elem> in, boolean desc) {
        List<Elem> out = new ArrayList<>(in);
        out.sort((a, b) -> {
            boolean na = Double.isNaN(a.v());
            boolean nb = Double.isNaN(b.v());
            if (na || nb) {
                return Boolean.compare(na, nb);
            }
            return desc ? Double.compare(b.v(), a.v()) : Double.compare(a.v(), b.v());
        });
        return out;
    }

    private static List<Elem> sortByLabel(List<Elem> in, List<String> names, boolean desc) {
        Comparator<Elem> cmp = (a, b) -> {
            for (String n : names) {
                int r = naturalCompare(a.labels().get(n), b.labels().get(n));
                if (r != 0) {
                    return r;
                }
            }
            return a.labels().compareTo(b.labels());
        };
        List<Elem> out = new ArrayList<>(in);
        out.sort(desc ? cmp.reversed() : cmp);
        return out;
    }

    /** Natural order: runs of digits compare by number, everything else by character. */
    static int naturalCompare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                String da = a.substring(si, i).replaceFirst("^0+(?=.)", "");
                String db = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
                int r = da.length() != db.length() ? Integer.compare(da.length(), db.length()) : da.compareTo(db);
                if (r != 0) {
                    return r;
                }
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static List<Elem> labelReplace(List<Elem> in, String dst, String repl, String src, String regex) {
        Pattern p;
        try {
            p = Pattern.compile("^(?:" + regex + ")$", Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw Evaluator.execError("invalid regular expression in label_replace(): " + regex);
        }
        if (!LabelSets.isValidLabelName(dst)) {
            throw Evaluator.execError("invalid destination label name in label_replace(): " + dst);
        }
        List<Elem> out = new ArrayList<>(in.size());
        for (Elem el : in) {
            Matcher m = p.matcher(el.labels().get(src));
            if (!m.matches()) {
                out.add(el);
                continue;
            }
            String res = expand(m, repl);
            Labels ls = el.labels().with(dst, res);
            boolean drop = el.dropName() && !dst.equals(Labels.METRIC_NAME);
            out.add(new Elem(ls, el.v(), drop));
        }
        return out;
    }

    /** Go's regexp.Expand: $1, ${1}, $name, ${name}, $$. */
    static String expand(Matcher m, String template) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char ch = template.charAt(i);
            if (ch != '$' || i + 1 >= template.length()) {
                b.append(ch);
                i++;
                continue;
            }
            char next = template.charAt(i + 1);
            if (next == '$') {
                b.append('$');
                i += 2;
                continue;
            }
            String name;
            int end;
            if (next == '{') {
                int close = template.indexOf('}', i + 2);
                if (close < 0) {
                    b.append(ch);
                    i++;
                    continue;
                }
                name = template.substring(i + 2, close);
                end = close + 1;
            } else {
                int j = i + 1;
                while (j < template.length() && (Character.isLetterOrDigit(template.charAt(j)) || template.charAt(j) == '_')) {
                    j++;
                }
                if (j == i + 1) {
                    b.append(ch);
                    i++;
                    continue;
                }
                name = template.substring(i + 1, j);
                end = j;
            }
            b.append(group(m, name));
            i = end;
        }
        return b.toString();
    }

    private static String group(Matcher m, String name) {
        String g = null;
        if (name.chars().allMatch(Character::isDigit)) {
            try {
                int idx = Integer.parseInt(name);
                if (idx <= m.groupCount()) {
                    g = m.group(idx);
                }
            } catch (NumberFormatException e) {
                return "";
            }
        } else {
            try {
                g = m.group(name);
            } catch (IllegalArgumentException e) {
                return "";
            }
        }
        return g == null ? "" : g;
    }

    private static List<Elem> labelJoin(List<Elem> in, String dst, String sep, List<String> srcs) {
        if (!LabelSets.isValidLabelName(dst)) {
            throw Evaluator.execError("invalid destination label name in label_join(): " + dst);
        }
        for (String s : srcs) {
            if (!LabelSets.isValidLabelName(s)) {
                throw Evaluator.execError("invalid source label name in label_join(): " + s);
            }
        }
        List<Elem> out = new ArrayList<>(in.size());
        for (Elem el : in) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < srcs.size(); i++) {
                if (i > 0) {
                    b.append(sep);
                }
                b.append(el.labels().get(srcs.get(i)));
            }
            Labels ls = el.labels().with(dst, b.toString());
            boolean drop = el.dropName() && !dst.equals(Labels.METRIC_NAME);
            out.add(new Elem(ls, el.v(), drop));
        }
        return out;
    }

    private static List<Elem> checkUnique(List<Elem> out) {
        Set<Labels> seen = new HashSet<>();
        for (Elem el : out) {
            if (!seen.add(el.labels())) {
                throw Evaluator.execError("vector cannot contain metrics with the same labelset");
            }
        }
        return out;
    }
}
