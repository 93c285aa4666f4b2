package org.vecgrad.nn.loss;

import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.NdArray;

/**
 * Binary cross-entropy on probabilities p ∈ [0, 1] against targets y ∈ [0, 1] (PyTorch's {@code BCELoss}):
 * ℓ = −(y·max(ln p, −100) + (1 − y)·max(ln(1 − p), −100)).
 *
 * <p>As in PyTorch, each logarithm is clamped at −100, so p = 0 or 1 gives a finite loss (at most 100) instead of
 * ∞. The gradient is PyTorch's: ∂ℓ/∂p = (p − y)/max(p(1 − p), 10⁻¹²), the exact derivative for 0 &lt; p &lt; 1 and
 * finite at the ends; ∂ℓ/∂y = max(ln(1 − p), −100) − max(ln p, −100). Prefer {@link BCEWithLogitsLoss} on raw
 * scores: it is exact where this one saturates.
 */
public class BCELoss extends Loss {
    /** The floor of each logarithm. */
    public static final double LOG_CLAMP = -100;
    /** The floor of p(1 − p) in the gradient. */
    public static final double GRAD_EPS = 1e-12;

    /** Mean reduction. */
    public BCELoss() {
        this(Reduction.MEAN);
    }

    /** The given reduction. */
    public BCELoss(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        sameShape(input, target);
        NdArray p = input.data();
        NdArray y = target.data();
        NdArray loss = NdArray.zerosLike(p);
        NdArray dTarget = NdArray.zerosLike(p);
        for (int i = 0; i < p.size(); i++) {
            double pi = p.getFlat(i);
            if (!(pi >= 0 && pi <= 1)) {
                throw new IllegalArgumentException("BCELoss: inputs must be probabilities in [0, 1]; element " + i
                        + " is " + pi + " (apply sigmoid first, or use BCEWithLogitsLoss on the raw scores)");
            }
            double lp = Math.max(Math.log(pi), LOG_CLAMP);
            double lq = Math.max(Math.log1p(-pi), LOG_CLAMP);
            double yi = y.getFlat(i);
            loss.setFlat(i, -(yi * lp + (1 - yi) * lq));
            dTarget.setFlat(i, lq - lp);
        }
        // forward mode: ẏ = (p − y)/(p(1 − p))·ṗ + (ln(1 − p) − ln p)·ẏ_target
        Tensor value = Tensor.customWithJvp("bce", loss, new Tensor[] {input, target}, t -> {
                    NdArray dp = t[0] == null ? null : p.sub(y).divInPlace(p.mul(p.neg().addInPlace(1))
                            .clamp(GRAD_EPS, Double.MAX_VALUE)).mulInPlace(t[0]);
                    NdArray dy = t[1] == null ? null : dTarget.mul(t[1]);
                    return dp == null ? dy : dy == null ? dp : dp.addInPlace(dy);
                },
                (g, out) -> g.mul(input.sub(target).div(input.mul(input.rsub(1)).clamp(GRAD_EPS, Double.MAX_VALUE))),
                (g, out) -> g.mul(Tensor.of(dTarget)));
        return reduce(value);
    }
}
