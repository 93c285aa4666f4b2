package org.vecgrad.nn.loss;

import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.NdArray;

/**
 * Binary cross-entropy on raw scores (logits) x against targets y ∈ [0, 1], i.e. BCE(σ(x), y) without
 * forming σ(x) (PyTorch's {@code BCEWithLogitsLoss}), in the stable form
 * ℓ = max(x, 0) − x·y + ln(1 + e^−|x|), exact and finite for any finite x (no overflow for |x| up to 10⁴ and
 * beyond). ∂ℓ/∂x = σ(x) − y; ∂ℓ/∂y = −x.
 */
public class BCEWithLogitsLoss extends Loss {
    /** Mean reduction. */
    public BCEWithLogitsLoss() {
        this(Reduction.MEAN);
    }

    /** The given reduction. */
    public BCEWithLogitsLoss(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        sameShape(input, target);
        NdArray x = input.data();
        NdArray y = target.data();
        NdArray loss = NdArray.zerosLike(x);
        for (int i = 0; i < x.size(); i++) {
            double xi = x.getFlat(i);
            loss.setFlat(i, Math.max(xi, 0) - xi * y.getFlat(i) + Math.log1p(Math.exp(-Math.abs(xi))));
        }
        // forward mode: ẏ = (σ(x) − y)·ẋ − x·ẏ_target
        Tensor value = Tensor.customWithJvp("bceWithLogits", loss, new Tensor[] {input, target}, t -> {
                    NdArray dx = t[0] == null ? null : x.sigmoid().subInPlace(y).mulInPlace(t[0]);
                    NdArray dy = t[1] == null ? null : x.neg().mulInPlace(t[1]);
                    return dx == null ? dy : dy == null ? dx : dx.addInPlace(dy);
                },
                (g, out) -> g.mul(input.sigmoid().sub(target)),
                (g, out) -> g.mul(input.neg()));
        return reduce(value);
    }
}
