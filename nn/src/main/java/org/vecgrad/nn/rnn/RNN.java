package org.vecgrad.nn.rnn;

import org.vecgrad.autodiff.Recurrent;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.nn.Rng;

/** PyTorch's {@code nn.RNN} (Elman, tanh or relu); see {@link RNNBase} for shapes, names and lengths. */
public class RNN extends RNNBase {
    private final String nonlinearity;

    /** One layer, tanh, with biases, time-major, seeded from {@link Rng}. */
    public RNN(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, 1, "tanh", true, false, 0, false, Rng.nextSeed());
    }

    /** PyTorch's arguments in PyTorch's order, then the seed of the initial weights. */
    public RNN(int inputSize, int hiddenSize, int numLayers, String nonlinearity, boolean bias, boolean batchFirst,
            double dropout, boolean bidirectional, long seed) {
        super(isRelu("RNN", nonlinearity) ? Recurrent.Cell.RNN_RELU : Recurrent.Cell.RNN_TANH, inputSize, hiddenSize,
                numLayers, bias, batchFirst, dropout, bidirectional, seed);
        this.nonlinearity = nonlinearity;
    }

    /** "tanh" or "relu". */
    public String nonlinearity() {
        return nonlinearity;
    }

    static boolean isRelu(String layer, String nonlinearity) {
        if (!"tanh".equals(nonlinearity) && !"relu".equals(nonlinearity)) {
            throw new IllegalArgumentException(layer + ": nonlinearity '" + nonlinearity
                    + "' is not one of tanh, relu");
        }
        return "relu".equals(nonlinearity);
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
