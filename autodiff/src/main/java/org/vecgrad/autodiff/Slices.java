package org.vecgrad.autodiff;

import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/**
 * Copies of blocks of contiguous arrays for the slicing operations (narrow, pad, row selection, gather) and their
 * backward counterparts. A tensor of shape (outer…, n, inner…) cut along the axis of size n is a sequence of
 * {@code outer} runs of {@code n·inner} elements, so every slice is one {@code System.arraycopy} per outer index.
 */
final class Slices {
    private Slices() {
    }

    private static void copy(NdArray src, int srcPos, NdArray dst, int dstPos, int n) {
        if (src.dtype() == DType.F32) {
            System.arraycopy(src.floatData(), src.offset() + srcPos, dst.floatData(), dst.offset() + dstPos, n);
        } else {
            System.arraycopy(src.doubleData(), src.offset() + srcPos, dst.doubleData(), dst.offset() + dstPos, n);
        }
    }

    private static int inner(int[] shape, int axis) {
        int inner = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        return inner;
    }

    private static int outer(int[] shape, int axis) {
        int outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= shape[i];
        }
        return outer;
    }

    /** x[…, start:start+len, …] along axis (a copy). */
    static NdArray narrow(NdArray x, int axis, int start, int len) {
        int[] s = x.shape();
        int inner = inner(s, axis);
        int outer = outer(s, axis);
        int srcRow = s[axis] * inner;
        int chunk = len * inner;
        s[axis] = len;
        NdArray out = NdArray.zeros(x.dtype(), s);
        for (int o = 0; o < outer; o++) {
            copy(x, o * srcRow + start * inner, out, o * chunk, chunk);
        }
        return out;
    }

    /** Zeros of {@code shape} with x copied in at [start, start + x.shape[axis]) along axis. */
    static NdArray embed(NdArray x, int[] shape, int axis, int start) {
        int inner = inner(shape, axis);
        int outer = outer(shape, axis);
        int dstRow = shape[axis] * inner;
        int chunk = x.shape(axis) * inner;
        NdArray out = NdArray.zeros(x.dtype(), shape);
        for (int o = 0; o < outer; o++) {
            copy(x, o * chunk, out, o * dstRow + start * inner, chunk);
        }
        return out;
    }

    /** Rows idx[0], idx[1], … of x along axis 0. */
    static NdArray selectRows(NdArray x, int[] idx) {
        int[] s = x.shape();
        int row = inner(s, 0);
        s[0] = idx.length;
        NdArray out = NdArray.zeros(x.dtype(), s);
        for (int k = 0; k < idx.length; k++) {
            copy(x, idx[k] * row, out, k * row, row);
        }
        return out;
    }

    /** Zeros with {@code rows} rows; row idx[k] += g's row k (repeated indices add up). */
    static NdArray addRows(NdArray g, int rows, int[] idx) {
        int[] s = g.shape();
        s[0] = rows;
        NdArray out = NdArray.zeros(g.dtype(), s);
        for (int k = 0; k < idx.length; k++) {
            out.row(idx[k]).addInPlace(g.row(k));
        }
        return out;
    }

    /** out[i] = x[i, labels[i]] for a matrix x. */
    static NdArray gather(NdArray x, int[] labels) {
        int c = x.shape(1);
        NdArray out = NdArray.zeros(x.dtype(), labels.length);
        for (int i = 0; i < labels.length; i++) {
            out.setFlat(i, x.getFlat(i * c + labels[i]));
        }
        return out;
    }

    /** An n × c matrix of zeros with out[i, labels[i]] = g[i]. */
    static NdArray scatter(NdArray g, int c, int[] labels) {
        NdArray out = NdArray.zeros(g.dtype(), labels.length, c);
        for (int i = 0; i < labels.length; i++) {
            out.setFlat(i * c + labels[i], g.getFlat(i));
        }
        return out;
    }
}
