package org.vecgrad.engine;

import java.util.Arrays;

/** Shape arithmetic: validated sizes, NumPy broadcasting, axis normalisation. Shapes are {@code int[]} dims. */
public final class Shapes {
    private Shapes() {
    }

    /**
     * Number of elements of {@code shape}; rejects null, negative dimensions and products above
     * {@link Integer#MAX_VALUE} (the largest Java array) with an {@link IllegalArgumentException}.
     */
    public static int size(int[] shape) {
        if (shape == null) {
            throw new IllegalArgumentException("shape must not be null");
        }
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException("shape " + str(shape) + " has a negative dimension " + shape[i]
                        + " at axis " + i + "; dimensions must be >= 0");
            }
            n *= shape[i];
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + str(shape) + " has more than " + Integer.MAX_VALUE
                        + " elements (the largest Java array)");
            }
        }
        return (int) n;
    }

    /** "[2, 3]" */
    public static String str(int[] shape) {
        return Arrays.toString(shape);
    }

    /**
     * The NumPy broadcast of two shapes: align on the right; each pair of dims must be equal or one of them 1.
     *
     * @throws IllegalArgumentException naming both shapes when they do not broadcast
     */
    public static int[] broadcast(int[] a, int[] b) {
        int r = Math.max(a.length, b.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.length ? 1 : a[i - (r - a.length)];
            int db = i < r - b.length ? 1 : b[i - (r - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + str(a) + " and " + str(b)
                        + " do not broadcast: axis " + i + " of the broadcast has sizes " + da + " and " + db
                        + " (each pair must be equal or one of them 1)");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** Row-major strides of a contiguous array of this shape. */
    public static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /**
     * Normalises an axis that may be negative (−1 is the last) against a rank.
     *
     * @throws IllegalArgumentException if the axis is outside [−rank, rank − 1]
     */
    public static int axis(int axis, int rank) {
        if (axis < -rank || axis >= rank) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for rank " + rank
                    + " (expected " + (-rank) + " .. " + (rank - 1) + ")");
        }
        return axis < 0 ? axis + rank : axis;
    }
}
