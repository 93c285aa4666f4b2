// Generated from engine/src/main/templates/org/vecgrad/engine/kernel/scalar/ScalarPoolNorm-X.java.template
// by engine/src/test/java/org/vecgrad/engine/codegen/Codegen.java; do not edit.
package org.vecgrad.engine.kernel.scalar;

/**
 * The F64 reference loops of pooling and normalization: {@code maxTaps} and {@code sumSquaredDeviations} of
 * {@link ScalarReductions}, {@code scaleShift} and {@code combine} of {@link ScalarElementwise}, which state what they
 * compute. The elementwise loops round exactly as the SIMD kernels do (one fused multiply-add per product), so both
 * give the same bits; the sum of squares accumulates in double. Generated with its twin from
 * {@code ScalarPoolNorm-X.java.template}.
 */
final class ScalarPoolNormF64 {
    private ScalarPoolNormF64() {
    }

    static void maxTaps(double[] x, int xOff, int base, int[] origin, int originOff, int[] src, int taps,
                        double[] y, int yOff, int[] idx, int idxOff, int len) {
        for (int t = 0; t < len; t++) {
            int o = base + origin[originOff + t];
            int at = o + src[0];
            double best = x[xOff + at];
            for (int k = 1; k < taps; k++) {
                int q = o + src[k];
                double v = x[xOff + q];
                if (v > best || v != v) {                                   // the first maximum; the last NaN
                    best = v;
                    at = q;
                }
            }
            y[yOff + t] = best;
            idx[idxOff + t] = at;
        }
    }

    static void maxPool2x2(double[] x, int xOff, int hw, int w, int planes, int outH, int outW, double[] y,
                           int yOff) {
        for (int p = 0, r = 0; p < planes; p++) {
            for (int oh = 0; oh < outH; oh++, r++) {
                int o = xOff + p * hw + 2 * oh * w;
                for (int t = 0; t < outW; t++, o += 2) {
                    y[yOff + r * outW + t] = pick(pick(pick(x[o], x[o + 1]), x[o + w]), x[o + w + 1]);
                }
            }
        }
    }

    /** The window's best after tap v: v when it is larger or a NaN (the first maximum; the last NaN). */
    private static double pick(double best, double v) {
        return v > best || v != v ? v : best;
    }

    static double sumSquaredDeviations(double[] x, int off, int n, double mean) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double d = x[off + i] - mean;
            s += (double) d * d;
        }
        return s;
    }

    static void scaleShift(double[] x, int xOff, double a, double b, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = Math.fma(x[xOff + i], a, b);
        }
    }

    static void combine(double alpha, double[] g, int gOff, double beta, double[] x, int xOff, double c,
                        double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = Math.fma(alpha, g[gOff + i], Math.fma(beta, x[xOff + i], c));
        }
    }
}
