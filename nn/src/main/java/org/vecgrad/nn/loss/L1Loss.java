package org.vecgrad.nn.loss;

import org.vecgrad.autodiff.Tensor;

/** Mean absolute error: ℓᵢ = |xᵢ − yᵢ|; ∂ℓᵢ/∂xᵢ = sign(xᵢ − yᵢ) (0 where they are equal). */
public class L1Loss extends Loss {
    /** Mean reduction. */
    public L1Loss() {
        this(Reduction.MEAN);
    }

    /** The given reduction. */
    public L1Loss(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        sameShape(input, target);
        return reduce(input.sub(target).abs());
    }
}
