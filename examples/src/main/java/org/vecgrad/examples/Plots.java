package org.vecgrad.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Small plotting helpers on XChart (line charts, grids of charts) and plain Java2D (a probability map with points
 * on top, a confusion matrix, small grey-scale images), all written as PNG. Headless: no window is ever opened.
 */
public final class Plots {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {
    }

    /** A colour-blind-friendly palette (Okabe–Ito), in series order. */
    public static final Color[] PALETTE = {new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
            new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233), new Color(0, 0, 0),
            new Color(240, 228, 66)};

    /** Class colours of the binary examples: class 0 blue, class 1 red. */
    public static final Color BLUE = new Color(33, 102, 172);
    public static final Color RED = new Color(178, 24, 43);

    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    /** An XY line chart with the examples' style: white plot, light grid, legend inside the top-right corner. */
    public static XYChart xy(String title, String xTitle, String yTitle, int width, int height) {
        XYChart c = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        XYStyler s = c.getStyler();
        s.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(Color.GRAY);
        s.setPlotGridLinesColor(new Color(225, 225, 225));
        s.setChartTitleFont(TITLE);
        s.setChartTitleBoxVisible(false);
        s.setAxisTitleFont(LABEL);
        s.setAxisTickLabelsFont(SMALL);
        s.setLegendFont(SMALL);
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setLegendBorderColor(Color.LIGHT_GRAY);
        s.setLegendBackgroundColor(new Color(255, 255, 255, 220));
        s.setSeriesColors(PALETTE);
        s.setMarkerSize(5);
        s.setLocale(Locale.ROOT);
        return c;
    }

    /** Adds a line without markers. */
    public static XYSeries line(XYChart c, String name, double[] x, double[] y, Color color, boolean dashed) {
        XYSeries s = c.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineWidth(2f);
        if (dashed) {
            s.setLineStyle(SeriesLines.DASH_DASH);
        }
        return s;
    }

    /** Adds points without a line. */
    public static XYSeries scatter(XYChart c, String name, double[] x, double[] y, Color color) {
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(color);
        return s;
    }

    /** Renders a chart at its own size. */
    public static BufferedImage render(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** Writes one chart as PNG; returns the file. */
    public static Path save(Chart<?, ?> chart, Path file) {
        return write(render(chart), file);
    }

    /**
     * Writes several charts as one PNG: a grid of {@code cols} columns, each cell the size of the first chart, with
     * an overall title on top.
     */
    public static Path saveGrid(String title, List<? extends Chart<?, ?>> charts, int cols, Path file) {
        int cw = charts.get(0).getWidth();
        int ch = charts.get(0).getHeight();
        int rows = (charts.size() + cols - 1) / cols;
        int head = title == null ? 0 : 40;
        BufferedImage img = new BufferedImage(cols * cw, rows * ch + head, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(img);
        if (title != null) {
            g.setFont(TITLE.deriveFont(18f));
            g.setColor(Color.BLACK);
            centered(g, title, img.getWidth() / 2, 27);
        }
        for (int i = 0; i < charts.size(); i++) {
            Graphics2D cg = (Graphics2D) g.create((i % cols) * cw, head + (i / cols) * ch, cw, ch);
            charts.get(i).paint(cg, cw, ch);
            cg.dispose();
        }
        g.dispose();
        return write(img, file);
    }

    /** Points of one class, drawn on a {@link #probabilityMap}. */
    public record Points(String name, double[] x, double[] y, Color color) {
    }

    /**
     * The plane [x0, x1] × [y0, y1] coloured by a probability (blue 0 … white 0.5 … red 1), the given points on top,
     * and a colour bar. {@code prob[i][j]} is the value at y = y0 + (i + ½)·(y1 − y0)/ny, x likewise (row 0 at the
     * bottom).
     */
    public static Path probabilityMap(String title, String xTitle, String yTitle, double x0, double x1, double y0,
            double y1, double[][] prob, List<Points> points, String barTitle, Path file) {
        int w = 700;
        int h = 640;
        int bar = 110;
        XYChart c = xy(title, xTitle, yTitle, w, h);
        XYStyler s = c.getStyler();
        s.setChartBackgroundColor(new Color(0, 0, 0, 0));
        s.setPlotBackgroundColor(new Color(0, 0, 0, 0));
        s.setPlotGridLinesVisible(false);
        s.setPlotContentSize(1.0);
        s.setXAxisMin(x0);
        s.setXAxisMax(x1);
        s.setYAxisMin(y0);
        s.setYAxisMax(y1);
        s.setMarkerSize(6);
        s.setXAxisDecimalPattern("0.0");
        s.setYAxisDecimalPattern("0.0");
        for (Points p : points) {
            scatter(c, p.name(), p.x(), p.y(), p.color());
        }
        // 1st pass: axes, points and legend on a transparent layer; the chart then knows where its plot area is
        BufferedImage layer = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D lg = graphics(layer);
        c.paint(lg, w, h);
        lg.dispose();
        int px0 = (int) Math.round(c.getScreenXFromChart(x0));
        int px1 = (int) Math.round(c.getScreenXFromChart(x1));
        int pyTop = (int) Math.round(c.getScreenYFromChart(y1));
        int pyBottom = (int) Math.round(c.getScreenYFromChart(y0));

        int ny = prob.length;
        int nx = prob[0].length;
        BufferedImage field = new BufferedImage(nx, ny, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < ny; i++) {
            for (int j = 0; j < nx; j++) {
                field.setRGB(j, ny - 1 - i, diverging(prob[i][j]).getRGB());
            }
        }
        BufferedImage img = new BufferedImage(w + bar, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(img);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(field, px0, pyTop, px1 - px0, pyBottom - pyTop, null);
        g.drawImage(layer, 0, 0, null);
        // colour bar
        int bx = w + 20;
        int bw = 22;
        for (int yy = pyTop; yy <= pyBottom; yy++) {
            double p = 1 - (yy - pyTop) / (double) (pyBottom - pyTop);
            g.setColor(diverging(p));
            g.drawLine(bx, yy, bx + bw, yy);
        }
        g.setColor(Color.GRAY);
        g.drawRect(bx, pyTop, bw, pyBottom - pyTop);
        g.setFont(SMALL);
        g.setColor(Color.BLACK);
        for (int k = 0; k <= 4; k++) {
            double p = k / 4.0;
            int yy = (int) Math.round(pyBottom - p * (pyBottom - pyTop));
            g.drawLine(bx + bw, yy, bx + bw + 4, yy);
            g.drawString(String.format(Locale.ROOT, "%.2f", p), bx + bw + 7, yy + 4);
        }
        g.setFont(LABEL);
        AffineTransform at = g.getTransform();
        g.rotate(-Math.PI / 2, w + 10, (pyTop + pyBottom) / 2.0);
        centered(g, barTitle, w + 10, (pyTop + pyBottom) / 2 + 4);
        g.setTransform(at);
        g.dispose();
        return write(img, file);
    }

    /** 0 → blue, ½ → white, 1 → red (pale, so that points drawn on top stay visible). */
    public static Color diverging(double p) {
        double q = Double.isNaN(p) ? 0.5 : Math.max(0, Math.min(1, p));
        Color end = q < 0.5 ? new Color(103, 169, 207) : new Color(239, 138, 98);
        double t = Math.abs(q - 0.5) * 2 * 0.8;   // never fully saturated: points stay visible
        return new Color(mix(255, end.getRed(), t), mix(255, end.getGreen(), t), mix(255, end.getBlue(), t));
    }

    private static int mix(int a, int b, double t) {
        return (int) Math.round(a + (b - a) * t);
    }

    /**
     * A matrix of counts as coloured cells (colour by the share of the row), the count written in each cell:
     * rows = true class, columns = predicted class.
     */
    public static Path confusionMatrix(String title, int[][] counts, List<String> labels, Path file) {
        int k = counts.length;
        int cell = Math.max(36, 420 / k);
        int left = 90;
        int top = 70;
        int w = left + k * cell + 40;
        int h = top + k * cell + 70;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(img);
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        centered(g, title, w / 2, 28);
        for (int i = 0; i < k; i++) {
            long rowSum = 0;
            for (int j = 0; j < k; j++) {
                rowSum += counts[i][j];
            }
            for (int j = 0; j < k; j++) {
                double share = rowSum == 0 ? 0 : counts[i][j] / (double) rowSum;
                Color fill = i == j ? blend(new Color(0, 109, 44), share) : blend(new Color(203, 24, 29),
                        Math.min(1, 4 * share));
                g.setColor(fill);
                g.fillRect(left + j * cell, top + i * cell, cell, cell);
                g.setColor(Color.WHITE);
                g.drawRect(left + j * cell, top + i * cell, cell, cell);
                g.setColor(share > 0.5 ? Color.WHITE : Color.BLACK);
                g.setFont(LABEL);
                centered(g, Integer.toString(counts[i][j]), left + j * cell + cell / 2, top + i * cell + cell / 2 + 5);
            }
        }
        g.setColor(Color.BLACK);
        g.setFont(LABEL);
        for (int i = 0; i < k; i++) {
            centered(g, labels.get(i), left + i * cell + cell / 2, top - 8);
            FontMetrics fm = g.getFontMetrics();
            g.drawString(labels.get(i), left - 10 - fm.stringWidth(labels.get(i)), top + i * cell + cell / 2 + 5);
        }
        centered(g, "predicted class", left + k * cell / 2, top + k * cell + 30);
        AffineTransform at = g.getTransform();
        g.rotate(-Math.PI / 2, 25, top + k * cell / 2.0);
        centered(g, "true class", 25, top + k * cell / 2 + 5);
        g.setTransform(at);
        g.setFont(SMALL);
        g.setColor(Color.DARK_GRAY);
        centered(g, "green: correct (shade = share of the row), red: mistakes", w / 2, h - 15);
        g.dispose();
        return write(img, file);
    }

    /**
     * A matrix of values in 0..1 as shaded cells (white 0 to blue 1), each value written in its cell: rows labelled
     * on the left ({@code yTitle}), columns on top ({@code xTitle}).
     */
    public static Path heatMap(String title, double[][] values, List<String> rowLabels, List<String> colLabels,
            String xTitle, String yTitle, Path file) {
        int rows = values.length;
        int cols = values[0].length;
        int cell = Math.max(40, 420 / Math.max(rows, cols));
        int left = 130;
        int top = 70;
        int w = Math.max(420, left + cols * cell + 40);
        int h = top + rows * cell + 50;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(img);
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        centered(g, title, w / 2, 28);
        g.setFont(SMALL);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = Math.max(0, Math.min(1, values[i][j]));
                g.setColor(blend(BLUE, v));
                g.fillRect(left + j * cell, top + i * cell, cell, cell);
                g.setColor(Color.WHITE);
                g.drawRect(left + j * cell, top + i * cell, cell, cell);
                g.setColor(v > 0.5 ? Color.WHITE : Color.BLACK);
                centered(g, String.format(java.util.Locale.ROOT, "%.2f", values[i][j]), left + j * cell + cell / 2,
                        top + i * cell + cell / 2 + 4);
            }
        }
        g.setColor(Color.BLACK);
        g.setFont(LABEL);
        for (int j = 0; j < cols; j++) {
            centered(g, colLabels.get(j), left + j * cell + cell / 2, top - 8);
        }
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < rows; i++) {
            g.drawString(rowLabels.get(i), left - 10 - fm.stringWidth(rowLabels.get(i)), top + i * cell + cell / 2 + 5);
        }
        centered(g, xTitle, left + cols * cell / 2, top + rows * cell + 30);
        AffineTransform at = g.getTransform();
        g.rotate(-Math.PI / 2, 20, top + rows * cell / 2.0);
        centered(g, yTitle, 20, top + rows * cell / 2 + 5);
        g.setTransform(at);
        g.dispose();
        return write(img, file);
    }

    private static Color blend(Color c, double t) {
        return new Color(mix(255, c.getRed(), t), mix(255, c.getGreen(), t), mix(255, c.getBlue(), t));
    }

    /**
     * Small grey-scale images side by side with a caption under each: {@code pixels.get(i)} is row-major
     * {@code side × side}, 0 = white up to {@code max} = black.
     */
    public static Path images(String title, List<double[]> pixels, List<String> captions, int side, double max,
            int cols, Path file) {
        int scale = 12;
        int tile = side * scale;
        int pad = 18;
        int capH = 36;
        int n = pixels.size();
        int rows = Math.max(1, (n + cols - 1) / cols);
        int w = Math.max(cols * (tile + pad) + pad, 360);
        int h = 50 + rows * (tile + capH + pad);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(img);
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        centered(g, title, w / 2, 28);
        if (n == 0) {
            g.setFont(LABEL);
            centered(g, "(none)", w / 2, 70);
        }
        for (int i = 0; i < n; i++) {
            int x = pad + (i % cols) * (tile + pad);
            int y = 45 + (i / cols) * (tile + capH + pad);
            double[] px = pixels.get(i);
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    int v = 255 - (int) Math.round(255 * Math.max(0, Math.min(1, px[r * side + c] / max)));
                    g.setColor(new Color(v, v, v));
                    g.fillRect(x + c * scale, y + r * scale, scale, scale);
                }
            }
            g.setColor(Color.GRAY);
            g.drawRect(x, y, tile, tile);
            g.setColor(Color.BLACK);
            g.setFont(SMALL);
            String[] lines = captions.get(i).split("\n");
            for (int l = 0; l < lines.length; l++) {
                centered(g, lines[l], x + tile / 2, y + tile + 15 + 14 * l);
            }
        }
        g.dispose();
        return write(img, file);
    }

    /**
     * Small maps of any size side by side (filters, feature maps), each drawn as a {@code tile × tile} square of
     * grey levels stretched over its own range (min = white, max = black; a constant map is white), a caption under
     * each and an overall title on top; a null map leaves its cell empty. {@code maps.get(i)[r][c]} is row r, column c.
     */
    public static Path maps(String title, List<double[][]> maps, List<String> captions, int cols, int tile,
            Path file) {
        int pad = 14;
        int capH = 20;
        int n = maps.size();
        int rows = Math.max(1, (n + cols - 1) / cols);
        int w = Math.max(cols * (tile + pad) + pad, 360);
        int h = Math.max(50 + rows * (tile + capH + pad), 200);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(img);
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        centered(g, title, w / 2, 28);
        for (int i = 0; i < n; i++) {
            double[][] m = maps.get(i);
            if (m == null) {
                continue;
            }
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] row : m) {
                for (double v : row) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            int x = pad + (i % cols) * (tile + pad);
            int y = 45 + (i / cols) * (tile + capH + pad);
            int mh = m.length;
            int mw = m[0].length;
            for (int r = 0; r < mh; r++) {
                for (int c = 0; c < mw; c++) {
                    double t = hi > lo ? (m[r][c] - lo) / (hi - lo) : 0;
                    int v = 255 - (int) Math.round(255 * t);
                    g.setColor(new Color(v, v, v));
                    int x0 = x + c * tile / mw;
                    int y0 = y + r * tile / mh;
                    g.fillRect(x0, y0, x + (c + 1) * tile / mw - x0, y + (r + 1) * tile / mh - y0);
                }
            }
            g.setColor(Color.GRAY);
            g.drawRect(x, y, tile, tile);
            g.setColor(Color.BLACK);
            g.setFont(SMALL);
            centered(g, captions.get(i), x + tile / 2, y + tile + 15);
        }
        g.dispose();
        return write(img, file);
    }

    private static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        if (img.getType() != BufferedImage.TYPE_INT_ARGB) {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
        }
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setStroke(new BasicStroke(1f));
        return g;
    }

    private static void centered(Graphics2D g, String s, int cx, int baseline) {
        g.drawString(s, cx - g.getFontMetrics().stringWidth(s) / 2, baseline);
    }

    /** Writes a PNG (creating the folder); returns the file. */
    public static Path write(BufferedImage img, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!ImageIO.write(img, "png", file.toFile())) {
                throw new IOException("no PNG writer");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * A histogram as a step outline: {@code bins} equal bins over [lo, hi]; returns {x, density} with the x of bin
     * edges (2 points per bin) so that a line through them draws the bars' outline.
     */
    public static double[][] histogram(double[] values, double lo, double hi, int bins) {
        double[] counts = new double[bins];
        double width = (hi - lo) / bins;
        int n = 0;
        for (double v : values) {
            int b = (int) Math.floor((v - lo) / width);
            if (b >= 0 && b < bins) {
                counts[b]++;
            } else if (v == hi) {
                counts[bins - 1]++;
            }
            n++;
        }
        double[] x = new double[2 * bins + 2];
        double[] y = new double[2 * bins + 2];
        // a hair outside lo: with exactly equally spaced x values XChart puts its ticks on data points (odd values
        // such as -0.23); with this it picks round ticks
        x[0] = lo - 1e-9 * (hi - lo);
        y[0] = 0;
        for (int b = 0; b < bins; b++) {
            double d = counts[b] / (n * width);
            x[1 + 2 * b] = lo + b * width;
            y[1 + 2 * b] = d;
            x[2 + 2 * b] = lo + (b + 1) * width;
            y[2 + 2 * b] = d;
        }
        x[2 * bins + 1] = hi;
        y[2 * bins + 1] = 0;
        return new double[][] {x, y};
    }
}
