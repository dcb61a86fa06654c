package dev.hindsight.query.repl;

import dev.hindsight.query.engine.Matrix;
import dev.hindsight.storage.select.Labels;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Range results as one block sparkline per series ({@code ▁▂▃▄▅▆▇█}), each scaled to its own
 * min and max (from zero when it hardly varies), all on the same time axis so gaps line up, followed by min, max and last. When
 * there are more points than columns a column shows the mean of its points; a blank column
 * has no sample. Labels every series shares are printed once above the charts.
 */
final class ChartRenderer {
    static final String BLOCKS = "▁▂▃▄▅▆▇█";
    /** Most series charted; the rest are counted. */
    static final int MAX_SERIES = 40;
    /** Legends up to this wide sit left of their chart; longer ones go on their own line. */
    private static final int INLINE_LEGEND = 36;
    private static final int MIN_CHART = 8;
    /** A series whose spread is under this fraction of its max is drawn from zero. */
    private static final double NOISE = 0.2;

    /** The time grid of a range query; null fields mean "derive from the data". */
    record Grid(long startMs, long endMs, long stepMs) {
    }

    private ChartRenderer() {
    }

    static List<String> render(Matrix m, Grid grid, int width, ZoneId zone) {
        List<String> out = new ArrayList<>();
        if (m.series().isEmpty()) {
            out.add("no data");
            return out;
        }
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        int points = 0;
        for (Matrix.Series s : m.series()) {
            if (s.size() > 0) {
                start = Math.min(start, s.timestamps()[0]);
                end = Math.max(end, s.timestamps()[s.size() - 1]);
            }
            points = Math.max(points, s.size());
        }
        if (grid != null) {
            start = grid.startMs();
            end = grid.endMs();
            points = (int) Math.min(Integer.MAX_VALUE, (end - start) / grid.stepMs() + 1);
            out.add(TimeArgs.show(start, zone) + " → " + TimeArgs.show(end, zone) + " " + zoneName(zone)
                + ", step " + TimeArgs.showDuration(grid.stepMs()) + ", " + points + " points");
        } else if (start != Long.MAX_VALUE) {
            out.add(TimeArgs.show(start, zone) + " → " + TimeArgs.show(end, zone) + " " + zoneName(zone)
                + ", up to " + points + " samples per series");
        }
        List<Labels> sets = new ArrayList<>();
        m.series().forEach(s -> sets.add(s.labels()));
        LabelColumns cols = LabelColumns.of(sets);
        if (cols.common.size() > 0) {
            out.add(LabelColumns.show(cols.common));
        }
        int shown = Math.min(MAX_SERIES, m.series().size());
        String[] legends = new String[shown];
        String[][] figures = new String[shown][];
        int[] figureW = new int[3];
        int legendW = 0;
        for (int i = 0; i < shown; i++) {
            Matrix.Series s = m.series().get(i);
            legends[i] = cols.varying.isEmpty() ? LabelColumns.show(s.labels()) : cols.varyingText(s.labels());
            figures[i] = figures(s.values());
            legendW = Math.max(legendW, Text.width(legends[i]));
            for (int f = 0; f < 3; f++) {
                figureW[f] = Math.max(figureW[f], figures[i][f].length());
            }
        }
        String[] stats = new String[shown];
        int statsW = 0;
        for (int i = 0; i < shown; i++) {
            stats[i] = "min " + Text.padRight(figures[i][0], figureW[0]) + "  max " + Text.padRight(figures[i][1],
                figureW[1]) + "  last " + figures[i][2];
            statsW = Math.max(statsW, Text.width(stats[i]));
        }
        boolean inline = legendW <= INLINE_LEGEND;
        int lead = inline ? legendW + 2 : 2;
        int chartW = Math.min(Math.max(points, 1), Math.max(MIN_CHART, width - lead - statsW - 2));
        for (int i = 0; i < shown; i++) {
            Matrix.Series s = m.series().get(i);
            String chart = sparkline(s, start, end, chartW);
            if (inline) {
                out.add(TableRenderer.stripEnd(Text.padRight(legends[i], legendW) + "  " + chart + "  " + stats[i]));
            } else {
                out.add(Text.shorten(legends[i], width));
                out.add(TableRenderer.stripEnd("  " + chart + "  " + stats[i]));
            }
        }
        if (m.series().size() > shown) {
            out.add("… and " + (m.series().size() - shown) + " more series (narrow the query, or :format csv)");
        }
        out.add(m.series().size() + " series");
        return out;
    }

    static String zoneName(ZoneId zone) {
        return zone.normalized().equals(java.time.ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    /** One row of blocks, {@code cols} wide, for the samples of {@code s} on [start, end]. */
    static String sparkline(Matrix.Series s, long start, long end, int cols) {
        double[] sum = new double[cols];
        int[] count = new int[cols];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        long span = end - start;
        for (int i = 0; i < s.size(); i++) {
            double v = s.values()[i];
            if (!Double.isFinite(v)) {
                continue;
            }
            long t = s.timestamps()[i];
            int c = span <= 0 ? 0 : (int) Math.round((double) (t - start) / span * (cols - 1));
            if (c < 0 || c >= cols) {
                continue;
            }
            sum[c] += v;
            count[c]++;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (min >= 0 && max > 0 && (max - min) < NOISE * max) {
            min = 0; // a nearly flat positive series: draw its level, not its noise
        }
        StringBuilder sb = new StringBuilder(cols);
        for (int c = 0; c < cols; c++) {
            if (count[c] == 0) {
                sb.append(' ');
                continue;
            }
            double mean = sum[c] / count[c];
            int level = max == min ? (max == 0 ? 0 : 3) : (int) Math.round((mean - min) / (max - min) * (BLOCKS.length() - 1));
            sb.append(BLOCKS.charAt(Math.max(0, Math.min(BLOCKS.length() - 1, level))));
        }
        return sb.toString();
    }

    /** Min and max of the finite values, and the last value whatever it is, compactly formatted. */
    static String[] figures(double[] values) {
        double min = Double.NaN;
        double max = Double.NaN;
        for (double v : values) {
            if (Double.isFinite(v)) {
                min = Double.isNaN(min) ? v : Math.min(min, v);
                max = Double.isNaN(max) ? v : Math.max(max, v);
            }
        }
        double last = values.length == 0 ? Double.NaN : values[values.length - 1];
        return new String[] {Numbers.compact(min), Numbers.compact(max), Numbers.compact(last)};
    }
}
