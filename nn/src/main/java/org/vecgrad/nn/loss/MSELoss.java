package org.vecgrad.nn.loss;

import org.vecgrad.autodiff.Tensor;

/** Mean squared error: ℓᵢ = (xᵢ − yᵢ)²; ∂ℓᵢ/∂xᵢ = 2(xᵢ − yᵢ). Input and target of the same shape. */
public class MSELoss extends Loss {
    /** Mean reduction. */
    public MSELoss() {
        this(Reduction.MEAN);
    }

    /** The given reduction. */
    public MSELoss(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        sameShape(input, target);
        return reduce(input.sub(target).square());
    }
}
