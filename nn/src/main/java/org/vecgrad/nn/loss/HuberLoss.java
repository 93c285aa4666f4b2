package org.vecgrad.nn.loss;

import org.vecgrad.autodiff.Tensor;

/**
 * Huber loss with threshold δ (default 1), PyTorch's {@code HuberLoss}: with d = x − y,
 * ℓ = ½d² if |d| ≤ δ, else δ(|d| − ½δ); ∂ℓ/∂x = d if |d| ≤ δ, else δ·sign(d). Computed as ½q² + δ(|d| − q)
 * with q = min(|d|, δ), which is the same function with a continuous derivative.
 */
public class HuberLoss extends Loss {
    private final double delta;

    /** δ = 1, mean reduction. */
    public HuberLoss() {
        this(1.0);
    }

    /** The given δ &gt; 0, mean reduction. */
    public HuberLoss(double delta) {
        this(delta, Reduction.MEAN);
    }

    /** The given δ &gt; 0 and reduction. */
    public HuberLoss(double delta, Reduction reduction) {
        super(reduction);
        if (!(delta > 0) || !Double.isFinite(delta)) {
            throw new IllegalArgumentException("HuberLoss: delta " + delta + " must be finite and > 0");
        }
        this.delta = delta;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        sameShape(input, target);
        Tensor a = input.sub(target).abs();
        Tensor q = a.clamp(0, delta);
        return reduce(q.square().mul(0.5).add(a.sub(q).mul(delta)));
    }
}
