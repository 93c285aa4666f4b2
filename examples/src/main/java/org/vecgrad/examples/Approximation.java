package org.vecgrad.examples;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.Sequential;
import org.vecgrad.nn.layers.Linear;
import org.vecgrad.nn.layers.Tanh;
import org.vecgrad.nn.optim.Adam;
import org.vecgrad.nn.optim.CosineAnnealingLR;

/**
 * Universal approximation: one hidden layer of tanh units, y(x) = Σᵢ vᵢ·tanh(wᵢx + bᵢ) + c, fitted to
 * f(x) = sin(3x) + 0.3x² on [−2, 2] with 2, 4, 8 and 32 hidden units (full-batch Adam on the mean squared error, F64).
 * Each unit contributes one smooth step vᵢ·tanh(wᵢx + bᵢ); with enough of them their sum follows any continuous
 * curve on an interval (Cybenko, 1989; Hornik, 1991). Prints the error per width and draws each fit over the target,
 * with the units' contributions for the small widths.
 */
public final class Approximation {
    private Approximation() {
    }

    /** The hidden widths compared. */
    public static final int[] WIDTHS = {2, 4, 8, 32};

    /** The target on [−2, 2]. */
    public static double target(double x) {
        return Math.sin(3 * x) + 0.3 * x * x;
    }

    /**
     * One width's fit.
     *
     * @param rmse     root mean squared error on 401 evenly spaced points of [−2, 2] (not the training points)
     * @param maxError max |fit − target| on those points
     * @param loss     the training loss (mean squared error) at the end
     */
    public record Fit(int width, double rmse, double maxError, double loss, double[] x, double[] y) {
    }

    public record Result(List<Fit> fits, Path picture) {
    }

    public static Result run(Options o) {
        int n = o.intParam("samples", 200, 100);
        int steps = o.intParam("steps", 3000, 800);
        double lr = o.doubleParam("lr", 0.05);
        o.printf("Fitting f(x) = sin(3x) + 0.3x^2 on [-2, 2] (%d points) with one hidden layer of tanh units;"
                + " Adam(lr %.3g, cosine decay to 0), %d full-batch steps, F64.%n", n, lr, steps);
        Tensor xTrain = Tensor.of(grid(n));
        Tensor yTrain = Tensor.of(targets(xTrain.data()));
        NdArray xTest = grid(401);
        double[] tTest = targets(xTest).toDoubleArray();
        List<Fit> fits = new ArrayList<>();
        List<XYChart> charts = new ArrayList<>();
        o.printf("%n%-8s %-10s %-12s %-12s %s%n", "hidden", "params", "train MSE", "test RMSE", "max |error|");
        for (int w : WIDTHS) {
            Sequential m = new Sequential(new Linear(1, w, true, o.seed() + w), new Tanh(),
                    new Linear(w, 1, true, o.seed() + 1000 + w));
            m.to(DType.F64);
            spreadSteps(m, new java.util.SplittableRandom(o.seed() + 2000 + w));
            Adam opt = new Adam(m.parameters(), lr);
            CosineAnnealingLR schedule = new CosineAnnealingLR(opt, steps);
            double loss = Double.NaN;
            for (int s = 0; s < steps; s++) {
                opt.zeroGrad();
                Tensor l = m.forward(xTrain).sub(yTrain).square().mean();
                l.backward();
                opt.step();
                schedule.step();
                loss = l.item();
            }
            double[] y;
            try (var _ = Tensor.noGrad()) {
                y = m.forward(Tensor.of(xTest)).data().toDoubleArray();
            }
            double se = 0;
            double max = 0;
            for (int i = 0; i < y.length; i++) {
                double e = y[i] - tTest[i];
                se += e * e;
                max = Math.max(max, Math.abs(e));
            }
            Fit fit = new Fit(w, Math.sqrt(se / y.length), max, loss, xTest.toDoubleArray(), y);
            fits.add(fit);
            o.printf("%-8d %-10d %-12.3e %-12.3e %.3e%n", w, m.numParameters(), loss, fit.rmse(), max);
            charts.add(chart(fit, tTest, w <= 8 ? units(m, xTest) : null));
        }
        Path pic = Plots.saveGrid("One hidden layer of tanh units fitting sin(3x) + 0.3x^2", charts, 2,
                o.file("approximation.png"));
        o.println("\nMore units, smaller error: each unit adds one smooth step, and the steps add up to the curve.");
        o.println("wrote " + pic);
        return new Result(List.copyOf(fits), pic);
    }

    /**
     * Starts each hidden unit as a step somewhere in the interval: slope w uniform in ±[1, 4] and the step's centre
     * −b/w uniform in [−2, 2], the picture of the approximation theorem's proof. (Linear's default init draws w and b
     * from U(−1, 1): with one input, every unit then starts as a gentle ramp, and a wide layer of ramps needs far
     * more steps to bend into sin(3x).)
     */
    static void spreadSteps(Sequential m, java.util.SplittableRandom rng) {
        Linear first = (Linear) m.get(0);
        NdArray w = first.localParameters().get("weight").data();
        NdArray b = first.localParameters().get("bias").data();
        for (int i = 0; i < b.size(); i++) {
            double slope = (rng.nextBoolean() ? 1 : -1) * rng.nextDouble(1, 4);
            w.setFlat(i, slope);
            b.setFlat(i, -slope * rng.nextDouble(-2, 2));
        }
    }

    /** n evenly spaced points of [−2, 2] as a column [n, 1]. */
    static NdArray grid(int n) {
        return NdArray.arange(DType.F64, n).mulInPlace(4.0 / (n - 1)).addInPlace(-2).reshape(n, 1);
    }

    static NdArray targets(NdArray x) {
        double[] v = x.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = target(v[i]);
        }
        return NdArray.of(v, x.shape());
    }

    /** Each hidden unit's contribution vᵢ·tanh(wᵢx + bᵢ), a column per unit: [n, width]. */
    static double[][] units(Sequential m, NdArray x) {
        try (var _ = Tensor.noGrad()) {
            Tensor h = m.get(1).forward(m.get(0).forward(Tensor.of(x)));             // [n, width]
            Tensor v = ((Linear) m.get(2)).localParameters().get("weight");          // [1, width]
            NdArray c = h.mul(v).data();
            int width = c.shape(1);
            double[][] out = new double[width][c.shape(0)];
            for (int i = 0; i < c.shape(0); i++) {
                for (int j = 0; j < width; j++) {
                    out[j][i] = c.get(i, j);
                }
            }
            return out;
        }
    }

    static XYChart chart(Fit fit, double[] target, double[][] units) {
        XYChart c = Plots.xy(String.format(Locale.ROOT, "%d hidden units: RMSE %.2g", fit.width(), fit.rmse()), "x",
                null, 520, 380);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getStyler().setXAxisDecimalPattern("0.0");
        c.getStyler().setXAxisMin(-2.0);
        c.getStyler().setXAxisMax(2.0);
        c.getStyler().setYAxisMin(-2.5);
        c.getStyler().setYAxisMax(2.5);
        double[] x = Activations.every(fit.x(), 2);
        x[0] -= 1e-9;   // XChart puts a tick on every x when they are equally spaced; this is not
        if (units != null) {
            for (int j = 0; j < units.length; j++) {
                var u = Plots.line(c, j == 0 ? "each unit's v*tanh(wx + b)" : "unit " + j, x,
                        Activations.every(units[j], 2), new Color(175, 175, 175), false);
                u.setShowInLegend(j == 0);
                u.setLineWidth(1f);
            }
        }
        Plots.line(c, "target sin(3x) + 0.3x^2", x, Activations.every(target, 2), Color.BLACK, true);
        Plots.line(c, "network", x, Activations.every(fit.y(), 2), Plots.PALETTE[1], false);
        return c;
    }
}
