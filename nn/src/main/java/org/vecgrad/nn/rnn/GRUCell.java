package org.vecgrad.nn.rnn;

import org.vecgrad.autodiff.Tensor;
import org.vecgrad.nn.Rng;

/**
 * PyTorch's {@code nn.GRUCell}, one step: with a = x·W_ihᵀ + b_ih and b = h·W_hhᵀ + b_hh split into blocks
 * r, z, n,
 * r = σ(a_r + b_r), z = σ(a_z + b_z), n = tanh(a_n + r·b_n) (r multiplies the hidden part with its bias) and
 * h' = (1 − z)·n + z·h.
 */
public class GRUCell extends RNNCellBase {

    /** With biases, seeded from {@link Rng}. */
    public GRUCell(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, true, Rng.nextSeed());
    }

    public GRUCell(int inputSize, int hiddenSize, boolean bias, long seed) {
        super("GRUCell", inputSize, hiddenSize, bias, 3, seed);
    }

    /** One step from a zero state. */
    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null);
    }

    /** h' from x [B, in] and h [B, H] (null: zeros). */
    public Tensor forward(Tensor x, Tensor h) {
        h = checkState(x, h, "h");
        Tensor a = inputProjection(x);
        Tensor b = hiddenProjection(h);
        Tensor r = block(a, 0).add(block(b, 0)).sigmoid();
        Tensor z = block(a, 1).add(block(b, 1)).sigmoid();
        Tensor n = block(a, 2).add(r.mul(block(b, 2))).tanh();
        return n.add(z.mul(h.sub(n)));                                     // (1 − z)·n + z·h
    }
}
