package org.vecgrad.nn.data;

import java.util.Arrays;
import java.util.Objects;
import org.vecgrad.engine.NdArray;

/**
 * A finite, indexable collection of samples (PyTorch's map-style {@code Dataset}). Implementations must return
 * the same sample for the same index every time, so that a seeded {@link DataLoader} is reproducible.
 */
public interface Dataset {

    /** Number of samples. */
    int size();

    /** Sample {@code i}, 0 ≤ i &lt; size(). */
    Example get(int i);

    /**
     * The samples at {@code indices}, stacked: x of shape {@code [indices.length, feature shape…]} and the labels or
     * targets in the same order. The default stacks {@link #get} results one by one; {@link TensorDataset} copies
     * rows directly.
     */
    default Batch batch(int[] indices) {
        Objects.requireNonNull(indices, "indices");
        if (indices.length == 0) {
            throw new IllegalArgumentException("batch of no indices");
        }
        Example first = get(indices[0]);
        NdArray x = stackedLike(first.features(), indices.length);
        NdArray y = first.target() == null ? null : stackedLike(first.target(), indices.length);
        int[] labels = first.target() == null ? new int[indices.length] : null;
        for (int b = 0; b < indices.length; b++) {
            Example e = b == 0 ? first : get(indices[b]);
            copyRow(e.features(), x.row(b), indices[b]);
            if (y != null) {
                copyRow(e.target(), y.row(b), indices[b]);
            } else {
                labels[b] = e.label();
            }
        }
        return new Batch(x, labels, y);
    }

    private static NdArray stackedLike(NdArray a, int n) {
        int[] s = new int[a.rank() + 1];
        s[0] = n;
        System.arraycopy(a.shape(), 0, s, 1, a.rank());
        return NdArray.zeros(a.dtype(), s);
    }

    private static void copyRow(NdArray src, NdArray dst, int index) {
        if (!Arrays.equals(src.shape(), dst.shape()) || src.dtype() != dst.dtype()) {
            throw new IllegalStateException("sample " + index + " is " + src.dtype() + " "
                    + Arrays.toString(src.shape()) + ", the batch's first sample " + dst.dtype() + " "
                    + Arrays.toString(dst.shape()));
        }
        dst.copyFrom(src);
    }
}
