// Generated from engine/src/main/templates/org/vecgrad/engine/kernel/scalar/ScalarTaps-X.java.template
// by engine/src/test/java/org/vecgrad/engine/codegen/Codegen.java; do not edit.
package org.vecgrad.engine.kernel.scalar;

/**
 * The F32 reference stencil loops of a direct (depthwise) convolution, {@code tapAxpy}, {@code stencil3x3},
 * {@code tapDot} and {@code stencil3x3Dot}, and the strided im2col's {@code gather}, of {@link ScalarElementwise}
 * and {@link ScalarReductions}, which state what they compute: plain loops, one fused multiply-add per tap and
 * element (the SIMD kernels give the same bits), dot products accumulated in double.
 * Generated with its twin from {@code ScalarTaps-X.java.template}.
 */
final class ScalarTapsF32 {
    private ScalarTapsF32() {
    }

    static void tapAxpy(float[] w, int wOff, int[] src, int taps, float[] x, int ldx, int cs, float[] y, int yOff,
                        int ldy, int rows, int len) {
        for (int r = 0; r < rows; r++) {
            int yr = yOff + r * ldy;
            for (int t = 0; t < len; t++) {
                float s = y[yr + t];
                for (int k = 0; k < taps; k++) {
                    s = Math.fma(w[wOff + k], x[src[k] + r * ldx + t * cs], s);
                }
                y[yr + t] = s;
            }
        }
    }

    static void tapDot(float[] g, int gOff, int ldg, float[] x, int[] src, int taps, int ldx, int cs, int rows,
                       int len, double[] acc, int accOff) {
        for (int k = 0; k < taps; k++) {
            double s = 0;
            for (int r = 0; r < rows; r++) {
                int gr = gOff + r * ldg;
                int xr = src[k] + r * ldx;
                for (int t = 0; t < len; t++) {
                    s += (double) g[gr + t] * x[xr + t * cs];
                }
            }
            acc[accOff + k] += s;
        }
    }

    static void stencil3x3(float[] w, int wOff, float[] x, int xOff, int h, int wd, int padTop, int padLeft,
                           boolean add, float start, float[] y, int yOff, int outH, int outW) {
        for (int oh = 0; oh < outH; oh++) {
            for (int ow = 0; ow < outW; ow++) {
                float s = add ? y[yOff + oh * outW + ow] : start;
                for (int i = 0; i < 3; i++) {
                    int ih = oh + i - padTop;
                    if (ih < 0 || ih >= h) {
                        continue;
                    }
                    for (int j = 0; j < 3; j++) {
                        int iw = ow + j - padLeft;
                        float v = iw >= 0 && iw < wd ? x[xOff + ih * wd + iw] : 0;
                        s = Math.fma(w[wOff + 3 * i + j], v, s);
                    }
                }
                y[yOff + oh * outW + ow] = s;
            }
        }
    }

    static void gather(float[] x, int xOff, int[] idx, int idxOff, boolean[] keep, int keepOff, float[] y, int yOff,
                       int n) {
        for (int q = 0; q < n; q++) {
            y[yOff + q] = keep[keepOff + q] ? x[xOff + idx[idxOff + q]] : 0;
        }
    }

    static void stencil3x3Dot(float[] g, int gOff, float[] x, int xOff, int h, int wd, int padTop, int padLeft,
                              int outH, int outW, double[] acc, int accOff) {
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int oh = 0; oh < outH; oh++) {
                    int ih = oh + i - padTop;
                    if (ih < 0 || ih >= h) {
                        continue;
                    }
                    for (int ow = 0; ow < outW; ow++) {
                        int iw = ow + j - padLeft;
                        float v = iw >= 0 && iw < wd ? x[xOff + ih * wd + iw] : 0;
                        s += (double) g[gOff + oh * outW + ow] * v;
                    }
                }
                acc[accOff + 3 * i + j] += s;
            }
        }
    }
}
