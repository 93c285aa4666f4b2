package org.vecgrad.nn.layers;

import java.util.Arrays;
import org.vecgrad.autodiff.GradMode;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;
import org.vecgrad.nn.Module;
import org.vecgrad.nn.Rng;
import org.vecgrad.nn.init.Init;

/**
 * PyTorch's {@code nn.Embedding}: a lookup table {@code weight} [num_embeddings, embedding_dim], N(0, 1) at
 * initialisation; ids of any shape S give rows of shape S + [embedding_dim]. With a {@code paddingIdx} that row
 * starts at zero and gets no gradient (it stays what it is during training), as in PyTorch.
 *
 * <p>Ids come as a tensor (I64 or I32, as PyTorch's, or F32/F64 holding integers; {@link #ids} is the one place
 * that reads them) or as an {@code int[]} with a shape. An id outside 0..num_embeddings − 1, or a value that is not
 * an integer, is refused with the layer, the position, the id and the range.
 *
 * <p>Backward: ∂L/∂weight[r] = Σ of the output gradient's rows whose id is r (except the padding row), computed
 * with one pass of row additions; when the backward pass is recorded (createGraph) it is the same sum written as
 * a product with the one-hot matrix of the ids, so it is differentiable again.
 */
public class Embedding extends Module {
    private final int numEmbeddings;
    private final int embeddingDim;
    private final int paddingIdx;

    /** Without a padding row, seeded from {@link Rng}. */
    public Embedding(int numEmbeddings, int embeddingDim) {
        this(numEmbeddings, embeddingDim, Integer.MIN_VALUE, Rng.nextSeed());
    }

    /**
     * @param paddingIdx the row that gets no gradient (negative values count from the end, as in PyTorch), or
     *                   {@link Integer#MIN_VALUE} for none
     */
    @SuppressWarnings("this-escape") // registration only fills this module's own maps
    public Embedding(int numEmbeddings, int embeddingDim, int paddingIdx, long seed) {
        if (numEmbeddings < 1 || embeddingDim < 1) {
            throw new IllegalArgumentException("Embedding(num_embeddings = " + numEmbeddings + ", embedding_dim = "
                    + embeddingDim + "): both must be >= 1");
        }
        if (paddingIdx != Integer.MIN_VALUE && (paddingIdx < -numEmbeddings || paddingIdx >= numEmbeddings)) {
            throw new IllegalArgumentException("Embedding(num_embeddings = " + numEmbeddings + "): padding_idx = "
                    + paddingIdx + " is outside " + -numEmbeddings + ".." + (numEmbeddings - 1));
        }
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        this.paddingIdx = paddingIdx == Integer.MIN_VALUE ? -1 : paddingIdx < 0 ? paddingIdx + numEmbeddings
                : paddingIdx;
        NdArray w = Init.normal(NdArray.zeros(DType.F32, numEmbeddings, embeddingDim), 0, 1, Init.generator(seed));
        if (this.paddingIdx >= 0) {
            w.row(this.paddingIdx).fill(0);
        }
        registerParameter("weight", Tensor.of(w));
    }

    /** The table, [num_embeddings, embedding_dim]. */
    public Tensor weight() {
        return param("weight");
    }

    /** The padding row, or −1 for none. */
    public int paddingIdx() {
        return paddingIdx;
    }

    /** Rows for the ids held (as integral values) in {@code ids}, of any shape S: shape S + [embedding_dim]. */
    @Override
    public Tensor forward(Tensor ids) {
        return lookup(ids(ids), ids.shape());
    }

    /** Rows for {@code ids} read as an array of {@code shape} (default: [ids.length]). */
    public Tensor forward(int[] ids, int... shape) {
        int[] s = shape.length == 0 ? new int[] {ids.length} : shape.clone();
        if (Shapes.size(s) != ids.length) {
            throw new IllegalArgumentException("Embedding: " + ids.length + " ids do not fill shape " + Shapes.str(s));
        }
        return lookup(ids.clone(), s);
    }

    /** The ids of a tensor of integral values, checked. The one place that reads ids from a tensor. */
    private int[] ids(Tensor t) {
        NdArray a = t.data();
        if (a.dtype() == DType.BOOL) {
            throw new IllegalArgumentException(this + ": ids must be I64, I32 or integral F32/F64; got BOOL "
                    + Shapes.str(a.shape()));
        }
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            double v = a.getFlat(i);
            if (v != Math.rint(v)) {
                throw new IllegalArgumentException(this + ": ids must be integers; got " + v + " at flat position "
                        + i + " of ids " + Shapes.str(a.shape()));
            }
            out[i] = v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (int) v : -1;
            if (out[i] != v) {
                throw new IndexOutOfBoundsException(this + ": id " + v + " at flat position " + i + " of ids "
                        + Shapes.str(a.shape()) + " is outside 0.." + (numEmbeddings - 1));
            }
        }
        return out;
    }

    private Tensor lookup(int[] ids, int[] shape) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= numEmbeddings) {
                throw new IndexOutOfBoundsException(this + ": id " + ids[i] + " at flat position " + i + " of ids "
                        + Shapes.str(shape) + " is outside 0.." + (numEmbeddings - 1));
            }
        }
        Tensor w = weight();
        int[] outShape = Arrays.copyOf(shape, shape.length + 1);
        outShape[shape.length] = embeddingDim;
        NdArray y = gather(w.data(), ids).reshape(outShape);
        return Tensor.customWithJvp("embedding", y, new Tensor[] {w},
                ts -> gather(ts[0], ids).reshape(outShape),                     // ẏ = the tangent's rows
                (g, out) -> gradient(g, ids, w.dtype()));
    }

    /** Rows {@code ids} of {@code w} (already checked to lie in range). */
    private static NdArray gather(NdArray w, int[] ids) {
        return w.indexSelect(0, NdArray.wrap(ids, 0, ids.length));
    }

    private Tensor gradient(Tensor g, int[] ids, DType dtype) {
        Tensor g2 = g.reshape(ids.length, embeddingDim);
        if (GradMode.isEnabled()) {                                        // recorded: Oᵀ·g with O the one-hot ids
            NdArray oneHot = NdArray.zeros(dtype, ids.length, numEmbeddings);
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] != paddingIdx) {
                    oneHot.set(1, i, ids[i]);
                }
            }
            return Tensor.affine(Tensor.of(oneHot), true, g2, false, null);
        }
        NdArray gw = NdArray.zeros(dtype, numEmbeddings, embeddingDim);
        NdArray ga = g2.data();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != paddingIdx) {
                gw.row(ids[i]).addInPlace(ga.row(i));
            }
        }
        return Tensor.ownedGradient(gw);
    }

    @Override
    protected String extraRepr() {
        return numEmbeddings + ", " + embeddingDim + (paddingIdx >= 0 ? ", padding_idx=" + paddingIdx : "");
    }
}
