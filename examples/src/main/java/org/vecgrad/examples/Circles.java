package org.vecgrad.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.Sequential;
import org.vecgrad.nn.data.Datasets;
import org.vecgrad.nn.data.TensorDataset;
import org.vecgrad.nn.layers.Dense;
import org.vecgrad.nn.loss.BCELoss;
import org.vecgrad.nn.optim.Adam;
import org.vecgrad.nn.train.Accuracy;
import org.vecgrad.nn.train.Callback;
import org.vecgrad.nn.train.FitOptions;
import org.vecgrad.nn.train.History;
import org.vecgrad.nn.train.Trainer;

/**
 * Two concentric noisy circles (outer = class 0, inner = class 1) — no straight line separates them — learned by
 * the 2 → 4 → 6 → 6 → 4 → 1 network (ReLU hidden layers, a sigmoid output, binary cross-entropy, Adam, 50 epochs),
 * built as a {@link Sequential} of {@link Dense} layers and trained by {@link Trainer#fit}. Prints the progress and
 * the test accuracy; writes the decision boundary (the plane coloured by the predicted probability of class 1, the
 * points on top), the loss and accuracy per epoch, and the boundary while it trains: an animated GIF with one frame
 * before training and one after each epoch, each showing that epoch's training loss and test accuracy.
 */
public final class Circles {
    private Circles() {
    }

    /** The layer widths. */
    public static final int[] SIZES = {2, 4, 6, 6, 4, 1};

    /**
     * @param testAccuracy accuracy on the held-out 20 %
     * @param history      loss and accuracy per epoch: "loss", "accuracy" (training, running means over the
     *                     epoch, as Keras reports them), "val_loss", "val_accuracy" (the test set, after the epoch)
     * @param parameters   number of trainable scalars
     */
    public record Result(double testAccuracy, History history, long parameters, Path boundaryPicture,
                         Path curvesPicture, Path animation, List<Snapshot> snapshots) {
    }

    /**
     * One frame of the training animation, as computed.
     *
     * @param epoch        0 before training, then the number of epochs done
     * @param trainLoss    the epoch's mean training loss (before training: the loss on the training set)
     * @param testAccuracy accuracy on the test set after the epoch
     * @param prob         the predicted P(class 1) on the picture's grid, row 0 at the bottom
     */
    public record Snapshot(int epoch, double trainLoss, double testAccuracy, double[][] prob) {
    }

    /** The plane shown in the pictures: [−1.6, 1.6]². */
    static final double LO = -1.6;
    static final double HI = 1.6;

    /** The network: Dense layers with Keras's defaults (Glorot-uniform kernels, zero biases), seeded. */
    public static Sequential model(long seed) {
        Sequential m = new Sequential();
        for (int i = 1; i < SIZES.length; i++) {
            m.add(Dense.builder(SIZES[i]).activation(i + 1 < SIZES.length ? "relu" : "sigmoid")
                    .inputDim(SIZES[i - 1]).seed(seed + i).build());
        }
        return m;
    }

    public static Result run(Options o) {
        int n = o.intParam("samples", 1000, 400);
        int epochs = o.intParam("epochs", 50, 50);
        int batch = o.intParam("batch", 32, 32);
        double lr = o.doubleParam("lr", 0.01);
        double noise = o.doubleParam("noise", 0.1);
        TensorDataset data = Datasets.twoCircles(n, noise, 0.5, o.seed());
        Datasets.Split split = Datasets.trainTestSplit(data, 0.2, true, o.seed());
        Sequential model = model(o.seed());
        o.printf("Two circles: %d points (noise %.2f, inner radius 0.5), %d for training, %d for testing.%n", n, noise,
                split.train().size(), split.test().size());
        o.printf("Network 2 -> 4 -> 6 -> 6 -> 4 -> 1 (ReLU, sigmoid output); binary cross-entropy, Adam(lr %.3g),"
                + " batch %d, %d epochs.%n", lr, batch, epochs);
        o.print(model.summary());
        Trainer trainer = new Trainer(model, new Adam(model.parameters(), lr), new BCELoss())
                .metrics(new Accuracy()).output(o.out());
        // the test set is only watched (val_ columns), never used to choose anything
        int g = o.quick() ? 80 : 200;
        List<Snapshot> snapshots = new ArrayList<>();
        Callback recorder = new Callback() {
            @Override
            public void onTrainBegin(Trainer t) {
                snapshots.add(new Snapshot(0, t.evaluate(split.train(), 256).get("loss"),
                        t.evaluate(split.test(), 256).get("accuracy"), probabilities(model, g)));
            }

            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                snapshots.add(new Snapshot(epoch + 1, logs.get("loss"), logs.get("val_accuracy"),
                        probabilities(model, g)));
            }
        };
        History h = trainer.fit(split.train(), FitOptions.epochs(epochs).batchSize(batch).shuffle(o.seed())
                .validationData(split.test()).callbacks(recorder));
        Map<String, Double> test = trainer.evaluate(split.test(), 256);
        double acc = test.get("accuracy");
        o.printf("test accuracy: %.3f, test loss %.4f (%d test points)%n", acc, test.get("loss"), split.test().size());
        if (acc < 0.8) {
            o.println("(A network this small can die: when every ReLU of a layer outputs 0 for all inputs, no gradient"
                    + " flows and it predicts one class. Try another --seed, or a larger learning rate --lr.)");
        }
        List<Plots.Points> pts = points(data);
        Path boundary = Plots.probabilityMap(String.format(Locale.ROOT,
                "Decision boundary of the 2-4-6-6-4-1 network (test accuracy %.3f)", acc), "x1", "x2",
                LO, HI, LO, HI, snapshots.get(snapshots.size() - 1).prob(), pts, "predicted P(class 1)",
                o.file("circles_boundary.png"));
        Path curves = curves(o, h);
        Path animation = animation(snapshots, epochs, pts, o.file("circles_training.gif"));
        o.println("wrote " + boundary);
        o.println("wrote " + curves);
        o.printf("wrote %s (%d frames, %.0f KB)%n", animation, snapshots.size(), size(animation) / 1024.0);
        return new Result(acc, h, model.numParameters(), boundary, curves, animation, List.copyOf(snapshots));
    }

    /** P(class 1) on a g × g grid of cell centres over [LO, HI]², row 0 at the bottom. */
    static double[][] probabilities(Sequential model, int g) {
        float[] grid = new float[g * g * 2];
        for (int i = 0; i < g; i++) {
            for (int j = 0; j < g; j++) {
                grid[2 * (i * g + j)] = (float) (LO + (j + 0.5) * (HI - LO) / g);
                grid[2 * (i * g + j) + 1] = (float) (LO + (i + 0.5) * (HI - LO) / g);
            }
        }
        NdArray p = model.predict(NdArray.of(grid, g * g, 2), 4096);
        double[][] prob = new double[g][g];
        for (int i = 0; i < g; i++) {
            for (int j = 0; j < g; j++) {
                prob[i][j] = p.getFlat(i * g + j);
            }
        }
        return prob;
    }

    static List<Plots.Points> points(TensorDataset data) {
        List<Plots.Points> pts = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            List<double[]> xy = new ArrayList<>();
            for (int i = 0; i < data.size(); i++) {
                if (data.labels()[i] == c) {
                    xy.add(new double[] {data.features().get(i, 0), data.features().get(i, 1)});
                }
            }
            pts.add(new Plots.Points(c == 0 ? "class 0 (outer circle)" : "class 1 (inner circle)",
                    xy.stream().mapToDouble(v -> v[0]).toArray(), xy.stream().mapToDouble(v -> v[1]).toArray(),
                    c == 0 ? Plots.BLUE : Plots.RED));
        }
        return pts;
    }

    /** Frame size of the training animation. */
    static final int GIF_WIDTH = 420;
    static final int GIF_HEIGHT = 470;
    private static final int PLOT = 380;
    private static final int PLOT_X = 20;
    private static final int PLOT_Y = 72;

    /**
     * The boundary while it trains, one frame per snapshot: P(class 1) in bands of 0.1 (blue below ½, red above),
     * the ½ contour in black, the points on top, and the epoch, training loss and test accuracy written above.
     */
    static Path animation(List<Snapshot> snapshots, int epochs, List<Plots.Points> pts, Path file) {
        BufferedImage overlay = overlay(pts);
        List<Gif.Frame> frames = new ArrayList<>();
        for (int k = 0; k < snapshots.size(); k++) {
            Snapshot s = snapshots.get(k);
            // the boundary moves most in the first epochs: those frames stay longer
            int delay = k == 0 ? 100 : k == snapshots.size() - 1 ? 300 : k <= 10 ? 40 : 12;
            frames.add(new Gif.Frame(frame(s, epochs, overlay), delay));
        }
        return Gif.write(frames, file);
    }

    /** What every frame shares, on a transparent layer: the points, the plot's border, the title and the key. */
    static BufferedImage overlay(List<Plots.Points> pts) {
        BufferedImage img = new BufferedImage(GIF_WIDTH, GIF_HEIGHT, BufferedImage.TYPE_INT_ARGB);
        Graphics2D gr = img.createGraphics();
        gr.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        gr.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        for (Plots.Points p : pts) {
            gr.setColor(p.color());
            for (int k = 0; k < p.x().length; k++) {
                double x = PLOT_X + (p.x()[k] - LO) / (HI - LO) * PLOT;
                double y = PLOT_Y + (HI - p.y()[k]) / (HI - LO) * PLOT;
                gr.fill(new Ellipse2D.Double(x - 2, y - 2, 4, 4));
            }
        }
        gr.setColor(Color.GRAY);
        gr.setStroke(new BasicStroke(1f));
        gr.drawRect(PLOT_X, PLOT_Y, PLOT, PLOT);
        gr.setColor(Color.BLACK);
        gr.setFont(Plots.TITLE);
        gr.drawString("The 2-4-6-6-4-1 network learning two circles", PLOT_X, 24);
        gr.setFont(Plots.SMALL);
        gr.setColor(Color.DARK_GRAY);
        gr.drawString("shade: predicted P(class 1) in steps of 0.1, black line: P = 0.5", PLOT_X,
                PLOT_Y + PLOT + 16);
        gr.dispose();
        return img;
    }

    /** One frame: P(class 1) in bands of 0.1, the ½ contour in black, the overlay, and this epoch's numbers. */
    static BufferedImage frame(Snapshot s, int epochs, BufferedImage overlay) {
        double[][] prob = s.prob();
        int g = prob.length;
        int[] bands = new int[10];
        for (int b = 0; b < 10; b++) {
            bands[b] = Plots.diverging((b + 0.5) / 10).getRGB();
        }
        int[] px = new int[GIF_WIDTH * GIF_HEIGHT];
        java.util.Arrays.fill(px, Color.WHITE.getRGB());
        int black = Color.BLACK.getRGB();
        for (int y = 0; y < PLOT; y++) {
            double[] row = prob[g - 1 - y * g / PLOT];                 // image rows go down, grid rows go up
            double[] below = prob[g - 1 - Math.min(PLOT - 1, y + 1) * g / PLOT];
            for (int x = 0; x < PLOT; x++) {
                double p = row[x * g / PLOT];
                boolean in = p >= 0.5;
                // the ½ contour: where the class flips to the right or below
                boolean edge = in != (row[Math.min(PLOT - 1, x + 1) * g / PLOT] >= 0.5) || in != (below[x * g / PLOT]
                        >= 0.5);
                px[(PLOT_Y + y) * GIF_WIDTH + PLOT_X + x] = edge ? black
                        : bands[(int) Math.max(0, Math.min(9, Math.floor(p * 10)))];
            }
        }
        BufferedImage img = new BufferedImage(GIF_WIDTH, GIF_HEIGHT, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, GIF_WIDTH, GIF_HEIGHT, px, 0, GIF_WIDTH);
        Graphics2D gr = img.createGraphics();
        gr.drawImage(overlay, 0, 0, null);
        gr.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        gr.setColor(Color.BLACK);
        gr.setFont(Plots.LABEL);
        gr.drawString(s.epoch() == 0 ? String.format(Locale.ROOT, "before training (epoch 0 of %d)", epochs)
                : String.format(Locale.ROOT, "epoch %d of %d", s.epoch(), epochs), PLOT_X, 46);
        gr.drawString(String.format(Locale.ROOT, "training loss %.4f    test accuracy %.3f", s.trainLoss(),
                s.testAccuracy()), PLOT_X, 63);
        gr.dispose();
        return img;
    }

    static long size(Path file) {
        try {
            return java.nio.file.Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Path curves(Options o, History h) {
        return learningCurves("Training the circles classifier", "binary cross-entropy", h,
                o.file("circles_curves.png"));
    }

    /** Loss and accuracy per epoch side by side: training (running mean over the epoch) and test (after it). */
    static Path learningCurves(String title, String lossName, History h, Path file) {
        int e = h.get("loss").size();
        double[] ep = new double[e];
        for (int i = 0; i < e; i++) {
            ep[i] = i + 1;
        }
        ep[0] -= 1e-3;   // XChart puts a tick on every x when they are equally spaced (to 1e-4); this is not
        XYChart loss = Plots.xy("Loss per epoch", "epoch", lossName, 560, 400);
        Plots.line(loss, "train (mean over the epoch)", ep, unbox(h.get("loss")), Plots.PALETTE[0], false);
        Plots.line(loss, "test (after the epoch)", ep, unbox(h.get("val_loss")), Plots.PALETTE[1], true);
        XYChart acc = Plots.xy("Accuracy per epoch", "epoch", "accuracy", 560, 400);
        Plots.line(acc, "train (mean over the epoch)", ep, unbox(h.get("accuracy")), Plots.PALETTE[0], false);
        Plots.line(acc, "test (after the epoch)", ep, unbox(h.get("val_accuracy")), Plots.PALETTE[1], true);
        acc.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        acc.getStyler().setYAxisMax(1.0);
        for (XYChart c : List.of(loss, acc)) {
            c.getStyler().setXAxisMin(1.0 - 1e-3);
            c.getStyler().setXAxisDecimalPattern("0");
        }
        return Plots.saveGrid(title, List.of(loss, acc), 2, file);
    }

    static double[] unbox(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
