package org.vecgrad.examples;

import java.awt.Color;
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
 * kernel. Prints the table students make by hand (output range, derivative range, f(0), where the function
 * saturates) and writes a grid of plots; then the families side by side (Swish for several β, the ReLU family, the
 * GELU forms and their differences, the general GELU x·P(X ≤ x) for X ~ N(μ, σ²)), with the GELU approximations'
 * largest errors printed.
 *
 * <p>The step function's value at 0 is a convention: vecgrad's step is 1 if x &gt; 0 else 0, so step(0) = 0 (the
 * table's f(0) column), the same choice as ReLU's derivative at 0.
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
                new Activation("step", "1 if x > 0 else 0 (step(0) = 0)", Tensor::step, UnaryOp.STEP, 0),
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
                new Activation("gelu_tanh", "tanh approximation of GELU", Tensor::geluTanh, UnaryOp.GELU_TANH, 0),
                new Activation("gelu_sigmoid", "x * sigmoid(1.702x)", Tensor::geluSigmoid, UnaryOp.SWISH,
                        Tensor.GELU_SIGMOID_BETA));
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

    /**
     * The families compared on one grid.
     *
     * @param geluTanhMaxDiff    max |tanh approximation − exact GELU|
     * @param geluSigmoidMaxDiff max |x·σ(1.702x) − exact GELU|
     * @param geluNormalMaxDiff  max |x·P(X ≤ x), X ~ N(0, 1), − exact GELU|: the general form at μ = 0, σ = 1
     * @param swishSteepVsRelu   max |x·σ(10x) − ReLU|: large β, nearly ReLU
     * @param swishFlatVsLinear  max |x·σ(0.1x) − x/2| on [−1, 1]: small β, nearly linear (slope ½) near 0
     * @param swishFlatVsRelu    max |x·σ(0.1x) − ReLU| on [−1, 1]
     */
    public record Families(double geluTanhMaxDiff, double geluSigmoidMaxDiff, double geluNormalMaxDiff,
                           double swishSteepVsRelu, double swishFlatVsLinear, double swishFlatVsRelu, Path picture) {
    }

    /** The table and the pictures. */
    public record Result(List<Row> rows, double[] x, Path picture, Families families) {
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
        Families fam = families(o, xs);
        return new Result(List.copyOf(rows), x, pic, fam);
    }

    private record Named(String name, UnaryOperator<Tensor> f) {
    }

    /** f on the grid, computed by autodiff's op. */
    private static double[] on(NdArray xs, UnaryOperator<Tensor> f) {
        return f.apply(Tensor.of(xs)).data().toDoubleArray();
    }

    /** max |a − b| over the grid points with lo ≤ x ≤ hi, and where it is: {max, x}. */
    private static double[] maxDiff(double[] x, double[] a, double[] b, double lo, double hi) {
        double[] m = {0, Double.NaN};
        for (int i = 0; i < x.length; i++) {
            double d = Math.abs(a[i] - b[i]);
            if (x[i] >= lo && x[i] <= hi && !(d <= m[0])) {
                m[0] = d;
                m[1] = x[i];
            }
        }
        return m;
    }

    /**
     * The families side by side: Swish for β = 0.1, 1, 10 (from nearly linear to nearly ReLU), the ReLU family, the
     * GELU forms with their differences from exact GELU, and the general GELU x·P(X ≤ x), X ~ N(μ, σ²).
     */
    static Families families(Options o, NdArray xs) {
        double[] x = xs.toDoubleArray();
        int stride = Math.max(1, (x.length - 1) / 240);
        double[] xp = every(x, stride);
        List<XYChart> charts = new ArrayList<>();

        XYChart sw = family("Swish x*sigmoid(beta x)", -6, 6, -2.5, 6);
        double[] relu = on(xs, Tensor::relu);
        double[] half = on(xs, t -> t.mul(0.5));
        Plots.line(sw, "ReLU", xp, every(relu, stride), Color.LIGHT_GRAY, true);
        double[][] swish = new double[3][];
        double[] betas = {0.1, 1, 10};
        for (int i = 0; i < 3; i++) {
            double beta = betas[i];
            swish[i] = on(xs, t -> t.swish(beta));
            Plots.line(sw, "beta = " + fmt(betas[i]), xp, every(swish[i], stride), Plots.PALETTE[i], false);
        }
        charts.add(sw);

        XYChart rf = family("The ReLU family", -4, 4, -1.5, 4);
        Tensor slope = Tensor.scalar(DType.F64, 0.25);
        List<Named> reluFamily = List.of(new Named("ReLU", Tensor::relu),
                new Named("LeakyReLU (0.1)", t -> t.leakyRelu(0.1)),
                new Named("PReLU (a = 0.25, learned)", t -> t.prelu(slope)),
                new Named("ELU (alpha = 1)", t -> t.elu(1)),
                new Named("Softplus", Tensor::softplus));
        for (int i = 0; i < reluFamily.size(); i++) {
            Plots.line(rf, reluFamily.get(i).name(), xp, every(on(xs, reluFamily.get(i).f()), stride),
                    Plots.PALETTE[i], i == 4);
        }
        charts.add(rf);

        double[] exact = on(xs, Tensor::gelu);
        double[] tanh = on(xs, Tensor::geluTanh);
        double[] sig = on(xs, Tensor::geluSigmoid);
        double[] normal = on(xs, t -> t.gelu(0, 1));
        XYChart gf = family("GELU: exact and two approximations", -4, 4, -0.5, 4);
        Plots.line(gf, "x*Phi(x) (exact)", xp, every(exact, stride), Plots.PALETTE[0], false);
        Plots.line(gf, "tanh approximation", xp, every(tanh, stride), Plots.PALETTE[1], true);
        Plots.line(gf, "x*sigmoid(1.702x)", xp, every(sig, stride), Plots.PALETTE[2], true);
        charts.add(gf);

        double[] dTanh = new double[x.length];
        double[] dSig = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            dTanh[i] = tanh[i] - exact[i];
            dSig[i] = sig[i] - exact[i];
        }
        XYChart gd = family("Approximation - exact GELU", -6, 6, -0.025, 0.025);
        gd.getStyler().setYAxisDecimalPattern("0.000");
        Plots.line(gd, "tanh approximation", xp, every(dTanh, stride), Plots.PALETTE[1], false);
        Plots.line(gd, "x*sigmoid(1.702x)", xp, every(dSig, stride), Plots.PALETTE[2], false);
        charts.add(gd);

        XYChart gg = family("GELU forms: derivatives (autodiff)", -4, 4, -0.25, 1.25);
        List<Named> forms = List.of(new Named("exact", Tensor::gelu), new Named("tanh approximation",
                Tensor::geluTanh), new Named("x*sigmoid(1.702x)", Tensor::geluSigmoid));
        for (int i = 0; i < forms.size(); i++) {
            Tensor t = Tensor.of(xs.copy(), true);
            forms.get(i).f().apply(t).sum().backward();
            Plots.line(gg, forms.get(i).name(), xp, every(t.grad().data().toDoubleArray(), stride),
                    Plots.PALETTE[i], i > 0);
        }
        charts.add(gg);

        XYChart gn = family("General GELU x*P(X <= x), X ~ N(mu, sigma^2)", -4, 4, -1, 4);
        double[][] ms = {{0, 1}, {0, 0.25}, {0, 2}, {1, 1}};
        for (int i = 0; i < ms.length; i++) {
            double mu = ms[i][0];
            double sd = ms[i][1];
            Plots.line(gn, "mu = " + fmt(mu) + ", sigma = " + fmt(sd), xp, every(on(xs, t -> t.gelu(mu, sd)),
                    stride), Plots.PALETTE[i], i > 0);
        }
        charts.add(gn);

        double[] tanhMax = maxDiff(x, tanh, exact, -6, 6);
        double[] sigMax = maxDiff(x, sig, exact, -6, 6);
        double[] normalMax = maxDiff(x, normal, exact, -6, 6);
        double steep = maxDiff(x, swish[2], relu, -6, 6)[0];
        double flatLinear = maxDiff(x, swish[0], half, -1, 1)[0];
        double flatRelu = maxDiff(x, swish[0], relu, -1, 1)[0];
        o.println("Activation families on [-6, 6]:");
        o.printf("  Swish x*sigmoid(beta x): beta = 10 is within %.4f of ReLU; beta = 0.1 is within %.4f of x/2 on"
                + " [-1, 1] (and %.3f from ReLU there)%n", steep, flatLinear, flatRelu);
        o.printf("  GELU: max |tanh approximation - exact| = %.2e (at x = %.2f)%n", tanhMax[0], tanhMax[1]);
        o.printf("        max |x*sigmoid(1.702x) - exact|  = %.2e (at x = %.2f)%n", sigMax[0], sigMax[1]);
        o.printf("        general form x*P(X <= x), X ~ N(0, 1), vs exact: max difference %.1e%n", normalMax[0]);
        Path pic = Plots.saveGrid("Activation families", charts, 3, o.file("activation_families.png"));
        o.println("wrote " + pic);
        return new Families(tanhMax[0], sigMax[0], normalMax[0], steep, flatLinear, flatRelu, pic);
    }

    private static XYChart family(String title, double x0, double x1, double y0, double y1) {
        XYChart c = Plots.xy(title, "x", null, 420, 320);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setChartTitleFont(Plots.LABEL.deriveFont(java.awt.Font.BOLD));
        c.getStyler().setXAxisMin(x0);
        c.getStyler().setXAxisMax(x1);
        c.getStyler().setYAxisMin(y0);
        c.getStyler().setYAxisMax(y1);
        return c;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
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
                + "GELU/SiLU keep a small slope there.\nstep(0) = 0: step is 1 only for x > 0. The value at 0 is a"
                + " convention (PyTorch's heaviside(x, values) asks for it);\nvecgrad takes 0, the value ReLU's"
                + " derivative has at 0 (relu(x) = x * step(x)).");
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
