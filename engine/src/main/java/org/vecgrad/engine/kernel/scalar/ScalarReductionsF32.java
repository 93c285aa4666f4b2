// Generated from engine/src/main/templates/org/vecgrad/engine/kernel/scalar/ScalarReductions-X.java.template
// by engine/src/test/java/org/vecgrad/engine/codegen/Codegen.java; do not edit.
package org.vecgrad.engine.kernel.scalar;

/**
 * The F32 reference reductions of {@link ScalarReductions}, which states their accuracy. Generated with its twin
 * from {@code ScalarReductions-X.java.template}: the dtypes differ in how sums are formed (F32 in double, rounded
 * once; F64 compensated) and in how softmax keeps its exps; max, min, argmax, argmin and the row loops are shared.
 */
final class ScalarReductionsF32 {
    private ScalarReductionsF32() {
    }

    // ------------------------------------------------------------------------------------------------- sum, dot

    static float sum(float[] x, int off, int n) {
        double s = 0;
        for (int i = off, end = off + n; i < end; i++) {
            s += x[i];
        }
        return (float) s;
    }

    static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (double) a[aOff + i] * b[bOff + i];
        }
        return (float) s;
    }

    // -------------------------------------------------------------------------------------------------- max, min

    static float max(float[] x, int off, int n) {
        float m = x[off];
        for (int i = off + 1, end = off + n; i < end; i++) {
            m = Math.max(m, x[i]);
        }
        return m;
    }

    static float min(float[] x, int off, int n) {
        float m = x[off];
        for (int i = off + 1, end = off + n; i < end; i++) {
            m = Math.min(m, x[i]);
        }
        return m;
    }

    // ---------------------------------------------------------------------------------------------- argmax, argmin

    static int argmax(float[] x, int off, int n) {
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

    static int argmin(float[] x, int off, int n) {
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

    // ------------------------------------------------------------------------------ softmax, log-softmax, LSE

    /** Σ_j exp(x[j] − m) over one row, in double. */
    private static double expSum(float[] x, int off, int cols, double m) {
        double s = 0;
        for (int j = off, end = off + cols; j < end; j++) {
            s += Math.exp(x[j] - m);
        }
        return s;
    }

    static void softmaxRows(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
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

    static void logSoftmaxRows(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
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

    static void logSumExpRows(float[] x, int xOff, float[] out, int outOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * cols;
            double m = max(x, xo, cols);
            // a non-finite max is the answer itself (the exact limit; avoids −Inf − −Inf = NaN)
            out[outOff + r] = Double.isFinite(m) ? (float) (m + Math.log(expSum(x, xo, cols, m))) : (float) m;
        }
    }
}
