// Generated from engine/src/main/templates/org/vecgrad/engine/kernel/scalar/ScalarConvTaps-X.java.template
// by engine/src/test/java/org/vecgrad/engine/codegen/Codegen.java; do not edit.
package org.vecgrad.engine.kernel.scalar;

/**
 * The F64 reference loops of the direct convolution's blocked kernels, {@code convTaps}, {@code convLanes},
 * {@code convTapDot} and {@code convLanesDot} of {@link ScalarElementwise} and {@link ScalarReductions}, which state what they compute: plain
 * loops, one fused multiply-add per tap and element (the SIMD kernels give the same bits), dot products accumulated
 * in double.
 * Generated with its twin from {@code ScalarConvTaps-X.java.template}.
 */
final class ScalarConvTapsF64 {
    private ScalarConvTapsF64() {
    }

    static void convTaps(double[] w, int wOff, int ldw, int outs, int[] src, int taps, double[] x, double[] y,
                         int yOff, int ldy, int len) {
        for (int o = 0; o < outs; o++) {
            int wo = wOff + o * ldw;
            int yo = yOff + o * ldy;
            for (int t = 0; t < len; t++) {
                double s = y[yo + t];
                for (int k = 0; k < taps; k++) {
                    s = Math.fma(w[wo + k], x[src[k] + t], s);
                }
                y[yo + t] = s;
            }
        }
    }

    static void convLanes(double[] w, int wOff, int ldw, int outs, int[] src, int taps, double[] x, int xo,
                          int count, double[] y, int yOff, int ldy) {
        for (int r = 0; r < count; r++) {
            for (int o = 0; o < outs; o++) {
                double s = 0;
                for (int k = 0; k < taps; k++) {
                    s = Math.fma(x[src[k] + xo + r], w[wOff + k * ldw + o], s);
                }
                y[yOff + r * ldy + o] = s;
            }
        }
    }

    static void convLanesDot(double[] g, int gOff, int ldg, int outs, double[] x, int[] src, int taps, int rows,
                             int cols, int ldx, double[] acc, int accOff, int ldacc) {
        for (int k = 0; k < taps; k++) {
            for (int o = 0; o < outs; o++) {
                double s = 0;
                for (int r = 0; r < rows; r++) {
                    for (int q = 0; q < cols; q++) {
                        s = Math.fma(x[src[k] + r * ldx + q], g[gOff + (r * cols + q) * ldg + o], s);
                    }
                }
                acc[accOff + k * ldacc + o] += s;
            }
        }
    }

    static void convTapDot(double[] g, int gOff, int ldgo, int ldg, int outs, double[] x, int[] src, int taps,
                           int ldx, int rows, int len, int images, int ldgn, int ldxn, double[] acc, int accOff,
                           int ldacc) {
        for (int o = 0; o < outs; o++) {
            for (int k = 0; k < taps; k++) {
                double s = 0;
                for (int n = 0; n < images; n++) {
                    for (int r = 0; r < rows; r++) {
                        int gr = gOff + n * ldgn + o * ldgo + r * ldg;
                        int xr = src[k] + n * ldxn + r * ldx;
                        for (int t = 0; t < len; t++) {
                            s += (double) g[gr + t] * x[xr + t];
                        }
                    }
                }
                acc[accOff + o * ldacc + k] += s;
            }
        }
    }

    static void stridedRows(double[] x, int xOff, int ldx, int cs, int lo, int hi, double[] y, int yOff, int ldy,
                            int len, int rows) {
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * ldx;
            int yr = yOff + r * ldy;
            for (int t = 0; t < len; t++) {
                y[yr + t] = t >= lo && t < hi ? x[xr + cs * t] : 0;
            }
        }
    }

    static void stridedTapsAdd(double[] y, int yOff, int ldy, int ldt, int taps, int[] lo, int[] hi, int[] shift,
                               double[] x, int xOff, int ldx, int cs, int width, int rows) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < taps; j++) {
                int xr = xOff + r * ldx + shift[j];
                int yr = yOff + j * ldt + r * ldy;
                for (int t = lo[j]; t < hi[j]; t++) {
                    x[xr + cs * t] += y[yr + t];
                }
            }
        }
    }
}
