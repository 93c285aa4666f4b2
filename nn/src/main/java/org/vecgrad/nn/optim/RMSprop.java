package org.vecgrad.nn.optim;

import java.util.List;
import java.util.Set;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/**
 * RMSprop (Tieleman &amp; Hinton, "Lecture 6.5 — RMSProp", COURSERA: Neural Networks for Machine Learning, 2012),
 * with PyTorch's update rule and defaults ({@code torch.optim.RMSprop}); the centered variant follows Graves
 * (2013). For each parameter θ with gradient g:
 * <pre>
 *   g ← g + λθ                                if weightDecay λ ≠ 0
 *   v ← αv + (1 − α)g²                        square_avg (starts at 0)
 *   a ← αa + (1 − α)g;  d = √(v − a²) + ε     if centered (grad_avg starts at 0)
 *   d = √v + ε                                otherwise
 *   b ← μb + g/d;  θ ← θ − γb                 if momentum μ &gt; 0 (momentum_buffer starts at 0)
 *   θ ← θ − γ·g/d                             otherwise
 * </pre>
 * Defaults: lr 1e-2, alpha 0.99, eps 1e-8, weightDecay 0, momentum 0, centered false.
 */
public class RMSprop extends Optimizer {
    /** Default learning rate. */
    public static final double DEFAULT_LR = 1e-2;
    /** Default smoothing constant α. */
    public static final double DEFAULT_ALPHA = 0.99;
    /** Default ε. */
    public static final double DEFAULT_EPS = 1e-8;

    private double alpha = DEFAULT_ALPHA;
    private double eps = DEFAULT_EPS;
    private double weightDecay;
    private double momentum;
    private boolean centered;

    /** RMSprop with every default. */
    public RMSprop(List<? extends Parameter> params) {
        this(params, DEFAULT_LR);
    }

    /** RMSprop with the given learning rate. */
    public RMSprop(List<? extends Parameter> params, double lr) {
        super(params, lr);
    }

    /** Smoothing constant α ∈ [0, 1]; returns this. */
    public RMSprop alpha(double alpha) {
        this.alpha = checkRange("alpha", alpha, 0, 1, true, true);
        return this;
    }

    /** ε &gt; 0; returns this. */
    public RMSprop eps(double eps) {
        this.eps = checkRange("eps", eps, 0, Double.POSITIVE_INFINITY, false, false);
        return this;
    }

    /** L2 penalty λ ≥ 0; returns this. */
    public RMSprop weightDecay(double weightDecay) {
        this.weightDecay = checkRange("weightDecay", weightDecay, 0, Double.POSITIVE_INFINITY, true, false);
        return this;
    }

    /** Momentum μ ∈ [0, 1); returns this. */
    public RMSprop momentum(double momentum) {
        this.momentum = checkRange("momentum", momentum, 0, 1, true, false);
        return this;
    }

    /** Normalise by the variance estimate v − a² instead of v; returns this. */
    public RMSprop centered(boolean centered) {
        this.centered = centered;
        return this;
    }

    @Override
    protected Set<String> bufferNames() {
        return Set.of("square_avg", "grad_avg", "momentum_buffer");
    }

    @Override
    protected void update(NdArray theta, NdArray grad, State s) {
        NdArray vArr = s.getOrCreate("square_avg", theta, 0);
        NdArray aArr = centered ? s.getOrCreate("grad_avg", theta, 0) : null;
        NdArray bArr = momentum > 0 ? s.getOrCreate("momentum_buffer", theta, 0) : null;
        boolean f32 = theta.dtype() == DType.F32;
        double lr = lr();
        double[] th = scratch(0);
        double[] g = scratch(1);
        double[] v = scratch(2);
        double[] a = scratch(3);
        double[] b = scratch(4);
        for (int from = 0; from < theta.size(); from += CHUNK) {
            int n = Math.min(CHUNK, theta.size() - from);
            load(theta, from, n, th);
            load(grad, from, n, g);
            load(vArr, from, n, v);
            if (centered) {
                load(aArr, from, n, a);
            }
            if (momentum > 0) {
                load(bArr, from, n, b);
            }
            for (int i = 0; i < n; i++) {
                double gi = weightDecay != 0 ? g[i] + weightDecay * th[i] : g[i]; // skip 0·θ: θ = ±∞ must not make NaN
                v[i] = round(f32, alpha * v[i] + (1 - alpha) * gi * gi);
                double d;
                if (centered) {
                    a[i] = round(f32, alpha * a[i] + (1 - alpha) * gi);
                    d = Math.sqrt(v[i] - a[i] * a[i]) + eps;
                } else {
                    d = Math.sqrt(v[i]) + eps;
                }
                if (momentum > 0) {
                    b[i] = round(f32, momentum * b[i] + gi / d);
                    th[i] = th[i] - lr * b[i];
                } else {
                    th[i] = th[i] - lr * gi / d;
                }
            }
            store(th, theta, from, n);
            store(v, vArr, from, n);
            if (centered) {
                store(a, aArr, from, n);
            }
            if (momentum > 0) {
                store(b, bArr, from, n);
            }
        }
    }
}
