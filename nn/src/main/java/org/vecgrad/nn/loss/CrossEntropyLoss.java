package org.vecgrad.nn.loss;

import org.vecgrad.autodiff.GradMode;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;

/**
 * Cross-entropy from logits (PyTorch's {@code CrossEntropyLoss}): logits x of shape [n, C] against
 * <ul>
 *   <li>integer labels c ∈ [0, C), one per sample: ℓᵢ = ln Σⱼ e^xᵢⱼ − xᵢ,cᵢ, fused (log-softmax and NLL in one
 *       pass, the log-sum-exp taken after subtracting the row maximum, so finite for logits up to ±10⁴ and beyond);
 *       ∂ℓᵢ/∂xᵢⱼ = softmax(xᵢ)ⱼ − [j = cᵢ];</li>
 *   <li>or probability targets y of shape [n, C] (rows summing to 1, e.g. label smoothing):
 *       ℓᵢ = −Σⱼ yᵢⱼ·log_softmax(xᵢ)ⱼ.</li>
 * </ul>
 * Reduction NONE gives one value per sample ([n]); MEAN averages over the n samples.
 */
public class CrossEntropyLoss extends Loss {
    /** Mean reduction. */
    public CrossEntropyLoss() {
        this(Reduction.MEAN);
    }

    /** The given reduction. */
    public CrossEntropyLoss(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor logits, int[] labels) {
        checkLabels("CrossEntropyLoss", logits, labels);
        int n = logits.shape(0);
        int c = logits.shape(1);
        NdArray x = logits.data();
        NdArray lse = x.logSumExp(1, false);
        NdArray loss = NdArray.zeros(x.dtype(), n);
        for (int i = 0; i < n; i++) {
            loss.setFlat(i, lse.getFlat(i) - x.getFlat(i * c + labels[i]));
        }
        int[] lab = labels.clone();
        // forward mode: ẏᵢ = Σⱼ (softmax(x)ᵢⱼ − [j = labelᵢ])·ẋᵢⱼ
        Tensor value = Tensor.customWithJvp("crossEntropy", loss, new Tensor[] {logits},
                t -> x.softmax(1).subInPlace(oneHot(x, lab)).mulInPlace(t[0]).sum(1, false), (g, out) -> {
            Tensor oneHot = Tensor.of(oneHot(x, lab));
            if (GradMode.isEnabled()) {                          // createGraph: the differentiable formula
                return logits.softmax(1).sub(oneHot).mul(g.unsqueeze(1));
            }
            NdArray d = x.softmax(1).subInPlace(oneHot.data());
            return Tensor.ownedGradient(d.mulInPlace(g.data().reshape(n, 1)));
        });
        return reduce(value);
    }

    /** Probability targets of the logits' shape [n, C]. */
    @Override
    public Tensor forward(Tensor logits, Tensor target) {
        if (logits.rank() != 2) {
            throw new IllegalArgumentException("CrossEntropyLoss: logits must be [n, C], got "
                    + Shapes.str(logits.shape()));
        }
        sameShape(logits, target);
        return reduce(target.mul(logits.logSoftmax(1)).sum(1, false).neg());
    }

    static NdArray oneHot(NdArray like, int[] labels) {
        NdArray h = NdArray.zerosLike(like);
        int c = like.shape(1);
        for (int i = 0; i < labels.length; i++) {
            h.setFlat(i * c + labels[i], 1);
        }
        return h;
    }

    /** Checks [n, C] scores and n labels in [0, C), naming the first bad label. */
    static void checkLabels(String who, Tensor scores, int[] labels) {
        if (scores.rank() != 2) {
            throw new IllegalArgumentException(who + ": input must be [n, C], got " + Shapes.str(scores.shape()));
        }
        int n = scores.shape(0);
        int c = scores.shape(1);
        if (labels.length != n) {
            throw new IllegalArgumentException(who + ": " + labels.length + " labels for " + n + " samples");
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= c) {
                throw new IllegalArgumentException(who + ": label " + labels[i] + " (sample " + i + ") is out of "
                        + "range for " + c + " classes; labels must be in [0, " + (c - 1) + "]");
            }
        }
    }
}
