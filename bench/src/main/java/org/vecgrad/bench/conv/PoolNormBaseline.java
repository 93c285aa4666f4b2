package org.vecgrad.bench.conv;

import org.vecgrad.engine.BinaryOp;
import org.vecgrad.engine.kernel.ElementwiseKernels;
import org.vecgrad.engine.kernel.Kernels;
import org.vecgrad.engine.kernel.ReductionKernels;

/**
 * The pooling and normalization loops the engine ran before its SIMD kernels, kept here (F32 only) as the
 * {@code impl=old} side of {@link PoolNormBench}'s paired comparison: max pooling's inside windows as a scalar loop
 * (2×2 unrolled, a branch per tap), and the normalization passes as chains of whole-run kernel calls (the
 * variance's deviations written to a scratch array and dotted; scale and shift as a multiply pass and an add pass;
 * the input gradient as multiply, axpy and add passes).
 */
final class PoolNormBaseline {
    private PoolNormBaseline() {
    }

    private static ElementwiseKernels ew() {
        return Kernels.active().elementwise();
    }

    private static ReductionKernels red() {
        return Kernels.active().reductions();
    }

    /** 2×2 stride-2 max pooling of planes × h × w (even h and w), every window inside: the old scalar loop. */
    static void maxPool2x2(float[] x, int planes, int h, int w, float[] y, int[] idx) {
        int oh0 = h / 2;
        int ow0 = w / 2;
        for (int pl = 0; pl < planes; pl++) {
            int xp = pl * h * w;
            for (int oh = 0; oh < oh0; oh++) {
                int yo = (pl * oh0 + oh) * ow0;
                int io = yo - pl * oh0 * ow0;
                for (int ow = 0; ow < ow0; ow++) {
                    int first = 2 * oh * w + 2 * ow;
                    float best = x[xp + first];
                    int at = first;
                    int p1 = first + 1;
                    int p2 = first + w;
                    int p3 = p2 + 1;
                    float v1 = x[xp + p1];
                    if (v1 > best || v1 != v1) {
                        best = v1;
                        at = p1;
                    }
                    float v2 = x[xp + p2];
                    if (v2 > best || v2 != v2) {
                        best = v2;
                        at = p2;
                    }
                    float v3 = x[xp + p3];
                    if (v3 > best || v3 != v3) {
                        best = v3;
                        at = p3;
                    }
                    y[yo + ow] = best;
                    idx[pl * oh0 * ow0 + io + ow] = at;
                }
            }
        }
    }

    /** Per channel of x [n, c, hw]: the mean and biased variance (sum pass; deviation pass into scratch; dot). */
    static void moments(float[] x, int n, int c, int hw, float[] scratch, double[] mean, double[] var) {
        long m = (long) n * hw;
        for (int k = 0; k < c; k++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += red().sum(x, (i * c + k) * hw, hw);
            }
            double mu = s / m;
            double q = 0;
            for (int i = 0; i < n; i++) {
                int off = (i * c + k) * hw;
                ew().binaryScalar(BinaryOp.SUB, x, off, (float) mu, scratch, off, hw);
                q += red().dot(scratch, off, scratch, off, hw);
            }
            mean[k] = mu;
            var[k] = q / m;
        }
    }

    /** y = x·scale[k] + shift[k] per run: a multiply pass and an add pass. */
    static void scaleShift(float[] x, int n, int c, int hw, double[] scale, double[] shift, float[] y) {
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < c; k++) {
                int off = (i * c + k) * hw;
                ew().binaryScalar(BinaryOp.MUL, x, off, (float) scale[k], y, off, hw);
                ew().binaryScalar(BinaryOp.ADD, y, off, (float) shift[k], y, off, hw);
            }
        }
    }

    /** dx = alpha[k]·g + beta[k]·x + c[k] per run: multiply, axpy and add passes. */
    static void combine(float[] g, float[] x, int n, int c, int hw, double[] alpha, double[] beta, double[] cc,
                        float[] dx) {
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < c; k++) {
                int off = (i * c + k) * hw;
                ew().binaryScalar(BinaryOp.MUL, g, off, (float) alpha[k], dx, off, hw);
                ew().axpy((float) beta[k], x, off, dx, off, hw);
                ew().binaryScalar(BinaryOp.ADD, dx, off, (float) cc[k], dx, off, hw);
            }
        }
    }
}
