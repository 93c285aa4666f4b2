package org.vecgrad.engine;

import org.vecgrad.engine.kernel.ElementwiseKernels;
import org.vecgrad.engine.kernel.Kernels;

/**
 * NumPy broadcasting on top of the contiguous kernels. Axes of size 1 in the output are dropped, and neighbouring
 * axes on which each operand is either full or broadcast in the same way are merged, so every case becomes an
 * outer loop over the merged axes around one kernel call on the innermost run: same shape is one call, a row
 * vector against a matrix is one {@code binary} call per row, a column vector one {@code binaryScalar} per row.
 */
final class Broadcast {
    private Broadcast() {
    }

    /** out = a ∘ b; shapes already validated (out has the broadcast shape, dtypes agree). */
    static void binary(BinaryOp op, NdArray a, NdArray b, NdArray out) {
        int total = out.size();
        if (total == 0) {
            return;
        }
        ElementwiseKernels k = Kernels.active().elementwise();
        boolean f32 = a.dtype() == DType.F32;
        if (a.size() == total && b.size() == total) {
            if (f32) {
                k.binary(op, a.floatData(), a.offset(), b.floatData(), b.offset(), out.floatData(), out.offset(), total);
            } else {
                k.binary(op, a.doubleData(), a.offset(), b.doubleData(), b.offset(), out.doubleData(), out.offset(),
                        total);
            }
            return;
        }
        if (b.size() == 1 && a.size() == total) {
            if (f32) {
                k.binaryScalar(op, a.floatData(), a.offset(), b.floatData()[b.offset()], out.floatData(),
                        out.offset(), total);
            } else {
                k.binaryScalar(op, a.doubleData(), a.offset(), b.doubleData()[b.offset()], out.doubleData(),
                        out.offset(), total);
            }
            return;
        }
        if (a.size() == 1 && b.size() == total) {
            if (f32) {
                k.scalarBinary(op, a.floatData()[a.offset()], b.floatData(), b.offset(), out.floatData(),
                        out.offset(), total);
            } else {
                k.scalarBinary(op, a.doubleData()[a.offset()], b.doubleData(), b.offset(), out.doubleData(),
                        out.offset(), total);
            }
            return;
        }
        general(k, f32, op, a, b, out);
    }

    private static void general(ElementwiseKernels k, boolean f32, BinaryOp op, NdArray a, NdArray b,
                                NdArray out) {
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
        int aOff = a.offset();
        int bOff = b.offset();
        int oOff = out.offset();
        int rows = out.size() / inner;
        for (int row = 0; row < rows; row++) {
            if (f32) {
                float[] ad = a.floatData();
                float[] bd = b.floatData();
                float[] od = out.floatData();
                if (ai && bi) {
                    k.binary(op, ad, aOff, bd, bOff, od, oOff, inner);
                } else if (ai) {
                    k.binaryScalar(op, ad, aOff, bd[bOff], od, oOff, inner);
                } else if (bi) {
                    k.scalarBinary(op, ad[aOff], bd, bOff, od, oOff, inner);
                } else {
                    k.binaryScalar(op, ad, aOff, bd[bOff], od, oOff, 1);
                }
            } else {
                double[] ad = a.doubleData();
                double[] bd = b.doubleData();
                double[] od = out.doubleData();
                if (ai && bi) {
                    k.binary(op, ad, aOff, bd, bOff, od, oOff, inner);
                } else if (ai) {
                    k.binaryScalar(op, ad, aOff, bd[bOff], od, oOff, inner);
                } else if (bi) {
                    k.scalarBinary(op, ad[aOff], bd, bOff, od, oOff, inner);
                } else {
                    k.binaryScalar(op, ad, aOff, bd[bOff], od, oOff, 1);
                }
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

    private static int[] padded(int[] s, int r) {
        int[] p = new int[r];
        int lead = r - s.length;
        for (int i = 0; i < r; i++) {
            p[i] = i < lead ? 1 : s[i - lead];
        }
        return p;
    }
}
