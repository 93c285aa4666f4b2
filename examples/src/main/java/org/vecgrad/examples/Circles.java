package org.vecgrad.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.vecgrad.autodiff.GradMode;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.data.Datasets;
import org.vecgrad.nn.data.TensorDataset;
import org.vecgrad.nn.init.Init;
import org.vecgrad.nn.optim.Adam;

/**
 * Two concentric noisy circles (outer = class 0, inner = class 1) — no straight line separates them — learned by
 * the 2 → 4 → 6 → 6 → 4 → 1 network (ReLU hidden layers, a sigmoid output, binary cross-entropy, Adam, 50 epochs).
 * Prints the progress and the test accuracy; writes the decision boundary (the plane coloured by the predicted
 * probability of class 1, the points on top) and the loss and accuracy per epoch.
 */
@SuppressWarnings("try")
public final class Circles {
    private Circles() {
    }

    /** The layer widths. */
    public static final int[] SIZES = {2, 4, 6, 6, 4, 1};

    /**
     * @param testAccuracy accuracy on the held-out 20 %
     * @param history      loss and accuracy per epoch (train, test)
     * @param parameters   number of trainable scalars (113)
     */
    public record Result(double testAccuracy, HandTraining.History history, long parameters, Path boundaryPicture,
                         Path curvesPicture) {
    }

    public static Result run(Options o) {
        int n = o.intParam("samples", 1000, 400);
        int epochs = o.intParam("epochs", 50, 50);
        int batch = o.intParam("batch", 32, 32);
        double lr = o.doubleParam("lr", 0.01);
        double noise = o.doubleParam("noise", 0.1);
        TensorDataset data = Datasets.twoCircles(n, noise, 0.5, o.seed());
        Datasets.Split split = Datasets.trainTestSplit(data, 0.2, true, o.seed());
        SimpleMlp model = new SimpleMlp(SIZES, Tensor::relu, DType.F32, Init.generator(o.seed()));
        o.printf("Two circles: %d points (noise %.2f, inner radius 0.5), %d for training, %d for testing.%n", n, noise,
                split.train().size(), split.test().size());
        o.printf("Network 2 -> 4 -> 6 -> 6 -> 4 -> 1 (ReLU, sigmoid output), %d parameters; binary cross-entropy,"
                + " Adam(lr %.3g), batch %d, %d epochs.%n", model.parameterCount(), lr, batch, epochs);
        Adam adam = new Adam(model.parameters(), lr);
        HandTraining.History h = HandTraining.fit(o, HandTraining.Task.BINARY, model, adam, split.train(),
                split.test(), epochs, batch);
        double acc = h.finalTestAcc();
        o.printf("test accuracy: %.3f (%d test points)%n", acc, split.test().size());
        Path boundary = boundary(o, model, data);
        Path curves = curves(o, h);
        o.println("wrote " + boundary);
        o.println("wrote " + curves);
        return new Result(acc, h, model.parameterCount(), boundary, curves);
    }

    static Path boundary(Options o, SimpleMlp model, TensorDataset data) {
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
        NdArray p;
        try (GradMode.Scope s = Tensor.noGrad()) {
            p = model.forward(Tensor.of(NdArray.of(grid, g * g, 2))).sigmoid().data();
        }
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
        return Plots.probabilityMap("Decision boundary of the 2-4-6-6-4-1 network", "x1", "x2", lo, hi, lo, hi,
                prob, pts, "predicted P(class 1)", o.file("circles_boundary.png"));
    }

    static Path curves(Options o, HandTraining.History h) {
        int e = h.trainLoss().size();
        double[] ep = new double[e];
        for (int i = 0; i < e; i++) {
            ep[i] = i + 1;
        }
        XYChart loss = Plots.xy("Loss per epoch", "epoch", "binary cross-entropy", 560, 400);
        Plots.line(loss, "train", ep, unbox(h.trainLoss()), Plots.PALETTE[0], false);
        Plots.line(loss, "test", ep, unbox(h.testLoss()), Plots.PALETTE[1], true);
        XYChart acc = Plots.xy("Accuracy per epoch", "epoch", "accuracy", 560, 400);
        Plots.line(acc, "train", ep, unbox(h.trainAcc()), Plots.PALETTE[0], false);
        Plots.line(acc, "test", ep, unbox(h.testAcc()), Plots.PALETTE[1], true);
        acc.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        acc.getStyler().setYAxisMax(1.0);
        for (XYChart c : List.of(loss, acc)) {
            c.getStyler().setXAxisMin(1.0);
            c.getStyler().setXAxisDecimalPattern("0");
        }
        return Plots.saveGrid("Training the circles classifier", List.of(loss, acc), 2,
                o.file("circles_curves.png"));
    }

    static double[] unbox(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
