package org.vecgrad.nn.attention;

import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;

/**
 * Scaled dot-product attention and its masks, written with differentiable tensor operations (so gradcheck and
 * second-order gradients come with them):
 * <pre>
 *   weights = softmax(q·kᵀ/√d + mask),   output = weights·v
 * </pre>
 * with q [N, L, d], k [N, S, d], v [N, S, dv]. Masks are additive (0 where attention is allowed, −∞ where it is
 * not, or any learned bias), shaped [L, S] or [N, L, S]; {@link #booleanMask} turns PyTorch's boolean masks
 * (true = not allowed, as {@code nn.MultiheadAttention}'s {@code attn_mask}) into one, {@link #causalMask} gives the
 * mask that lets position i attend to positions ≤ i only. A row with every position masked gives NaN, as PyTorch.
 */
public final class Attention {
    private Attention() {
    }

    /** The attention output [N, L, dv] and the weights [N, L, S]. */
    public record Result(Tensor output, Tensor weights) {
    }

    /**
     * softmax(q·kᵀ/√d + mask (+ the causal mask))·v.
     *
     * @param mask   additive, [L, S] or [N, L, S], or BOOL (true = not allowed, see {@link #additive}), or null
     * @param causal also mask every key position after the query's (needs L = S)
     * @throws IllegalArgumentException naming the shapes when q, k, v or the mask do not fit
     */
    public static Result scaledDotProduct(Tensor q, Tensor k, Tensor v, Tensor mask, boolean causal) {
        if (q.rank() != 3 || k.rank() != 3 || v.rank() != 3 || q.shape(0) != k.shape(0) || k.shape(0) != v.shape(0)
                || q.shape(2) != k.shape(2) || k.shape(1) != v.shape(1)) {
            throw new IllegalArgumentException("scaledDotProduct: needs q [N, L, d], k [N, S, d], v [N, S, dv]; got q "
                    + Shapes.str(q.shape()) + ", k " + Shapes.str(k.shape()) + ", v " + Shapes.str(v.shape()));
        }
        int n = q.shape(0);
        int l = q.shape(1);
        int s = k.shape(1);
        if (mask != null && !(mask.rank() == 2 && mask.shape(0) == l && mask.shape(1) == s
                || mask.rank() == 3 && (mask.shape(0) == n || mask.shape(0) == 1) && mask.shape(1) == l
                && mask.shape(2) == s)) {
            throw new IllegalArgumentException("scaledDotProduct: the mask must be [" + l + ", " + s + "] or [" + n
                    + ", " + l + ", " + s + "] for q " + Shapes.str(q.shape()) + " and k " + Shapes.str(k.shape())
                    + "; got " + Shapes.str(mask.shape()));
        }
        mask = additive(mask, q.dtype());
        if (causal && l != s) {
            throw new IllegalArgumentException("scaledDotProduct: a causal mask needs as many queries as keys; got q "
                    + Shapes.str(q.shape()) + " and k " + Shapes.str(k.shape()));
        }
        Tensor scores = Tensor.affine(q.mul(1 / Math.sqrt(q.shape(2))), false, k, true, null);   // [N, L, S]
        if (mask != null) {
            scores = scores.add(mask);
        }
        if (causal) {
            scores = scores.add(causalMask(q.dtype(), l));
        }
        Tensor w = scores.softmax(-1);
        return new Result(w.matmul(v), w);
    }

    /** The additive mask [L, L] with −∞ above the diagonal: position i attends to positions 0..i. */
    public static Tensor causalMask(DType dtype, int length) {
        NdArray m = NdArray.zeros(dtype, length, length);
        for (int i = 0; i < length; i++) {
            for (int j = i + 1; j < length; j++) {
                m.set(Double.NEGATIVE_INFINITY, i, j);
            }
        }
        return Tensor.of(m);
    }

    /** PyTorch's boolean mask as an additive one: −∞ where {@code masked[i][j]} (not allowed), else 0; [L, S]. */
    public static Tensor booleanMask(DType dtype, boolean[][] masked) {
        int l = masked.length;
        int s = l == 0 ? 0 : masked[0].length;
        NdArray m = NdArray.zeros(dtype, l, s);
        for (int i = 0; i < l; i++) {
            if (masked[i].length != s) {
                throw new IllegalArgumentException("booleanMask: row " + i + " has " + masked[i].length
                        + " entries, row 0 has " + s);
            }
            for (int j = 0; j < s; j++) {
                if (masked[i][j]) {
                    m.set(Double.NEGATIVE_INFINITY, i, j);
                }
            }
        }
        return Tensor.of(m);
    }

    /**
     * A BOOL tensor mask as an additive one of dtype {@code dtype}: −∞ where true (not allowed), else 0; same
     * shape.
     * Floating-point masks are returned as they are (they are additive already).
     */
    public static Tensor additive(Tensor mask, DType dtype) {
        if (mask == null || mask.dtype() != DType.BOOL) {
            return mask;
        }
        NdArray m = NdArray.zeros(dtype, mask.shape());
        NdArray b = mask.data();
        for (int i = 0; i < m.size(); i++) {
            if (b.getFlat(i) != 0) {
                m.setFlat(i, Double.NEGATIVE_INFINITY);
            }
        }
        return Tensor.of(m);
    }

    /**
     * The sinusoidal positional encoding of "Attention Is All You Need", [maxLen, dModel]:
     * PE[p, 2i] = sin(p / 10000^(2i/dModel)), PE[p, 2i + 1] = cos(p / 10000^(2i/dModel)).
     */
    public static NdArray sinusoidalEncoding(DType dtype, int maxLen, int dModel) {
        if (maxLen < 1 || dModel < 1) {
            throw new IllegalArgumentException("sinusoidalEncoding(maxLen = " + maxLen + ", dModel = " + dModel
                    + "): both must be >= 1");
        }
        NdArray pe = NdArray.zeros(dtype, maxLen, dModel);
        for (int p = 0; p < maxLen; p++) {
            for (int i = 0; 2 * i < dModel; i++) {
                double angle = p * Math.exp(-Math.log(10000.0) * (2 * i) / dModel);
                pe.set(Math.sin(angle), p, 2 * i);
                if (2 * i + 1 < dModel) {
                    pe.set(Math.cos(angle), p, 2 * i + 1);
                }
            }
        }
        return pe;
    }
}
