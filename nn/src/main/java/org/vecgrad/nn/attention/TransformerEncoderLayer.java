package org.vecgrad.nn.attention;

import java.util.SplittableRandom;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.nn.Module;
import org.vecgrad.nn.Rng;
import org.vecgrad.nn.layers.Dropout;
import org.vecgrad.nn.layers.GELU;
import org.vecgrad.nn.layers.LayerNorm;
import org.vecgrad.nn.layers.Linear;
import org.vecgrad.nn.layers.ReLU;

/**
 * PyTorch's {@code nn.TransformerEncoderLayer}: self-attention and a feed-forward block, each with a residual
 * connection and a LayerNorm (eps 1e-5), with PyTorch's submodule names ({@code self_attn}, {@code linear1},
 * {@code linear2}, {@code norm1}, {@code norm2}), so state dicts move both ways.
 * <pre>
 *   post-norm (norm_first = false):  x = norm1(x + sa(x));  x = norm2(x + ff(x))
 *   pre-norm  (norm_first = true):   x = x + sa(norm1(x));  x = x + ff(norm2(x))
 *   sa(x) = dropout(self_attn(x, x, x)),  ff(x) = dropout(linear2(dropout(act(linear1(x)))))
 * </pre>
 * with act ReLU or GELU (exact). Shapes as {@link MultiheadAttention}: [L, N, E], or [N, L, E] with
 * {@code batchFirst}.
 */
public class TransformerEncoderLayer extends Module {
    private final MultiheadAttention selfAttn;
    private final Linear linear1;
    private final Dropout dropout;
    private final Linear linear2;
    private final LayerNorm norm1;
    private final LayerNorm norm2;
    private final Dropout dropout1;
    private final Dropout dropout2;
    private final Module activation;
    private final boolean normFirst;

    /** ReLU, post-norm, time-major, dropout 0.1, seeded from {@link Rng}. */
    public TransformerEncoderLayer(int dModel, int nhead, int dimFeedforward) {
        this(dModel, nhead, dimFeedforward, 0.1, "relu", false, false, Rng.nextSeed());
    }

    /** PyTorch's arguments in PyTorch's order (activation "relu" or "gelu"), then a seed. */
    @SuppressWarnings("this-escape") // registration only fills this module's own maps
    public TransformerEncoderLayer(int dModel, int nhead, int dimFeedforward, double dropout, String activation,
            boolean batchFirst, boolean normFirst, long seed) {
        if (!"relu".equals(activation) && !"gelu".equals(activation)) {
            throw new IllegalArgumentException("TransformerEncoderLayer: activation '" + activation
                    + "' is not one of relu, gelu");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        this.selfAttn = register("self_attn", new MultiheadAttention(dModel, nhead, batchFirst, rng.nextLong()));
        this.linear1 = register("linear1", new Linear(dModel, dimFeedforward, true, rng.nextLong()));
        this.dropout = register("dropout", new Dropout(dropout, rng.nextLong()));
        this.linear2 = register("linear2", new Linear(dimFeedforward, dModel, true, rng.nextLong()));
        this.norm1 = register("norm1", new LayerNorm(new int[] {dModel}, 1e-5, true));
        this.norm2 = register("norm2", new LayerNorm(new int[] {dModel}, 1e-5, true));
        this.dropout1 = register("dropout1", new Dropout(dropout, rng.nextLong()));
        this.dropout2 = register("dropout2", new Dropout(dropout, rng.nextLong()));
        this.activation = "relu".equals(activation) ? new ReLU() : new GELU();
        this.normFirst = normFirst;
    }

    @Override
    public Tensor forward(Tensor src) {
        return forward(src, null, null);
    }

    /**
     * @param srcMask              additive or BOOL [L, L] (or [N·h, L, L]), or null
     * @param srcKeyPaddingMask    [N][L], true where the position is padding, or null
     */
    public Tensor forward(Tensor src, Tensor srcMask, boolean[][] srcKeyPaddingMask) {
        Tensor x = src;
        if (normFirst) {
            x = x.add(selfAttention(norm1.forward(x), srcMask, srcKeyPaddingMask));
            return x.add(feedForward(norm2.forward(x)));
        }
        x = norm1.forward(x.add(selfAttention(x, srcMask, srcKeyPaddingMask)));
        return norm2.forward(x.add(feedForward(x)));
    }

    private Tensor selfAttention(Tensor x, Tensor mask, boolean[][] padding) {
        return dropout1.forward(selfAttn.forward(x, x, x, mask, padding).output());
    }

    private Tensor feedForward(Tensor x) {
        return dropout2.forward(linear2.forward(dropout.forward(activation.forward(linear1.forward(x)))));
    }

    @Override
    protected String extraRepr() {
        return normFirst ? "norm_first=true" : "";
    }
}
