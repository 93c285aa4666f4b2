// Generated from engine/src/main/templates/org/vecgrad/engine/kernel/scalar/ScalarElementwise-X.java.template
// by engine/src/test/java/org/vecgrad/engine/codegen/Codegen.java; do not edit.
package org.vecgrad.engine.kernel.scalar;

import org.vecgrad.engine.BinaryOp;
import org.vecgrad.engine.UnaryOp;

/**
 * The F32 reference loops of {@link ScalarElementwise} over its one-element math ({@link ScalarElementwise#f},
 * {@link ScalarElementwise#df}, {@link ScalarElementwise#binary(BinaryOp, double, double)}), computed in double
 * and rounded once to the dtype. Generated with its twin from {@code ScalarElementwise-X.java.template}; F32 also
 * rounds the ops' parameters to float (see {@link ScalarElementwise}).
 */
final class ScalarElementwiseF32 {
    private ScalarElementwiseF32() {
    }

    static void unary(UnaryOp op, double p0, double p1, float[] x, int xOff, float[] y, int yOff, int n) {
        double q0 = param(op, p0);
        double q1 = param(op, p1);
        for (int i = 0; i < n; i++) {
            y[yOff + i] = (float) ScalarElementwise.f(op, q0, q1, x[xOff + i]);
        }
    }

    static void unaryBackward(UnaryOp op, double p0, double p1, float[] x, int xOff, float[] y, int yOff,
                              float[] g, int gOff, float[] out, int outOff, int n) {
        double q0 = param(op, p0);
        double q1 = param(op, p1);
        for (int i = 0; i < n; i++) {
            // f' rounded to the dtype first, so that g·f' is the product a F32 kernel forms (an f' that
            // underflows or overflows in the dtype does so here too)
            float d = (float) ScalarElementwise.df(op, q0, q1, x[xOff + i], y[yOff + i]);
            out[outOff + i] = g == null ? d : g[gOff + i] * d;
        }
    }

    static void binary(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (float) ScalarElementwise.binary(op, a[aOff + i], b[bOff + i]);
        }
    }

    static void binaryScalar(BinaryOp op, float[] a, int aOff, float s, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (float) ScalarElementwise.binary(op, a[aOff + i], s);
        }
    }

    static void scalarBinary(BinaryOp op, float s, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (float) ScalarElementwise.binary(op, s, b[bOff + i]);
        }
    }

    static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
        }
    }

    static void addRows(float[] x, int xOff, int ldx, float[] y, int yOff, int ldy, int len, int rows) {
        for (int r = 0; r < rows; r++) {
            for (int t = 0; t < len; t++) {
                y[yOff + r * ldy + t] += x[xOff + r * ldx + t];
            }
        }
    }

    static void transposeBias(float[] x, int xOff, int ldx, int outs, float[] b, int bOff, boolean relu,
                              float[] y, int yOff, int ldy, int n) {
        for (int o = 0; o < outs; o++) {
            biasRows(x, xOff + o, ldx, b == null ? 0 : b[bOff + o], relu, y, yOff + o * ldy, 1, 1, n);   // n rows of 1
        }
    }

    static void biasRows(float[] x, int xOff, int ldx, float b, boolean relu, float[] y, int yOff, int ldy,
                         int len, int rows) {
        for (int r = 0; r < rows; r++) {
            for (int t = 0; t < len; t++) {
                float v = x[xOff + r * ldx + t] + b;
                y[yOff + r * ldy + t] = relu && v <= 0 ? 0 : v;              // −0 → +0, NaN kept
            }
        }
    }

    /** An op's parameter as this dtype's kernels use it: F32 rounds it to float, except POW's exponent. */
    private static double param(UnaryOp op, double p) {
        return op == UnaryOp.POW ? p : (float) p;
    }
}
