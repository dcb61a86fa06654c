package dev.hindsight.query.promqltest;

import dev.hindsight.storage.select.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parses a series description of the promqltest format: {@code metric{a="b"} 0+10x100 _ stale 1 -2x3}.
 * Values expand as in promtool: {@code a+bxn} and {@code a-bxn} give n+1 values, {@code axn}
 * repeats a n+1 times, {@code _} (or {@code _xn}) leaves steps empty, {@code stale} is a stale
 * marker, and {@code {{...}}} is a native histogram (recorded as such, not loaded).
 */
final class SeriesDescription {
    /** One expanded point: {@code kind} is VALUE, STALE, EMPTY or HISTOGRAM. */
    record Point(Kind kind, double value) {
        enum Kind { VALUE, STALE, EMPTY, HISTOGRAM }
    }

    record Parsed(Labels labels, List<Point> points) {
        boolean hasHistograms() {
            return points.stream().anyMatch(p -> p.kind() == Point.Kind.HISTOGRAM);
        }
    }

    private SeriesDescription() {
    }

    /** Parses a whole line: labels then values. */
    static Parsed parse(String line) {
        String s = line.trim();
        int[] end = new int[1];
        Labels labels = parseLabels(s, end);
        List<Point> points = expandValues(s.substring(end[0]));
        return new Parsed(labels, points);
    }

    /** Parses {@code name{labels}} or {@code {labels}} at the start of s; end[0] gets the end index. */
    static Labels parseLabels(String s, int[] end) {
        TreeMap<String, String> map = new TreeMap<>();
        int i = 0;
        int n = s.length();
        int start = i;
        while (i < n && isNameChar(s.charAt(i))) {
            i++;
        }
        if (i > start) {
            map.put(Labels.METRIC_NAME, s.substring(start, i));
        }
        if (i < n && s.charAt(i) == '{') {
            i++;
            while (true) {
                i = skipSpace(s, i);
                if (i >= n) {
                    throw new IllegalArgumentException("unterminated label set: " + s);
                }
                if (s.charAt(i) == '}') {
                    i++;
                    break;
                }
                if (s.charAt(i) == ',') {
                    i++;
                    continue;
                }
                String name;
                if (s.charAt(i) == '"' || s.charAt(i) == '\'' || s.charAt(i) == '`') {
                    int[] e = new int[1];
                    name = unquote(s, i, e);
                    i = e[0];
                } else {
                    int ns = i;
                    while (i < n && isNameChar(s.charAt(i))) {
                        i++;
                    }
                    name = s.substring(ns, i);
                }
                i = skipSpace(s, i);
                if (i < n && s.charAt(i) == '=') {
                    i = skipSpace(s, i + 1);
                    int[] e = new int[1];
                    String value = unquote(s, i, e);
                    i = e[0];
                    map.put(name, value);
                } else {
                    map.put(Labels.METRIC_NAME, name);
                }
            }
        }
        end[0] = i;
        return Labels.fromMap(map);
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == ':';
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Unquotes a Go-style string literal starting at i. */
    static String unquote(String s, int i, int[] end) {
        char q = s.charAt(i);
        StringBuilder b = new StringBuilder();
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != q) {
            char c = s.charAt(j);
            if (c == '\\' && q != '`' && j + 1 < s.length()) {
                char e = s.charAt(++j);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case '\\' -> b.append('\\');
                    case '"' -> b.append('"');
                    case '\'' -> b.append('\'');
                    case 'x' -> {
                        b.append((char) Integer.parseInt(s.substring(j + 1, j + 3), 16));
                        j += 2;
                    }
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(j + 1, j + 5), 16));
                        j += 4;
                    }
                    default -> b.append(e);
                }
            } else {
                b.append(c);
            }
            j++;
        }
        end[0] = j + 1;
        return b.toString();
    }

    /** Expands the value tokens of a description. */
    static List<Point> expandValues(String text) {
        List<Point> out = new ArrayList<>();
        String s = text.trim();
        int i = 0;
        while (i < s.length()) {
            i = skipSpace(s, i);
            if (i >= s.length()) {
                break;
            }
            if (s.startsWith("{{", i)) {
                int close = s.indexOf("}}", i);
                i = close + 2;
                if (i + 2 < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.startsWith("{{", i + 1)) {
                    i = s.indexOf("}}", i + 1) + 2;
                }
                int rep = 1;
                if (i < s.length() && s.charAt(i) == 'x') {
                    int e = i + 1;
                    while (e < s.length() && Character.isDigit(s.charAt(e))) {
                        e++;
                    }
                    rep = Integer.parseInt(s.substring(i + 1, e)) + 1;
                    i = e;
                }
                for (int k = 0; k < rep; k++) {
                    out.add(new Point(Point.Kind.HISTOGRAM, Double.NaN));
                }
                continue;
            }
            int e = i;
            while (e < s.length() && !Character.isWhitespace(s.charAt(e))) {
                e++;
            }
            expandToken(s.substring(i, e), out);
            i = e;
        }
        return out;
    }

    private static void expandToken(String tok, List<Point> out) {
        if (tok.equals("_")) {
            out.add(new Point(Point.Kind.EMPTY, Double.NaN));
            return;
        }
        if (tok.equals("stale")) {
            out.add(new Point(Point.Kind.STALE, Double.NaN));
            return;
        }
        if (tok.startsWith("_x")) {
            int n = Integer.parseInt(tok.substring(2));
            for (int k = 0; k < n; k++) {
                out.add(new Point(Point.Kind.EMPTY, Double.NaN));
            }
            return;
        }
        int x = tok.lastIndexOf('x');
        if (x > 0 && x < tok.length() - 1 && tok.substring(x + 1).chars().allMatch(Character::isDigit)) {
            int n = Integer.parseInt(tok.substring(x + 1));
            String head = tok.substring(0, x);
            double a;
            double b = 0;
            int op = findOperator(head);
            if (op > 0) {
                a = parseNumber(head.substring(0, op));
                b = parseNumber(head.substring(op + 1));
                if (head.charAt(op) == '-') {
                    b = -b;
                }
            } else {
                a = parseNumber(head);
            }
            for (int k = 0; k <= n; k++) {
                out.add(new Point(Point.Kind.VALUE, a + k * b));
            }
            return;
        }
        out.add(new Point(Point.Kind.VALUE, parseNumber(tok)));
    }

    /** Position of the + or - between the start value and the increment (not an exponent sign). */
    private static int findOperator(String head) {
        for (int i = 1; i < head.length(); i++) {
            char c = head.charAt(i);
            if ((c == '+' || c == '-') && head.charAt(i - 1) != 'e' && head.charAt(i - 1) != 'E') {
                return i;
            }
        }
        return -1;
    }

    static double parseNumber(String tok) {
        String t = tok.trim();
        String l = t.toLowerCase();
        return switch (l) {
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan", "+nan", "-nan" -> Double.NaN;
            default -> {
                yield Double.parseDouble(t);
            }
        };
    }

    static Map<String, String> asMap(Labels ls) {
        return ls.toMap();
    }
}
