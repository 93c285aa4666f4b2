package org.vecgrad.examples;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.vecgrad.autodiff.ForwardAD;
import org.vecgrad.autodiff.GradCheck;
import org.vecgrad.autodiff.GradMode;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/**
 * Gradient checking in three acts.
 * <ol>
 *   <li>The analytic gradients of a small network's loss (one backward pass) against central differences
 *       (L(w + ε) − L(w − ε)) / 2ε, as GradCheck's report table.</li>
 *   <li>The error of the central difference as ε sweeps 1e−1 … 1e−12, in F64 and F32, on a log-log plot: the
 *       truncation error (≈ L'''·ε²/6) falls as ε shrinks, the round-off error (≈ u·|L|/ε, u the unit round-off)
 *       rises, so the total is a V with its minimum near ε ≈ u^{1/3}: ≈ 5e−6 in F64 (u ≈ 1.1e−16) but ≈ 4e−3 in
 *       F32 (u ≈ 6e−8), where no ε gives more than a few correct digits. That is why GradCheck insists on F64.</li>
 *   <li>A custom operation with a deliberately wrong backward rule (d(x³)/dx written as 3x instead of 3x²),
 *       caught by GradCheck; the corrected rule passes.</li>
 *   <li>Forward vs reverse mode: the same ∂L/∂W1 (15 numbers) from 15 forward-mode passes, one per entry of W1
 *       (each gives one directional derivative), and from the single backward pass of act 2.</li>
 * </ol>
 */
@SuppressWarnings("try")
public final class GradCheckExample {
    private GradCheckExample() {
    }

    /**
     * @param network   the report of the network check (passes)
     * @param eps       the swept steps, from 1e−1 down to 1e−12
     * @param errF64    ‖numeric − analytic‖ / ‖analytic‖ over the first layer's weights, forward in F64
     * @param errF32    the same with the forward pass in F32 (analytic reference: the F64 backward pass)
     * @param bestEpsF64 the ε with the smallest F64 error
     * @param bestEpsF32 the ε with the smallest F32 error
     * @param wrongRule the report for the wrong backward rule (fails)
     * @param fixedRule the report for the corrected rule (passes)
     * @param forwardVsReverse max |∂L/∂W1 by forward mode (15 passes) − ∂L/∂W1 by one backward pass|
     */
    public record Result(GradCheck.Report network, double[] eps, double[] errF64, double[] errF32, double bestEpsF64,
                         double bestEpsF32, GradCheck.Report wrongRule, GradCheck.Report fixedRule, Path picture,
                         double forwardVsReverse) {
    }

    /** A 3 → 5 → 2 network with tanh, cross-entropy over 4 samples: inputs x, W1 [3,5], b1, W2 [5,2], b2. */
    static Tensor loss(Tensor x, Tensor w1, Tensor b1, Tensor w2, Tensor b2) {
        Tensor logits = x.matmul(w1).add(b1).tanh().matmul(w2).add(b2);
        return logits.logSoftmax(1).gather(LABELS).mean().neg();
    }

    static final int[] LABELS = {0, 1, 1, 0};

    public static Result run(Options o) {
        SplittableRandom rng = new SplittableRandom(o.seed());
        Tensor x = Tensor.randn(DType.F64, rng, 4, 3);
        Tensor w1 = Tensor.randn(DType.F64, rng, 3, 5).requiresGrad(true);
        Tensor b1 = Tensor.randn(DType.F64, rng, 5).mul(0.1).detach().requiresGrad(true);
        Tensor w2 = Tensor.randn(DType.F64, rng, 5, 2).requiresGrad(true);
        Tensor b2 = Tensor.randn(DType.F64, rng, 2).mul(0.1).detach().requiresGrad(true);

        o.println("1) Analytic gradients (backward) vs central differences for a 3 -> 5 -> 2 tanh network with a"
                + " cross-entropy loss (F64):");
        o.println("   inputs: 0 = W1 [3, 5], 1 = b1 [5], 2 = W2 [5, 2], 3 = b2 [2]");
        GradCheck.Report net = GradCheck.check(in -> loss(x, in[0], in[1], in[2], in[3]), w1, b1, w2, b2);
        o.println(net.toString());

        // ---------------------------------------------------------------- 2) the eps sweep
        Tensor l = loss(x, w1, b1, w2, b2);
        l.backward();
        double[] analytic = w1.grad().data().toDoubleArray();
        int steps = o.intParam("steps", 45, 23);
        double[] eps = new double[steps];
        for (int k = 0; k < steps; k++) {
            eps[k] = Math.pow(10, -1 - 11.0 * k / (steps - 1));
        }
        double[] e64 = sweep(x, w1, b1, w2, b2, DType.F64, eps, analytic);
        double[] e32 = sweep(x, w1, b1, w2, b2, DType.F32, eps, analytic);
        int best64 = argmin(e64);
        int best32 = argmin(e32);
        o.println("2) Error of the central difference as eps shrinks (relative error over W1's 15 entries):");
        o.printf("   %-10s %-14s %-14s%n", "eps", "F64", "F32");
        for (int k = 0; k < steps; k += Math.max(1, (steps - 1) / 11)) {
            o.printf("   %-10.1e %-14.3e %-14.3e%n", eps[k], e64[k], e32[k]);
        }
        o.printf("   smallest error: F64 %.2e at eps = %.1e;  F32 %.2e at eps = %.1e%n", e64[best64], eps[best64],
                e32[best32], eps[best32]);
        o.printf("   (theory: eps* ~ u^(1/3) = %.0e in F64, %.0e in F32; to the right of the minimum truncation"
                + " error ~ eps^2 dominates, to the left round-off ~ u/eps)%n%n", Math.cbrt(0x1p-53),
                Math.cbrt(0x1p-24));
        Path pic = plot(o, eps, e64, e32, best64);

        // ---------------------------------------------------------------- 3) a wrong rule
        o.println("3) A custom op y = x^3 whose backward rule is wrong (3x instead of 3x^2):");
        Tensor v = Tensor.of(NdArray.uniform(DType.F64, rng, -2, 2, 6)).requiresGrad(true);
        GradCheck.Report wrong = GradCheck.check(in -> cube(in[0], false).tanh(), v);
        o.println(wrong.toString());
        o.println("   ... and with the rule fixed (3x^2):");
        GradCheck.Report fixed = GradCheck.check(in -> cube(in[0], true).tanh(), v);
        o.println(fixed.toString());

        // ---------------------------------------------------------------- 4) forward vs reverse mode
        o.println("4) Forward vs reverse mode: dL/dW1 by one forward-mode pass per entry of W1 (tangent = that unit"
                + " direction) vs the one backward pass above:");
        double worst = 0;
        for (int j = 0; j < w1.size(); j++) {
            NdArray dir = NdArray.zerosLike(w1.data());
            dir.setFlat(j, 1);
            double dl;
            try (var level = ForwardAD.dualLevel(); var ng = Tensor.noGrad()) {
                Tensor w = ForwardAD.makeDual(w1.detach(), Tensor.of(dir));
                dl = ForwardAD.unpackDual(loss(x, w, b1, w2, b2)).tangent().item();
            }
            worst = Math.max(worst, Math.abs(dl - analytic[j]));
        }
        o.printf("   %d forward passes (one per input direction) vs 1 backward pass (one per output): max |difference|"
                + " = %.1e%n   (a loss has one output and many inputs: that is why training uses reverse mode)%n%n",
                w1.size(), worst);
        o.println("wrote " + pic);
        return new Result(net, eps, e64, e32, eps[best64], eps[best32], wrong, fixed, pic, worst);
    }

    /** y = x³ as a custom op; the rule is 3x² when {@code right}, else the classic slip 3x. */
    static Tensor cube(Tensor x, boolean right) {
        return Tensor.custom("cube", x.data().pow(3), new Tensor[] {x},
                (g, y) -> right ? g.mul(x.square().mul(3)) : g.mul(x.mul(3)));
    }

    /** Relative error of central differences over W1's entries, forward pass in {@code dt}. */
    static double[] sweep(Tensor x, Tensor w1, Tensor b1, Tensor w2, Tensor b2, DType dt, double[] eps,
            double[] analytic) {
        NdArray xd = x.data().to(dt);
        NdArray w = w1.data().to(dt);
        Tensor tx = Tensor.of(xd);
        Tensor tw = Tensor.of(w);
        Tensor tb1 = Tensor.of(b1.data().to(dt));
        Tensor tw2 = Tensor.of(w2.data().to(dt));
        Tensor tb2 = Tensor.of(b2.data().to(dt));
        double norm = 0;
        for (double a : analytic) {
            norm += a * a;
        }
        double[] err = new double[eps.length];
        try (GradMode.Scope s = Tensor.noGrad()) {
            for (int k = 0; k < eps.length; k++) {
                double sq = 0;
                for (int j = 0; j < w.size(); j++) {
                    double orig = w.getFlat(j);
                    w.setFlat(j, orig + eps[k]);        // in F32 this rounds: for tiny eps w + eps == w
                    double fp = loss(tx, tw, tb1, tw2, tb2).item();
                    w.setFlat(j, orig - eps[k]);
                    double fm = loss(tx, tw, tb1, tw2, tb2).item();
                    w.setFlat(j, orig);
                    double num = (fp - fm) / (2 * eps[k]);
                    sq += (num - analytic[j]) * (num - analytic[j]);
                }
                err[k] = Math.sqrt(sq / norm);
            }
        }
        return err;
    }

    private static int argmin(double[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) {
            if (a[i] < a[best]) {
                best = i;
            }
        }
        return best;
    }

    private static Path plot(Options o, double[] eps, double[] e64, double[] e32, int best64) {
        XYChart c = Plots.xy("Central difference (L(w+eps) - L(w-eps)) / 2eps: error vs step eps", "step eps",
                "relative error of the gradient", 820, 540);
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getStyler().setXAxisLogarithmicDecadeOnly(true);
        c.getStyler().setYAxisLogarithmicDecadeOnly(true);
        c.getStyler().setPlotGridLinesVisible(false);   // XChart draws a line at every minor log tick: too busy
        c.getStyler().setXAxisDecimalPattern("0E0");
        c.getStyler().setYAxisDecimalPattern("0E0");
        double floor = 1e-17;
        Plots.line(c, "F64 forward pass", eps, clamp(e64, floor), Plots.PALETTE[0], false).setMarker(
                org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE);
        Plots.line(c, "F32 forward pass", eps, clamp(e32, floor), Plots.PALETTE[1], false).setMarker(
                org.knowm.xchart.style.markers.SeriesMarkers.DIAMOND);
        // guides through the F64 curve's ends: truncation ~ eps^2, round-off ~ 1/eps
        int n = eps.length;
        double c2 = e64[0] / (eps[0] * eps[0]);
        double c1 = e64[n - 1] * eps[n - 1];
        double[] t = new double[n];
        double[] r = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = Math.max(floor, c2 * eps[k] * eps[k]);
            r[k] = c1 / eps[k];
        }
        Plots.line(c, "truncation error ~ eps^2", eps, t, Plots.PALETTE[2], true);
        Plots.line(c, "round-off error ~ 1/eps", eps, r, Plots.PALETTE[3], true);
        c.getStyler().setYAxisMin(Math.max(floor, min(e64) / 10));
        c.getStyler().setYAxisMax(10.0);
        return Plots.save(c, o.file("gradcheck_eps.png"));
    }

    private static double min(double[] a) {
        double m = Double.MAX_VALUE;
        for (double v : a) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static double[] clamp(double[] a, double floor) {
        double[] b = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = Math.max(floor, a[i]);
        }
        return b;
    }
}
