package org.vecgrad.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's PNG charts (XChart, headless). */
final class ReportPlots {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Okabe–Ito, colour-blind friendly. */
    static final Color[] PALETTE = {new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
        new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233), new Color(0, 0, 0),
        new Color(240, 228, 66)};

    private ReportPlots() {
    }

    /**
     * A line series.
     *
     * @param colour palette index (the same implementation keeps its colour across thread counts)
     * @param style 0 = solid with markers, 1 = dashed with markers (all threads), 2 = grey dashed reference (peak)
     */
    record Line(String name, double[] x, double[] y, int colour, int style) {
    }

    /** GFLOP/s vs size, log-2 x axis. */
    static void lines(Path file, String title, String xTitle, String yTitle, List<Line> lines) throws IOException {
        XYChart c = new XYChartBuilder().width(900).height(560).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotBackgroundColor(Color.WHITE);
        c.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setSeriesColors(PALETTE);
        c.getStyler().setLocale(Locale.ROOT);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        c.getStyler().setxAxisTickLabelsFormattingFunction(v -> String.format(Locale.ROOT, "%.0f", v));
        BasicStroke dashed = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                new float[] {6, 4}, 0);
        for (Line l : lines) {
            XYSeries s = c.addSeries(l.name(), l.x(), l.y());
            Color col = l.style() == 2 ? (l.colour() == 0 ? Color.DARK_GRAY : Color.GRAY)
                    : PALETTE[l.colour() % PALETTE.length];
            s.setLineColor(col);
            s.setMarkerColor(col);
            s.setMarker(l.style() == 2 ? SeriesMarkers.NONE : l.style() == 1 ? SeriesMarkers.DIAMOND
                    : SeriesMarkers.CIRCLE);
            if (l.style() != 0) {
                s.setLineStyle(dashed);
            }
        }
        BitmapEncoder.saveBitmap(c, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Grouped bars: categories on x, one bar per series; every series has a value for every category. */
    static void bars(Path file, String title, String yTitle, List<String> categories, Map<String, double[]> series)
            throws IOException {
        CategoryChart c = new CategoryChartBuilder().width(900).height(520).title(title).yAxisTitle(yTitle).build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotBackgroundColor(Color.WHITE);
        c.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setSeriesColors(PALETTE);
        c.getStyler().setLocale(Locale.ROOT);
        c.getStyler().setOverlapped(false);
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            double[] v = e.getValue();
            Double[] y = new Double[v.length];
            for (int i = 0; i < v.length; i++) {
                y[i] = Double.isNaN(v[i]) ? 0.0 : v[i];
            }
            c.addSeries(e.getKey(), categories, List.of(y));
        }
        BitmapEncoder.saveBitmap(c, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
