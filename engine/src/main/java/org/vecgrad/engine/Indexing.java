package org.vecgrad.engine;

import java.util.Arrays;

/**
 * Selection by mask or by index: {@code where}, {@code gather} and {@code indexSelect}. Each works out the
 * storage position of every output element first (validating every index before anything is written), then
 * copies with one {@link Storage#take} or with {@link Storage#copyTo} runs, so it is written once for every dtype.
 */
final class Indexing {
    private Indexing() {
    }

    static NdArray where(NdArray mask, NdArray a, NdArray b) {
        if (mask.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("where: mask must be BOOL, got " + mask.dtype() + " "
                    + Shapes.str(mask.shape()) + " (make one with a comparison such as gt)");
        }
        NdArray.requireSameType("where", a, b);
        int[] os;
        try {
            os = Shapes.broadcast(Shapes.broadcast(mask.shape(), a.shape()), b.shape());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("where: mask " + Shapes.str(mask.shape()) + ", a "
                    + Shapes.str(a.shape()) + " and b " + Shapes.str(b.shape()) + " do not broadcast together ("
                    + e.getMessage() + ")", e);
        }
        int[] im = Broadcast.indexMap(mask.shape(), os);
        int[] src = Broadcast.indexMap(a.shape(), os);
        int[] ib = Broadcast.indexMap(b.shape(), os);
        // a and b laid end to end in one storage: position p < a.size() is a's p, a.size() + q is b's q
        Storage both = Storage.allocate(a.dtype(), a.size() + b.size());
        a.storage().copyTo(a.offset(), both, 0, a.size());
        b.storage().copyTo(b.offset(), both, a.size(), b.size());
        boolean[] m = mask.booleanData();
        int mo = mask.offset();
        for (int k = 0; k < src.length; k++) {
            if (!m[mo + im[k]]) {
                src[k] = a.size() + ib[k];
            }
        }
        NdArray out = NdArray.zeros(a.dtype(), os);
        both.take(0, src, out.storage(), 0, src.length);
        return out;
    }

    static NdArray gather(NdArray x, int axis, NdArray index) {
        String op = "gather(axis=" + axis + ")";
        requireIndexType(op, index);
        int[] xs = x.shape();
        int[] is = index.shape();
        int ax = axis(op, axis, xs);
        if (is.length != xs.length) {
            throw new IllegalArgumentException(op + ": index " + index.dtype() + " " + Shapes.str(is) + " has rank "
                    + is.length + " but the array " + x.dtype() + " " + Shapes.str(xs) + " has rank " + xs.length
                    + "; they must be equal");
        }
        for (int d = 0; d < xs.length; d++) {
            if (d != ax && is[d] > xs[d]) {
                throw new IllegalArgumentException(op + ": index shape " + Shapes.str(is) + " exceeds the array's "
                        + Shapes.str(xs) + " at axis " + d + " (" + is[d] + " > " + xs[d]
                        + "); off the gather axis the index may not be larger than the array");
            }
        }
        int[] strides = Shapes.strides(xs);
        int[] base = strides.clone();
        base[ax] = 0;
        int[] src = Broadcast.positions(is, base); // the position with coordinate 0 on the gather axis
        Storage ix = index.storage();
        for (int k = 0; k < src.length; k++) {
            src[k] += checkedIndex(op, ix.getLong(index.offset() + k), xs, ax, index, k) * strides[ax];
        }
        NdArray out = NdArray.zeros(x.dtype(), is);
        x.storage().take(x.offset(), src, out.storage(), 0, src.length);
        return out;
    }

    static NdArray indexSelect(NdArray x, int axis, NdArray index) {
        String op = "indexSelect(axis=" + axis + ")";
        requireIndexType(op, index);
        if (index.rank() > 1) {
            throw new IllegalArgumentException(op + ": index must be 1-D (or rank 0), got " + index.dtype() + " "
                    + Shapes.str(index.shape()));
        }
        int[] xs = x.shape();
        int ax = axis(op, axis, xs);
        int m = index.size();
        int[] idx = new int[m];
        for (int j = 0; j < m; j++) {
            idx[j] = checkedIndex(op, index.storage().getLong(index.offset() + j), xs, ax, index, j);
        }
        int n = xs[ax];
        int outer = 1;
        for (int d = 0; d < ax; d++) {
            outer *= xs[d];
        }
        int inner = 1;
        for (int d = ax + 1; d < xs.length; d++) {
            inner *= xs[d];
        }
        int[] os = xs.clone();
        os[ax] = m;
        NdArray out = NdArray.zeros(x.dtype(), os);
        for (int o = 0; o < outer; o++) {
            if (inner == 1) { // selecting single elements: one indexed copy per row
                x.storage().take(x.offset() + o * n, idx, out.storage(), o * m, m);
                continue;
            }
            for (int j = 0; j < m; j++) {
                x.storage().copyTo(x.offset() + (o * n + idx[j]) * inner, out.storage(), (o * m + j) * inner, inner);
            }
        }
        return out;
    }

    private static void requireIndexType(String op, NdArray index) {
        if (!index.dtype().isIntegral()) {
            throw NdArray.unsupported(op + " index", index.dtype(), index.shape(), "I64, I32");
        }
    }

    private static int axis(String op, int axis, int[] shape) {
        try {
            return Shapes.axis(axis, shape.length);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + " on shape " + Shapes.str(shape) + ": " + e.getMessage(), e);
        }
    }

    /** {@code v} if it is a valid coordinate on axis {@code ax} of {@code shape}, else an exception. */
    private static int checkedIndex(String op, long v, int[] shape, int ax, NdArray index, int k) {
        if (v < 0 || v >= shape[ax]) {
            throw new IndexOutOfBoundsException(op + ": index value " + v + " at position "
                    + Arrays.toString(unravel(k, index.shape())) + " of index " + index.dtype() + " "
                    + Shapes.str(index.shape()) + " is out of range for axis " + ax + " of size " + shape[ax]
                    + " (array shape " + Shapes.str(shape) + "); expected 0 <= index < " + shape[ax]
                    + " (negative indices are refused, as PyTorch refuses them here)");
        }
        return (int) v;
    }

    private static int[] unravel(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
        return idx;
    }
}
