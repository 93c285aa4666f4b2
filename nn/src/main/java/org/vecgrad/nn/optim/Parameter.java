package org.vecgrad.nn.optim;

import org.vecgrad.engine.NdArray;

/**
 * What an {@link Optimizer} updates: a named array and its gradient. The autodiff {@code Tensor} plugs in here;
 * {@link ArrayParameter} is a plain implementation for code (and tests) that computes gradients by hand.
 *
 * <p>Contract: {@link #data()} returns the same array on every call (the optimizer updates it in place);
 * {@link #grad()} is either null (no gradient this step: the optimizer skips the parameter, leaving its state
 * alone) or an array of the same shape and dtype as the data.
 */
public interface Parameter {

    /** A name unique among an optimizer's parameters (it keys the optimizer's state), e.g. "fc1.weight". */
    String name();

    /** The values, updated in place by {@link Optimizer#step()}. */
    NdArray data();

    /** The gradient of the loss with respect to {@link #data()}, or null when there is none this step. */
    NdArray grad();

    /**
     * Clears the gradient so the next backward pass starts afresh: afterwards {@link #grad()} is null (PyTorch's
     * {@code set_to_none=True}, the default) or, for implementations that keep the buffer, all zeros. The two
     * differ for the optimizer: a null gradient skips the parameter, a zero gradient still applies momentum and
     * weight decay.
     */
    void zeroGrad();

    /** A plain parameter holding {@code data} (shared, not copied) with no gradient yet. */
    static ArrayParameter of(String name, NdArray data) {
        return new ArrayParameter(name, data);
    }
}
