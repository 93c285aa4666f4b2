package org.vecgrad.nn.rnn;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.vecgrad.autodiff.Recurrent;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;
import org.vecgrad.nn.Module;
import org.vecgrad.nn.init.Init;
import org.vecgrad.nn.layers.Dropout;

/**
 * What {@link RNN}, {@link LSTM} and {@link GRU} share: PyTorch's multi-layer, optionally bidirectional recurrent
 * layer with its parameter names ({@code weight_ih_l0}, {@code weight_hh_l0}, {@code bias_ih_l0},
 * {@code bias_hh_l0}, {@code weight_ih_l0_reverse}, …, registered in PyTorch's order and drawn from
 * U(−1/√H, 1/√H) in that order), so state dicts move both ways by name.
 *
 * <p>Input [T, B, in] ({@code batchFirst}: [B, T, in]); output [T, B, D·H] (D = 2 when bidirectional, the forward
 * direction's H first), final states [L·D, B, H] (layer-major, forward before reverse). Layer l &gt; 0 reads layer
 * l − 1's output, through dropout in training mode when {@code dropout} &gt; 0. Each direction of each layer is one
 * {@link Recurrent} op (one GEMM for the input projections of all steps, a small GEMM and a fused gate loop per
 * step, the same backward through time). Optional per-sequence lengths treat steps t ≥ lengths[b] as padding: they
 * output zeros and leave the state unchanged, as PyTorch's packed sequences do.
 */
public abstract class RNNBase extends Module {
    private final Recurrent.Cell cell;
    private final int inputSize;
    private final int hiddenSize;
    private final int numLayers;
    private final boolean bias;
    private final boolean batchFirst;
    private final double dropout;
    private final boolean bidirectional;
    private final Dropout drop;

    /**
     * The output [T, B, D·H] (or [B, T, D·H]), final hidden states h_n [L·D, B, H], and c_n for an LSTM (else
     * null).
     */
    public record Result(Tensor output, Tensor hN, Tensor cN) {
    }

    @SuppressWarnings("this-escape") // registration only fills this module's own maps
    RNNBase(Recurrent.Cell cell, int inputSize, int hiddenSize, int numLayers, boolean bias, boolean batchFirst,
            double dropout, boolean bidirectional, long seed) {
        String layer = getClass().getSimpleName();
        if (inputSize < 1 || hiddenSize < 1 || numLayers < 1) {
            throw new IllegalArgumentException(layer + "(inputSize = " + inputSize + ", hiddenSize = " + hiddenSize
                    + ", numLayers = " + numLayers + "): each must be >= 1");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException(layer + ": dropout = " + dropout + " must be in [0, 1)");
        }
        this.cell = cell;
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.numLayers = numLayers;
        this.bias = bias;
        this.batchFirst = batchFirst;
        this.dropout = dropout;
        this.bidirectional = bidirectional;
        RandomGenerator rng = Init.generator(seed);
        double k = 1 / Math.sqrt(hiddenSize);
        int gh = cell.gates() * hiddenSize;
        for (int l = 0; l < numLayers; l++) {
            int in = l == 0 ? inputSize : hiddenSize * directions();
            for (int d = 0; d < directions(); d++) {
                String sfx = suffix(l, d);
                registerParameter("weight_ih" + sfx, uniform(rng, k, gh, in));
                registerParameter("weight_hh" + sfx, uniform(rng, k, gh, hiddenSize));
                if (bias) {
                    registerParameter("bias_ih" + sfx, uniform(rng, k, gh));
                    registerParameter("bias_hh" + sfx, uniform(rng, k, gh));
                }
            }
        }
        this.drop = dropout > 0 && numLayers > 1 ? register("dropout", new Dropout(dropout, rng.nextLong())) : null;
    }

    private static Tensor uniform(RandomGenerator rng, double k, int... shape) {
        return Tensor.of(Init.uniform(NdArray.zeros(DType.F32, shape), -k, k, rng));
    }

    private static String suffix(int layer, int direction) {
        return "_l" + layer + (direction == 1 ? "_reverse" : "");
    }

    private int directions() {
        return bidirectional ? 2 : 1;
    }

    /** The output only, from zero initial states. */
    @Override
    public Tensor forward(Tensor x) {
        return run(x, null, null, null).output();
    }

    /**
     * Runs the layer. {@code h0} (and {@code c0} for an LSTM) [L·D, B, H] or null for zeros; {@code lengths} one
     * length in 1..T per sequence, or null.
     */
    Result run(Tensor x, Tensor h0, Tensor c0, int[] lengths) {
        String layer = getClass().getSimpleName();
        if (x.rank() != 3 || x.shape(2) != inputSize) {
            throw new IllegalArgumentException(layer + ": input must be " + (batchFirst ? "[batch, time, "
                    : "[time, batch, ") + inputSize + "]; got " + Shapes.str(x.shape()));
        }
        Tensor seq = batchFirst ? x.transpose(0, 1) : x;
        int batch = seq.shape(1);
        int D = directions();
        checkState(layer, "h0", h0, batch, x);
        checkState(layer, "c0", c0, batch, x);
        List<Tensor> hN = new ArrayList<>();
        List<Tensor> cN = new ArrayList<>();
        Tensor in = seq;
        for (int l = 0; l < numLayers; l++) {
            if (l > 0 && drop != null) {
                in = drop.forward(in);
            }
            Tensor[] outs = new Tensor[D];
            for (int d = 0; d < D; d++) {
                String sfx = suffix(l, d);
                int idx = l * D + d;
                Recurrent.Result r = Recurrent.apply(cell, in, state(h0, idx), state(c0, idx),
                        param("weight_ih" + sfx), param("weight_hh" + sfx), bias ? param("bias_ih" + sfx) : null,
                        bias ? param("bias_hh" + sfx) : null, lengths, d == 1);
                outs[d] = r.output();
                hN.add(r.hN().unsqueeze(0));
                if (r.cN() != null) {
                    cN.add(r.cN().unsqueeze(0));
                }
            }
            in = D == 1 ? outs[0] : Tensor.concat(2, outs);
        }
        Tensor out = batchFirst ? in.transpose(0, 1) : in;
        return new Result(out, Tensor.concat(0, hN.toArray(new Tensor[0])),
                cN.isEmpty() ? null : Tensor.concat(0, cN.toArray(new Tensor[0])));
    }

    private static Tensor state(Tensor s, int idx) {
        return s == null ? null : s.narrow(0, idx, 1).squeeze(0);
    }

    private void checkState(String layer, String name, Tensor s, int batch, Tensor x) {
        if (s == null) {
            return;
        }
        int n = numLayers * directions();
        if (s.rank() != 3 || s.shape(0) != n || s.shape(1) != batch || s.shape(2) != hiddenSize) {
            throw new IllegalArgumentException(layer + ": " + name + " must be [" + n + ", " + batch + ", "
                    + hiddenSize + "] (numLayers·directions, batch, hidden) for input " + Shapes.str(x.shape())
                    + "; got " + Shapes.str(s.shape()));
        }
    }

    /** input_size. */
    public int inputSize() {
        return inputSize;
    }

    /** hidden_size. */
    public int hiddenSize() {
        return hiddenSize;
    }

    /** num_layers. */
    public int numLayers() {
        return numLayers;
    }

    /** Whether there is a reverse direction. */
    public boolean bidirectional() {
        return bidirectional;
    }

    /** Whether there are biases ({@code bias_ih_l0}, {@code bias_hh_l0}, …). */
    public boolean bias() {
        return bias;
    }

    /** Whether input and output are [B, T, …]. */
    public boolean batchFirst() {
        return batchFirst;
    }

    @Override
    protected String extraRepr() {
        return inputSize + ", " + hiddenSize + (numLayers != 1 ? ", num_layers=" + numLayers : "")
                + (bias ? "" : ", bias=false") + (batchFirst ? ", batch_first=true" : "")
                + (dropout != 0 ? ", dropout=" + dropout : "") + (bidirectional ? ", bidirectional=true" : "");
    }
}
