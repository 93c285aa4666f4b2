package org.vecgrad.nn.loss;

import org.vecgrad.autodiff.Tensor;

/**
 * Negative log-likelihood (PyTorch's {@code NLLLoss}): log-probabilities x of shape [n, C] (e.g. from
 * {@code LogSoftmax}) and labels c ∈ [0, C): ℓᵢ = −xᵢ,cᵢ; ∂ℓᵢ/∂xᵢⱼ = −[j = cᵢ].
 * {@code NLLLoss(LogSoftmax(x))} equals {@link CrossEntropyLoss}(x).
 */
public class NLLLoss extends Loss {
    /** Mean reduction. */
    public NLLLoss() {
        this(Reduction.MEAN);
    }

    /** The given reduction. */
    public NLLLoss(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor logProbs, int[] labels) {
        CrossEntropyLoss.checkLabels("NLLLoss", logProbs, labels);
        return reduce(logProbs.gather(labels).neg());
    }

    /** Probability targets y [n, C]: ℓᵢ = −Σⱼ yᵢⱼxᵢⱼ. */
    @Override
    public Tensor forward(Tensor logProbs, Tensor target) {
        sameShape(logProbs, target);
        if (logProbs.rank() != 2) {
            throw new IllegalArgumentException("NLLLoss: input must be [n, C]");
        }
        return reduce(target.mul(logProbs).sum(1, false).neg());
    }
}
