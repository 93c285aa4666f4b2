// Generated from engine/src/main/templates/org/vecgrad/engine/kernel/scalar/ScalarReductions-X.java.template
// by engine/src/test/java/org/vecgrad/engine/codegen/Codegen.java; do not edit.
package org.vecgrad.engine.kernel.scalar;

/**
 * The F64 reference reductions of {@link ScalarReductions}, which states their accuracy. Generated with its twin
 * from {@code ScalarReductions-X.java.template}: the dtypes differ in how sums are formed (F32 in double, rounded
 * once; F64 compensated) and in how softmax keeps its exps; max, min, argmax, argmin and the row loops are shared.
 */
final class ScalarReductionsF64 {
    private ScalarReductionsF64() {
    }

    // ------------------------------------------------------------------------------------------------- sum, dot

    static double sum(double[] x, int off, int n) {
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

    static double dot(double[] a, int aOff, double[] b, int bOff, int n) {
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

    static double max(double[] x, int off, int n) {
        double m = x[off];
        for (int i = off + 1, end = off + n; i < end; i++) {
            m = Math.max(m, x[i]);
        }
        return m;
    }

    static double min(double[] x, int off, int n) {
        double m = x[off];
        for (int i = off + 1, end = off + n; i < end; i++) {
            m = Math.min(m, x[i]);
        }
        return m;
    }

    // ---------------------------------------------------------------------------------------------- argmax, argmin

    static int argmax(double[] x, int off, int n) {
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

    static int argmin(double[] x, int off, int n) {
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

    /** Σ_j exp(x[j] − m) over one row, compensated (the terms are ≥ 0, so this only trims rounding drift). */
    private static double expSum(double[] x, int off, int cols, double m) {
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

    static void softmaxRows(double[] x, int xOff, double[] y, int yOff, int rows, int cols) {
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

    static void logSoftmaxRows(double[] x, int xOff, double[] y, int yOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * cols;
            int yo = yOff + r * cols;
            double m = max(x, xo, cols);
            double ls = Math.log(expSum(x, xo, cols, m));
            for (int j = 0; j < cols; j++) {
                y[yo + j] = ((x[xo + j] - m) - ls);
            }
        }
    }

    static void logSumExpRows(double[] x, int xOff, double[] out, int outOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * cols;
            double m = max(x, xo, cols);
            // a non-finite max is the answer itself (the exact limit; avoids −Inf − −Inf = NaN)
            out[outOff + r] = Double.isFinite(m) ? (m + Math.log(expSum(x, xo, cols, m))) : m;
        }
    }
}
