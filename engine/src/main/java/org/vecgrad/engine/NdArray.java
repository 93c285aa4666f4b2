package org.vecgrad.engine;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.vecgrad.engine.kernel.ElementwiseKernels;
import org.vecgrad.engine.kernel.Kernels;
import org.vecgrad.engine.kernel.ReductionKernels;

/**
 * A dense, row-major, contiguous n-dimensional array of F32 or F64 values.
 *
 * <p>Storage is a Java {@code float[]} or {@code double[]} plus an offset; element (i₀, …, iₖ) lives at
 * {@code offset + Σ iⱼ·strideⱼ} with row-major strides. {@link #reshape} and {@link #row} return views that share
 * storage; everything else returns a new array unless its name ends in {@code InPlace} or it takes an {@code out}
 * argument. Rank 0 (a scalar, shape {@code []}) is allowed.
 *
 * <p>Binary operations broadcast as NumPy does. All arithmetic runs on the kernels that {@link Kernels} chose
 * (Vector API or scalar); this class validates arguments first, so a kernel never sees a bad call, and a call that
 * fails leaves every array as it was.
 *
 * <p>Not thread-safe for concurrent writes; concurrent reads are safe.
 */
public final class NdArray {

    private final DType dtype;
    private final int[] shape;
    private final int size;
    private final float[] f;
    private final double[] d;
    private final int offset;

    private NdArray(DType dtype, int[] shape, float[] f, double[] d, int offset) {
        this(dtype, shape, Shapes.size(shape), f, d, offset);
    }

    // Shape arrays are never mutated after construction (shape() returns a copy), so arrays may share them.
    private NdArray(DType dtype, int[] shape, int size, float[] f, double[] d, int offset) {
        this.dtype = dtype;
        this.shape = shape;
        this.size = size;
        this.f = f;
        this.d = d;
        this.offset = offset;
    }

    private static ElementwiseKernels ew() {
        return Kernels.active().elementwise();
    }

    private static ReductionKernels red() {
        return Kernels.active().reductions();
    }

    // ------------------------------------------------------------------------------------------------ factories

    /** A new array of zeros. */
    public static NdArray zeros(DType dtype, int... shape) {
        Objects.requireNonNull(dtype, "dtype");
        int[] s = shape.clone();
        int n = Shapes.size(s);
        return dtype == DType.F32 ? new NdArray(dtype, s, new float[n], null, 0)
                : new NdArray(dtype, s, null, new double[n], 0);
    }

    /** A new array of zeros with the dtype and shape of {@code like}. */
    public static NdArray zerosLike(NdArray like) {
        return allocate(like.dtype, like.shape, like.size);
    }

    /** A new zero array; {@code shape} is trusted (already validated, never mutated) and shared, not copied. */
    private static NdArray allocate(DType dtype, int[] shape, int size) {
        return dtype == DType.F32 ? new NdArray(dtype, shape, size, new float[size], null, 0)
                : new NdArray(dtype, shape, size, null, new double[size], 0);
    }

    /** A new array of ones. */
    public static NdArray ones(DType dtype, int... shape) {
        return full(dtype, 1.0, shape);
    }

    /** A new array with every element {@code value} (rounded to F32 for F32 arrays). */
    public static NdArray full(DType dtype, double value, int... shape) {
        NdArray a = zeros(dtype, shape);
        a.fill(value);
        return a;
    }

    /** A rank-0 array holding {@code value}. */
    public static NdArray scalar(DType dtype, double value) {
        return full(dtype, value);
    }

    /** 1-D array [start, start + step, …) up to but excluding {@code end}; step ≠ 0. */
    public static NdArray arange(DType dtype, double start, double end, double step) {
        if (step == 0 || !Double.isFinite(step) || !Double.isFinite(start) || !Double.isFinite(end)) {
            throw new IllegalArgumentException("arange(start=" + start + ", end=" + end + ", step=" + step
                    + "): start and end must be finite and step finite and non-zero");
        }
        double count = Math.ceil((end - start) / step);
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("arange(start=" + start + ", end=" + end + ", step=" + step
                    + ") would have " + count + " elements, more than the largest Java array");
        }
        int n = (int) Math.max(0, count);
        NdArray a = zeros(dtype, n);
        for (int i = 0; i < n; i++) {
            a.setFlat(i, start + i * step);
        }
        return a;
    }

    /** 1-D array [0, 1, …, n − 1]. */
    public static NdArray arange(DType dtype, int n) {
        return arange(dtype, 0, n, 1);
    }

    /** A new F32 array holding a copy of {@code data}, with the given shape (default: 1-D). */
    public static NdArray of(float[] data, int... shape) {
        Objects.requireNonNull(data, "data");
        int[] s = shape.length == 0 ? new int[] {data.length} : shape.clone();
        checkLength(data.length, s);
        return new NdArray(DType.F32, s, data.clone(), null, 0);
    }

    /** A new F64 array holding a copy of {@code data}, with the given shape (default: 1-D). */
    public static NdArray of(double[] data, int... shape) {
        Objects.requireNonNull(data, "data");
        int[] s = shape.length == 0 ? new int[] {data.length} : shape.clone();
        checkLength(data.length, s);
        return new NdArray(DType.F64, s, null, data.clone(), 0);
    }

    /** A new F64 matrix from rows of equal length. */
    public static NdArray of(double[][] rows) {
        Objects.requireNonNull(rows, "rows");
        int cols = rows.length == 0 ? 0 : rows[0].length;
        double[] d = new double[Math.multiplyExact(rows.length, cols)];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("row " + i + " has length " + rows[i].length + ", row 0 has "
                        + cols + ": rows must have equal length");
            }
            System.arraycopy(rows[i], 0, d, i * cols, cols);
        }
        return new NdArray(DType.F64, new int[] {rows.length, cols}, null, d, 0);
    }

    /** A new F32 matrix from rows of equal length. */
    public static NdArray of(float[][] rows) {
        Objects.requireNonNull(rows, "rows");
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] f = new float[Math.multiplyExact(rows.length, cols)];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("row " + i + " has length " + rows[i].length + ", row 0 has "
                        + cols + ": rows must have equal length");
            }
            System.arraycopy(rows[i], 0, f, i * cols, cols);
        }
        return new NdArray(DType.F32, new int[] {rows.length, cols}, f, null, 0);
    }

    /** An F32 array that shares {@code data} (no copy) from {@code offset} on. */
    public static NdArray wrap(float[] data, int offset, int... shape) {
        Objects.requireNonNull(data, "data");
        int n = Shapes.size(shape);
        checkRange(data.length, offset, n);
        return new NdArray(DType.F32, shape.clone(), data, null, offset);
    }

    /** An F64 array that shares {@code data} (no copy) from {@code offset} on. */
    public static NdArray wrap(double[] data, int offset, int... shape) {
        Objects.requireNonNull(data, "data");
        int n = Shapes.size(shape);
        checkRange(data.length, offset, n);
        return new NdArray(DType.F64, shape.clone(), null, data, offset);
    }

    /** Standard normal samples N(0, 1) drawn in row-major order from {@code rng}. */
    public static NdArray randn(DType dtype, RandomGenerator rng, int... shape) {
        return normal(dtype, rng, 0, 1, shape);
    }

    /** Uniform samples on [0, 1) drawn in row-major order from {@code rng}. */
    public static NdArray rand(DType dtype, RandomGenerator rng, int... shape) {
        return uniform(dtype, rng, 0, 1, shape);
    }

    /** Normal samples N(mean, std²); std ≥ 0. */
    public static NdArray normal(DType dtype, RandomGenerator rng, double mean, double std, int... shape) {
        Objects.requireNonNull(rng, "rng");
        if (!(std >= 0) || !Double.isFinite(std) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException("normal(mean=" + mean + ", std=" + std
                    + "): mean must be finite and std finite and >= 0");
        }
        NdArray a = zeros(dtype, shape);
        for (int i = 0; i < a.size; i++) {
            a.setFlat(i, mean + std * rng.nextGaussian());
        }
        return a;
    }

    /** Uniform samples on [lo, hi); lo ≤ hi. */
    public static NdArray uniform(DType dtype, RandomGenerator rng, double lo, double hi, int... shape) {
        Objects.requireNonNull(rng, "rng");
        if (!(lo <= hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("uniform(lo=" + lo + ", hi=" + hi + "): expected finite lo <= hi");
        }
        NdArray a = zeros(dtype, shape);
        for (int i = 0; i < a.size; i++) {
            a.setFlat(i, lo + (hi - lo) * rng.nextDouble());
        }
        return a;
    }

    private static void checkLength(int length, int[] shape) {
        int n = Shapes.size(shape);
        if (n != length) {
            throw new IllegalArgumentException("data of length " + length + " does not fit shape "
                    + Shapes.str(shape) + " (" + n + " elements)");
        }
    }

    private static void checkRange(int length, int offset, int n) {
        if (offset < 0 || offset > length - n) {
            throw new IllegalArgumentException("offset " + offset + " + " + n + " elements exceeds the storage of "
                    + length + " elements");
        }
    }

    // ------------------------------------------------------------------------------------------------ accessors

    /** F32 or F64. */
    public DType dtype() {
        return dtype;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** The size of one axis (negative counts from the end). */
    public int shape(int axis) {
        return shape[Shapes.axis(axis, shape.length)];
    }

    /** Number of axes. */
    public int rank() {
        return shape.length;
    }

    /** Number of elements. */
    public int size() {
        return size;
    }

    /** The F32 storage (shared, not a copy); elements start at {@link #offset()}. */
    public float[] floatData() {
        if (f == null) {
            throw new IllegalStateException("floatData() on an " + dtype + " array; use doubleData() or to(F32)");
        }
        return f;
    }

    /** The F64 storage (shared, not a copy); elements start at {@link #offset()}. */
    public double[] doubleData() {
        if (d == null) {
            throw new IllegalStateException("doubleData() on an " + dtype + " array; use floatData() or to(F64)");
        }
        return d;
    }

    /** Index of the first element in the storage array. */
    public int offset() {
        return offset;
    }

    /** Element {@code i} in row-major order, as a double. */
    public double getFlat(int i) {
        Objects.checkIndex(i, size);
        return f != null ? f[offset + i] : d[offset + i];
    }

    /** Sets element {@code i} in row-major order (rounded to F32 for F32 arrays). */
    public void setFlat(int i, double v) {
        Objects.checkIndex(i, size);
        if (f != null) {
            f[offset + i] = (float) v;
        } else {
            d[offset + i] = v;
        }
    }

    /** The element at a multi-index, as a double. */
    public double get(int... index) {
        return f != null ? f[offset + flatIndex(index)] : d[offset + flatIndex(index)];
    }

    /** Sets the element at a multi-index. */
    public void set(double v, int... index) {
        int i = flatIndex(index);
        if (f != null) {
            f[offset + i] = (float) v;
        } else {
            d[offset + i] = v;
        }
    }

    /** The only element of a one-element array. */
    public double item() {
        if (size != 1) {
            throw new IllegalStateException("item() needs exactly one element; shape " + Shapes.str(shape)
                    + " has " + size);
        }
        return getFlat(0);
    }

    private int flatIndex(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " has " + index.length
                    + " components; the array has rank " + shape.length + " (shape " + Shapes.str(shape) + ")");
        }
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " is out of bounds for shape "
                        + Shapes.str(shape) + " at axis " + i);
            }
            flat = flat * shape[i] + index[i];
        }
        return flat;
    }

    /** A copy of the elements as a float[] (converting F64). */
    public float[] toFloatArray() {
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            out[i] = f != null ? f[offset + i] : (float) d[offset + i];
        }
        return out;
    }

    /** A copy of the elements as a double[] (widening F32 exactly). */
    public double[] toDoubleArray() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = f != null ? f[offset + i] : d[offset + i];
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ shape ops

    /**
     * A view with a new shape and the same elements in row-major order; one dimension may be −1 (inferred).
     * Shares storage with this array.
     */
    public NdArray reshape(int... newShape) {
        Objects.requireNonNull(newShape, "newShape");
        int[] s = newShape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("reshape " + Shapes.str(shape) + " to " + Shapes.str(newShape)
                            + ": only one dimension may be -1");
                }
                infer = i;
            } else if (s[i] < 0) {
                throw new IllegalArgumentException("reshape " + Shapes.str(shape) + " to " + Shapes.str(newShape)
                        + ": dimension " + s[i] + " at axis " + i + " is negative");
            } else {
                known *= s[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || size % known != 0) {
                throw new IllegalArgumentException("reshape " + Shapes.str(shape) + " (" + size + " elements) to "
                        + Shapes.str(newShape) + ": cannot infer the -1 dimension");
            }
            s[infer] = (int) (size / known);
        }
        if (Shapes.size(s) != size) {
            throw new IllegalArgumentException("reshape " + Shapes.str(shape) + " (" + size + " elements) to "
                    + Shapes.str(newShape) + " (" + Shapes.size(s) + " elements): sizes differ");
        }
        return new NdArray(dtype, s, f, d, offset);
    }

    /** A 1-D view of all elements. */
    public NdArray flatten() {
        return reshape(size);
    }

    /** A view of the sub-array at index {@code i} along axis 0 (rank drops by one). */
    public NdArray row(int i) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("row(" + i + ") on a rank-0 array");
        }
        if (i < 0 || i >= shape[0]) {
            throw new IndexOutOfBoundsException("row(" + i + ") of an array of shape " + Shapes.str(shape)
                    + ": expected 0 <= i < " + shape[0]);
        }
        int[] s = Arrays.copyOfRange(shape, 1, shape.length);
        return new NdArray(dtype, s, f, d, offset + i * Shapes.size(s));
    }

    /** A view of rows [from, to) along axis 0. */
    public NdArray rows(int from, int to) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("rows(" + from + ", " + to + ") on a rank-0 array");
        }
        if (from < 0 || from > to || to > shape[0]) {
            throw new IndexOutOfBoundsException("rows(" + from + ", " + to + ") of an array of shape "
                    + Shapes.str(shape) + ": expected 0 <= from <= to <= " + shape[0]);
        }
        int[] s = shape.clone();
        s[0] = to - from;
        int rowSize = shape[0] == 0 ? 0 : size / shape[0];
        return new NdArray(dtype, s, f, d, offset + from * rowSize);
    }

    /** A new array with the same dtype, shape and elements, in its own storage. */
    public NdArray copy() {
        NdArray out = zeros(dtype, shape);
        out.copyFrom(this);
        return out;
    }

    /** This array converted to {@code target} (a copy, also when the dtype is already {@code target}). */
    public NdArray to(DType target) {
        if (target == dtype) {
            return copy();
        }
        NdArray out = zeros(target, shape);
        if (target == DType.F64) {
            for (int i = 0; i < size; i++) {
                out.d[i] = f[offset + i];
            }
        } else {
            for (int i = 0; i < size; i++) {
                out.f[i] = (float) d[offset + i];
            }
        }
        return out;
    }

    /** Copies {@code src}'s elements into this array; same shape and dtype required. */
    public NdArray copyFrom(NdArray src) {
        requireSameShapeAndType("copyFrom", src, this);
        if (f != null) {
            System.arraycopy(src.f, src.offset, f, offset, size);
        } else {
            System.arraycopy(src.d, src.offset, d, offset, size);
        }
        return this;
    }

    /** Sets every element to {@code value}. */
    public NdArray fill(double value) {
        if (f != null) {
            Arrays.fill(f, offset, offset + size, (float) value);
        } else {
            Arrays.fill(d, offset, offset + size, value);
        }
        return this;
    }

    /** The transpose of a matrix (a copy); for rank ≠ 2 use {@link #permute}. */
    public NdArray transpose() {
        if (shape.length != 2) {
            throw new IllegalArgumentException("transpose() needs a matrix; shape " + Shapes.str(shape)
                    + " has rank " + shape.length + " (use permute)");
        }
        return permute(1, 0);
    }

    /** A copy with the axes reordered: result axis i is this array's axis {@code axes[i]}. */
    public NdArray permute(int... axes) {
        int r = shape.length;
        if (axes.length != r) {
            throw new IllegalArgumentException("permute" + Arrays.toString(axes) + " on shape " + Shapes.str(shape)
                    + ": expected " + r + " axes");
        }
        boolean[] seen = new boolean[r];
        int[] ns = new int[r];
        for (int i = 0; i < r; i++) {
            int a = Shapes.axis(axes[i], r);
            if (seen[a]) {
                throw new IllegalArgumentException("permute" + Arrays.toString(axes) + ": axis " + a + " repeated");
            }
            seen[a] = true;
            ns[i] = shape[a];
        }
        int[] srcStrides = Shapes.strides(shape);
        int[] st = new int[r];
        for (int i = 0; i < r; i++) {
            st[i] = srcStrides[Shapes.axis(axes[i], r)];
        }
        NdArray out = zeros(dtype, ns);
        int[] idx = new int[r];
        int src = 0;
        for (int o = 0; o < size; o++) {
            if (f != null) {
                out.f[o] = f[offset + src];
            } else {
                out.d[o] = d[offset + src];
            }
            for (int k = r - 1; k >= 0; k--) {
                idx[k]++;
                src += st[k];
                if (idx[k] < ns[k]) {
                    break;
                }
                src -= st[k] * ns[k];
                idx[k] = 0;
            }
        }
        return out;
    }

    /** Concatenation along {@code axis}; all other dims and the dtype must agree. */
    public static NdArray concat(int axis, NdArray... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("concat needs at least one array");
        }
        NdArray p0 = Objects.requireNonNull(parts[0], "parts[0]");
        int ax = Shapes.axis(axis, p0.rank());
        int total = 0;
        for (int p = 0; p < parts.length; p++) {
            NdArray a = Objects.requireNonNull(parts[p], "parts[" + p + "]");
            if (a.dtype != p0.dtype || a.rank() != p0.rank()) {
                throw new IllegalArgumentException("concat: part " + p + " is " + a.dtype + " " + Shapes.str(a.shape)
                        + ", part 0 is " + p0.dtype + " " + Shapes.str(p0.shape));
            }
            for (int i = 0; i < a.rank(); i++) {
                if (i != ax && a.shape[i] != p0.shape[i]) {
                    throw new IllegalArgumentException("concat along axis " + ax + ": part " + p + " has shape "
                            + Shapes.str(a.shape) + ", part 0 has " + Shapes.str(p0.shape));
                }
            }
            total += a.shape[ax];
        }
        int[] os = p0.shape();
        os[ax] = total;
        NdArray out = zeros(p0.dtype, os);
        int outer = 1;
        for (int i = 0; i < ax; i++) {
            outer *= os[i];
        }
        int outRow = out.size / Math.max(outer, 1);
        int pos = 0;
        for (NdArray a : parts) {
            int chunk = outer == 0 ? 0 : a.size / outer;
            for (int o = 0; o < outer; o++) {
                if (a.f != null) {
                    System.arraycopy(a.f, a.offset + o * chunk, out.f, o * outRow + pos, chunk);
                } else {
                    System.arraycopy(a.d, a.offset + o * chunk, out.d, o * outRow + pos, chunk);
                }
            }
            pos += chunk;
        }
        return out;
    }

    // ----------------------------------------------------------------------------------------- elementwise: binary

    /** this + b (broadcasting). */
    public NdArray add(NdArray b) {
        return binary(BinaryOp.ADD, b);
    }

    /** this − b (broadcasting). */
    public NdArray sub(NdArray b) {
        return binary(BinaryOp.SUB, b);
    }

    /** this · b elementwise (broadcasting). */
    public NdArray mul(NdArray b) {
        return binary(BinaryOp.MUL, b);
    }

    /** this / b elementwise (broadcasting). */
    public NdArray div(NdArray b) {
        return binary(BinaryOp.DIV, b);
    }

    /** max(this, b) elementwise (broadcasting; NaN propagates). */
    public NdArray maximum(NdArray b) {
        return binary(BinaryOp.MAX, b);
    }

    /** min(this, b) elementwise (broadcasting; NaN propagates). */
    public NdArray minimum(NdArray b) {
        return binary(BinaryOp.MIN, b);
    }

    /** this + s. */
    public NdArray add(double s) {
        return binaryScalar(BinaryOp.ADD, s, zerosLike(this));
    }

    /** this − s. */
    public NdArray sub(double s) {
        return binaryScalar(BinaryOp.SUB, s, zerosLike(this));
    }

    /** this · s. */
    public NdArray mul(double s) {
        return binaryScalar(BinaryOp.MUL, s, zerosLike(this));
    }

    /** this / s. */
    public NdArray div(double s) {
        return binaryScalar(BinaryOp.DIV, s, zerosLike(this));
    }

    /** this += b (b broadcast to this array's shape). */
    public NdArray addInPlace(NdArray b) {
        return binary(BinaryOp.ADD, b, this);
    }

    /** this −= b (b broadcast to this array's shape). */
    public NdArray subInPlace(NdArray b) {
        return binary(BinaryOp.SUB, b, this);
    }

    /** this ·= b (b broadcast to this array's shape). */
    public NdArray mulInPlace(NdArray b) {
        return binary(BinaryOp.MUL, b, this);
    }

    /** this /= b (b broadcast to this array's shape). */
    public NdArray divInPlace(NdArray b) {
        return binary(BinaryOp.DIV, b, this);
    }

    /** this ·= s. */
    public NdArray mulInPlace(double s) {
        return binaryScalar(BinaryOp.MUL, s, this);
    }

    /** this += s. */
    public NdArray addInPlace(double s) {
        return binaryScalar(BinaryOp.ADD, s, this);
    }

    /** this += alpha · x (BLAS axpy; same shape and dtype). */
    public NdArray addScaledInPlace(double alpha, NdArray x) {
        requireSameShapeAndType("addScaledInPlace", x, this);
        if (f != null) {
            ew().axpy((float) alpha, x.f, x.offset, f, offset, size);
        } else {
            ew().axpy(alpha, x.d, x.offset, d, offset, size);
        }
        return this;
    }

    /** this ∘ b with broadcasting, into a new array. */
    public NdArray binary(BinaryOp op, NdArray b) {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(b, "b");
        requireSameType(op.label(), this, b);
        if (Arrays.equals(shape, b.shape)) {
            NdArray out = allocate(dtype, shape, size);
            Broadcast.binary(op, this, b, out);
            return out;
        }
        return binary(op, b, zeros(dtype, Shapes.broadcast(shape, b.shape)));
    }

    /**
     * out = this ∘ b with NumPy broadcasting. {@code out} must have the broadcast shape and may be this or b
     * (in place); returns out.
     */
    public NdArray binary(BinaryOp op, NdArray b, NdArray out) {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(out, "out");
        String name = op.label();
        requireSameType(name, this, b);
        requireSameType(name, this, out);
        int[] bs = Shapes.broadcast(shape, b.shape);
        if (!Arrays.equals(bs, out.shape)) {
            throw new IllegalArgumentException(name + ": out has shape " + Shapes.str(out.shape)
                    + ", but " + Shapes.str(shape) + " and " + Shapes.str(b.shape) + " broadcast to "
                    + Shapes.str(bs));
        }
        Broadcast.binary(op, this, b, out);
        return out;
    }

    private NdArray binaryScalar(BinaryOp op, double s, NdArray out) {
        if (f != null) {
            ew().binaryScalar(op, f, offset, (float) s, out.f, out.offset, size);
        } else {
            ew().binaryScalar(op, d, offset, s, out.d, out.offset, size);
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ elementwise: unary

    /** f(this) for {@code op} with parameters p0, p1 (see {@link UnaryOp}), into a new array. */
    public NdArray apply(UnaryOp op, double p0, double p1) {
        return apply(op, p0, p1, zerosLike(this));
    }

    /** f(this) for a one-parameter (or parameterless) {@code op}. */
    public NdArray apply(UnaryOp op, double p0) {
        return apply(op, p0, 0, zerosLike(this));
    }

    /** f(this) for a parameterless {@code op}. */
    public NdArray apply(UnaryOp op) {
        return apply(op, 0, 0, zerosLike(this));
    }

    /** out = f(this); out has this array's shape and dtype and may be this array. Returns out. */
    public NdArray apply(UnaryOp op, double p0, double p1, NdArray out) {
        Objects.requireNonNull(op, "op");
        String name = op.label();
        requireSameShapeAndType(name, this, Objects.requireNonNull(out, "out"));
        checkParams(op, p0, p1);
        if (f != null) {
            ew().unary(op, p0, p1, f, offset, out.f, out.offset, size);
        } else {
            ew().unary(op, p0, p1, d, offset, out.d, out.offset, size);
        }
        return out;
    }

    /** f'(this), the derivative of {@code op} at each element (see {@link UnaryOp} for the values at kinks). */
    public NdArray derivative(UnaryOp op, double p0, double p1) {
        NdArray y = apply(op, p0, p1);
        return unaryBackward(op, p0, p1, y, null, zerosLike(this));
    }

    /** f'(this) for a parameterless or one-parameter {@code op}. */
    public NdArray derivative(UnaryOp op, double p0) {
        return derivative(op, p0, 0);
    }

    /** f'(this) for a parameterless {@code op}. */
    public NdArray derivative(UnaryOp op) {
        return derivative(op, 0, 0);
    }

    /**
     * The backward rule of y = f(x) with x = this: out = g · f'(x) (or f'(x) when g is null). {@code y} must be
     * f(x) as computed by {@link #apply}; all arrays share this array's shape and dtype. Returns out.
     */
    public NdArray unaryBackward(UnaryOp op, double p0, double p1, NdArray y, NdArray g, NdArray out) {
        Objects.requireNonNull(op, "op");
        String name = op.label() + " backward";
        requireSameShapeAndType(name, this, Objects.requireNonNull(y, "y"));
        requireSameShapeAndType(name, this, Objects.requireNonNull(out, "out"));
        if (g != null) {
            requireSameShapeAndType(name, this, g);
        }
        checkParams(op, p0, p1);
        if (f != null) {
            ew().unaryBackward(op, p0, p1, f, offset, y.f, y.offset, g == null ? null : g.f,
                    g == null ? 0 : g.offset, out.f, out.offset, size);
        } else {
            ew().unaryBackward(op, p0, p1, d, offset, y.d, y.offset, g == null ? null : g.d,
                    g == null ? 0 : g.offset, out.d, out.offset, size);
        }
        return out;
    }

    private static void checkParams(UnaryOp op, double p0, double p1) {
        switch (op) {
            case CLAMP -> {
                if (Double.isNaN(p0) || Double.isNaN(p1) || p0 > p1) {
                    throw new IllegalArgumentException("clamp(lo=" + p0 + ", hi=" + p1 + "): expected lo <= hi");
                }
            }
            case LEAKY_RELU, ELU, SWISH, POW -> {
                if (!Double.isFinite(p0)) {
                    throw new IllegalArgumentException(op.label() + " parameter " + p0
                            + " must be finite");
                }
            }
            default -> {
            }
        }
    }

    /** −x */
    public NdArray neg() {
        return apply(UnaryOp.NEG);
    }

    /** |x| */
    public NdArray abs() {
        return apply(UnaryOp.ABS);
    }

    /** eˣ */
    public NdArray exp() {
        return apply(UnaryOp.EXP);
    }

    /** ln x */
    public NdArray log() {
        return apply(UnaryOp.LOG);
    }

    /** √x */
    public NdArray sqrt() {
        return apply(UnaryOp.SQRT);
    }

    /** x² */
    public NdArray square() {
        return apply(UnaryOp.SQUARE);
    }

    /** xᵖ */
    public NdArray pow(double p) {
        return apply(UnaryOp.POW, p);
    }

    /** min(max(x, lo), hi) */
    public NdArray clamp(double lo, double hi) {
        return apply(UnaryOp.CLAMP, lo, hi);
    }

    /** Heaviside step (0 at 0). */
    public NdArray step() {
        return apply(UnaryOp.STEP);
    }

    /** σ(x) = 1/(1+e^−x) */
    public NdArray sigmoid() {
        return apply(UnaryOp.SIGMOID);
    }

    /** tanh x */
    public NdArray tanh() {
        return apply(UnaryOp.TANH);
    }

    /** max(x, 0) */
    public NdArray relu() {
        return apply(UnaryOp.RELU);
    }

    /** x if x > 0 else γx */
    public NdArray leakyRelu(double gamma) {
        return apply(UnaryOp.LEAKY_RELU, gamma);
    }

    /** x if x > 0 else α(eˣ − 1) */
    public NdArray elu(double alpha) {
        return apply(UnaryOp.ELU, alpha);
    }

    /** ln(1 + eˣ) */
    public NdArray softplus() {
        return apply(UnaryOp.SOFTPLUS);
    }

    /** x·σ(βx) */
    public NdArray swish(double beta) {
        return apply(UnaryOp.SWISH, beta);
    }

    /** x·σ(x), Swish with β = 1. */
    public NdArray silu() {
        return apply(UnaryOp.SWISH, 1.0);
    }

    /** x·Φ(x) (exact, via erf). */
    public NdArray gelu() {
        return apply(UnaryOp.GELU);
    }

    /** GELU, tanh approximation. */
    public NdArray geluTanh() {
        return apply(UnaryOp.GELU_TANH);
    }

    /** clip(0.25x + 0.5, 0, 1) */
    public NdArray hardSigmoid() {
        return apply(UnaryOp.HARD_SIGMOID);
    }

    /** clip(x, −1, 1) */
    public NdArray hardTanh() {
        return apply(UnaryOp.HARD_TANH);
    }

    // ---------------------------------------------------------------------------------------------- reductions

    /** Σ of all elements (0 for an empty array). */
    public double sum() {
        return f != null ? red().sum(f, offset, size) : red().sum(d, offset, size);
    }

    /** Mean of all elements (NaN for an empty array, as NumPy). */
    public double mean() {
        return sum() / size;
    }

    /** Maximum element (NaN if any is NaN); the array must not be empty. */
    public double max() {
        requireNonEmpty("max");
        return f != null ? red().max(f, offset, size) : red().max(d, offset, size);
    }

    /** Minimum element (NaN if any is NaN); the array must not be empty. */
    public double min() {
        requireNonEmpty("min");
        return f != null ? red().min(f, offset, size) : red().min(d, offset, size);
    }

    /** Row-major index of the first maximum (of the first NaN, if any); the array must not be empty. */
    public int argmax() {
        requireNonEmpty("argmax");
        return f != null ? red().argmax(f, offset, size) : red().argmax(d, offset, size);
    }

    /** Row-major index of the first minimum (of the first NaN, if any); the array must not be empty. */
    public int argmin() {
        requireNonEmpty("argmin");
        return f != null ? red().argmin(f, offset, size) : red().argmin(d, offset, size);
    }

    /** Σ over one axis; keepDims keeps it with size 1. */
    public NdArray sum(int axis, boolean keepDims) {
        return AxisReduce.reduce(AxisReduce.Kind.SUM, this, axis, keepDims);
    }

    /** Mean over one axis. */
    public NdArray mean(int axis, boolean keepDims) {
        NdArray s = sum(axis, keepDims);
        return s.mulInPlace(1.0 / shape[Shapes.axis(axis, shape.length)]);
    }

    /** Maximum over one axis (the axis must not be empty). */
    public NdArray max(int axis, boolean keepDims) {
        return AxisReduce.reduce(AxisReduce.Kind.MAX, this, axis, keepDims);
    }

    /** Minimum over one axis (the axis must not be empty). */
    public NdArray min(int axis, boolean keepDims) {
        return AxisReduce.reduce(AxisReduce.Kind.MIN, this, axis, keepDims);
    }

    /** Index of the first maximum along {@code axis}, for each position of the other axes (row-major). */
    public int[] argmax(int axis) {
        return AxisReduce.argExtreme(true, this, axis);
    }

    /** Index of the first minimum along {@code axis}, for each position of the other axes (row-major). */
    public int[] argmin(int axis) {
        return AxisReduce.argExtreme(false, this, axis);
    }

    /** Softmax along {@code axis}, max-subtracted (finite for any finite input). */
    public NdArray softmax(int axis) {
        return AxisReduce.rowwise(AxisReduce.Rowwise.SOFTMAX, this, axis);
    }

    /** log-softmax along {@code axis}, x − max − ln Σ exp(x − max). */
    public NdArray logSoftmax(int axis) {
        return AxisReduce.rowwise(AxisReduce.Rowwise.LOG_SOFTMAX, this, axis);
    }

    /** ln Σ exp(x) along {@code axis}, max-subtracted; keepDims keeps the axis with size 1. */
    public NdArray logSumExp(int axis, boolean keepDims) {
        return AxisReduce.logSumExp(this, axis, keepDims);
    }

    private void requireNonEmpty(String op) {
        if (size == 0) {
            throw new IllegalArgumentException(op + "() of an empty array (shape " + Shapes.str(shape) + ")");
        }
    }

    // ---------------------------------------------------------------------------------------------- matmul

    /**
     * Matrix product: 2-D (m × k)·(k × n) → m × n; batched 3-D (b × m × k)·(b × k × n) → b × m × n, where a batch
     * of 1 on either side broadcasts; a 2-D operand against a 3-D one is broadcast over the batch.
     */
    public NdArray matmul(NdArray b) {
        return MatMul.matmul(this, b);
    }

    // ---------------------------------------------------------------------------------------------- comparison

    /**
     * True when shapes are equal and every |a − b| ≤ atol + rtol·|b| (NumPy's allclose, b = other). NaN equals
     * NaN only if {@code equalNan}; infinities must match exactly.
     */
    public boolean allClose(NdArray other, double rtol, double atol, boolean equalNan) {
        if (!Arrays.equals(shape, other.shape)) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            double a = getFlat(i);
            double b = other.getFlat(i);
            if (Double.isNaN(a) || Double.isNaN(b)) {
                if (!(equalNan && Double.isNaN(a) && Double.isNaN(b))) {
                    return false;
                }
            } else if (Double.isInfinite(a) || Double.isInfinite(b)) {
                if (a != b) {
                    return false;
                }
            } else if (!(Math.abs(a - b) <= atol + rtol * Math.abs(b))) {
                return false;
            }
        }
        return true;
    }

    /** {@link #allClose(NdArray, double, double, boolean)} with NumPy's defaults rtol 1e-5, atol 1e-8. */
    public boolean allClose(NdArray other) {
        return allClose(other, 1e-5, 1e-8, false);
    }

    /** Equal dtype, shape and elements (bitwise per element, so NaN equals NaN and −0 ≠ +0). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NdArray b) || b.dtype != dtype || !Arrays.equals(shape, b.shape)) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (f != null ? Float.floatToIntBits(f[offset + i]) != Float.floatToIntBits(b.f[b.offset + i])
                    : Double.doubleToLongBits(d[offset + i]) != Double.doubleToLongBits(b.d[b.offset + i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 31 * dtype.hashCode() + Arrays.hashCode(shape);
        for (int i = 0; i < Math.min(size, 64); i++) {
            h = 31 * h + Double.hashCode(getFlat(i));
        }
        return h;
    }

    /** "NdArray(F32 [2, 3]) [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]", elided beyond 1000 elements. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("NdArray(").append(dtype).append(' ').append(Shapes.str(shape))
                .append(") ");
        if (size > 1000) {
            return sb.append("[...]").toString();
        }
        appendNested(sb, 0, 0);
        return sb.toString();
    }

    private int appendNested(StringBuilder sb, int axis, int flat) {
        if (axis == shape.length) {
            sb.append(f != null ? Float.toString(f[offset + flat]) : Double.toString(d[offset + flat]));
            return flat + 1;
        }
        sb.append('[');
        for (int i = 0; i < shape[axis]; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            flat = appendNested(sb, axis + 1, flat);
        }
        sb.append(']');
        return flat;
    }

    // ---------------------------------------------------------------------------------------------- validation

    static void requireSameType(String op, NdArray a, NdArray b) {
        if (a.dtype != b.dtype) {
            throw new IllegalArgumentException(op + ": dtypes differ, " + a.dtype + " " + Shapes.str(a.shape)
                    + " and " + b.dtype + " " + Shapes.str(b.shape) + " (convert one with to(DType))");
        }
    }

    static void requireSameShapeAndType(String op, NdArray a, NdArray b) {
        requireSameType(op, a, b);
        if (!Arrays.equals(a.shape, b.shape)) {
            throw new IllegalArgumentException(op + ": shapes differ, " + Shapes.str(a.shape) + " and "
                    + Shapes.str(b.shape));
        }
    }
}
