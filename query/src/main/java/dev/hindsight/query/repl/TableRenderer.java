package dev.hindsight.query.repl;

import dev.hindsight.query.engine.Scalar;
import dev.hindsight.query.engine.StringValue;
import dev.hindsight.query.engine.Vector;
import dev.hindsight.storage.select.Labels;
import java.util.ArrayList;
import java.util.List;

/**
 * Instant results as an aligned table: labels shared by every series on one line above, one
 * column per label that differs, values right-aligned to ten significant digits. Too-wide columns are shortened
 * in the middle ({@code /docker/aaaa…0001}) until the table fits the terminal.
 */
final class TableRenderer {
    private static final int MIN_COLUMN = 12;

    private TableRenderer() {
    }

    static List<String> scalar(Scalar s) {
        return List.of(Numbers.readable(s.v()));
    }

    static List<String> string(StringValue s) {
        return List.of('"' + s.v().replace("\\", "\\\\").replace("\"", "\\\"") + '"');
    }

    static List<String> vector(Vector v, int width) {
        List<String> out = new ArrayList<>();
        if (v.size() == 0) {
            out.add("no data");
            return out;
        }
        List<Labels> sets = new ArrayList<>(v.size());
        v.samples().forEach(s -> sets.add(s.labels()));
        LabelColumns cols = LabelColumns.of(sets);
        if (v.size() == 1) {
            out.add(LabelColumns.show(sets.get(0)) + "  " + Numbers.readable(v.samples().get(0).v()));
            return out;
        }
        if (cols.common.size() > 0) {
            out.add(LabelColumns.show(cols.common));
        }
        int n = cols.varying.size();
        String[][] cells = new String[v.size() + 1][n + 1];
        for (int c = 0; c < n; c++) {
            cells[0][c] = LabelColumns.header(cols.varying.get(c));
        }
        cells[0][n] = "value";
        for (int r = 0; r < v.size(); r++) {
            Vector.Sample s = v.samples().get(r);
            for (int c = 0; c < n; c++) {
                cells[r + 1][c] = s.labels().get(cols.varying.get(c));
            }
            cells[r + 1][n] = Numbers.readable(s.v());
        }
        int[] w = widths(cells);
        fit(w, n, width);
        for (int r = 0; r < cells.length; r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < n; c++) {
                line.append(Text.padRight(Text.shorten(cells[r][c], w[c]), w[c])).append("  ");
            }
            line.append(Text.padLeft(cells[r][n], w[n]));
            out.add(stripEnd(line.toString()));
            if (r == 0) {
                StringBuilder rule = new StringBuilder();
                for (int c = 0; c <= n; c++) {
                    rule.append("─".repeat(w[c])).append(c < n ? "  " : "");
                }
                out.add(rule.toString());
            }
        }
        out.add(v.size() + " series");
        return out;
    }

    private static int[] widths(String[][] cells) {
        int[] w = new int[cells[0].length];
        for (String[] row : cells) {
            for (int c = 0; c < row.length; c++) {
                w[c] = Math.max(w[c], Text.width(row[c]));
            }
        }
        return w;
    }

    /** Shrinks the widest label column (never the values) until the row fits {@code width}. */
    private static void fit(int[] w, int labelColumns, int width) {
        while (true) {
            int total = 0;
            for (int x : w) {
                total += x + 2;
            }
            total -= 2;
            if (total <= width) {
                return;
            }
            int widest = -1;
            for (int c = 0; c < labelColumns; c++) {
                if (w[c] > MIN_COLUMN && (widest < 0 || w[c] > w[widest])) {
                    widest = c;
                }
            }
            if (widest < 0) {
                return;
            }
            w[widest] = Math.max(MIN_COLUMN, w[widest] - (total - width));
        }
    }

    static String stripEnd(String s) {
        int e = s.length();
        while (e > 0 && s.charAt(e - 1) == ' ') {
            e--;
        }
        return s.substring(0, e);
    }
}
