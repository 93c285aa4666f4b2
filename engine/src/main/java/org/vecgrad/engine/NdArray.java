package org.vecgrad.engine;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.vecgrad.engine.kernel.Kernels;

/**
 * A dense, row-major n-dimensional array of one of five element types: {@link DType#F32}, {@link DType#F64},
 * {@link DType#I64}, {@link DType#I32} or {@link DType#BOOL}.
 *
 * <pre>{@code
 * NdArray x = NdArray.of(new float[] {0.2f, 1.5f, -3f, 0.7f}, 2, 2);
 * NdArray labels = NdArray.of(new long[] {1, 0});               // I64 [2]
 * NdArray pred = x.argmax(1, false);                            // I64 [2]: [1, 1]
 * double accuracy = pred.eq(labels).sum() / labels.size();      // eq is BOOL [2]: [true, false]; 0.5
 * NdArray picked = x.gather(1, labels.reshape(2, 1));           // F32 [2, 1]: [[1.5], [-3.0]]
 * NdArray clipped = NdArray.where(x.gt(0), x, x.mul(0.1));      // F32 [2, 2]: [[0.2, 1.5], [-0.3, 0.7]]
 * }</pre>
 *
 * <h2 id="storage">Storage and views</h2>
 * The elements live in one Java primitive array ({@code float[]}, {@code double[]}, {@code long[]}, {@code int[]}
 * or {@code boolean[]}) from an offset on; element (i₀, …, iₖ) is at {@code offset + Σ iⱼ·strideⱼ} with row-major
 * strides, so every array is contiguous. {@link #reshape}, {@link #flatten}, {@link #row} and {@link #rows} return
 * views that share the storage, and {@code wrap} shares a caller's Java array; everything else returns a new array
 * unless its name ends in {@code InPlace} or it takes an {@code out} argument. Rank 0 (a scalar, shape {@code []})
 * is allowed. The storage is a small class per dtype ({@code StorageF32}, …), so the code of this class is written
 * once for every dtype; only element access, fill and an indexed copy know the primitive type.
 *
 * <h2 id="dtypes">What each dtype supports</h2>
 * <table>
 *   <caption>Operations by dtype</caption>
 *   <tr><th>operations</th><th>dtypes</th></tr>
 *   <tr><td>creation ({@code zeros}, {@code full}, {@code of}, {@code wrap}, {@code arange}), views, {@code copy},
 *       {@code copyFrom}, {@code fill}, {@code permute}, {@code concat}, element get/set, {@code equals},
 *       {@code allClose}, {@code toString}</td><td>all</td></tr>
 *   <tr><td>{@link #to(DType)}: conversion between any two dtypes (the rules are in the method's doc)</td>
 *       <td>all</td></tr>
 *   <tr><td>arithmetic ({@code add} … {@code divInPlace}, {@code binary}), {@code apply} and the functions on it
 *       ({@code exp}, {@code relu}, …), {@code derivative}, {@code unaryBackward}, {@code mean},
 *       {@code softmax}, {@code logSoftmax}, {@code logSumExp}, {@code matmul}, the random factories</td>
 *       <td>F32, F64</td></tr>
 *   <tr><td>{@code sum}, {@code max}, {@code min} (all elements or along an axis)</td><td>all; the sum of an
 *       I64, I32 or BOOL array is I64 (a BOOL sum counts the trues), as PyTorch's; max and min keep the
 *       dtype</td></tr>
 *   <tr><td>{@code argmax}, {@code argmin}</td><td>F32, F64, I64, I32 (BOOL refused, as PyTorch)</td></tr>
 *   <tr><td>comparisons {@code eq ne lt le gt ge}: a BOOL mask</td><td>all</td></tr>
 *   <tr><td>{@code logicalAnd}, {@code logicalOr}, {@code logicalXor}, {@code logicalNot}</td><td>BOOL</td></tr>
 *   <tr><td>{@link #where}: BOOL mask, values of any dtype</td><td>all</td></tr>
 *   <tr><td>{@link #gather}, {@link #indexSelect}: values of any dtype, indices I64 or I32</td><td>all</td></tr>
 * </table>
 * Any other combination throws an {@link IllegalArgumentException} naming the operation, the array's dtype and
 * shape, and the dtypes allowed. Operands of one operation must share a dtype: there is no implicit promotion
 * (convert one with {@link #to(DType)}).
 *
 * <h2 id="kernels">Where the work runs</h2>
 * Floating-point arithmetic and reductions run on the kernels that {@link Kernels} chose (Vector API or scalar),
 * on F32 or F64 slices of the storage. Binary operations and comparisons broadcast as NumPy does. Casts,
 * comparisons, logical operations, {@code where}, {@code gather}, {@code indexSelect} and the integer reductions
 * are scalar loops in this package: they are not on a training step's hot path.
 *
 * <h2 id="values">Element values</h2>
 * {@link #getFlat} returns a {@code double} for every dtype (I64 values beyond 2⁵³ in magnitude round; BOOL is 1
 * or 0); {@link #getFlatLong} returns a {@code long}, exact for the integer dtypes. Writing a value converts it to
 * the array's dtype as {@link #to(DType)} converts: rounding for F32, truncation toward zero for I64 and I32 (NaN,
 * ±∞ and out-of-range values refused), {@code v != 0} for BOOL.
 *
 * <h2 id="errors">Errors</h2>
 * Every method validates its arguments before it writes anything, so a kernel never sees a bad call, and a call
 * that throws leaves every array as it was.
 *
 * <h2 id="threads">Threads</h2>
 * An NdArray has no locks and no hidden mutable state. Any number of threads may read one array (and its views)
 * at once. A write ({@code setFlat}, {@code fill}, {@code copyFrom}, the {@code InPlace} methods, an {@code out}
 * argument, or a write to a wrapped Java array) must not overlap with any other access to the same storage; views
 * share storage, so writing a view writes the array it came from. Arrays that share no storage are independent.
 * Work that a kernel spreads over threads (a matrix product) has finished when the call returns.
 */
public final class NdArray {

    private static final String FLOATING = "F32, F64";

    private final DType dtype;
    private final int[] shape;
    private final int size;
    private final Storage data;
    private final int offset;

    private NdArray(int[] shape, Storage data, int offset) {
        this(shape, Shapes.size(shape), data, offset);
    }

    // Shape arrays are never mutated after construction (shape() returns a copy), so arrays may share them.
    private NdArray(int[] shape, int size, Storage data, int offset) {
        this.dtype = data.dtype();
        this.shape = shape;
        this.size = size;
        this.data = data;
        this.offset = offset;
    }

    // ------------------------------------------------------------------------------------------------ factories

    /** A new array of zeros (false for BOOL). */
    public static NdArray zeros(DType dtype, int... shape) {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        int[] s = shape.clone();
        return allocate(dtype, s, Shapes.size(s));
    }

    /** A new array of zeros with the dtype and shape of {@code like}. */
    public static NdArray zerosLike(NdArray like) {
        return allocate(like.dtype, like.shape, like.size);
    }

    /** A new zero array; {@code shape} is trusted (already validated, never mutated) and shared, not copied. */
    private static NdArray allocate(DType dtype, int[] shape, int size) {
        return new NdArray(shape, size, Storage.allocate(dtype, size), 0);
    }

    /** A new array of ones (true for BOOL). */
    public static NdArray ones(DType dtype, int... shape) {
        return full(dtype, 1.0, shape);
    }

    /**
     * A new array with every element {@code value}, converted to {@code dtype} as {@link #setFlat} converts
     * (rounded for F32, truncated toward zero for I64 and I32, {@code value != 0} for BOOL).
     *
     * @throws IllegalArgumentException for an integer dtype when {@code value} is NaN, ±∞ or out of its range
     */
    public static NdArray full(DType dtype, double value, int... shape) {
        Objects.requireNonNull(dtype, "dtype");
        if (!Casts.fits(dtype, value)) {
            throw Casts.refusal("full", dtype, value, "the value");
        }
        NdArray a = zeros(dtype, shape);
        a.data.fill(0, a.size, value);
        return a;
    }

    /** A rank-0 array holding {@code value} (converted as {@link #full} converts). */
    public static NdArray scalar(DType dtype, double value) {
        return full(dtype, value);
    }

    /**
     * 1-D array [start, start + step, …) up to but excluding {@code end}; step ≠ 0. For I64 and I32 each element
     * is truncated toward zero ({@code arange(I64, 0, 5, 1)} is [0, 1, 2, 3, 4], as PyTorch's).
     */
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
        if (n > 0) {
            if (!Casts.fits(Objects.requireNonNull(dtype, "dtype"), start)) {
                throw Casts.refusal("arange", dtype, start, "start");
            }
            double last = start + (n - 1) * step;
            if (!Casts.fits(dtype, last)) {
                throw Casts.refusal("arange", dtype, last, "the last element");
            }
        }
        NdArray a = zeros(dtype, n);
        for (int i = 0; i < n; i++) {
            a.data.setDouble(i, start + i * step);
        }
        return a;
    }

    /** 1-D array [0, 1, …, n − 1]. */
    public static NdArray arange(DType dtype, int n) {
        return arange(dtype, 0, n, 1);
    }

    /** A new F32 array holding a copy of {@code data}, with the given shape (default: 1-D). */
    public static NdArray of(float[] data, int... shape) {
        return adopt(new StorageF32(Objects.requireNonNull(data, "data").clone()), data.length, shape);
    }

    /** A new F64 array holding a copy of {@code data}, with the given shape (default: 1-D). */
    public static NdArray of(double[] data, int... shape) {
        return adopt(new StorageF64(Objects.requireNonNull(data, "data").clone()), data.length, shape);
    }

    /** A new I64 array holding a copy of {@code data}, with the given shape (default: 1-D). */
    public static NdArray of(long[] data, int... shape) {
        return adopt(new StorageI64(Objects.requireNonNull(data, "data").clone()), data.length, shape);
    }

    /** A new I32 array holding a copy of {@code data}, with the given shape (default: 1-D). */
    public static NdArray of(int[] data, int... shape) {
        return adopt(new StorageI32(Objects.requireNonNull(data, "data").clone()), data.length, shape);
    }

    /** A new BOOL array holding a copy of {@code data}, with the given shape (default: 1-D). */
    public static NdArray of(boolean[] data, int... shape) {
        return adopt(new StorageBool(Objects.requireNonNull(data, "data").clone()), data.length, shape);
    }

    /** An array on all of {@code s} (a fresh copy the array may own) with the given shape, default 1-D. */
    private static NdArray adopt(Storage s, int length, int[] shape) {
        int[] sh = shape.length == 0 ? new int[] {length} : shape.clone();
        checkLength(length, sh);
        return new NdArray(sh, s, 0);
    }

    /** A new F64 matrix from rows of equal length. */
    public static NdArray of(double[][] rows) {
        return ofRows(DType.F64, Objects.requireNonNull(rows, "rows"));
    }

    /** A new F32 matrix from rows of equal length. */
    public static NdArray of(float[][] rows) {
        return ofRows(DType.F32, Objects.requireNonNull(rows, "rows"));
    }

    /** A new I64 matrix from rows of equal length. */
    public static NdArray of(long[][] rows) {
        return ofRows(DType.I64, Objects.requireNonNull(rows, "rows"));
    }

    /** {@code rows} is an array of Java arrays of {@code dtype}'s primitive type. */
    private static NdArray ofRows(DType dtype, Object[] rows) {
        int cols = 0;
        for (int i = 0; i < rows.length; i++) {
            int len = java.lang.reflect.Array.getLength(Objects.requireNonNull(rows[i], "rows[" + i + "]"));
            if (i == 0) {
                cols = len;
            } else if (len != cols) {
                throw new IllegalArgumentException("row " + i + " has length " + len + ", row 0 has " + cols
                        + ": rows must have equal length");
            }
        }
        NdArray out = zeros(dtype, rows.length, cols);
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out.data.array(), i * cols, cols);
        }
        return out;
    }

    /** An F32 array that shares {@code data} (no copy) from {@code offset} on. */
    public static NdArray wrap(float[] data, int offset, int... shape) {
        return share(new StorageF32(Objects.requireNonNull(data, "data")), data.length, offset, shape);
    }

    /** An F64 array that shares {@code data} (no copy) from {@code offset} on. */
    public static NdArray wrap(double[] data, int offset, int... shape) {
        return share(new StorageF64(Objects.requireNonNull(data, "data")), data.length, offset, shape);
    }

    /** An I64 array that shares {@code data} (no copy) from {@code offset} on. */
    public static NdArray wrap(long[] data, int offset, int... shape) {
        return share(new StorageI64(Objects.requireNonNull(data, "data")), data.length, offset, shape);
    }

    /** An I32 array that shares {@code data} (no copy) from {@code offset} on. */
    public static NdArray wrap(int[] data, int offset, int... shape) {
        return share(new StorageI32(Objects.requireNonNull(data, "data")), data.length, offset, shape);
    }

    /** A BOOL array that shares {@code data} (no copy) from {@code offset} on. */
    public static NdArray wrap(boolean[] data, int offset, int... shape) {
        return share(new StorageBool(Objects.requireNonNull(data, "data")), data.length, offset, shape);
    }

    private static NdArray share(Storage s, int length, int offset, int[] shape) {
        int n = Shapes.size(shape);
        checkRange(length, offset, n);
        return new NdArray(shape.clone(), s, offset);
    }

    /** Standard normal samples N(0, 1) drawn in row-major order from {@code rng}; F32 or F64. */
    public static NdArray randn(DType dtype, RandomGenerator rng, int... shape) {
        return normal(dtype, rng, 0, 1, shape);
    }

    /** Uniform samples on [0, 1) drawn in row-major order from {@code rng}; F32 or F64. */
    public static NdArray rand(DType dtype, RandomGenerator rng, int... shape) {
        return uniform(dtype, rng, 0, 1, shape);
    }

    /** Normal samples N(mean, std²); std ≥ 0; F32 or F64. */
    public static NdArray normal(DType dtype, RandomGenerator rng, double mean, double std, int... shape) {
        Objects.requireNonNull(rng, "rng");
        requireFloating("normal", dtype, shape);
        if (!(std >= 0) || !Double.isFinite(std) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException("normal(mean=" + mean + ", std=" + std
                    + "): mean must be finite and std finite and >= 0");
        }
        NdArray a = zeros(dtype, shape);
        for (int i = 0; i < a.size; i++) {
            a.data.setDouble(i, mean + std * rng.nextGaussian());
        }
        return a;
    }

    /** Uniform samples on [lo, hi); lo ≤ hi; F32 or F64. */
    public static NdArray uniform(DType dtype, RandomGenerator rng, double lo, double hi, int... shape) {
        Objects.requireNonNull(rng, "rng");
        requireFloating("uniform", dtype, shape);
        if (!(lo <= hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("uniform(lo=" + lo + ", hi=" + hi + "): expected finite lo <= hi");
        }
        NdArray a = zeros(dtype, shape);
        for (int i = 0; i < a.size; i++) {
            a.data.setDouble(i, lo + (hi - lo) * rng.nextDouble());
        }
        return a;
    }

    private static void requireFloating(String op, DType dtype, int[] shape) {
        if (!Objects.requireNonNull(dtype, "dtype").isFloatingPoint()) {
            throw unsupported(op, dtype, Objects.requireNonNull(shape, "shape"), FLOATING);
        }
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

    /** The element type. */
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
        return storageArray(DType.F32, "floatData", float[].class);
    }

    /** The F64 storage (shared, not a copy); elements start at {@link #offset()}. */
    public double[] doubleData() {
        return storageArray(DType.F64, "doubleData", double[].class);
    }

    /** The I64 storage (shared, not a copy); elements start at {@link #offset()}. */
    public long[] longData() {
        return storageArray(DType.I64, "longData", long[].class);
    }

    /** The I32 storage (shared, not a copy); elements start at {@link #offset()}. */
    public int[] intData() {
        return storageArray(DType.I32, "intData", int[].class);
    }

    /** The BOOL storage (shared, not a copy); elements start at {@link #offset()}. */
    public boolean[] booleanData() {
        return storageArray(DType.BOOL, "booleanData", boolean[].class);
    }

    private <T> T storageArray(DType want, String accessor, Class<T> type) {
        if (dtype != want) {
            String own = switch (dtype) {
                case F32 -> "floatData";
                case F64 -> "doubleData";
                case I64 -> "longData";
                case I32 -> "intData";
                case BOOL -> "booleanData";
            };
            throw new IllegalStateException(accessor + "() on an " + dtype + " array; use " + own + "() or to("
                    + want + ")");
        }
        return type.cast(data.array());
    }

    /** Index of the first element in the storage array. */
    public int offset() {
        return offset;
    }

    /** The storage; elements start at {@link #offset()}. */
    Storage storage() {
        return data;
    }

    /** The floating-point storage, or an exception naming {@code op} when this array is not F32 or F64. */
    FloatStorage floats(String op) {
        if (data instanceof FloatStorage fs) {
            return fs;
        }
        throw unsupported(op, dtype, shape, FLOATING);
    }

    /** "exp: dtype I64 is not supported (array I64 [2, 3]); allowed: F32, F64". */
    static IllegalArgumentException unsupported(String op, DType dtype, int[] shape, String allowed) {
        return new IllegalArgumentException(op + ": dtype " + dtype + " is not supported (array " + dtype + " "
                + Shapes.str(shape) + "); allowed: " + allowed
                + (allowed.equals(FLOATING) ? " (convert with to(F32) or to(F64))" : ""));
    }

    /**
     * Element {@code i} in row-major order, as a double: exact for F32, F64, I32 and BOOL (1 or 0); an I64 value
     * beyond 2⁵³ in magnitude rounds to the nearest double.
     */
    public double getFlat(int i) {
        Objects.checkIndex(i, size);
        return data.getDouble(offset + i);
    }

    /**
     * Sets element {@code i} in row-major order to {@code v} converted to this dtype: rounded for F32, truncated
     * toward zero for I64 and I32, {@code v != 0} for BOOL.
     *
     * @throws IllegalArgumentException for I64 and I32 when {@code v} is NaN, ±∞ or outside the dtype's range
     */
    public void setFlat(int i, double v) {
        Objects.checkIndex(i, size);
        if (!Casts.fits(dtype, v)) {
            throw Casts.refusal("setFlat", dtype, v, "the value for element " + i);
        }
        data.setDouble(offset + i, v);
    }

    /**
     * Element {@code i} in row-major order, as a long: exact for I64, I32 and BOOL (1 or 0); F32 and F64 values
     * are truncated toward zero, as {@link #to(DType) to(I64)} does.
     *
     * @throws IllegalArgumentException for a floating-point element that is NaN, ±∞ or outside the long range
     */
    public long getFlatLong(int i) {
        Objects.checkIndex(i, size);
        if (dtype.isFloatingPoint()) {
            double v = data.getDouble(offset + i);
            if (!Casts.fits(DType.I64, v)) {
                throw Casts.refusal("getFlatLong", DType.I64, v, "element " + i);
            }
        }
        return data.getLong(offset + i);
    }

    /**
     * Sets element {@code i} in row-major order to {@code v}: exact for I64, checked for I32, rounded once for F32
     * and F64 (a long is converted directly, not through a double), {@code v != 0} for BOOL.
     *
     * @throws IllegalArgumentException for I32 when {@code v} is outside its range
     */
    public void setFlatLong(int i, long v) {
        Objects.checkIndex(i, size);
        if (!Casts.fits(dtype, v)) {
            throw Casts.refusal("setFlatLong", dtype, v, "the value for element " + i);
        }
        data.setLong(offset + i, v);
    }

    /** The element at a multi-index, as a double (as {@link #getFlat}). */
    public double get(int... index) {
        return data.getDouble(offset + flatIndex(index));
    }

    /** Sets the element at a multi-index (converted as {@link #setFlat} converts). */
    public void set(double v, int... index) {
        int i = flatIndex(index);
        if (!Casts.fits(dtype, v)) {
            throw Casts.refusal("set", dtype, v, "the value for index " + Arrays.toString(index));
        }
        data.setDouble(offset + i, v);
    }

    /** The only element of a one-element array, as a double. */
    public double item() {
        return getFlat(requireOneElement("item"));
    }

    /** The only element of a one-element array, as a long (as {@link #getFlatLong}). */
    public long itemLong() {
        return getFlatLong(requireOneElement("itemLong"));
    }

    private int requireOneElement(String op) {
        if (size != 1) {
            throw new IllegalStateException(op + "() needs exactly one element; shape " + Shapes.str(shape)
                    + " has " + size);
        }
        return 0;
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

    /** A copy of the elements as a float[] (converting as {@link #to(DType) to(F32)}). */
    public float[] toFloatArray() {
        return dtype == DType.F32 ? Arrays.copyOfRange(floatData(), offset, offset + size) : to(DType.F32).floatData();
    }

    /** A copy of the elements as a double[] (converting as {@link #to(DType) to(F64)}; F32 widens exactly). */
    public double[] toDoubleArray() {
        return dtype == DType.F64 ? Arrays.copyOfRange(doubleData(), offset, offset + size)
                : to(DType.F64).doubleData();
    }

    /** A copy of the elements as a long[] (converting as {@link #to(DType) to(I64)}). */
    public long[] toLongArray() {
        return dtype == DType.I64 ? Arrays.copyOfRange(longData(), offset, offset + size) : to(DType.I64).longData();
    }

    /** A copy of the elements as an int[] (converting as {@link #to(DType) to(I32)}). */
    public int[] toIntArray() {
        return dtype == DType.I32 ? Arrays.copyOfRange(intData(), offset, offset + size) : to(DType.I32).intData();
    }

    /** A copy of the elements as a boolean[] (converting as {@link #to(DType) to(BOOL)}: {@code v != 0}). */
    public boolean[] toBooleanArray() {
        return dtype == DType.BOOL ? Arrays.copyOfRange(booleanData(), offset, offset + size)
                : to(DType.BOOL).booleanData();
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
        return new NdArray(s, data, offset);
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
        return new NdArray(s, data, offset + i * Shapes.size(s));
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
        return new NdArray(s, data, offset + from * rowSize);
    }

    /** A new array with the same dtype, shape and elements, in its own storage. */
    public NdArray copy() {
        NdArray out = allocate(dtype, shape, size);
        data.copyTo(offset, out.data, 0, size);
        return out;
    }

    /**
     * This array converted to {@code target}, in new storage (a copy also when the dtype is already
     * {@code target}), with PyTorch's rules ({@code tensor.to(dtype)}):
     * <ul>
     *   <li>F32 → F64 widens exactly; F64 → F32 rounds to nearest.</li>
     *   <li>I64, I32, BOOL → F32 or F64: one rounding to nearest (exact up to 2²⁴ for F32, 2⁵³ for F64); BOOL is
     *       1 or 0.</li>
     *   <li>F32, F64 → I64, I32: truncation toward zero (−2.7 → −2). NaN, ±∞ and values whose truncation is
     *       outside the target's range are refused with an {@link IllegalArgumentException} naming the first
     *       such element (PyTorch leaves them undefined).</li>
     *   <li>I64 → I32: the low 32 bits (wraps around, as PyTorch and NumPy).</li>
     *   <li>anything → BOOL: {@code v != 0} (NaN is true).</li>
     * </ul>
     */
    public NdArray to(DType target) {
        Objects.requireNonNull(target, "target");
        return target == dtype ? copy() : Casts.to(this, target);
    }

    /** Copies {@code src}'s elements into this array; same shape and dtype required. */
    public NdArray copyFrom(NdArray src) {
        requireSameShapeAndType("copyFrom", src, this);
        src.data.copyTo(src.offset, data, offset, size);
        return this;
    }

    /**
     * Sets every element to {@code value} (converted as {@link #setFlat} converts).
     *
     * @throws IllegalArgumentException for I64 and I32 when {@code value} is NaN, ±∞ or outside the range
     */
    public NdArray fill(double value) {
        if (!Casts.fits(dtype, value)) {
            throw Casts.refusal("fill", dtype, value, "the value");
        }
        data.fill(offset, offset + size, value);
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
        int[] srcStrides = Shapes.strides(shape);
        int[] st = new int[r];
        for (int i = 0; i < r; i++) {
            int a = Shapes.axis(axes[i], r);
            if (seen[a]) {
                throw new IllegalArgumentException("permute" + Arrays.toString(axes) + ": axis " + a + " repeated");
            }
            seen[a] = true;
            ns[i] = shape[a];
            st[i] = srcStrides[a];
        }
        NdArray out = zeros(dtype, ns);
        if (r == 0 || size == 0) {
            data.copyTo(offset, out.data, 0, size);
            return out;
        }
        // one indexed copy per output row: the row's source offsets are the same for every row, from its start
        int inner = ns[r - 1];
        int[] run = new int[inner];
        for (int k = 0; k < inner; k++) {
            run[k] = k * st[r - 1];
        }
        int[] starts = Broadcast.positions(Arrays.copyOf(ns, r - 1), Arrays.copyOf(st, r - 1));
        for (int o = 0; o < starts.length; o++) {
            data.take(offset + starts[o], run, out.data, o * inner, inner);
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
                a.data.copyTo(a.offset + o * chunk, out.data, o * outRow + pos, chunk);
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
        return binaryScalar(BinaryOp.ADD, s, null);
    }

    /** this − s. */
    public NdArray sub(double s) {
        return binaryScalar(BinaryOp.SUB, s, null);
    }

    /** this · s. */
    public NdArray mul(double s) {
        return binaryScalar(BinaryOp.MUL, s, null);
    }

    /** this / s. */
    public NdArray div(double s) {
        return binaryScalar(BinaryOp.DIV, s, null);
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

    /** this += alpha · x (BLAS axpy; same shape and dtype, F32 or F64). */
    public NdArray addScaledInPlace(double alpha, NdArray x) {
        requireSameShapeAndType("addScaledInPlace", x, this);
        x.floats("addScaledInPlace").axpy(alpha, x.offset, floats("addScaledInPlace"), offset, size);
        return this;
    }

    /** this ∘ b with broadcasting, into a new array (F32 or F64). */
    public NdArray binary(BinaryOp op, NdArray b) {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(b, "b");
        requireSameType(op.label(), this, b);
        floats(op.label());
        if (Arrays.equals(shape, b.shape)) {
            NdArray out = allocate(dtype, shape, size);
            Broadcast.binary(op, this, b, out);
            return out;
        }
        return binary(op, b, zeros(dtype, Shapes.broadcast(shape, b.shape)));
    }

    /**
     * out = this ∘ b with NumPy broadcasting (F32 or F64). {@code out} must have the broadcast shape and may be
     * this or b (in place); returns out.
     */
    public NdArray binary(BinaryOp op, NdArray b, NdArray out) {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(out, "out");
        String name = op.label();
        requireSameType(name, this, b);
        requireSameType(name, this, out);
        floats(name);
        int[] bs = Shapes.broadcast(shape, b.shape);
        if (!Arrays.equals(bs, out.shape)) {
            throw new IllegalArgumentException(name + ": out has shape " + Shapes.str(out.shape)
                    + ", but " + Shapes.str(shape) + " and " + Shapes.str(b.shape) + " broadcast to "
                    + Shapes.str(bs));
        }
        Broadcast.binary(op, this, b, out);
        return out;
    }

    /** out = this ∘ s, out a new array when null. */
    private NdArray binaryScalar(BinaryOp op, double s, NdArray out) {
        FloatStorage x = floats(op.label());
        NdArray o = out == null ? zerosLike(this) : out;
        x.binaryScalar(op, offset, s, o.floats(op.label()), o.offset, size);
        return o;
    }

    // ------------------------------------------------------------------------------------------ elementwise: unary

    /** f(this) for {@code op} with parameters p0, p1 (see {@link UnaryOp}), into a new array (F32 or F64). */
    public NdArray apply(UnaryOp op, double p0, double p1) {
        floats(Objects.requireNonNull(op, "op").label());
        return apply(op, p0, p1, zerosLike(this));
    }

    /** f(this) for a one-parameter (or parameterless) {@code op}. */
    public NdArray apply(UnaryOp op, double p0) {
        return apply(op, p0, 0);
    }

    /** f(this) for a parameterless {@code op}. */
    public NdArray apply(UnaryOp op) {
        return apply(op, 0, 0);
    }

    /** out = f(this); out has this array's shape and dtype (F32 or F64) and may be this array. Returns out. */
    public NdArray apply(UnaryOp op, double p0, double p1, NdArray out) {
        Objects.requireNonNull(op, "op");
        String name = op.label();
        requireSameShapeAndType(name, this, Objects.requireNonNull(out, "out"));
        FloatStorage x = floats(name);
        checkParams(op, p0, p1);
        x.unary(op, p0, p1, offset, out.floats(name), out.offset, size);
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
     * f(x) as computed by {@link #apply}; all arrays share this array's shape and dtype (F32 or F64). Returns out.
     */
    public NdArray unaryBackward(UnaryOp op, double p0, double p1, NdArray y, NdArray g, NdArray out) {
        Objects.requireNonNull(op, "op");
        String name = op.label() + " backward";
        requireSameShapeAndType(name, this, Objects.requireNonNull(y, "y"));
        requireSameShapeAndType(name, this, Objects.requireNonNull(out, "out"));
        if (g != null) {
            requireSameShapeAndType(name, this, g);
        }
        FloatStorage x = floats(name);
        checkParams(op, p0, p1);
        x.unaryBackward(op, p0, p1, offset, y.floats(name), y.offset, g == null ? null : g.floats(name),
                g == null ? 0 : g.offset, out.floats(name), out.offset, size);
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

    /**
     * Σ of all elements (0 for an empty array). For I64, I32 and BOOL (which counts the trues) the sum is
     * computed exactly in a long, as {@link #sumLong()}, and then converted to a double.
     */
    public double sum() {
        return data instanceof FloatStorage x ? x.sum(offset, size) : sumLong();
    }

    /**
     * Σ of all elements of an I64, I32 or BOOL array as a long (PyTorch's int64 sum; a BOOL sum counts the
     * trues). Like PyTorch's, it wraps around past 2⁶³ − 1, which I32 and BOOL arrays cannot reach.
     */
    public long sumLong() {
        if (dtype.isFloatingPoint()) {
            throw unsupported("sumLong", dtype, shape, "I64, I32, BOOL (use sum() for F32 and F64)");
        }
        long s = 0;
        for (int i = 0; i < size; i++) {
            s += data.getLong(offset + i);
        }
        return s;
    }

    /** Mean of all elements (NaN for an empty array, as NumPy); F32 or F64 (PyTorch refuses integer means). */
    public double mean() {
        floats("mean");
        return sum() / size;
    }

    /** Maximum element (NaN if any is NaN); the array must not be empty. Any dtype (BOOL: any true). */
    public double max() {
        requireNonEmpty("max");
        return data instanceof FloatStorage x ? x.max(offset, size) : AxisReduce.extremeLong(true, this);
    }

    /** Minimum element (NaN if any is NaN); the array must not be empty. Any dtype (BOOL: all true). */
    public double min() {
        requireNonEmpty("min");
        return data instanceof FloatStorage x ? x.min(offset, size) : AxisReduce.extremeLong(false, this);
    }

    /**
     * Row-major index of the first maximum (of the first NaN, if any: NaN counts as the largest value, as in
     * PyTorch); the array must not be empty. F32, F64, I64, I32.
     */
    public int argmax() {
        requireNonEmpty("argmax");
        return data instanceof FloatStorage x ? x.argmax(offset, size)
                : AxisReduce.argExtreme(true, flatten(), 0, "argmax")[0];
    }

    /** Row-major index of the first minimum (of the first NaN, if any); the array must not be empty. */
    public int argmin() {
        requireNonEmpty("argmin");
        return data instanceof FloatStorage x ? x.argmin(offset, size)
                : AxisReduce.argExtreme(false, flatten(), 0, "argmin")[0];
    }

    /**
     * Σ over one axis; keepDims keeps it with size 1. F32 and F64 sums keep the dtype; I64, I32 and BOOL sums are
     * I64 (a BOOL sum counts the trues), as PyTorch's.
     */
    public NdArray sum(int axis, boolean keepDims) {
        return AxisReduce.reduce(AxisReduce.Kind.SUM, this, axis, keepDims);
    }

    /** Mean over one axis; F32 or F64. */
    public NdArray mean(int axis, boolean keepDims) {
        floats("mean");
        NdArray s = sum(axis, keepDims);
        return s.mulInPlace(1.0 / shape[Shapes.axis(axis, shape.length)]);
    }

    /** Maximum over one axis (the axis must not be empty); the result has this dtype. */
    public NdArray max(int axis, boolean keepDims) {
        return AxisReduce.reduce(AxisReduce.Kind.MAX, this, axis, keepDims);
    }

    /** Minimum over one axis (the axis must not be empty); the result has this dtype. */
    public NdArray min(int axis, boolean keepDims) {
        return AxisReduce.reduce(AxisReduce.Kind.MIN, this, axis, keepDims);
    }

    /**
     * Index of the first maximum along {@code axis}, for each position of the other axes (row-major); NaN counts as
     * the largest value. F32, F64, I64, I32. {@link #argmax(int, boolean)} gives the same indices as an I64 array.
     */
    public int[] argmax(int axis) {
        return AxisReduce.argExtreme(true, this, axis, "argmax");
    }

    /** Index of the first minimum along {@code axis}, for each position of the other axes (row-major). */
    public int[] argmin(int axis) {
        return AxisReduce.argExtreme(false, this, axis, "argmin");
    }

    /**
     * PyTorch's {@code argmax(dim, keepdim)}: an I64 array of the indices of the first maximum along {@code axis}
     * (of the first NaN where there is one, NaN counting as the largest value), with that axis removed, or kept
     * with size 1. F32, F64, I64, I32; the axis must not be empty.
     */
    public NdArray argmax(int axis, boolean keepDims) {
        return AxisReduce.argExtremeArray(true, this, axis, keepDims);
    }

    /** PyTorch's {@code argmin(dim, keepdim)}, as {@link #argmax(int, boolean)} for the first minimum. */
    public NdArray argmin(int axis, boolean keepDims) {
        return AxisReduce.argExtremeArray(false, this, axis, keepDims);
    }

    /** Softmax along {@code axis}, max-subtracted (finite for any finite input); F32 or F64. */
    public NdArray softmax(int axis) {
        return AxisReduce.rowwise(AxisReduce.Rowwise.SOFTMAX, this, axis);
    }

    /** log-softmax along {@code axis}, x − max − ln Σ exp(x − max); F32 or F64. */
    public NdArray logSoftmax(int axis) {
        return AxisReduce.rowwise(AxisReduce.Rowwise.LOG_SOFTMAX, this, axis);
    }

    /** ln Σ exp(x) along {@code axis}, max-subtracted; keepDims keeps the axis with size 1; F32 or F64. */
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
     * Matrix product (F32 or F64): 2-D (m × k)·(k × n) → m × n; batched 3-D (b × m × k)·(b × k × n) → b × m × n,
     * where a batch of 1 on either side broadcasts; a 2-D operand against a 3-D one is broadcast over the batch.
     */
    public NdArray matmul(NdArray b) {
        floats("matmul");
        Objects.requireNonNull(b, "b").floats("matmul");
        return MatMul.matmul(this, b);
    }

    // ---------------------------------------------------------------------------------------------- comparison

    /**
     * A BOOL mask of {@code this op b} with NumPy broadcasting; both arrays have one dtype (any). Floating-point
     * comparisons follow IEEE 754: NaN is unequal to everything, itself included (so {@code ne} is true and the
     * others false), and −0 equals +0. Integers compare exactly.
     */
    public NdArray compare(CompareOp op, NdArray b) {
        return Compare.arrays(Objects.requireNonNull(op, "op"), this, Objects.requireNonNull(b, "b"));
    }

    /**
     * A BOOL mask of {@code this op s}, element by element (any dtype; BOOL counts as 1 and 0). Integers compare
     * with {@code s} exactly (no rounding of large I64 values); NaN as in {@link #compare(CompareOp, NdArray)}.
     */
    public NdArray compare(CompareOp op, double s) {
        return Compare.scalar(Objects.requireNonNull(op, "op"), this, s);
    }

    /** this == b elementwise, broadcasting; a BOOL mask. */
    public NdArray eq(NdArray b) {
        return compare(CompareOp.EQ, b);
    }

    /** this != b elementwise, broadcasting; a BOOL mask. */
    public NdArray ne(NdArray b) {
        return compare(CompareOp.NE, b);
    }

    /** this &lt; b elementwise, broadcasting; a BOOL mask. */
    public NdArray lt(NdArray b) {
        return compare(CompareOp.LT, b);
    }

    /** this ≤ b elementwise, broadcasting; a BOOL mask. */
    public NdArray le(NdArray b) {
        return compare(CompareOp.LE, b);
    }

    /** this &gt; b elementwise, broadcasting; a BOOL mask. */
    public NdArray gt(NdArray b) {
        return compare(CompareOp.GT, b);
    }

    /** this ≥ b elementwise, broadcasting; a BOOL mask. */
    public NdArray ge(NdArray b) {
        return compare(CompareOp.GE, b);
    }

    /** this == s elementwise; a BOOL mask. */
    public NdArray eq(double s) {
        return compare(CompareOp.EQ, s);
    }

    /** this != s elementwise; a BOOL mask. */
    public NdArray ne(double s) {
        return compare(CompareOp.NE, s);
    }

    /** this &lt; s elementwise; a BOOL mask. */
    public NdArray lt(double s) {
        return compare(CompareOp.LT, s);
    }

    /** this ≤ s elementwise; a BOOL mask. */
    public NdArray le(double s) {
        return compare(CompareOp.LE, s);
    }

    /** this &gt; s elementwise; a BOOL mask. */
    public NdArray gt(double s) {
        return compare(CompareOp.GT, s);
    }

    /** this ≥ s elementwise; a BOOL mask. */
    public NdArray ge(double s) {
        return compare(CompareOp.GE, s);
    }

    /** this ∧ b elementwise with broadcasting; both BOOL. */
    public NdArray logicalAnd(NdArray b) {
        return Compare.logical(Compare.Logic.AND, this, Objects.requireNonNull(b, "b"));
    }

    /** this ∨ b elementwise with broadcasting; both BOOL. */
    public NdArray logicalOr(NdArray b) {
        return Compare.logical(Compare.Logic.OR, this, Objects.requireNonNull(b, "b"));
    }

    /** this ⊕ b (exclusive or) elementwise with broadcasting; both BOOL. */
    public NdArray logicalXor(NdArray b) {
        return Compare.logical(Compare.Logic.XOR, this, Objects.requireNonNull(b, "b"));
    }

    /** ¬this elementwise; BOOL. */
    public NdArray logicalNot() {
        return Compare.not(this);
    }

    // ---------------------------------------------------------------------------------------------- selection

    /**
     * PyTorch's {@code torch.where(mask, a, b)}: {@code a} where {@code mask} is true, else {@code b}. The three
     * broadcast together (NumPy rules); {@code mask} is BOOL, {@code a} and {@code b} share any one dtype, which
     * the result has.
     */
    public static NdArray where(NdArray mask, NdArray a, NdArray b) {
        return Indexing.where(Objects.requireNonNull(mask, "mask"), Objects.requireNonNull(a, "a"),
                Objects.requireNonNull(b, "b"));
    }

    /**
     * PyTorch's {@code gather(dim, index)}: out[i₀, …, iₖ] = this[i₀, …, index[i₀, …, iₖ], …, iₖ], the index
     * replacing the coordinate on {@code axis}. {@code index} is I64 or I32 with this array's rank, and its size
     * on every other axis is at most this array's; the result has index's shape and this dtype (any). Indices
     * must lie in [0, shape(axis)): negative ones are refused, as PyTorch refuses them.
     */
    public NdArray gather(int axis, NdArray index) {
        return Indexing.gather(this, axis, Objects.requireNonNull(index, "index"));
    }

    /**
     * PyTorch's {@code index_select(dim, index)}: the slices at positions {@code index} along {@code axis}, in
     * that order (repeats allowed). {@code index} is a 1-D (or rank-0) I64 or I32 array; the result has this
     * array's shape with {@code shape(axis)} replaced by the number of indices, and this dtype (any). Indices must
     * lie in [0, shape(axis)): negative ones are refused, as PyTorch refuses them.
     */
    public NdArray indexSelect(int axis, NdArray index) {
        return Indexing.indexSelect(this, axis, Objects.requireNonNull(index, "index"));
    }

    // ---------------------------------------------------------------------------------------------- equality

    /**
     * True when shapes are equal and every |a − b| ≤ atol + rtol·|b| (NumPy's allclose, b = other). NaN equals
     * NaN only if {@code equalNan}; infinities must match exactly. Any dtypes (compared as doubles).
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
            if (!data.sameElement(offset + i, b.data, b.offset + i)) {
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
            sb.append(data.format(offset + flat));
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
