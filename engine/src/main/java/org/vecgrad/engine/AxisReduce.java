package org.vecgrad.engine;

import org.vecgrad.engine.kernel.ElementwiseKernels;
import org.vecgrad.engine.kernel.Kernels;
import org.vecgrad.engine.kernel.ReductionKernels;

/**
 * Reductions along one axis. The array is seen as {@code outer × n × inner} (n the reduced axis). When inner = 1
 * each of the outer rows is one contiguous reduction kernel call; otherwise the n slices of length inner are
 * combined with the vectorised binary kernels (running sum / max / min), so both layouts run at SIMD speed.
 * Softmax-type functions run on the last axis; another axis is moved there and back by a permuting copy.
 */
final class AxisReduce {
    enum Kind { SUM, MAX, MIN }

    enum Rowwise { SOFTMAX, LOG_SOFTMAX }

    private AxisReduce() {
    }

    private static int[] reducedShape(int[] shape, int ax, boolean keepDims) {
        if (keepDims) {
            int[] s = shape.clone();
            s[ax] = 1;
            return s;
        }
        int[] s = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != ax) {
                s[j++] = shape[i];
            }
        }
        return s;
    }

    static NdArray reduce(Kind kind, NdArray x, int axis, boolean keepDims) {
        int[] shape = x.shape();
        int ax = Shapes.axis(axis, shape.length);
        int n = shape[ax];
        if (n == 0 && kind != Kind.SUM) {
            throw new IllegalArgumentException(kind.name().toLowerCase() + " over axis " + ax + " of shape "
                    + Shapes.str(shape) + ": the axis is empty");
        }
        NdArray out = NdArray.zeros(x.dtype(), reducedShape(shape, ax, keepDims));
        int inner = 1;
        for (int i = ax + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        int outer = out.size() / Math.max(inner, 1);
        if (inner == 0 || outer == 0) {
            return out;
        }
        ReductionKernels r = Kernels.active().reductions();
        ElementwiseKernels e = Kernels.active().elementwise();
        boolean f32 = x.dtype() == DType.F32;
        int xo = x.offset();
        if (inner == 1) {
            for (int o = 0; o < outer; o++) {
                int off = xo + o * n;
                double v;
                if (f32) {
                    float[] a = x.floatData();
                    v = switch (kind) {
                        case SUM -> r.sum(a, off, n);
                        case MAX -> r.max(a, off, n);
                        case MIN -> r.min(a, off, n);
                    };
                } else {
                    double[] a = x.doubleData();
                    v = switch (kind) {
                        case SUM -> r.sum(a, off, n);
                        case MAX -> r.max(a, off, n);
                        case MIN -> r.min(a, off, n);
                    };
                }
                out.setFlat(o, v);
            }
            return out;
        }
        BinaryOp op = switch (kind) {
            case SUM -> BinaryOp.ADD;
            case MAX -> BinaryOp.MAX;
            case MIN -> BinaryOp.MIN;
        };
        for (int o = 0; o < outer; o++) {
            int base = xo + o * n * inner;
            int oo = o * inner;
            if (f32) {
                float[] a = x.floatData();
                float[] od = out.floatData();
                if (n > 0) {
                    System.arraycopy(a, base, od, oo, inner);
                }
                for (int j = 1; j < n; j++) {
                    e.binary(op, od, oo, a, base + j * inner, od, oo, inner);
                }
            } else {
                double[] a = x.doubleData();
                double[] od = out.doubleData();
                if (n > 0) {
                    System.arraycopy(a, base, od, oo, inner);
                }
                for (int j = 1; j < n; j++) {
                    e.binary(op, od, oo, a, base + j * inner, od, oo, inner);
                }
            }
        }
        return out;
    }

    static int[] argExtreme(boolean max, NdArray x, int axis) {
        int[] shape = x.shape();
        int ax = Shapes.axis(axis, shape.length);
        int n = shape[ax];
        String name = max ? "argmax" : "argmin";
        if (n == 0) {
            throw new IllegalArgumentException(name + " over axis " + ax + " of shape " + Shapes.str(shape)
                    + ": the axis is empty");
        }
        int inner = 1;
        for (int i = ax + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        int outer = inner == 0 ? 0 : x.size() / (n * inner);
        int[] out = new int[outer * inner];
        ReductionKernels r = Kernels.active().reductions();
        boolean f32 = x.dtype() == DType.F32;
        for (int o = 0; o < outer; o++) {
            if (inner == 1) {
                int off = x.offset() + o * n;
                out[o] = f32 ? (max ? r.argmax(x.floatData(), off, n) : r.argmin(x.floatData(), off, n))
                        : (max ? r.argmax(x.doubleData(), off, n) : r.argmin(x.doubleData(), off, n));
                continue;
            }
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                int best = 0;
                double bv = x.getFlat(base);
                for (int j = 1; j < n && !Double.isNaN(bv); j++) {
                    double v = x.getFlat(base + j * inner);
                    if (Double.isNaN(v) || (max ? v > bv : v < bv)) {
                        best = j;
                        bv = v;
                    }
                }
                out[o * inner + i] = best;
            }
        }
        return out;
    }

    static NdArray rowwise(Rowwise kind, NdArray x, int axis) {
        int rank = x.rank();
        if (rank == 0) {
            throw new IllegalArgumentException(kind.name().toLowerCase() + " of a rank-0 array: needs an axis");
        }
        int ax = Shapes.axis(axis, rank);
        if (ax != rank - 1) {
            int[] perm = moveToLast(ax, rank);
            return rowwise(kind, x.permute(perm), -1).permute(inverse(perm));
        }
        NdArray out = NdArray.zerosLike(x);
        int cols = x.shape(-1);
        if (cols == 0 || x.size() == 0) {
            return out;
        }
        int rows = x.size() / cols;
        ReductionKernels r = Kernels.active().reductions();
        if (x.dtype() == DType.F32) {
            if (kind == Rowwise.SOFTMAX) {
                r.softmaxRows(x.floatData(), x.offset(), out.floatData(), 0, rows, cols);
            } else {
                r.logSoftmaxRows(x.floatData(), x.offset(), out.floatData(), 0, rows, cols);
            }
        } else {
            if (kind == Rowwise.SOFTMAX) {
                r.softmaxRows(x.doubleData(), x.offset(), out.doubleData(), 0, rows, cols);
            } else {
                r.logSoftmaxRows(x.doubleData(), x.offset(), out.doubleData(), 0, rows, cols);
            }
        }
        return out;
    }

    static NdArray logSumExp(NdArray x, int axis, boolean keepDims) {
        int rank = x.rank();
        if (rank == 0) {
            throw new IllegalArgumentException("logSumExp of a rank-0 array: needs an axis");
        }
        int ax = Shapes.axis(axis, rank);
        if (ax != rank - 1) {
            int[] perm = moveToLast(ax, rank);
            NdArray last = logSumExp(x.permute(perm), -1, true);
            // shape of `last` is x's shape permuted, with the (now last) axis 1: put it back where it was
            NdArray back = last.permute(inverse(perm));
            return keepDims ? back : back.reshape(reducedShape(x.shape(), ax, false));
        }
        int cols = x.shape(-1);
        NdArray out = NdArray.zeros(x.dtype(), reducedShape(x.shape(), ax, keepDims));
        if (out.size() == 0) {
            return out;
        }
        if (cols == 0) {
            return out.fill(Double.NEGATIVE_INFINITY);
        }
        int rows = x.size() / cols;
        ReductionKernels r = Kernels.active().reductions();
        if (x.dtype() == DType.F32) {
            r.logSumExpRows(x.floatData(), x.offset(), out.floatData(), 0, rows, cols);
        } else {
            r.logSumExpRows(x.doubleData(), x.offset(), out.doubleData(), 0, rows, cols);
        }
        return out;
    }

    private static int[] moveToLast(int ax, int rank) {
        int[] p = new int[rank];
        for (int i = 0, j = 0; i < rank; i++) {
            if (i != ax) {
                p[j++] = i;
            }
        }
        p[rank - 1] = ax;
        return p;
    }

    private static int[] inverse(int[] p) {
        int[] inv = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            inv[p[i]] = i;
        }
        return inv;
    }
}
