package dev.hindsight.bench.report;

import dev.hindsight.bench.compare.Results;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The comparison's query latencies as a PNG: one grouped bar chart per range (median ms per
 * dashboard query, one bar per store, logarithmic axis because the stores differ by orders of
 * magnitude), stacked in one image.
 */
final class LatencyChart {
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xe6550d), new Color(0x31a354)};

    private LatencyChart() {
    }

    static void write(Results r, Path png) throws IOException {
        Set<String> ranges = new LinkedHashSet<>();
        Set<String> stores = new LinkedHashSet<>();
        Set<String> labels = new LinkedHashSet<>();
        for (Results.QueryFigures q : r.queries()) {
            ranges.add(q.range());
            stores.add(q.store());
            labels.add(q.label());
        }
        List<BufferedImage> parts = new ArrayList<>();
        for (String range : ranges) {
            CategoryChart c = new CategoryChartBuilder().width(1100).height(480)
                .title("Median query latency over " + range + " of data (" + r.dataset().containers()
                    + " containers, HTTP round trip, lower is better)")
                .xAxisTitle("dashboard query").yAxisTitle("ms (log scale)").build();
            c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            c.getStyler().setYAxisLogarithmic(true);
            c.getStyler().setSeriesColors(COLORS);
            c.getStyler().setChartBackgroundColor(Color.WHITE);
            c.getStyler().setPlotGridVerticalLinesVisible(false);
            c.getStyler().setLabelsVisible(true);
            c.getStyler().setLabelsRotation(90);
            c.getStyler().setDecimalPattern("#,##0.#");
            double min = Double.MAX_VALUE;
            double max = 0;
            for (Results.QueryFigures q : r.queries()) {
                if (q.range().equals(range)) {
                    min = Math.min(min, Math.max(0.01, q.medianMs()));
                    max = Math.max(max, q.medianMs());
                }
            }
            c.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
            c.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(Math.max(max, min * 10)))));
            for (String store : stores) {
                List<String> xs = new ArrayList<>();
                List<Double> ys = new ArrayList<>();
                for (String label : labels) {
                    for (Results.QueryFigures q : r.queries()) {
                        if (q.range().equals(range) && q.store().equals(store) && q.label().equals(label)) {
                            xs.add(label);
                            ys.add(Math.max(0.01, q.medianMs()));
                        }
                    }
                }
                if (!xs.isEmpty()) {
                    c.addSeries(store, xs, ys);
                }
            }
            parts.add(BitmapEncoder.getBufferedImage(c));
        }
        int w = parts.stream().mapToInt(BufferedImage::getWidth).max().orElse(1);
        int h = parts.stream().mapToInt(BufferedImage::getHeight).sum();
        BufferedImage all = new BufferedImage(w, Math.max(1, h), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, Math.max(1, h));
        int y = 0;
        for (BufferedImage p : parts) {
            g.drawImage(p, 0, y, null);
            y += p.getHeight();
        }
        g.dispose();
        ImageIO.write(all, "png", png.toFile());
    }
}
