package org.vecgrad.nn.rnn;

import org.vecgrad.autodiff.Tensor;
import org.vecgrad.nn.Rng;

/**
 * PyTorch's {@code nn.RNNCell}: h' = tanh(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh) (or relu), one step; x [B, in],
 * h [B, H].
 */
public class RNNCell extends RNNCellBase {
    private final boolean relu;

    /** tanh, with biases, seeded from {@link Rng}. */
    public RNNCell(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, true, "tanh", Rng.nextSeed());
    }

    /** {@code nonlinearity} "tanh" or "relu". */
    public RNNCell(int inputSize, int hiddenSize, boolean bias, String nonlinearity, long seed) {
        super("RNNCell", inputSize, hiddenSize, bias, 1, seed);
        this.relu = RNN.isRelu("RNNCell", nonlinearity);
    }

    /** One step from a zero state. */
    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null);
    }

    /** h' from x [B, in] and h [B, H] (null: zeros). */
    public Tensor forward(Tensor x, Tensor h) {
        h = checkState(x, h, "h");
        Tensor pre = inputProjection(x).add(hiddenProjection(h));
        return relu ? pre.relu() : pre.tanh();
    }

    @Override
    protected String extraRepr() {
        return super.extraRepr() + (relu ? ", nonlinearity=relu" : "");
    }
}
