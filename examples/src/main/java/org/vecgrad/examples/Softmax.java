package org.vecgrad.examples;

import java.nio.file.Path;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/**
 * Softmax pᵢ = e^{zᵢ} / Σⱼ e^{zⱼ} of nine logits, and the predicted class argmax pᵢ. Then the same logits plus
 * 100 (softmax does not change when a constant is added to every logit): computed naively, e^{100.2} overflows F32
 * (largest float ≈ 3.4e38 = e^{88.7}) to +Inf and Inf/Inf is NaN; computed stably, as
 * e^{zᵢ − max z} / Σⱼ e^{zⱼ − max z} (the same value, since the factor e^{−max z} cancels), every exponent is ≤ 0,
 * nothing overflows, and the probabilities are those of the small logits. The engine's softmax is the stable one.
 */
public final class Softmax {
    private Softmax() {
    }

    /** The logits of the example. */
    public static final float[] LOGITS = {0.2f, 0.02f, 0.15f, 1.3f, 0.5f, 0.06f, 1.1f, 0.05f, 3.75f};
    /** The large logits are {@link #LOGITS} plus this. */
    public static final float SHIFT = 100f;

    /**
     * @param probs        softmax of the logits (engine, F32)
     * @param predicted    argmax of probs
     * @param sum          Σ probs
     * @param largeLogits  the logits + {@value #SHIFT}
     * @param naive        e^z / Σ e^z computed literally in F32: NaN where e^z overflowed
     * @param stable       the engine's softmax of the large logits
     * @param stableSum    Σ stable
     */
    public record Result(double[] logits, double[] probs, int predicted, double sum, double[] largeLogits,
                         double[] naive, double[] stable, double stableSum, Path picture) {
        /** Number of NaN in the naive result. */
        public long naiveNaNs() {
            return java.util.Arrays.stream(naive).filter(Double::isNaN).count();
        }
    }

    public static Result run(Options o) {
        NdArray z = NdArray.of(LOGITS.clone());
        NdArray p = z.softmax(-1);
        int pred = p.argmax();
        o.println("Softmax turns logits z into probabilities p_i = exp(z_i) / sum_j exp(z_j) (F32).");
        o.printf("%n%-6s %-10s %-12s%n", "class", "logit", "probability");
        for (int i = 0; i < z.size(); i++) {
            o.printf("%-6d %-10.3f %-12.5f%s%n", i, z.getFlat(i), p.getFlat(i), i == pred ? "  <- predicted" : "");
        }
        o.printf("sum of probabilities = %.7f; predicted class = %d (p = %.4f)%n", p.sum(), pred, p.getFlat(pred));

        NdArray big = z.add(SHIFT);
        NdArray e = big.exp();                       // literally exp(z): overflows for z > 88.7 in F32
        NdArray naive = e.div(e.sum());              // Inf / Inf = NaN, finite / Inf = 0
        NdArray stable = big.softmax(-1);
        NdArray shiftedExp = big.sub(big.max()).exp();
        o.printf("%nThe same logits plus %.0f (softmax is unchanged by a shift), where exp overflows F32 (max float"
                + " %.3g = e^%.1f):%n", SHIFT,
                Float.MAX_VALUE, Math.log(Float.MAX_VALUE));
        o.printf("%-6s %-9s %-12s %-12s %-14s %-12s%n", "class", "logit", "exp(z)", "naive p", "exp(z - max)",
                "stable p");
        for (int i = 0; i < big.size(); i++) {
            o.printf("%-6d %-9.1f %-12.4g %-12.4g %-14.4g %-12.4g%n", i, big.getFlat(i), e.getFlat(i),
                    naive.getFlat(i), shiftedExp.getFlat(i), stable.getFlat(i));
        }
        o.printf("naive: sum of exp = %s, so p = exp/sum is NaN where exp = Inf and 0 elsewhere (sum %s)%n",
                e.sum(), naive.sum());
        o.printf("stable (subtract max z = %.2f first): predicted class %d, sum = %.7f, largest difference from the"
                + " small logits' probabilities %.1e%n", big.max(), stable.argmax(), stable.sum(),
                stable.sub(p).abs().max());
        o.println("(F64 only postpones the problem: exp overflows there beyond z = 709.8.)");
        o.println("Subtracting the max changes nothing mathematically (the factor exp(-max) cancels) but keeps every"
                + " exponent <= 0.");

        CategoryChart c = new CategoryChartBuilder().width(640).height(380)
                .title("softmax of the 9 logits (predicted class " + pred + ")").xAxisTitle("class")
                .yAxisTitle("probability").build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        c.getStyler().setPlotBackgroundColor(java.awt.Color.WHITE);
        c.getStyler().setSeriesColors(Plots.PALETTE);
        c.getStyler().setChartTitleBoxVisible(false);
        c.getStyler().setYAxisDecimalPattern("0.00");
        c.getStyler().setLocale(java.util.Locale.ROOT);
        double[] classes = new double[z.size()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = i;
        }
        c.getStyler().setXAxisDecimalPattern("0");
        c.addSeries("p = softmax(z)", classes, p.toDoubleArray());
        Path pic = Plots.save(c, o.file("softmax.png"));
        o.println("wrote " + pic);
        return new Result(z.to(DType.F64).toDoubleArray(), p.toDoubleArray(), pred, p.sum(),
                big.toDoubleArray(), naive.toDoubleArray(), stable.toDoubleArray(), stable.sum(), pic);
    }
}
