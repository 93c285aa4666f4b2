package org.vecgrad.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.optim.Adam;
import org.vecgrad.nn.optim.Optimizer;
import org.vecgrad.nn.optim.SGD;
import org.vecgrad.nn.optim.TensorParameter;

/**
 * Gradient descent in motion: the library's own optimizers (SGD, SGD with momentum 0.9, Adam) minimise a function
 * of two variables, a tensor of 2 elements whose gradient comes from autodiff, once with a learning rate that is
 * too small, once with one that is right and once with one that is too large. Two surfaces: an elongated quadratic
 * bowl f = ½(x² + 10y²) (one minimum, curvature 1 along x and 10 along y, so plain SGD diverges for lr &gt; 2/10) and
 * Himmelblau's function f = (x² + y − 11)² + (x + y² − 7)² (four minima, f = 0 at each). Each surface is drawn as a
 * contour map with the nine paths (rows: optimizer, columns: learning rate), as an animated GIF (the paths step by
 * step) and as one PNG (the paths at the end). Each path gets a verdict computed from its values: converged (f fell
 * below 1 % of its start and never rose above it), too slow (still above 1 %), oscillates (rose above its start on
 * the way, ended below it) or diverged (ended above its start, or left |x|, |y| ≤ 1000).
 */
public final class Descent {
    private Descent() {
    }

    /** Steps per path. */
    public static final int STEPS = 50;

    /** The optimizers, one per row. */
    public enum Method {
        SGD("SGD"), MOMENTUM("SGD, momentum 0.9"), ADAM("Adam");

        final String label;

        Method(String label) {
            this.label = label;
        }
    }

    /** What a path did; see the class documentation. */
    public enum Verdict {
        CONVERGED, TOO_SLOW, OSCILLATES, DIVERGED
    }

    /** The columns. */
    public static final String[] RATES = {"too small", "right", "too large"};

    /**
     * A surface: its file name and title, f on tensors whose last axis holds (x, y) (one point [2], or a grid [n, 2] giving [n, 1]), the
     * start, the learning rates per method and column, and the minima to mark.
     */
    public record Surface(String name, String title, String formula, UnaryOperator<Tensor> f, double[] start, double[][] rates,
                          double[][] minima) {
        /** f at one point. */
        public double at(double x, double y) {
            return f.apply(Tensor.of(x, y)).sum().item();
        }
    }

    /** The part of the last axis (x or y) as a tensor: [2] → [1], [n, 2] → [n, 1]. */
    private static Tensor coord(Tensor p, int i) {
        return p.narrow(-1, i, 1);
    }

    static final Surface BOWL = new Surface("bowl", "an elongated bowl", "f = (x^2 + 10y^2)/2", p -> {
        Tensor x = coord(p, 0);
        Tensor y = coord(p, 1);
        return x.square().mul(0.5).add(y.square().mul(5));
    }, new double[] {-4, 1.5}, new double[][] {{0.01, 0.15, 0.21}, {0.002, 0.05, 0.4}, {0.02, 0.5, 10}},
            new double[][] {{0, 0}});

    static final Surface HIMMELBLAU = new Surface("himmelblau", "Himmelblau's function", "f = (x^2 + y - 11)^2 + (x + y^2 - 7)^2", p -> {
        Tensor x = coord(p, 0);
        Tensor y = coord(p, 1);
        Tensor a = x.square().add(y).sub(11);
        Tensor b = x.add(y.square()).sub(7);
        return a.square().add(b.square());
    }, new double[] {0, 0}, new double[][] {{0.001, 0.01, 0.05}, {0.0002, 0.004, 0.05}, {0.02, 1, 10}},
            new double[][] {{3, 2}, {-2.805118, 3.131312}, {-3.779310, -3.283186}, {3.584428, -1.848126}});

    /**
     * One optimizer run.
     *
     * @param path   the points visited, path[0] = the start; shorter than {@link #STEPS} + 1 when it diverged
     * @param values f at each point
     */
    public record Run(Surface surface, Method method, int column, double lr, double[][] path, double[] values,
                      Verdict verdict) {
        /** f at the last point. */
        public double last() {
            return values[values.length - 1];
        }
    }

    /** The runs of both surfaces and the pictures. */
    public record Result(List<Run> runs, List<Path> animations, List<Path> pictures, int frames) {
        public Run run(String surface, Method m, int column) {
            return runs.stream().filter(r -> r.surface().name().equals(surface) && r.method() == m
                    && r.column() == column).findFirst().orElseThrow();
        }
    }

    public static Result run(Options o) {
        int every = o.intParam("frame-every", 1, 5);
        o.println("Gradient descent on two surfaces with the library's optimizers; the point (x, y) is a 2-element"
                + " F64 tensor, f and its gradient come from autodiff.");
        List<Run> runs = new ArrayList<>();
        List<Path> gifs = new ArrayList<>();
        List<Path> pngs = new ArrayList<>();
        int frames = 0;
        for (Surface s : List.of(BOWL, HIMMELBLAU)) {
            o.printf("%n%s, %s, from (%.1f, %.1f), %d steps:%n", s.title(), s.formula(), s.start()[0], s.start()[1],
                    STEPS);
            o.printf("  %-18s %-10s %-10s %-12s %-12s %s%n", "optimizer", "column", "lr", "f(start)", "f(end)",
                    "verdict");
            List<Run> mine = new ArrayList<>();
            for (Method m : Method.values()) {
                for (int c = 0; c < RATES.length; c++) {
                    Run r = descend(s, m, c);
                    mine.add(r);
                    o.printf("  %-18s %-10s %-10s %-12.4g %-12.4g %s%s%n", m.label, RATES[c], lr(r.lr()),
                            r.values()[0], r.last(), r.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                            r.verdict() == Verdict.DIVERGED ? " at step " + (r.path().length - 1) : "");
                }
            }
            runs.addAll(mine);
            BufferedImage background = background(s);
            List<Gif.Frame> fr = new ArrayList<>();
            for (int k = 0; k <= STEPS; k += every) {
                fr.add(new Gif.Frame(frame(s, mine, k, background), k == 0 ? 100 : k + every > STEPS ? 300 : 15));
            }
            frames = fr.size();
            gifs.add(Gif.write(fr, o.file("descent_" + s.name() + ".gif")));
            pngs.add(Plots.write(frame(s, mine, STEPS, background), o.file("descent_" + s.name() + ".png")));
            o.println("wrote " + gifs.get(gifs.size() - 1) + " (" + fr.size() + " frames) and "
                    + pngs.get(pngs.size() - 1));
        }
        o.println("\nThe learning rate decides: too small crawls, too large overshoots (SGD and momentum blow up;"
                + " Adam's steps are bounded by lr, so it jumps about instead).");
        return new Result(List.copyOf(runs), List.copyOf(gifs), List.copyOf(pngs), frames);
    }

    /** {@link #STEPS} steps of method m at the column's learning rate from the surface's start. */
    static Run descend(Surface s, Method m, int column) {
        double lr = s.rates()[m.ordinal()][column];
        Tensor p = Tensor.of(s.start().clone()).requiresGrad(true);
        List<TensorParameter> params = List.of(TensorParameter.of("xy", p));
        Optimizer opt = switch (m) {
            case SGD -> new SGD(params, lr);
            case MOMENTUM -> new SGD(params, lr).momentum(0.9);
            case ADAM -> new Adam(params, lr);
        };
        List<double[]> path = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        boolean diverged = false;
        for (int step = 0; ; step++) {
            opt.zeroGrad();
            Tensor f = s.f().apply(p).sum();
            path.add(p.data().toDoubleArray());
            values.add(f.item());
            if (step == STEPS) {
                break;
            }
            if (!Double.isFinite(f.item()) || Math.abs(p.data().getFlat(0)) > 1e3 || Math.abs(p.data().getFlat(1))
                    > 1e3) {
                diverged = true;
                break;
            }
            f.backward();
            opt.step();
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        double max = 0;
        for (double x : v) {
            max = Math.max(max, x);
        }
        Verdict verdict = diverged || v[v.length - 1] > v[0] ? Verdict.DIVERGED : max > v[0] ? Verdict.OSCILLATES
                : v[v.length - 1] <= 0.01 * v[0] ? Verdict.CONVERGED : Verdict.TOO_SLOW;
        return new Run(s, m, column, lr, path.toArray(double[][]::new), v, verdict);
    }

    private static String lr(double lr) {
        return java.math.BigDecimal.valueOf(lr).stripTrailingZeros().toPlainString();
    }

    // ------------------------------------------------------------------------------------------------- drawing

    /** The plane shown in every panel. */
    static final double LO = -5;
    static final double HI = 5;
    static final int PANEL = 250;
    static final int GAP = 16;
    static final int LEFT = 40;
    static final int TOP = 76;
    static final int HEAD = 20;
    static final int WIDTH = LEFT + 3 * PANEL + 2 * GAP + 20;
    static final int HEIGHT = TOP + 3 * (HEAD + PANEL + GAP) + 24;
    static final Color[] PATH = {Plots.PALETTE[0], Plots.PALETTE[1], Plots.PALETTE[2]};

    private static int panelX(int column) {
        return LEFT + column * (PANEL + GAP);
    }

    private static int panelY(int row) {
        return TOP + row * (HEAD + PANEL + GAP) + HEAD;
    }

    /** Screen coordinates of (x, y) in the panel at (px, py). */
    private static double sx(int px, double x) {
        return px + (x - LO) / (HI - LO) * PANEL;
    }

    private static double sy(int py, double y) {
        return py + (HI - y) / (HI - LO) * PANEL;
    }

    /**
     * Everything that does not move: title, column and row labels, and in every panel the contour map of f (bands
     * of equal width in log(1 + f), evaluated with the same tensor function on a grid) with the minima marked.
     */
    static BufferedImage background(Surface s) {
        int n = PANEL;
        double[] grid = new double[n * n * 2];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                grid[2 * (i * n + j)] = LO + (j + 0.5) * (HI - LO) / n;
                grid[2 * (i * n + j) + 1] = HI - (i + 0.5) * (HI - LO) / n;
            }
        }
        NdArray f = s.f().apply(Tensor.of(NdArray.of(grid, n * n, 2))).data();
        double top = 0;
        for (int k = 0; k < n * n; k++) {
            top = Math.max(top, Math.log1p(f.getFlat(k)));
        }
        int levels = 14;
        int[] band = new int[n * n];
        for (int k = 0; k < n * n; k++) {
            band[k] = (int) Math.min(levels - 1, Math.floor(Math.log1p(f.getFlat(k)) / top * levels));
        }
        int[] tile = new int[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int b = band[i * n + j];
                boolean edge = j + 1 < n && band[i * n + j + 1] != b || i + 1 < n && band[(i + 1) * n + j] != b;
                tile[i * n + j] = edge ? new Color(150, 150, 150).getRGB() : level(b / (levels - 1.0)).getRGB();
            }
        }
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        smooth(g);
        g.setColor(Color.BLACK);
        g.setFont(Plots.TITLE);
        g.drawString("Gradient descent on " + s.title() + ": " + s.formula() + ", from (" + fmt(s.start()[0])
                + ", " + fmt(s.start()[1]) + ")", LEFT, 26);
        g.setFont(Plots.LABEL);
        g.drawString("rows: optimizer; columns: learning rate too small, right, too large; x = minimum,"
                + " o = start", LEFT, 46);
        for (int c = 0; c < 3; c++) {
            g.setFont(Plots.LABEL.deriveFont(java.awt.Font.BOLD));
            g.drawString("learning rate " + RATES[c], panelX(c), TOP - 6);
        }
        for (int r = 0; r < 3; r++) {
            java.awt.geom.AffineTransform at = g.getTransform();
            g.rotate(-Math.PI / 2, LEFT - 12, panelY(r) + PANEL / 2.0);
            g.setColor(PATH[r]);
            g.setFont(Plots.LABEL.deriveFont(java.awt.Font.BOLD));
            String label = Method.values()[r].label;
            g.drawString(label, LEFT - 12 - g.getFontMetrics().stringWidth(label) / 2, panelY(r) + PANEL / 2 + 4);
            g.setTransform(at);
            for (int c = 0; c < 3; c++) {
                int px = panelX(c);
                int py = panelY(r);
                img.setRGB(px, py, n, n, tile, 0, n);
                g.setColor(Color.GRAY);
                g.drawRect(px, py, PANEL, PANEL);
                g.setColor(Color.BLACK);
                g.setStroke(new BasicStroke(1.5f));
                for (double[] m : s.minima()) {
                    double x = sx(px, m[0]);
                    double y = sy(py, m[1]);
                    g.draw(new Line2D.Double(x - 4, y - 4, x + 4, y + 4));
                    g.draw(new Line2D.Double(x - 4, y + 4, x + 4, y - 4));
                }
                g.draw(new Ellipse2D.Double(sx(px, s.start()[0]) - 4, sy(py, s.start()[1]) - 4, 8, 8));
                g.setStroke(new BasicStroke(1f));
            }
        }
        g.dispose();
        return img;
    }

    /** Pale yellow (low f) to pale blue-grey (high f), so that the paths stay visible. */
    private static Color level(double t) {
        return new Color((int) Math.round(255 - 75 * t), (int) Math.round(250 - 45 * t), (int) Math.round(205
                + 25 * t));
    }

    /** The background with every path drawn up to step k, and each panel's learning rate, f and verdict. */
    static BufferedImage frame(Surface s, List<Run> runs, int k, BufferedImage background) {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.drawImage(background, 0, 0, null);
        smooth(g);
        for (Run r : runs) {
            int row = r.method().ordinal();
            int px = panelX(r.column());
            int py = panelY(row);
            Graphics2D pg = (Graphics2D) g.create();
            pg.clipRect(px + 1, py + 1, PANEL - 1, PANEL - 1);
            pg.setColor(PATH[row]);
            pg.setStroke(new BasicStroke(1.6f));
            int last = Math.min(k, r.path().length - 1);
            for (int i = 1; i <= last; i++) {
                pg.draw(new Line2D.Double(sx(px, r.path()[i - 1][0]), sy(py, r.path()[i - 1][1]),
                        sx(px, r.path()[i][0]), sy(py, r.path()[i][1])));
            }
            for (int i = 0; i <= last; i++) {
                double x = sx(px, r.path()[i][0]);
                double y = sy(py, r.path()[i][1]);
                double d = i == last ? 8 : 4;
                pg.fill(new Ellipse2D.Double(x - d / 2, y - d / 2, d, d));
            }
            pg.dispose();
            g.setColor(Color.BLACK);
            g.setFont(Plots.SMALL);
            g.drawString("lr = " + lr(r.lr()), px, py - 5);
            boolean done = k >= r.path().length - 1;
            String state = done ? r.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' ') : "";
            String value = r.values()[last] > 1e6 ? String.format(Locale.ROOT, "step %d  f = %.1e", last,
                    r.values()[last]) : String.format(Locale.ROOT, "step %d  f = %.3g", last, r.values()[last]);
            String text = value + (state.isEmpty() ? "" : "  " + state);
            int tw = g.getFontMetrics().stringWidth(text);
            g.setColor(new Color(255, 255, 255, 215));
            g.fillRect(px + PANEL - tw - 8, py + PANEL - 18, tw + 6, 15);
            g.setColor(r.verdict() == Verdict.CONVERGED || !done ? Color.BLACK : Plots.RED);
            g.drawString(text, px + PANEL - tw - 5, py + PANEL - 6);
        }
        g.dispose();
        return img;
    }

    private static void smooth(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
