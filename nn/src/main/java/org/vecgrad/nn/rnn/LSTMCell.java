package org.vecgrad.nn.rnn;

import org.vecgrad.autodiff.Tensor;
import org.vecgrad.nn.Rng;

/**
 * PyTorch's {@code nn.LSTMCell}, one step: with the four blocks of x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh in PyTorch's
 * order, i = σ(·), f = σ(·), g = tanh(·), o = σ(·); c' = f·c + i·g and h' = o·tanh(c').
 */
public class LSTMCell extends RNNCellBase {

    /** The state after a step: h' and c', both [B, H]. */
    public record State(Tensor h, Tensor c) {
    }

    /** With biases, seeded from {@link Rng}. */
    public LSTMCell(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, true, Rng.nextSeed());
    }

    public LSTMCell(int inputSize, int hiddenSize, boolean bias, long seed) {
        super("LSTMCell", inputSize, hiddenSize, bias, 4, seed);
    }

    /** h' from a zero state (c' is dropped; use {@link #forward(Tensor, Tensor, Tensor)} to keep it). */
    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null, null).h();
    }

    /** (h', c') from x [B, in], h and c [B, H] (null: zeros). */
    public State forward(Tensor x, Tensor h, Tensor c) {
        h = checkState(x, h, "h");
        c = checkState(x, c, "c");
        Tensor p = inputProjection(x).add(hiddenProjection(h));
        Tensor i = block(p, 0).sigmoid();
        Tensor f = block(p, 1).sigmoid();
        Tensor g = block(p, 2).tanh();
        Tensor o = block(p, 3).sigmoid();
        Tensor c2 = f.mul(c).add(i.mul(g));
        return new State(o.mul(c2.tanh()), c2);
    }
}
