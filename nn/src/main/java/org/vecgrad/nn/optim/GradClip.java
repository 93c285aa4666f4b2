package org.vecgrad.nn.optim;

import java.util.List;
import java.util.Objects;
import org.vecgrad.engine.NdArray;

/**
 * Gradient clipping, as PyTorch's {@code torch.nn.utils.clip_grad_norm_} and {@code clip_grad_value_}. Parameters
 * with a null gradient are ignored.
 */
public final class GradClip {
    private GradClip() {
    }

    /** PyTorch's guard against division by zero in the clip coefficient. */
    public static final double EPS = 1e-6;

    /** {@link #clipGradNorm(List, double, double, boolean)} with the L2 norm, not failing on a non-finite norm. */
    public static double clipGradNorm(List<? extends Parameter> params, double maxNorm) {
        return clipGradNorm(params, maxNorm, 2.0, false);
    }

    /**
     * Scales all gradients together so that their total norm is at most {@code maxNorm}: with
     * N = ‖(‖g₁‖ₚ, ‖g₂‖ₚ, …)‖ₚ (the p-norm of all gradient elements as one vector; p = ∞ takes the largest |gᵢ|),
     * every gradient is multiplied by min(1, maxNorm/(N + 10⁻⁶)). As in PyTorch the multiplication always happens
     * (by 1 when N is small enough), so a NaN or infinite norm spreads to the gradients unless
     * {@code errorIfNonfinite}.
     *
     * @return N, the total norm before clipping (0 when no parameter has a gradient)
     * @throws IllegalArgumentException for maxNorm &lt; 0 or NaN, or p ≤ 0 or NaN
     * @throws ArithmeticException      when N is NaN or infinite and {@code errorIfNonfinite} (gradients unchanged)
     */
    public static double clipGradNorm(List<? extends Parameter> params, double maxNorm, double normType,
            boolean errorIfNonfinite) {
        Objects.requireNonNull(params, "params");
        if (!(maxNorm >= 0)) {
            throw new IllegalArgumentException("clipGradNorm: maxNorm = " + maxNorm + " is outside the allowed range "
                    + "[0, ∞]");
        }
        if (!(normType > 0)) {
            throw new IllegalArgumentException("clipGradNorm: normType = " + normType + " is outside the allowed "
                    + "range (0, ∞]");
        }
        boolean inf = normType == Double.POSITIVE_INFINITY;
        double acc = 0;
        boolean any = false;
        boolean nan = false;
        for (Parameter p : params) {
            NdArray g = p.grad();
            if (g == null) {
                continue;
            }
            any = true;
            for (int i = 0; i < g.size(); i++) {
                double a = Math.abs(g.getFlat(i));
                nan |= Double.isNaN(a);
                acc = inf ? Math.max(acc, a) : normType == 2 ? acc + a * a : acc + Math.pow(a, normType);
            }
        }
        if (!any) {
            return 0.0;
        }
        double total = nan ? Double.NaN : inf ? acc : normType == 2 ? Math.sqrt(acc) : Math.pow(acc, 1 / normType);
        if (errorIfNonfinite && !Double.isFinite(total)) {
            throw new ArithmeticException("clipGradNorm: the total norm of order " + normType + " of the gradients"
                    + " is " + total + "; set errorIfNonfinite to false to clip anyway");
        }
        double coef = Math.min(maxNorm / (total + EPS), 1.0); // NaN stays NaN, as torch.clamp keeps it
        if (Double.isNaN(total)) {
            coef = Double.NaN;
        }
        for (Parameter p : params) {
            NdArray g = p.grad();
            if (g == null) {
                continue;
            }
            for (int i = 0; i < g.size(); i++) {
                g.setFlat(i, g.getFlat(i) * coef);
            }
        }
        return total;
    }

    /**
     * Clamps every gradient element to [−clipValue, clipValue] (NaN stays NaN).
     *
     * @throws IllegalArgumentException for clipValue &lt; 0 or NaN
     */
    public static void clipGradValue(List<? extends Parameter> params, double clipValue) {
        Objects.requireNonNull(params, "params");
        if (!(clipValue >= 0)) {
            throw new IllegalArgumentException("clipGradValue: clipValue = " + clipValue + " is outside the allowed "
                    + "range [0, ∞]");
        }
        for (Parameter p : params) {
            NdArray g = p.grad();
            if (g == null) {
                continue;
            }
            for (int i = 0; i < g.size(); i++) {
                double v = g.getFlat(i);
                if (!Double.isNaN(v)) {
                    g.setFlat(i, Math.max(-clipValue, Math.min(clipValue, v)));
                }
            }
        }
    }
}
