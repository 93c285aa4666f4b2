package org.vecgrad.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.UnaryOp;

/**
 * Every activation function and its derivative on [−6, 6]: the derivative comes from autodiff (one backward pass
 * of Σ f(xᵢ), whose gradient is f'(xᵢ) elementwise) and is cross-checked against the engine's fused derivative
 * kernel. Prints the table students make by hand (output range, derivative range, where the function saturates)
 * and writes a grid of plots.
 */
public final class Activations {
    private Activations() {
    }

    /** |f'| below this counts as saturated (flat): gradients passing through are scaled by less than 1 %. */
    public static final double FLAT = 0.01;

    /** One activation: how autodiff computes it, and the engine op (with parameter) that computes its derivative. */
    record Activation(String name, String formula, UnaryOperator<Tensor> f, UnaryOp op, double p0) {
    }

    static List<Activation> all() {
        return List.of(
                new Activation("step", "1 if x > 0 else 0", Tensor::step, UnaryOp.STEP, 0),
                new Activation("sigmoid", "1 / (1 + e^-x)", Tensor::sigmoid, UnaryOp.SIGMOID, 0),
                new Activation("tanh", "tanh x", Tensor::tanh, UnaryOp.TANH, 0),
                new Activation("hard_sigmoid", "clip(x/4 + 1/2, 0, 1)", Tensor::hardSigmoid, UnaryOp.HARD_SIGMOID, 0),
                new Activation("hard_tanh", "clip(x, -1, 1)", Tensor::hardTanh, UnaryOp.HARD_TANH, 0),
                new Activation("relu", "max(x, 0)", Tensor::relu, UnaryOp.RELU, 0),
                new Activation("leaky_relu", "x if x > 0 else 0.1x", t -> t.leakyRelu(0.1), UnaryOp.LEAKY_RELU, 0.1),
                new Activation("elu", "x if x > 0 else e^x - 1", t -> t.elu(1), UnaryOp.ELU, 1),
                new Activation("softplus", "ln(1 + e^x)", Tensor::softplus, UnaryOp.SOFTPLUS, 0),
                new Activation("silu", "x * sigmoid(x)  (swish, beta = 1)", Tensor::silu, UnaryOp.SWISH, 1),
                new Activation("gelu", "x * Phi(x)", Tensor::gelu, UnaryOp.GELU, 0),
                new Activation("gelu_tanh", "tanh approximation of GELU", Tensor::geluTanh, UnaryOp.GELU_TANH, 0));
    }

    /**
     * One row of the table.
     *
     * @param fMin            min of f on the grid (f(−6) for monotone functions)
     * @param fMax            max of f on the grid
     * @param dMin            min of f' on the grid
     * @param dMax            max of f' on the grid
     * @param f0              f(0)
     * @param flatShare       share of the grid where |f'| &lt; {@link #FLAT}
     * @param flatLeft        |f'(−6)| &lt; FLAT: saturates (or is dead) for large negative inputs
     * @param flatRight       |f'(6)| &lt; FLAT
     * @param kernelDiff      max |autodiff f' − engine derivative kernel| on the grid
     */
    public record Row(String name, String formula, double fMin, double fMax, double dMin, double dMax, double f0,
                      double flatShare, boolean flatLeft, boolean flatRight, double kernelDiff) {
        /** "both sides", "left (x → −∞)", "right", "nowhere", or "everywhere". */
        public String saturation() {
            if (flatShare == 1) {
                return "everywhere (f' = 0)";
            }
            return flatLeft && flatRight ? "both sides" : flatLeft ? "left (x -> -inf)" : flatRight ? "right"
                    : "nowhere";
        }
    }

    /** The table and the picture. */
    public record Result(List<Row> rows, double[] x, Path picture) {
        public Row row(String name) {
            return rows.stream().filter(r -> r.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no activation " + name));
        }
    }

    public static Result run(Options o) {
        int n = o.intParam("points", 1201, 241);
        o.println("Activations and their derivatives on [-6, 6] (" + n + " points, F64); f' by autodiff,"
                + " checked against the engine's derivative kernels.");
        NdArray xs = NdArray.arange(DType.F64, n);
        xs.mulInPlace(12.0 / (n - 1)).addInPlace(-6);
        double[] x = xs.toDoubleArray();
        List<Row> rows = new ArrayList<>();
        List<XYChart> charts = new ArrayList<>();
        for (Activation a : all()) {
            Tensor t = Tensor.of(xs.copy(), true);
            Tensor y = a.f().apply(t);
            y.sum().backward();
            double[] f = y.data().toDoubleArray();
            double[] d = t.grad().data().toDoubleArray();
            double[] kernel = xs.derivative(a.op(), a.p0()).toDoubleArray();
            double fMin = Double.MAX_VALUE, fMax = -Double.MAX_VALUE, dMin = Double.MAX_VALUE, dMax = -Double.MAX_VALUE;
            double diff = 0;
            int flat = 0;
            for (int i = 0; i < n; i++) {
                fMin = Math.min(fMin, f[i]);
                fMax = Math.max(fMax, f[i]);
                dMin = Math.min(dMin, d[i]);
                dMax = Math.max(dMax, d[i]);
                diff = Math.max(diff, Math.abs(d[i] - kernel[i]));
                if (Math.abs(d[i]) < FLAT) {
                    flat++;
                }
            }
            double f0 = f[(n - 1) / 2];
            rows.add(new Row(a.name(), a.formula(), fMin, fMax, dMin, dMax, f0, flat / (double) n,
                    Math.abs(d[0]) < FLAT, Math.abs(d[n - 1]) < FLAT, diff));

            XYChart c = Plots.xy(a.name() + ":  " + a.formula(), "x", null, 330, 250);
            c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
            c.getStyler().setChartTitleFont(Plots.LABEL.deriveFont(java.awt.Font.BOLD));
            c.getStyler().setXAxisMin(-6.0);
            c.getStyler().setXAxisMax(6.0);
            // round axis ends (XChart's ticks are odd numbers when the data ends at odd values)
            c.getStyler().setYAxisMin(Math.floor(Math.min(fMin, dMin) * 2 - 0.05) / 2);
            c.getStyler().setYAxisMax(Math.ceil(Math.max(fMax, dMax) * 2 + 0.05) / 2);
            int stride = Math.max(1, (n - 1) / 240);   // 241 points are plenty for a 330-pixel-wide plot
            Plots.line(c, "f(x)", every(x, stride), every(f, stride), Plots.PALETTE[0], false);
            Plots.line(c, "f'(x)", every(x, stride), every(d, stride), Plots.PALETTE[1], true);
            charts.add(c);
        }
        printTable(o, rows);
        Path pic = Plots.saveGrid("Activation functions f (solid) and their derivatives f' (dashed) on [-6, 6]",
                charts, 4, o.file("activations.png"));
        o.println("wrote " + pic);
        return new Result(List.copyOf(rows), x, pic);
    }

    static void printTable(Options o, List<Row> rows) {
        o.printf("%n%-13s %-20s %-20s %-7s %-9s %s%n", "activation", "f range on grid", "f' range", "f(0)",
                "flat", "saturates (|f'| < " + FLAT + ")");
        for (Row r : rows) {
            o.printf("%-13s %-20s %-20s %-7.3f %-9s %s%n", r.name(), range(r.fMin(), r.fMax()),
                    range(r.dMin(), r.dMax()), r.f0(), String.format(java.util.Locale.ROOT, "%.0f %%",
                            100 * r.flatShare()), r.saturation());
        }
        double worst = rows.stream().mapToDouble(Row::kernelDiff).max().orElse(0);
        o.printf("autodiff f' vs the engine's derivative kernels: max |difference| = %.2e%n%n", worst);
        o.println("Read it like this: a flat region passes (almost) no gradient back, so units stuck there stop"
                + " learning;\nsigmoid/tanh saturate on both sides, ReLU is flat (dead) for x < 0, leaky ReLU/ELU/"
                + "GELU/SiLU keep a small slope there.");
    }

    static double[] every(double[] a, int stride) {
        double[] b = new double[(a.length - 1) / stride + 1];
        for (int i = 0; i < b.length; i++) {
            b[i] = a[i * stride];
        }
        return b;
    }

    private static String range(double lo, double hi) {
        return String.format(java.util.Locale.ROOT, "[%.3f, %.3f]", lo, hi);
    }
}
