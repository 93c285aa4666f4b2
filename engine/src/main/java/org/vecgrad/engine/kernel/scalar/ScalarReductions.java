package org.vecgrad.engine.kernel.scalar;

import org.vecgrad.engine.kernel.ReductionKernels;

/**
 * Scalar reference reductions: the test oracle for the SIMD kernels and the fallback backend. Accuracy first, then
 * speed.
 *
 * <ul>
 *   <li>F32 sum/dot accumulate in double (a float·float product is exact in double), rounded to float once at the
 *       end: the result is the correctly rounded sum unless n·2⁻⁵³·Σ|x| approaches half a float ulp of the sum.</li>
 *   <li>F64 sum uses Neumaier-style compensated summation (branch-free TwoSum); F64 dot is Ogita–Rump–Oishi Dot2
 *       (exact products via {@link Math#fma}, TwoSum on the running sum). Both are as accurate as if computed in
 *       twice the working precision: error ≤ u·|S| + O(n·u²)·Σ|x|. When the plain running sum is not finite (a NaN
 *       or ±Inf input, or overflow) that plain sum is returned, so NaN and ±Inf propagate as IEEE addition does.</li>
 *   <li>max/min use {@link Math#max}/{@link Math#min}: NaN propagates, max(−0, +0) = +0, min(−0, +0) = −0.</li>
 *   <li>argmax/argmin: first index of the extreme value under {@code >} / {@code <} (so −0 and +0 tie and the first
 *       wins), or the first NaN's index when there is one.</li>
 *   <li>softmax / log-softmax / log-sum-exp subtract the row max m first, so every finite row gives finite output
 *       (logits of ±1e4 included). Rows with −Inf entries (and a finite max) give exactly 0 (softmax) or −Inf
 *       (log-softmax) there. A row whose max is not finite (all −Inf, or any +Inf, or any NaN) gives NaN for every
 *       softmax and log-softmax entry, as PyTorch does; log-sum-exp of such a row is m itself (−Inf for an all −Inf
 *       row, +Inf with a +Inf and no NaN, NaN with a NaN), which is the exact limit and what PyTorch returns.
 *       The F32 forms compute in double and round once.</li>
 * </ul>
 */
public final class ScalarReductions implements ReductionKernels {

    // ------------------------------------------------------------------------------------------------- sum, dot

    @Override
    public float sum(float[] x, int off, int n) {
        double s = 0;
        for (int i = off, end = off + n; i < end; i++) {
            s += x[i];
        }
        return (float) s;
    }

    @Override
    public double sum(double[] x, int off, int n) {
        double s = 0;
        double c = 0;
        for (int i = off, end = off + n; i < end; i++) {
            double v = x[i];
            double t = s + v;
            // TwoSum: (s - (t - z)) + (v - z) is the exact rounding error of s + v, without a branch on |s| ≥ |v|
            double z = t - s;
            c += (s - (t - z)) + (v - z);
            s = t;
        }
        return Double.isFinite(s) ? s + c : s;
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (double) a[aOff + i] * b[bOff + i];
        }
        return (float) s;
    }

    @Override
    public double dot(double[] a, int aOff, double[] b, int bOff, int n) {
        double s = 0;
        double c = 0;
        for (int i = 0; i < n; i++) {
            double x = a[aOff + i];
            double y = b[bOff + i];
            double p = x * y;
            double pe = Math.fma(x, y, -p); // exact error of the product
            double t = s + p;
            double z = t - s;
            c += ((s - (t - z)) + (p - z)) + pe;
            s = t;
        }
        return Double.isFinite(s) ? s + c : s;
    }

    // -------------------------------------------------------------------------------------------------- max, min

    @Override
    public float max(float[] x, int off, int n) {
        float m = x[off];
        for (int i = off + 1, end = off + n; i < end; i++) {
            m = Math.max(m, x[i]);
        }
        return m;
    }

    @Override
    public double max(double[] x, int off, int n) {
        double m = x[off];
        for (int i = off + 1, end = off + n; i < end; i++) {
            m = Math.max(m, x[i]);
        }
        return m;
    }

    @Override
    public float min(float[] x, int off, int n) {
        float m = x[off];
        for (int i = off + 1, end = off + n; i < end; i++) {
            m = Math.min(m, x[i]);
        }
        return m;
    }

    @Override
    public double min(double[] x, int off, int n) {
        double m = x[off];
        for (int i = off + 1, end = off + n; i < end; i++) {
            m = Math.min(m, x[i]);
        }
        return m;
    }

    // ---------------------------------------------------------------------------------------------- argmax, argmin

    @Override
    public int argmax(float[] x, int off, int n) {
        int best = 0;
        float bv = x[off];
        if (bv != bv) {
            return 0;
        }
        for (int i = 1; i < n; i++) {
            float v = x[off + i];
            if (v != v) {
                return i;
            }
            if (v > bv) {
                bv = v;
                best = i;
            }
        }
        return best;
    }

    @Override
    public int argmax(double[] x, int off, int n) {
        int best = 0;
        double bv = x[off];
        if (bv != bv) {
            return 0;
        }
        for (int i = 1; i < n; i++) {
            double v = x[off + i];
            if (v != v) {
                return i;
            }
            if (v > bv) {
                bv = v;
                best = i;
            }
        }
        return best;
    }

    @Override
    public int argmin(float[] x, int off, int n) {
        int best = 0;
        float bv = x[off];
        if (bv != bv) {
            return 0;
        }
        for (int i = 1; i < n; i++) {
            float v = x[off + i];
            if (v != v) {
                return i;
            }
            if (v < bv) {
                bv = v;
                best = i;
            }
        }
        return best;
    }

    @Override
    public int argmin(double[] x, int off, int n) {
        int best = 0;
        double bv = x[off];
        if (bv != bv) {
            return 0;
        }
        for (int i = 1; i < n; i++) {
            double v = x[off + i];
            if (v != v) {
                return i;
            }
            if (v < bv) {
                bv = v;
                best = i;
            }
        }
        return best;
    }

    // ------------------------------------------------------------------------------ softmax, log-softmax, LSE

    /** Σ_j exp(x[j] − m) over one F32 row, in double. */
    private static double expSum(float[] x, int off, int cols, double m) {
        double s = 0;
        for (int j = off, end = off + cols; j < end; j++) {
            s += Math.exp(x[j] - m);
        }
        return s;
    }

    @Override
    public void softmaxRows(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * cols;
            int yo = yOff + r * cols;
            double m = max(x, xo, cols);
            double s = expSum(x, xo, cols, m);
            // exp is recomputed rather than stored in y so the float output is rounded once (x and y may alias)
            for (int j = 0; j < cols; j++) {
                y[yo + j] = (float) (Math.exp(x[xo + j] - m) / s);
            }
        }
    }

    @Override
    public void softmaxRows(double[] x, int xOff, double[] y, int yOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * cols;
            int yo = yOff + r * cols;
            double m = max(x, xo, cols);
            // y holds exp(x − m) (x is not read again, so x == y is fine), then the compensated sum of it
            for (int j = 0; j < cols; j++) {
                y[yo + j] = Math.exp(x[xo + j] - m);
            }
            double s = sum(y, yo, cols);
            for (int j = 0; j < cols; j++) {
                y[yo + j] = y[yo + j] / s;
            }
        }
    }

    @Override
    public void logSoftmaxRows(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * cols;
            int yo = yOff + r * cols;
            double m = max(x, xo, cols);
            double ls = Math.log(expSum(x, xo, cols, m));
            for (int j = 0; j < cols; j++) {
                y[yo + j] = (float) ((x[xo + j] - m) - ls);
            }
        }
    }

    @Override
    public void logSoftmaxRows(double[] x, int xOff, double[] y, int yOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * cols;
            int yo = yOff + r * cols;
            double m = max(x, xo, cols);
            double ls = Math.log(expSumCompensated(x, xo, cols, m));
            for (int j = 0; j < cols; j++) {
                y[yo + j] = (x[xo + j] - m) - ls;
            }
        }
    }

    @Override
    public void logSumExpRows(float[] x, int xOff, float[] out, int outOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * cols;
            double m = max(x, xo, cols);
            // a non-finite max is the answer itself (the exact limit; avoids −Inf − −Inf = NaN)
            out[outOff + r] = Double.isFinite(m) ? (float) (m + Math.log(expSum(x, xo, cols, m))) : (float) m;
        }
    }

    @Override
    public void logSumExpRows(double[] x, int xOff, double[] out, int outOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * cols;
            double m = max(x, xo, cols);
            out[outOff + r] = Double.isFinite(m) ? m + Math.log(expSumCompensated(x, xo, cols, m)) : m;
        }
    }

    /** Σ_j exp(x[j] − m) over one F64 row, compensated (the terms are ≥ 0, so this only trims rounding drift). */
    private static double expSumCompensated(double[] x, int off, int cols, double m) {
        double s = 0;
        double c = 0;
        for (int j = off, end = off + cols; j < end; j++) {
            double v = Math.exp(x[j] - m);
            double t = s + v;
            double z = t - s;
            c += (s - (t - z)) + (v - z);
            s = t;
        }
        return Double.isFinite(s) ? s + c : s;
    }
}
