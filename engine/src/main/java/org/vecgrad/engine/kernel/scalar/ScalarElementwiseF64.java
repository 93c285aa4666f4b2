// Generated from engine/src/main/templates/org/vecgrad/engine/kernel/scalar/ScalarElementwise-X.java.template
// by engine/src/test/java/org/vecgrad/engine/codegen/Codegen.java; do not edit.
package org.vecgrad.engine.kernel.scalar;

import org.vecgrad.engine.BinaryOp;
import org.vecgrad.engine.UnaryOp;

/**
 * The F64 reference loops of {@link ScalarElementwise} over its one-element math ({@link ScalarElementwise#f},
 * {@link ScalarElementwise#df}, {@link ScalarElementwise#binary(BinaryOp, double, double)}), computed in double
 * and rounded once to the dtype. Generated with its twin from {@code ScalarElementwise-X.java.template}; F32 also
 * rounds the ops' parameters to float (see {@link ScalarElementwise}).
 */
final class ScalarElementwiseF64 {
    private ScalarElementwiseF64() {
    }

    static void unary(UnaryOp op, double p0, double p1, double[] x, int xOff, double[] y, int yOff, int n) {
        double q0 = param(op, p0);
        double q1 = param(op, p1);
        for (int i = 0; i < n; i++) {
            y[yOff + i] = ScalarElementwise.f(op, q0, q1, x[xOff + i]);
        }
    }

    static void unaryBackward(UnaryOp op, double p0, double p1, double[] x, int xOff, double[] y, int yOff,
                              double[] g, int gOff, double[] out, int outOff, int n) {
        double q0 = param(op, p0);
        double q1 = param(op, p1);
        for (int i = 0; i < n; i++) {
            // f' rounded to the dtype first, so that g·f' is the product a F64 kernel forms (an f' that
            // underflows or overflows in the dtype does so here too)
            double d = ScalarElementwise.df(op, q0, q1, x[xOff + i], y[yOff + i]);
            out[outOff + i] = g == null ? d : g[gOff + i] * d;
        }
    }

    static void binary(BinaryOp op, double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = ScalarElementwise.binary(op, a[aOff + i], b[bOff + i]);
        }
    }

    static void binaryScalar(BinaryOp op, double[] a, int aOff, double s, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = ScalarElementwise.binary(op, a[aOff + i], s);
        }
    }

    static void scalarBinary(BinaryOp op, double s, double[] b, int bOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = ScalarElementwise.binary(op, s, b[bOff + i]);
        }
    }

    static void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
        }
    }

    static void addRows(double[] x, int xOff, int ldx, double[] y, int yOff, int ldy, int len, int rows) {
        for (int r = 0; r < rows; r++) {
            for (int t = 0; t < len; t++) {
                y[yOff + r * ldy + t] += x[xOff + r * ldx + t];
            }
        }
    }

    static void transposeBias(double[] x, int xOff, int ldx, int outs, double[] b, int bOff, boolean relu,
                              double[] y, int yOff, int ldy, int n) {
        for (int o = 0; o < outs; o++) {
            biasRows(x, xOff + o, ldx, b == null ? 0 : b[bOff + o], relu, y, yOff + o * ldy, 1, 1, n);   // n rows of 1
        }
    }

    static void biasRows(double[] x, int xOff, int ldx, double b, boolean relu, double[] y, int yOff, int ldy,
                         int len, int rows) {
        for (int r = 0; r < rows; r++) {
            for (int t = 0; t < len; t++) {
                double v = x[xOff + r * ldx + t] + b;
                y[yOff + r * ldy + t] = relu && v <= 0 ? 0 : v;              // −0 → +0, NaN kept
            }
        }
    }

    /** An op's parameter as this dtype's kernels use it: F32 rounds it to float, except POW's exponent. */
    private static double param(UnaryOp op, double p) {
        return p;
    }
}
