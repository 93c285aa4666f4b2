package org.vecgrad.nn.rnn;

import org.vecgrad.autodiff.Recurrent;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.nn.Rng;

/** PyTorch's {@code nn.GRU} (gates r, z, n; see {@link GRUCell}); see {@link RNNBase} for shapes, names and lengths. */
public class GRU extends RNNBase {

    /** One layer, with biases, time-major, seeded from {@link Rng}. */
    public GRU(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, 1, true, false, 0, false, Rng.nextSeed());
    }

    /** PyTorch's arguments in PyTorch's order, then the seed of the initial weights. */
    public GRU(int inputSize, int hiddenSize, int numLayers, boolean bias, boolean batchFirst, double dropout,
            boolean bidirectional, long seed) {
        super(Recurrent.Cell.GRU, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, seed);
    }

    /** (output, h_n) from h0 [L·D, B, H] (null: zeros). */
    public Result forward(Tensor x, Tensor h0) {
        return run(x, h0, null, null);
    }

    /** (output, h_n) with per-sequence lengths (null: all T). */
    public Result forward(Tensor x, Tensor h0, int[] lengths) {
        return run(x, h0, null, lengths);
    }
}
