package org.vecgrad.engine;

/**
 * Reductions along one axis. The array is seen as {@code outer × n × inner} (n the reduced axis). When inner = 1
 * each of the outer rows is one contiguous reduction kernel call; otherwise the n slices of length inner are
 * combined with the vectorised binary kernels (running sum / max / min), so both layouts run at SIMD speed.
 * I64, I32 and BOOL arrays reduce in scalar loops over longs (the sum is I64, as PyTorch's).
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
        DType outType = kind == Kind.SUM && !x.dtype().isFloatingPoint() ? DType.I64 : x.dtype();
        NdArray out = NdArray.zeros(outType, reducedShape(shape, ax, keepDims));
        int inner = 1;
        for (int i = ax + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        int outer = out.size() / Math.max(inner, 1);
        if (inner == 0 || outer == 0) {
            return out;
        }
        if (x.storage() instanceof FloatStorage xs) {
            floating(kind, xs, x.offset(), out.floats("reduce"), outer, n, inner);
        } else {
            integral(kind, x.storage(), x.offset(), out.storage(), outer, n, inner);
        }
        return out;
    }

    /** F32 and F64 on the kernels: one reduction call per row when inner = 1, else running binary ops. */
    private static void floating(Kind kind, FloatStorage x, int xo, FloatStorage out, int outer, int n, int inner) {
        if (inner == 1) {
            for (int o = 0; o < outer; o++) {
                int off = xo + o * n;
                out.setDouble(o, switch (kind) {
                    case SUM -> x.sum(off, n);
                    case MAX -> x.max(off, n);
                    case MIN -> x.min(off, n);
                });
            }
            return;
        }
        BinaryOp op = switch (kind) {
            case SUM -> BinaryOp.ADD;
            case MAX -> BinaryOp.MAX;
            case MIN -> BinaryOp.MIN;
        };
        for (int o = 0; o < outer; o++) {
            int base = xo + o * n * inner;
            int oo = o * inner;
            if (n > 0) {
                x.copyTo(base, out, oo, inner);
            }
            for (int j = 1; j < n; j++) {
                out.binary(op, oo, x, base + j * inner, out, oo, inner);
            }
        }
    }

    /** I64, I32 and BOOL in longs: the sum is I64 (wrapping past 2⁶³ as PyTorch's), max and min keep the dtype. */
    private static void integral(Kind kind, Storage x, int xo, Storage out, int outer, int n, int inner) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = xo + o * n * inner + i;
                long acc = kind == Kind.SUM ? 0 : x.getLong(base);
                for (int j = kind == Kind.SUM ? 0 : 1; j < n; j++) {
                    long v = x.getLong(base + j * inner);
                    acc = switch (kind) {
                        case SUM -> acc + v;
                        case MAX -> Math.max(acc, v);
                        case MIN -> Math.min(acc, v);
                    };
                }
                out.setLong(o * inner + i, acc);
            }
        }
    }

    /** Maximum (or minimum) of all elements of a non-empty I64, I32 or BOOL array, as a double. */
    static double extremeLong(boolean max, NdArray x) {
        Storage s = x.storage();
        long best = s.getLong(x.offset());
        for (int i = 1; i < x.size(); i++) {
            long v = s.getLong(x.offset() + i);
            best = max ? Math.max(best, v) : Math.min(best, v);
        }
        return best;
    }

    /**
     * Index of the first maximum (minimum) along {@code axis} for every position of the other axes, row-major;
     * the first NaN wins (NaN counts as the extreme value, as in PyTorch). F32, F64, I64, I32.
     */
    static int[] argExtreme(boolean max, NdArray x, int axis, String name) {
        int[] shape = x.shape();
        if (x.dtype() == DType.BOOL) {
            throw NdArray.unsupported(name, x.dtype(), shape, "F32, F64, I64, I32 (convert a mask with to(I32))");
        }
        int ax = Shapes.axis(axis, shape.length);
        int n = shape[ax];
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
        Storage s = x.storage();
        boolean fp = x.dtype().isFloatingPoint();
        for (int o = 0; o < outer; o++) {
            if (inner == 1 && s instanceof FloatStorage fs) { // a contiguous row: one kernel call
                int off = x.offset() + o * n;
                out[o] = max ? fs.argmax(off, n) : fs.argmin(off, n);
                continue;
            }
            for (int i = 0; i < inner; i++) {
                int base = x.offset() + o * n * inner + i;
                out[o * inner + i] = fp ? argFloating(max, s, base, n, inner) : argIntegral(max, s, base, n, inner);
            }
        }
        return out;
    }

    private static int argFloating(boolean max, Storage s, int base, int n, int stride) {
        int best = 0;
        double bv = s.getDouble(base);
        for (int j = 1; j < n && !Double.isNaN(bv); j++) {
            double v = s.getDouble(base + j * stride);
            if (Double.isNaN(v) || (max ? v > bv : v < bv)) {
                best = j;
                bv = v;
            }
        }
        return best;
    }

    private static int argIntegral(boolean max, Storage s, int base, int n, int stride) {
        int best = 0;
        long bv = s.getLong(base);
        for (int j = 1; j < n; j++) {
            long v = s.getLong(base + j * stride);
            if (max ? v > bv : v < bv) {
                best = j;
                bv = v;
            }
        }
        return best;
    }

    /** {@link #argExtreme} as an I64 array with the axis removed or kept with size 1. */
    static NdArray argExtremeArray(boolean max, NdArray x, int axis, boolean keepDims) {
        int[] idx = argExtreme(max, x, axis, max ? "argmax" : "argmin");
        NdArray out = NdArray.zeros(DType.I64, reducedShape(x.shape(), Shapes.axis(axis, x.rank()), keepDims));
        long[] o = out.longData();
        for (int k = 0; k < idx.length; k++) {
            o[k] = idx[k];
        }
        return out;
    }

    static NdArray rowwise(Rowwise kind, NdArray x, int axis) {
        x.floats(kind == Rowwise.SOFTMAX ? "softmax" : "logSoftmax");
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
        FloatStorage xs = x.floats("softmax");
        if (kind == Rowwise.SOFTMAX) {
            xs.softmaxRows(x.offset(), out.floats("softmax"), 0, rows, cols);
        } else {
            xs.logSoftmaxRows(x.offset(), out.floats("logSoftmax"), 0, rows, cols);
        }
        return out;
    }

    static NdArray logSumExp(NdArray x, int axis, boolean keepDims) {
        x.floats("logSumExp");
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
        x.floats("logSumExp").logSumExpRows(x.offset(), out.floats("logSumExp"), 0, rows, cols);
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
