package org.vecgrad.nn.rnn;

import org.vecgrad.autodiff.Recurrent;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.nn.Rng;

/**
 * PyTorch's {@code nn.LSTM} (gates i, f, g, o; see {@link LSTMCell}); see {@link RNNBase} for shapes, names and
 * lengths. {@link #forward(Tensor, Tensor, Tensor)} returns the output with h_n and c_n.
 */
public class LSTM extends RNNBase {

    /** One layer, with biases, time-major, seeded from {@link Rng}. */
    public LSTM(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, 1, true, false, 0, false, Rng.nextSeed());
    }

    /** PyTorch's arguments in PyTorch's order (no proj_size), then the seed of the initial weights. */
    public LSTM(int inputSize, int hiddenSize, int numLayers, boolean bias, boolean batchFirst, double dropout,
            boolean bidirectional, long seed) {
        super(Recurrent.Cell.LSTM, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, seed);
    }

    /** (output, h_n, c_n) from h0 and c0 [L·D, B, H] (null: zeros). */
    public Result forward(Tensor x, Tensor h0, Tensor c0) {
        return run(x, h0, c0, null);
    }

    /** (output, h_n, c_n) with per-sequence lengths (null: all T). */
    public Result forward(Tensor x, Tensor h0, Tensor c0, int[] lengths) {
        return run(x, h0, c0, lengths);
    }
}
