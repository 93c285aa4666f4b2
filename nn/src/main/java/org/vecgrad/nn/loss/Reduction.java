package org.vecgrad.nn.loss;

/** How a loss combines its per-element (or per-sample) values, as PyTorch's {@code reduction} argument. */
public enum Reduction {
    /** The mean (the default): a rank-0 tensor. */
    MEAN,
    /** The sum: a rank-0 tensor. */
    SUM,
    /** No reduction: one value per element (or per sample for the classification losses). */
    NONE
}
