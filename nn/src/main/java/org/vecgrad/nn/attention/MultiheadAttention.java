package org.vecgrad.nn.attention;

import java.util.random.RandomGenerator;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;
import org.vecgrad.nn.Module;
import org.vecgrad.nn.Rng;
import org.vecgrad.nn.init.Init;
import org.vecgrad.nn.layers.Linear;

/**
 * PyTorch's {@code nn.MultiheadAttention} (embed_dim = kdim = vdim) with its parameters: the packed
 * {@code in_proj_weight} [3E, E] (rows: W_q, W_k, W_v) and {@code in_proj_bias} [3E], and the submodule
 * {@code out_proj} (a {@link Linear}, so {@code out_proj.weight} and {@code out_proj.bias}). Initialised as PyTorch:
 * in_proj_weight Xavier-uniform, both biases 0, out_proj.weight as a Linear's.
 *
 * <p>query [L, N, E], key and value [S, N, E] ({@code batchFirst}: [N, L, E], [N, S, E]). Each of the h heads
 * attends with d = E/h dimensions ({@link Attention#scaledDotProduct}); the heads' outputs are concatenated and
 * projected by out_proj. The weights returned are averaged over the heads, [N, L, S]. Masks: an additive
 * {@code attnMask} [L, S] or [N·h, L, S] (or PyTorch's boolean form: a BOOL tensor, or
 * {@link Attention#booleanMask}) and a
 * {@code keyPaddingMask} [N][S] (true = that key is padding and is ignored).
 */
public class MultiheadAttention extends Module {
    private final int embedDim;
    private final int numHeads;
    private final boolean batchFirst;
    private final Linear outProj;

    /** The output [L, N, E] (or [N, L, E]) and the head-averaged attention weights [N, L, S]. */
    public record Result(Tensor output, Tensor weights) {
    }

    /** Time-major, seeded from {@link Rng}. */
    public MultiheadAttention(int embedDim, int numHeads) {
        this(embedDim, numHeads, false, Rng.nextSeed());
    }

    @SuppressWarnings("this-escape") // registration only fills this module's own maps
    public MultiheadAttention(int embedDim, int numHeads, boolean batchFirst, long seed) {
        if (embedDim < 1 || numHeads < 1 || embedDim % numHeads != 0) {
            throw new IllegalArgumentException("MultiheadAttention(embed_dim = " + embedDim + ", num_heads = "
                    + numHeads + "): embed_dim must be a positive multiple of num_heads");
        }
        this.embedDim = embedDim;
        this.numHeads = numHeads;
        this.batchFirst = batchFirst;
        RandomGenerator rng = Init.generator(seed);
        registerParameter("in_proj_weight", Tensor.of(Init.xavierUniform(NdArray.zeros(DType.F32, 3 * embedDim,
                embedDim), rng)));
        registerParameter("in_proj_bias", Tensor.zeros(DType.F32, 3 * embedDim));
        this.outProj = register("out_proj", new Linear(embedDim, embedDim, true, rng.nextLong()));
        outProj.bias().data().fill(0);
    }

    /** Self-attention without masks: the output only. */
    @Override
    public Tensor forward(Tensor x) {
        return forward(x, x, x, null, null).output();
    }

    /**
     * Attention of {@code query} over {@code key}/{@code value}.
     *
     * @param attnMask       [L, S] or [N·h, L, S]: additive, or BOOL (true = may not attend), or null
     * @param keyPaddingMask [N][S], true where the key is padding, or null
     */
    public Result forward(Tensor query, Tensor key, Tensor value, Tensor attnMask, boolean[][] keyPaddingMask) {
        Tensor q = batchFirst ? query : query.transpose(0, 1);                 // [N, L, E]
        Tensor k = batchFirst ? key : key.transpose(0, 1);
        Tensor v = batchFirst ? value : value.transpose(0, 1);
        if (q.rank() != 3 || k.rank() != 3 || v.rank() != 3 || q.shape(2) != embedDim || k.shape(2) != embedDim
                || v.shape(2) != embedDim || k.shape(0) != q.shape(0) || v.shape(0) != q.shape(0)
                || k.shape(1) != v.shape(1)) {
            String layout = batchFirst ? "[N, L, E], [N, S, E], [N, S, E]" : "[L, N, E], [S, N, E], [S, N, E]";
            throw new IllegalArgumentException(this + ": query, key, value must be " + layout + " with E = "
                    + embedDim + "; got " + Shapes.str(query.shape()) + ", " + Shapes.str(key.shape()) + ", "
                    + Shapes.str(value.shape()));
        }
        int n = q.shape(0);
        int l = q.shape(1);
        int s = k.shape(1);
        int d = embedDim / numHeads;
        Tensor w = param("in_proj_weight");
        Tensor b = param("in_proj_bias");
        Tensor qp = heads(project(q, w, b, 0), n, l, d);
        Tensor kp = heads(project(k, w, b, 1), n, s, d);
        Tensor vp = heads(project(v, w, b, 2), n, s, d);
        Tensor mask = Attention.additive(attnMask, q.dtype());
        if (mask != null && !(mask.rank() == 2 && mask.shape(0) == l && mask.shape(1) == s
                || mask.rank() == 3 && mask.shape(0) == n * numHeads && mask.shape(1) == l && mask.shape(2) == s)) {
            throw new IllegalArgumentException(this + ": attn_mask must be [" + l + ", " + s + "] or [" + n * numHeads
                    + ", " + l + ", " + s + "] (N·num_heads, L, S); got " + Shapes.str(mask.shape()));
        }
        if (keyPaddingMask != null) {
            if (keyPaddingMask.length != n) {
                throw new IllegalArgumentException(this + ": key_padding_mask must be [" + n + "][" + s + "]; got "
                        + keyPaddingMask.length + " rows");
            }
            NdArray pad = NdArray.zeros(q.dtype(), n * numHeads, 1, s);
            for (int i = 0; i < n; i++) {
                if (keyPaddingMask[i].length != s) {
                    throw new IllegalArgumentException(this + ": key_padding_mask must be [" + n + "][" + s
                            + "]; row " + i + " has " + keyPaddingMask[i].length + " entries");
                }
                for (int hh = 0; hh < numHeads; hh++) {
                    for (int j = 0; j < s; j++) {
                        if (keyPaddingMask[i][j]) {
                            pad.set(Double.NEGATIVE_INFINITY, i * numHeads + hh, 0, j);
                        }
                    }
                }
            }
            Tensor padT = Tensor.of(pad);
            mask = mask == null ? padT.expand(n * numHeads, l, s) : padT.add(mask);
        }
        Attention.Result a = Attention.scaledDotProduct(qp, kp, vp, mask, false);
        Tensor o = a.output().reshape(n, numHeads, l, d).permute(0, 2, 1, 3).reshape(n, l, embedDim);
        Tensor out = outProj.forward(o);                                           // [N, L, E]
        Tensor weights = a.weights().reshape(n, numHeads, l, s).mean(1, false);
        return new Result(batchFirst ? out : out.transpose(0, 1), weights);
    }

    /** x·W_jᵀ + b_j for block j (q, k, v) of the packed projection: [N, T, E]. */
    private Tensor project(Tensor x, Tensor w, Tensor b, int j) {
        return Tensor.affine(x, false, w.narrow(0, j * embedDim, embedDim), true, b.narrow(0, j * embedDim,
                embedDim));
    }

    /** [N, T, E] → [N·h, T, d], head-major within each batch element (PyTorch's layout). */
    private Tensor heads(Tensor x, int n, int t, int d) {
        return x.reshape(n, t, numHeads, d).permute(0, 2, 1, 3).reshape(n * numHeads, t, d);
    }

    /** embed_dim. */
    public int embedDim() {
        return embedDim;
    }

    /** num_heads. */
    public int numHeads() {
        return numHeads;
    }

    @Override
    protected String extraRepr() {
        return "embed_dim=" + embedDim + ", num_heads=" + numHeads + (batchFirst ? ", batch_first=true" : "");
    }
}
