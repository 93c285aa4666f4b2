package org.vecgrad.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.vecgrad.nn.train.FitOptions;
import org.vecgrad.nn.train.History;
import org.vecgrad.nn.train.Trainer;

/**
 * Two concentric noisy circles (outer = class 0, inner = class 1) — no straight line separates them — learned by
 * the 2 → 4 → 6 → 6 → 4 → 1 network (ReLU hidden layers, a sigmoid output, binary cross-entropy, Adam, 50 epochs),
 * built as a {@link Sequential} of {@link Dense} layers and trained by {@link Trainer#fit}. Prints the progress and
 * the test accuracy; writes the decision boundary (the plane coloured by the predicted probability of class 1, the
 * points on top) and the loss and accuracy per epoch.
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
                         Path curvesPicture) {
    }

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
        History h = trainer.fit(split.train(), FitOptions.epochs(epochs).batchSize(batch).shuffle(o.seed())
                .validationData(split.test()));
        Map<String, Double> test = trainer.evaluate(split.test(), 256);
        double acc = test.get("accuracy");
        o.printf("test accuracy: %.3f, test loss %.4f (%d test points)%n", acc, test.get("loss"), split.test().size());
        if (acc < 0.8) {
            o.println("(A network this small can die: when every ReLU of a layer outputs 0 for all inputs, no gradient"
                    + " flows and it predicts one class. Try another --seed, or a larger learning rate --lr.)");
        }
        Path boundary = boundary(o, model, data, acc);
        Path curves = curves(o, h);
        o.println("wrote " + boundary);
        o.println("wrote " + curves);
        return new Result(acc, h, model.numParameters(), boundary, curves);
    }

    static Path boundary(Options o, Sequential model, TensorDataset data, double testAccuracy) {
        int g = o.quick() ? 60 : 200;
        double lo = -1.6;
        double hi = 1.6;
        float[] grid = new float[g * g * 2];
        for (int i = 0; i < g; i++) {
            for (int j = 0; j < g; j++) {
                grid[2 * (i * g + j)] = (float) (lo + (j + 0.5) * (hi - lo) / g);
                grid[2 * (i * g + j) + 1] = (float) (lo + (i + 0.5) * (hi - lo) / g);
            }
        }
        NdArray p = model.predict(NdArray.of(grid, g * g, 2), 4096);
        double[][] prob = new double[g][g];
        for (int i = 0; i < g; i++) {
            for (int j = 0; j < g; j++) {
                prob[i][j] = p.getFlat(i * g + j);
            }
        }
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
        return Plots.probabilityMap(String.format(java.util.Locale.ROOT,
                "Decision boundary of the 2-4-6-6-4-1 network (test accuracy %.3f)", testAccuracy), "x1", "x2",
                lo, hi, lo, hi, prob, pts, "predicted P(class 1)", o.file("circles_boundary.png"));
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
