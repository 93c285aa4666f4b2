package org.vecgrad.engine.nn;

import java.util.Objects;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;
import org.vecgrad.engine.kernel.Kernels;
import org.vecgrad.engine.kernel.ReductionKernels;

/**
 * Max pooling and window averages on {@link NdArray}s, F32 or F64. Max pooling returns, with the values, the
 * position of each window's maximum (PyTorch's indices: a flat index h·W + w within the plane), so its backward
 * routes each gradient to the one input that won; the window averages (avg_pool2d, adaptive_avg_pool2d) are linear
 * and their backward is their adjoint. The loops are sequential (bit-identical for any thread count) and allocate
 * only their result (max pooling's inside windows run on the backend's SIMD {@code maxTaps}, a vector of output
 * columns at a time).
 */
public final class Pooling {
    private Pooling() {
    }

    /** The max-pooled values; {@code indices} (length = output size) receives each window's argmax. */
    public static NdArray maxPool(NdArray x, PoolGeometry g, int[] indices) {
        check("max_pool", x, g.inputShape);
        NdArray y = NdArray.zeros(x.dtype(), g.outputShape);
        maxPool(x, g, y, indices);
        return y;
    }

    /**
     * The max-pooled values into {@code y} (shaped like the output, x's dtype; every element written) and each
     * window's argmax into {@code indices}: allocates nothing.
     */
    public static void maxPool(NdArray x, PoolGeometry g, NdArray y, int[] indices) {
        check("max_pool", x, g.inputShape);
        check("max_pool output", y, g.outputShape);
        if (y.dtype() != x.dtype()) {
            throw new IllegalArgumentException("max_pool: the output is " + y.dtype() + ", the input " + x.dtype());
        }
        Object xs = x.dtype() == DType.F32 ? x.floatData() : x.doubleData();
        Object ys = y.dtype() == DType.F32 ? y.floatData() : y.doubleData();
        if (xs == ys && x.offset() < y.offset() + y.size() && y.offset() < x.offset() + x.size()) {
            throw new IllegalArgumentException("max_pool: the output (storage elements [" + y.offset() + ", "
                    + (y.offset() + y.size()) + ")) overlaps the input (elements [" + x.offset() + ", "
                    + (x.offset() + x.size()) + ")) of the same storage; give the output its own array");
        }
        if (indices.length != y.size()) {
            throw new IllegalArgumentException("max_pool: indices has length " + indices.length + ", the output has "
                    + y.size() + " elements");
        }
        if (x.dtype() == DType.F32) {
            SpatialF32.maxPool(x.floatData(), x.offset(), g, y.floatData(), y.offset(), indices);
        } else {
            SpatialF64.maxPool(x.doubleData(), x.offset(), g, y.doubleData(), y.offset(), indices);
        }
    }

    /**
     * The max-pooled values alone (inference: no backward will read the argmax). A 2×2 window at stride 2 without
     * padding ({@code MaxPool2d(2)}) runs on the backend's {@code maxPool2x2}, two input rows a vector of windows;
     * other windows on the same SIMD loops as {@link #maxPool(NdArray, PoolGeometry, int[])}; the planes run in chunks whose indices go to the calling
     * thread's scratch, which holds at most {@code max(H'·W', VALUES_SCRATCH_BOUND)} ints, so only the result is
     * allocated (after the first call of a geometry) and a thread keeps no output-sized buffer.
     */
    public static NdArray maxPoolValues(NdArray x, PoolGeometry g) {
        check("max_pool", x, g.inputShape);
        NdArray y = NdArray.zeros(x.dtype(), g.outputShape);
        int ohw = g.outH * g.outW;
        if (ohw == 0 || g.planes == 0) {
            return y;
        }
        if (plain2x2 && g.isPlain2x2()) {                                  // no argmax to keep: the values kernel
            ReductionKernels red = Kernels.active().reductions();
            if (x.dtype() == DType.F32) {
                red.maxPool2x2(x.floatData(), x.offset(), g.h * g.w, g.w, g.planes, g.outH, g.outW, y.floatData(), 0);
            } else {
                red.maxPool2x2(x.doubleData(), x.offset(), g.h * g.w, g.w, g.planes, g.outH, g.outW, y.doubleData(),
                        0);
            }
            return y;
        }
        int chunk = Math.min(g.planes, Math.max(1, VALUES_SCRATCH_BOUND / ohw));    // planes a chunk
        int[][] holder = INDEX_SCRATCH.get();
        if (holder[0].length < chunk * ohw) {
            holder[0] = new int[chunk * ohw];
        }
        int hw = g.h * g.w;
        PoolGeometry gc = g.withPlanes(chunk);
        for (int p0 = 0; p0 < g.planes; p0 += chunk) {
            PoolGeometry part = p0 + chunk <= g.planes ? gc : g.withPlanes(g.planes - p0);
            if (x.dtype() == DType.F32) {
                SpatialF32.maxPool(x.floatData(), x.offset() + p0 * hw, part, y.floatData(), p0 * ohw, holder[0]);
            } else {
                SpatialF64.maxPool(x.doubleData(), x.offset() + p0 * hw, part, y.doubleData(), p0 * ohw, holder[0]);
            }
        }
        return y;
    }

    private static volatile boolean plain2x2 = true;

    /**
     * Switches {@link #maxPoolValues}' 2×2 stride-2 kernel ({@code maxPool2x2}, the default) off, so those pools run
     * on the general window loops as well: for the performance study (both paths in one JVM) and tests. Both give
     * the same values. Returns the previous setting.
     */
    public static boolean setPlain2x2(boolean on) {
        boolean old = plain2x2;
        plain2x2 = on;
        return old;
    }

    /** Ints of {@link #maxPoolValues}' scratch when a plane has fewer outputs than that (else one plane's). */
    static final int VALUES_SCRATCH_BOUND = 1 << 16;

    /** The calling thread's argmax scratch of {@link #maxPoolValues}. */
    private static final ThreadLocal<int[][]> INDEX_SCRATCH = ThreadLocal.withInitial(() -> new int[][] {new int[0]});

    /** Capacity of the calling thread's {@link #maxPoolValues} scratch (for the bound test). */
    static int valuesScratchCapacity() {
        return INDEX_SCRATCH.get()[0].length;
    }

    /** dx: each element of {@code gy} added at its window's argmax, shaped like the input. */
    public static NdArray maxPoolBackward(NdArray gy, int[] indices, PoolGeometry g) {
        check("max_pool backward", gy, g.outputShape);
        NdArray dx = NdArray.zeros(gy.dtype(), g.inputShape);
        int ohw = g.outH * g.outW;
        if (gy.dtype() == DType.F32) {
            SpatialF32.maxPoolBackward(gy.floatData(), gy.offset(), indices, g.planes, g.h * g.w, ohw,
                    dx.floatData(), 0);
        } else {
            SpatialF64.maxPoolBackward(gy.doubleData(), gy.offset(), indices, g.planes, g.h * g.w, ohw,
                    dx.doubleData(), 0);
        }
        return dx;
    }

    /** v (shaped like the input) read at each window's argmax, shaped like the output: maxPoolBackward's adjoint. */
    public static NdArray gatherMax(NdArray v, int[] indices, PoolGeometry g) {
        check("max_pool gather", v, g.inputShape);
        NdArray out = NdArray.zeros(v.dtype(), g.outputShape);
        int ohw = g.outH * g.outW;
        if (v.dtype() == DType.F32) {
            SpatialF32.gatherPlanes(v.floatData(), v.offset(), indices, g.planes, g.h * g.w, ohw, out.floatData(), 0);
        } else {
            SpatialF64.gatherPlanes(v.doubleData(), v.offset(), indices, g.planes, g.h * g.w, ohw, out.doubleData(),
                    0);
        }
        return out;
    }

    /** The window averages of x (avg_pool2d, adaptive_avg_pool2d). */
    public static NdArray average(NdArray x, Windows wn) {
        check("avg_pool", x, wn.inputShape);
        NdArray y = NdArray.zeros(x.dtype(), wn.outputShape);
        if (x.dtype() == DType.F32) {
            SpatialF32.windowAverage(x.floatData(), x.offset(), wn, y.floatData(), 0);
        } else {
            SpatialF64.windowAverage(x.doubleData(), x.offset(), wn, y.doubleData(), 0);
        }
        return y;
    }

    /** The adjoint of {@link #average}: each output gradient spread evenly over its window, shaped like the input. */
    public static NdArray averageBackward(NdArray gy, Windows wn) {
        check("avg_pool backward", gy, wn.outputShape);
        NdArray dx = NdArray.zeros(gy.dtype(), wn.inputShape);
        if (gy.dtype() == DType.F32) {
            SpatialF32.windowAverageBackward(gy.floatData(), gy.offset(), wn, dx.floatData(), 0);
        } else {
            SpatialF64.windowAverageBackward(gy.doubleData(), gy.offset(), wn, dx.doubleData(), 0);
        }
        return dx;
    }

    /** Checks a's shape without copying either shape (the steady state allocates nothing). */
    private static void check(String op, NdArray a, int[] shape) {
        Objects.requireNonNull(a, op + ": array");
        boolean same = a.rank() == shape.length;
        for (int i = 0; same && i < shape.length; i++) {
            same = a.shape(i) == shape[i];
        }
        if (!same) {
            throw new IllegalArgumentException(op + ": array has shape " + Shapes.str(a.shape()) + ", expected "
                    + Shapes.str(shape));
        }
    }
}
