package org.vecgrad.engine;

import java.util.SplittableRandom;

/**
 * Random arrays of every dtype for the dtype tests, with the values that break code. Floating point: ±0,
 * subnormals, ±∞, NaN, ±1e4, small integers (so that ties and equal pairs are common) and the edges of the
 * integer ranges (±2³¹, ±2⁶³ and their neighbours, where float-to-integer casts must refuse). I64: values near
 * ±2⁶³ and around 2⁵³ (where a double can no longer tell neighbours apart). I32: its extremes.
 */
final class DTypeData {
    private DTypeData() {
    }

    static final DType[] ALL = DType.values();

    static final double[] SPECIAL = {0.0, -0.0, Double.MIN_VALUE, -Float.MIN_VALUE, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.NaN, 1e4, -1e4, 1, -1, 2, 0.5, -2.5, 3.75,
        0x1p31, 0x1p31 - 0.5, -0x1p31 - 0.5, -0x1p31 - 1, 0x1p63, -0x1p63, 0x1.fffffffffffffp62, -0x1.0000000000001p63};

    static final long[] SPECIAL_LONG = {0, 1, -1, 2, 7, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1,
        (1L << 53), (1L << 53) + 1, -(1L << 53) - 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1L << 40};

    static final int[] SPECIAL_INT = {0, 1, -1, 2, 7, Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 24, (1 << 24) + 1};

    /** A random array of {@code dtype} and {@code shape}; about a third of the elements are special values. */
    static NdArray random(DType dtype, SplittableRandom rng, int... shape) {
        NdArray a = NdArray.zeros(dtype, shape);
        for (int i = 0; i < a.size(); i++) {
            boolean special = rng.nextInt(3) == 0;
            switch (dtype) {
                case F32, F64 -> a.setFlat(i, special ? SPECIAL[rng.nextInt(SPECIAL.length)]
                        : rng.nextInt(4) == 0 ? rng.nextInt(-3, 4) : (rng.nextDouble() - 0.5) * 20);
                case I64 -> a.setFlatLong(i, special ? SPECIAL_LONG[rng.nextInt(SPECIAL_LONG.length)]
                        : rng.nextInt(-5, 6));
                case I32 -> a.setFlatLong(i, special ? SPECIAL_INT[rng.nextInt(SPECIAL_INT.length)]
                        : rng.nextInt(-5, 6));
                case BOOL -> a.setFlatLong(i, rng.nextInt(2));
            }
        }
        return a;
    }

    /** An array equal to {@code x} that starts at a random offset (0..3) of a larger storage (a view). */
    static NdArray offset(NdArray x, SplittableRandom rng) {
        int pad = rng.nextInt(4);
        NdArray big = NdArray.zeros(x.dtype(), pad + x.size() + rng.nextInt(3));
        NdArray view = big.rows(pad, pad + x.size()).reshape(x.shape());
        view.copyFrom(x);
        return view;
    }

    /** A random shape of rank 0..maxRank with dimensions 0..maxDim (0 less often). */
    static int[] shape(SplittableRandom rng, int maxRank, int maxDim) {
        int[] s = new int[rng.nextInt(maxRank + 1)];
        for (int i = 0; i < s.length; i++) {
            s[i] = rng.nextInt(8) == 0 ? 0 : 1 + rng.nextInt(maxDim);
        }
        return s;
    }

    /** The multi-index of row-major position {@code flat} in {@code shape}. */
    static int[] unravel(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int i = shape.length - 1; i >= 0; i--) {
            idx[i] = flat % shape[i];
            flat /= shape[i];
        }
        return idx;
    }

    /** The row-major position of a multi-index in {@code shape}. */
    static int ravel(int[] idx, int[] shape) {
        int flat = 0;
        for (int i = 0; i < shape.length; i++) {
            flat = flat * shape[i] + idx[i];
        }
        return flat;
    }
}
