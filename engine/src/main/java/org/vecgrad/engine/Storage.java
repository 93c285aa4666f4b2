package org.vecgrad.engine;

/**
 * The elements behind an {@link NdArray}: one Java primitive array, of the type its {@link DType} names. One small
 * class per dtype ({@link StorageF32}, {@link StorageF64}, {@link StorageI64}, {@link StorageI32},
 * {@link StorageBool}) holds the array and implements only what needs the primitive type: read or write one
 * element as a {@code double} or a {@code long}, fill a range, format an element, and an indexed copy
 * ({@link #take}). Everything else in the engine (shapes, views, broadcasting, casts, comparisons, gather, the
 * argument checks) is written once against this interface. The floating-point storages add the bridge to the
 * kernels ({@link FloatStorage}).
 *
 * <p>Indices are positions in the Java array (an array's offset already added). Nothing here validates: the
 * public {@link NdArray} methods check dtypes, shapes, indices and values first. The element conversions are
 * Java's casts, which NdArray documents as its own: to F32 rounds to nearest; to an integer type from a
 * floating-point value truncates toward zero (NdArray refuses NaN, ±∞ and values outside the range before it
 * gets here); from {@code long} to I32 keeps the low 32 bits; to BOOL is {@code v != 0} (so NaN is true).
 *
 * <p>The four numeric storages are generated from one template,
 * {@code engine/src/main/templates/org/vecgrad/engine/Storage-X.java.template}; BOOL's is written by hand.
 *
 * <p>Adding a dtype: its row in the generator's table and in the template's {@code #dtypes} line (or a class
 * written by hand), a constant in {@link DType}, and a case in {@link #allocate}; the compiler names the few other
 * places, since every switch over {@link DType} is exhaustive (the accessor names in NdArray's messages, the
 * integer ranges in {@code Casts}).
 */
sealed interface Storage permits FloatStorage, StorageI64, StorageI32, StorageBool {

    /** A zeroed storage of {@code n} elements of {@code dtype}. */
    static Storage allocate(DType dtype, int n) {
        return switch (dtype) {
            case F32 -> new StorageF32(new float[n]);
            case F64 -> new StorageF64(new double[n]);
            case I64 -> new StorageI64(new long[n]);
            case I32 -> new StorageI32(new int[n]);
            case BOOL -> new StorageBool(new boolean[n]);
        };
    }

    /** The dtype of the elements. */
    DType dtype();

    /** The Java array ({@code float[]}, {@code double[]}, {@code long[]}, {@code int[]} or {@code boolean[]}). */
    Object array();

    /** Element {@code i} as a double (integers above 2⁵³ in magnitude round; BOOL is 1 or 0). */
    double getDouble(int i);

    /** Element {@code i} as a long (floating point: Java's cast, truncating toward zero; BOOL is 1 or 0). */
    long getLong(int i);

    /** Sets element {@code i} to {@code v} converted by Java's cast (BOOL: {@code v != 0}). */
    void setDouble(int i, double v);

    /** Sets element {@code i} to {@code v} converted by Java's cast (BOOL: {@code v != 0}). */
    void setLong(int i, long v);

    /** Sets elements [from, to) to {@code v} converted as {@link #setDouble} converts. */
    void fill(int from, int to, double v);

    /** Element {@code i} as Java prints its primitive type ({@code 1.5}, {@code 7}, {@code true}). */
    String format(int i);

    /** Indexed copy: {@code dst[dstOff + k] = this[srcOff + idx[k]]} for k &lt; n; dst has this dtype. */
    void take(int srcOff, int[] idx, Storage dst, int dstOff, int n);

    /** Bulk copy of {@code n} elements to {@code dst} (same dtype), as {@link System#arraycopy} (overlap-safe). */
    default void copyTo(int from, Storage dst, int to, int n) {
        System.arraycopy(array(), from, dst.array(), to, n);
    }

    /**
     * Whether element {@code i} here and element {@code j} of {@code other} (same dtype) are the same value:
     * bitwise for floating point, except that every NaN equals every NaN ({@link Double#doubleToLongBits}).
     */
    default boolean sameElement(int i, Storage other, int j) {
        return dtype().isFloatingPoint()
                ? Double.doubleToLongBits(getDouble(i)) == Double.doubleToLongBits(other.getDouble(j))
                : getLong(i) == other.getLong(j);
    }
}
