package org.vecgrad.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.init.Init;

/**
 * Weight initializers, seen two ways.
 * <ol>
 *   <li>Histograms of a 256 × 256 weight matrix from each initializer, with the measured and the intended standard
 *       deviation (Xavier: √(2/(fan_in + fan_out)), He: √(2/fan_in), …).</li>
 *   <li>A 10-layer network of width 256 (no training) run forward on random input and backward from a random
 *       upstream gradient, for (sigmoid, N(0, 1)), (sigmoid, N(0, 0.01)), (tanh, Xavier), (ReLU, He) and (ReLU,
 *       zeros): the standard deviation of each layer's activations and the norm of each layer's weight gradient.
 *       N(0, 1) weights saturate the sigmoids (pre-activations with std ≈ 8: outputs nearly 0 or 1) and the large
 *       weights make the gradient grow on its way back; N(0, 0.01) weights leave every sigmoid near ½ with
 *       slope ¼, so the gradient shrinks by ≈ ¼·0.01·√256 per layer and vanishes; Xavier keeps tanh in its
 *       linear range; He keeps ReLU activations at a steady scale; zeros make every unit of a layer identical (the
 *       symmetry problem) — here every activation and every weight gradient is exactly 0.</li>
 * </ol>
 */
public final class Initializers {
    private Initializers() {
    }

    /** Histogram of one initializer. */
    public record Histogram(String name, double measuredStd, double expectedStd) {
    }

    /**
     * One network configuration.
     *
     * @param actStd        std of the activations after each layer (index 0 = layer 1)
     * @param gradNorm      Frobenius norm of ∂L/∂W for each layer
     * @param distinctUnits number of distinct columns (units) in the last hidden layer's activations over the batch
     */
    public record Config(String name, double[] actStd, double[] gradNorm, int distinctUnits) {
        /** |∂L/∂W₁| / |∂L/∂W₁₀|: below 1 the gradient shrinks on its way back to the input, above 1 it grows. */
        public double gradRatio() {
            return gradNorm[0] / gradNorm[gradNorm.length - 1];
        }

        /** A one-line reading of the numbers. */
        public String verdict() {
            if (distinctUnits == 1) {
                return "all units of a layer are identical and every gradient is " + (gradNorm[0] == 0 ? "0" : "equal")
                        + ": the symmetry is never broken, nothing can learn";
            }
            String g = gradRatio() < 0.1 ? "vanishes" : gradRatio() > 3 ? "grows (explodes)" : "keeps its size";
            return String.format(java.util.Locale.ROOT, "activation std %.2g -> %.2g over %d layers; the gradient %s"
                    + " on the way back (layer 1 / layer %d = %.2g)", actStd[0], actStd[actStd.length - 1],
                    actStd.length, g, gradNorm.length, gradRatio());
        }
    }

    public record Result(List<Histogram> histograms, List<Config> configs, Path histogramPicture,
                         Path depthPicture) {
        public Config config(String prefix) {
            return configs.stream().filter(c -> c.name().startsWith(prefix)).findFirst().orElseThrow();
        }
    }

    static final int WIDTH = 256;
    static final int LAYERS = 10;

    record Init1(String name, double expectedStd, BiFunction<NdArray, RandomGenerator, NdArray> fill) {
    }

    static List<Init1> initializers() {
        double fan = WIDTH;
        return List.of(
                new Init1("normal(0, 1)", 1, (w, r) -> Init.normal(w, 0, 1, r)),
                new Init1("PyTorch default U(+-1/sqrt(fan_in))", 1 / Math.sqrt(3 * fan), Init::standardUniform),
                new Init1("LeCun normal (Keras)", Math.sqrt(1 / fan), Init::lecunNormal),
                new Init1("Xavier/Glorot uniform", Math.sqrt(2 / (2 * fan)), Init::xavierUniform),
                new Init1("Xavier/Glorot normal", Math.sqrt(2 / (2 * fan)), Init::xavierNormal),
                new Init1("He/Kaiming uniform", Math.sqrt(2 / fan), Init::kaimingUniform),
                new Init1("He/Kaiming normal (PyTorch)", Math.sqrt(2 / fan), Init::kaimingNormal),
                new Init1("He normal (Keras, truncated)", Math.sqrt(2 / fan), Init::heNormal),
                new Init1("zeros", 0, (w, r) -> Init.zeros(w)));
    }

    record Net(String name, UnaryOperator<Tensor> act, BiFunction<NdArray, RandomGenerator, NdArray> init) {
    }

    static List<Net> nets() {
        return List.of(
                new Net("sigmoid, normal(0, 1)", Tensor::sigmoid, (w, r) -> Init.normal(w, 0, 1, r)),
                new Net("sigmoid, normal(0, 0.01)", Tensor::sigmoid, (w, r) -> Init.normal(w, 0, 0.01, r)),
                new Net("tanh, Xavier", Tensor::tanh, Init::xavierUniform),
                new Net("ReLU, He", Tensor::relu, Init::kaimingNormal),
                new Net("ReLU, zeros", Tensor::relu, (w, r) -> Init.zeros(w)));
    }

    public static Result run(Options o) {
        RandomGenerator rng = Init.generator(o.seed());
        o.println("1) Weights of a " + WIDTH + " x " + WIDTH + " layer (fan_in = fan_out = " + WIDTH
                + ") from each initializer:");
        o.printf("   %-38s %-13s %-13s%n", "initializer", "measured std", "intended std");
        List<Histogram> hs = new ArrayList<>();
        List<XYChart> charts = new ArrayList<>();
        for (Init1 in : initializers()) {
            NdArray w = in.fill().apply(NdArray.zeros(DType.F64, WIDTH, WIDTH), rng);
            double[] v = w.toDoubleArray();
            double std = std(v);
            hs.add(new Histogram(in.name(), std, in.expectedStd()));
            o.printf("   %-38s %-13.4f %-13.4f%n", in.name(), std, in.expectedStd());
            // one x range for all the fan-based initializers, so their widths compare at a glance
            double lim = in.expectedStd() > 0.5 ? 4 : 0.3;
            double[][] h = Plots.histogram(v, -lim, lim, 60);
            XYChart c = Plots.xy(in.name(), String.format(java.util.Locale.ROOT,
                    "weight   (std %.4f, intended %.4f)", std, in.expectedStd()), "density", 360, 260);
            c.getStyler().setChartTitleFont(Plots.LABEL.deriveFont(java.awt.Font.BOLD));
            c.getStyler().setLegendVisible(false);
            c.getStyler().setXAxisMin(-lim);
            c.getStyler().setXAxisMax(lim);
            c.getStyler().setYAxisMin(0.0);
            Plots.line(c, in.name(), h[0], h[1], Plots.PALETTE[in.expectedStd() > 0.5 ? 1 : 0], false);
            charts.add(c);
        }
        Path histPic = Plots.saveGrid("Weights of a 256 x 256 layer from each initializer (density histograms; note the wider x range of N(0, 1))",
                charts, 3, o.file("initializers_histograms.png"));

        int batch = o.intParam("batch", 256, 32);
        o.println("");
        o.println("2) A " + LAYERS + "-layer network of width " + WIDTH + " on random input (batch " + batch
                + "), forward then backward from a random upstream gradient:");
        NdArray xData = NdArray.randn(DType.F32, rng, batch, WIDTH);
        NdArray upstream = NdArray.randn(DType.F32, rng, batch, WIDTH).mul(1.0 / batch);
        List<Config> configs = new ArrayList<>();
        for (Net net : nets()) {
            List<Tensor> ws = new ArrayList<>();
            Tensor h = Tensor.of(xData);
            List<Tensor> acts = new ArrayList<>();
            for (int l = 0; l < LAYERS; l++) {
                Tensor w = Tensor.of(net.init().apply(NdArray.zeros(DType.F32, WIDTH, WIDTH), rng), true);
                Tensor b = Tensor.zeros(DType.F32, WIDTH).requiresGrad(true);
                ws.add(w);
                h = net.act().apply(h.matmul(w.mT()).add(b));
                acts.add(h);
            }
            h.backward(Tensor.of(upstream));
            double[] actStd = new double[LAYERS];
            double[] gradNorm = new double[LAYERS];
            for (int l = 0; l < LAYERS; l++) {
                actStd[l] = std(acts.get(l).data().toDoubleArray());
                double[] g = ws.get(l).grad().data().toDoubleArray();
                double s = 0;
                for (double gi : g) {
                    s += gi * gi;
                }
                gradNorm[l] = Math.sqrt(s);
            }
            int distinct = distinctColumns(acts.get(LAYERS - 1).data());
            configs.add(new Config(net.name(), actStd, gradNorm, distinct));
        }
        o.printf("   %-6s", "layer");
        for (Config c : configs) {
            o.printf(" | %-27s", c.name());
        }
        o.printf("%n   %-6s", "");
        for (int i = 0; i < configs.size(); i++) {
            o.printf(" | %-13s %-13s", "act std", "|dL/dW|");
        }
        o.println("");
        for (int l = 0; l < LAYERS; l++) {
            o.printf("   %-6d", l + 1);
            for (Config c : configs) {
                o.printf(" | %-13.3e %-13.3e", c.actStd()[l], c.gradNorm()[l]);
            }
            o.println("");
        }
        o.printf("   %-6s", "units");
        for (Config c : configs) {
            o.printf(" | %-27s", c.distinctUnits() + " distinct of " + WIDTH);
        }
        o.println("");
        o.println("   (a unit that is 0 for every input, a dead ReLU, counts once among the distinct units)");
        o.println("");
        for (Config c : configs) {
            o.printf("   %-26s %s%n", c.name() + ":", c.verdict());
        }
        Path depthPic = plotDepth(o, configs);
        o.println("wrote " + histPic);
        o.println("wrote " + depthPic);
        return new Result(List.copyOf(hs), List.copyOf(configs), histPic, depthPic);
    }

    private static Path plotDepth(Options o, List<Config> configs) {
        double[] layers = new double[LAYERS];
        for (int l = 0; l < LAYERS; l++) {
            layers[l] = l + 1;
        }
        XYChart a = Plots.xy("Activation std after each layer", "layer", "std of activations (log)", 560, 520);
        XYChart g = Plots.xy("Weight-gradient norm of each layer", "layer", "|dL/dW| (log)", 560, 520);
        double floorA = floor(configs, Config::actStd);
        double floorG = floor(configs, Config::gradNorm);
        for (XYChart c : List.of(a, g)) {
            c.getStyler().setYAxisLogarithmic(true);
            c.getStyler().setXAxisDecimalPattern("0");
            c.getStyler().setYAxisDecimalPattern("0E0");
            c.getStyler().setYAxisLogarithmicDecadeOnly(true);
            c.getStyler().setPlotGridHorizontalLinesVisible(false);   // one per minor log tick: too busy
            c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
            c.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        }
        for (int i = 0; i < configs.size(); i++) {
            Config c = configs.get(i);
            boolean allZero = Arrays.stream(c.actStd()).allMatch(v -> v == 0);
            String label = allZero ? c.name() + " (all exactly 0, drawn at the bottom)" : c.name();
            Plots.line(a, label, layers, floorAt(c.actStd(), floorA), Plots.PALETTE[i], allZero)
                    .setMarker(SeriesMarkers.CIRCLE);
            Plots.line(g, label, layers, floorAt(c.gradNorm(), floorG), Plots.PALETTE[i], allZero)
                    .setMarker(SeriesMarkers.CIRCLE);
        }
        return Plots.saveGrid("10 layers of width 256, random input: which initialization keeps signals and gradients"
                + " alive?", List.of(a, g), 2, o.file("initializers_depth.png"));
    }

    /** A value below every positive entry, where the all-zero series are drawn on the log axis. */
    private static double floor(List<Config> configs, java.util.function.Function<Config, double[]> f) {
        double m = Double.MAX_VALUE;
        for (Config c : configs) {
            for (double v : f.apply(c)) {
                if (v > 0) {
                    m = Math.min(m, v);
                }
            }
        }
        return m == Double.MAX_VALUE ? 1e-12 : m / 30;
    }

    private static double[] floorAt(double[] v, double floor) {
        return Arrays.stream(v).map(x -> Math.max(x, floor)).toArray();
    }

    static double std(double[] v) {
        double m = 0;
        for (double x : v) {
            m += x;
        }
        m /= v.length;
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);
    }

    /** How many different columns a [n, k] matrix has (units that computed different things). */
    static int distinctColumns(NdArray a) {
        int n = a.shape(0);
        int k = a.shape(1);
        Set<List<Double>> seen = new HashSet<>();
        for (int j = 0; j < k; j++) {
            List<Double> col = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                col.add(a.get(i, j));
            }
            seen.add(col);
        }
        return seen.size();
    }
}
