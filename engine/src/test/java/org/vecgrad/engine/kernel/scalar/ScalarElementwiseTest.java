package org.vecgrad.engine.kernel.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.floats;

import org.junit.jupiter.api.Test;
import org.vecgrad.engine.BinaryOp;
import org.vecgrad.engine.UnaryOp;

/** The reference kernels' own contract: stable forms at the extremes, no NaN from finite input, F32 = rounded F64. */
class ScalarElementwiseTest {

    private final ScalarElementwise k = new ScalarElementwise();

    private double f(UnaryOp op, double p0, double x) {
        double[] y = new double[1];
        k.unary(op, p0, 0, new double[] {x}, 0, y, 0, 1);
        return y[0];
    }

    private float f(UnaryOp op, double p0, float x) {
        float[] y = new float[1];
        k.unary(op, p0, 0, new float[] {x}, 0, y, 0, 1);
        return y[0];
    }

    @Test
    void saturatingFunctionsAreExactAtTheExtremes() {
        assertEquals(0.0, f(UnaryOp.SIGMOID, 0, -1000.0));
        assertEquals(1.0, f(UnaryOp.SIGMOID, 0, 1000.0));
        assertEquals(1000.0, f(UnaryOp.SOFTPLUS, 0, 1000.0));
        assertEquals(0.0, f(UnaryOp.SOFTPLUS, 0, -1000.0));
        assertEquals(1.0, f(UnaryOp.TANH, 0, 50.0));
        assertEquals(-1.0, f(UnaryOp.TANH, 0, -50.0));
        assertEquals(-1.0, f(UnaryOp.ELU, 1, -1000.0));
        assertEquals(1000.0, f(UnaryOp.GELU, 0, 1000.0));
        assertEquals(-0.0, f(UnaryOp.GELU, 0, -1000.0));
        assertEquals(-0.0, f(UnaryOp.GELU_TANH, 0, -1000.0));
        assertEquals(1000.0, f(UnaryOp.GELU_TANH, 0, 1000.0));
        assertEquals(0.0f, f(UnaryOp.SIGMOID, 0, -1000f));
        assertEquals(1000f, f(UnaryOp.SOFTPLUS, 0, 1000f));
        assertEquals(1f, f(UnaryOp.TANH, 0, 50f));
        assertEquals(-1f, f(UnaryOp.TANH, 0, -50f));
        // lower tail of σ stays relatively accurate: σ(−700) = e^{−700}/(1 + e^{−700})
        assertEquals(Math.exp(-700), f(UnaryOp.SIGMOID, 0, -700.0), 1e-15 * Math.exp(-700));
    }

    @Test
    void noNaNFromFiniteInput() {
        double[] xs = {0, -0.0, 1e-310, -1e-310, 1, -1, 30, -30, 1e4, -1e4, 1e154, -1e154, Double.MAX_VALUE,
            -Double.MAX_VALUE};
        for (UnaryOp op : UnaryOp.values()) {
            if (op == UnaryOp.LOG || op == UnaryOp.SQRT || op == UnaryOp.POW) {
                continue;
            }
            double p0 = op == UnaryOp.CLAMP ? -1 : 0.7;
            for (double x : xs) {
                double[] in = {x};
                double[] y = new double[1];
                double[] d = new double[1];
                k.unary(op, p0, 1, in, 0, y, 0, 1);
                k.unaryBackward(op, p0, 1, in, 0, y, 0, null, 0, d, 0, 1);
                assertFalse(Double.isNaN(y[0]), op + "(" + x + ")");
                assertFalse(Double.isNaN(d[0]), op + "'(" + x + ")");
            }
        }
    }

    @Test
    void f32IsTheRoundedF64OfTheFloatInputsAndParameters() {
        for (UnaryOp op : UnaryOp.values()) {
            qt().withExamples(100).forAll(floats().between(-20f, 20f), floats().between(0.1f, 2f)).checkAssert((x, p) -> {
                double p0 = op == UnaryOp.CLAMP ? -p / 3.0 : p / 3.0;   // not a float: the F32 kernel rounds it
                double p1 = p / 3.0 + 0.5;
                double q0 = op == UnaryOp.POW ? p0 : (float) p0;
                float[] y = new float[1];
                k.unary(op, p0, p1, new float[] {x}, 0, y, 0, 1);
                float expected = (float) ScalarElementwise.f(op, q0, (float) p1, x);
                assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(y[0]), op + "(" + x + ")");
            });
        }
        for (BinaryOp op : BinaryOp.values()) {
            qt().withExamples(100).forAll(floats().any(), floats().any()).checkAssert((a, b) -> {
                float[] out = new float[1];
                k.binary(op, new float[] {a}, 0, new float[] {b}, 0, out, 0, 1);
                assertEquals(Float.floatToIntBits((float) ScalarElementwise.binary(op, a, b)),
                        Float.floatToIntBits(out[0]), op + "(" + a + ", " + b + ")");
            });
        }
    }
}
