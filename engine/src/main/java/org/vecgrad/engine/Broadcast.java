package org.vecgrad.engine;

/**
 * NumPy broadcasting on top of the contiguous kernels. Axes of size 1 in the output are dropped, and neighbouring
 * axes on which each operand is either full or broadcast in the same way are merged, so every case becomes an
 * outer loop over the merged axes around one kernel call on the innermost run: same shape is one call, a row
 * vector against a matrix is one {@code binary} call per row, a column vector one {@code binaryScalar} per row.
 *
 * <p>The scalar loops of the other dtypes (comparisons, {@code where}, {@code permute}, {@code gather}) broadcast
 * through index maps instead: {@link #indexMap} and {@link #positions} list the storage position each output
 * element reads.
 */
final class Broadcast {
    private Broadcast() {
    }

    /** out = a ∘ b; shapes already validated (out has the broadcast shape, dtypes agree and are F32 or F64). */
    static void binary(BinaryOp op, NdArray a, NdArray b, NdArray out) {
        int total = out.size();
        if (total == 0) {
            return;
        }
        FloatStorage as = a.floats(op.label());
        FloatStorage bs = b.floats(op.label());
        FloatStorage os = out.floats(op.label());
        if (a.size() == total && b.size() == total) {
            as.binary(op, a.offset(), bs, b.offset(), os, out.offset(), total);
        } else if (b.size() == 1 && a.size() == total) {
            as.binaryScalar(op, a.offset(), bs.getDouble(b.offset()), os, out.offset(), total);
        } else if (a.size() == 1 && b.size() == total) {
            bs.scalarBinary(op, as.getDouble(a.offset()), b.offset(), os, out.offset(), total);
        } else {
            general(op, a, b, out);
        }
    }

    private static void general(BinaryOp op, NdArray a, NdArray b, NdArray out) {
        int[] os = out.shape();
        int r = os.length;
        int[] as = padded(a.shape(), r);
        int[] bs = padded(b.shape(), r);
        // Merged axes: size, and whether a / b is full (stride > 0) on it.
        int[] size = new int[r];
        boolean[] aFull = new boolean[r];
        boolean[] bFull = new boolean[r];
        int m = 0;
        for (int i = 0; i < r; i++) {
            if (os[i] == 1) {
                continue;
            }
            boolean af = as[i] != 1;
            boolean bf = bs[i] != 1;
            if (m > 0 && aFull[m - 1] == af && bFull[m - 1] == bf) {
                size[m - 1] *= os[i];
            } else {
                size[m] = os[i];
                aFull[m] = af;
                bFull[m] = bf;
                m++;
            }
        }
        // Strides of a and b over the merged axes (0 where broadcast).
        int[] aStride = new int[m];
        int[] bStride = new int[m];
        int sa = 1;
        int sb = 1;
        for (int i = m - 1; i >= 0; i--) {
            aStride[i] = aFull[i] ? sa : 0;
            bStride[i] = bFull[i] ? sb : 0;
            if (aFull[i]) {
                sa *= size[i];
            }
            if (bFull[i]) {
                sb *= size[i];
            }
        }
        int inner = m == 0 ? 1 : size[m - 1];
        boolean ai = m > 0 && aFull[m - 1];
        boolean bi = m > 0 && bFull[m - 1];
        int outerAxes = Math.max(m - 1, 0);
        int[] idx = new int[outerAxes];
        FloatStorage ad = a.floats(op.label());
        FloatStorage bd = b.floats(op.label());
        FloatStorage od = out.floats(op.label());
        int aOff = a.offset();
        int bOff = b.offset();
        int oOff = out.offset();
        int rows = out.size() / inner;
        for (int row = 0; row < rows; row++) {
            if (ai && bi) {
                ad.binary(op, aOff, bd, bOff, od, oOff, inner);
            } else if (ai) {
                ad.binaryScalar(op, aOff, bd.getDouble(bOff), od, oOff, inner);
            } else if (bi) {
                bd.scalarBinary(op, ad.getDouble(aOff), bOff, od, oOff, inner);
            } else {
                ad.binaryScalar(op, aOff, bd.getDouble(bOff), od, oOff, 1);
            }
            oOff += inner;
            for (int ax = outerAxes - 1; ax >= 0; ax--) {
                idx[ax]++;
                aOff += aStride[ax];
                bOff += bStride[ax];
                if (idx[ax] < size[ax]) {
                    break;
                }
                aOff -= aStride[ax] * size[ax];
                bOff -= bStride[ax] * size[ax];
                idx[ax] = 0;
            }
        }
    }

    /**
     * For element k of a {@code from}-shaped array broadcast to shape {@code to} (row-major), the flat index (from
     * 0) of the element of the {@code from} array it reads. {@code to} must be a broadcast of {@code from}.
     */
    static int[] indexMap(int[] from, int[] to) {
        int r = to.length;
        int[] f = padded(from, r);
        int[] strides = Shapes.strides(f);
        for (int i = 0; i < r; i++) {
            if (f[i] == 1) {
                strides[i] = 0;
            }
        }
        return positions(to, strides);
    }

    /**
     * For each element of an array of {@code shape} in row-major order, {@code Σ iⱼ·strides[j]} over its
     * multi-index (i₀, …): the source positions of a walk with arbitrary strides (a permutation, a broadcast).
     */
    static int[] positions(int[] shape, int[] strides) {
        int r = shape.length;
        int[] out = new int[Shapes.size(shape)];
        int[] idx = new int[r];
        int src = 0;
        for (int o = 0; o < out.length; o++) {
            out[o] = src;
            for (int k = r - 1; k >= 0; k--) {
                idx[k]++;
                src += strides[k];
                if (idx[k] < shape[k]) {
                    break;
                }
                src -= strides[k] * shape[k];
                idx[k] = 0;
            }
        }
        return out;
    }

    private static int[] padded(int[] s, int r) {
        int[] p = new int[r];
        int lead = r - s.length;
        for (int i = 0; i < r; i++) {
            p[i] = i < lead ? 1 : s[i - lead];
        }
        return p;
    }
}
