package org.vecgrad.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.UnaryOp;

/**
 * Each derivative (unaryBackward with g = null) against a central finite difference of the same backend's forward
 * kernel, in F64 at random points away from kinks, for every backend that can run here; and the values at kinks
 * documented in {@link UnaryOp}.
 */
class UnaryDerivativeTest {

    static final double H = 1e-6;

    static List<Backend> backends() {
        List<Backend> b = new ArrayList<>();
        b.add(Kernels.scalar());
        Kernels.simd().ifPresent(b::add);
        return b;
    }

    /** Parameters for op drawn from u in [0, 1): a plausible range for each. */
    static double[] params(UnaryOp op, double u) {
        return switch (op) {
            case POW -> new double[] {-2 + 5 * u, 0};
            case CLAMP -> new double[] {-1.5 + u, 1 + 2 * u};
            case LEAKY_RELU -> new double[] {0.01 + 0.3 * u, 0};
            case ELU -> new double[] {0.5 + 1.5 * u, 0};
            case SWISH -> new double[] {0.2 + 2.8 * u, 0};
            default -> new double[] {0, 0};
        };
    }

    /** Points where f' jumps (plus the domain edge 0 of LOG, SQRT, POW). */
    static double[] kinks(UnaryOp op, double[] p) {
        return switch (op) {
            case ABS, STEP, RELU, LEAKY_RELU, ELU, LOG, SQRT, POW -> new double[] {0};
            case CLAMP -> new double[] {p[0], p[1]};
            case HARD_SIGMOID -> new double[] {-2, 2};
            case HARD_TANH -> new double[] {-1, 1};
            default -> new double[0];
        };
    }

    static double f(Backend be, UnaryOp op, double[] p, double x) {
        double[] in = {x};
        double[] out = new double[1];
        be.elementwise().unary(op, p[0], p[1], in, 0, out, 0, 1);
        return out[0];
    }

    static double df(Backend be, UnaryOp op, double[] p, double x) {
        double[] in = {x};
        double[] y = {f(be, op, p, x)};
        double[] out = new double[1];
        be.elementwise().unaryBackward(op, p[0], p[1], in, 0, y, 0, null, 0, out, 0, 1);
        return out[0];
    }

    @Test
    void derivativesMatchCentralDifferences() {
        for (Backend be : backends()) {
            for (UnaryOp op : UnaryOp.values()) {
                qt().withExamples(150).forAll(doubles().between(-6, 6), doubles().between(0, 1)).checkAssert((x0, u) -> {
                    double[] p = params(op, u);
                    boolean positiveDomain = op == UnaryOp.LOG || op == UnaryOp.SQRT || op == UnaryOp.POW;
                    double x = positiveDomain ? 0.05 + Math.abs(x0) : x0;
                    for (double k : kinks(op, p)) {
                        if (Math.abs(x - k) < 1e-3) {
                            return;
                        }
                    }
                    double fd = (f(be, op, p, x + H) - f(be, op, p, x - H)) / (2 * H);
                    double d = df(be, op, p, x);
                    assertTrue(Math.abs(d - fd) <= 1e-5 + 1e-3 * Math.abs(fd),
                            be.name() + " " + op + " p=" + p[0] + "," + p[1] + " x=" + x + ": f'=" + d
                                    + ", finite difference " + fd);
                });
            }
        }
    }

    @Test
    void valuesAtKinksAreTheDocumentedOnes() {
        for (Backend be : backends()) {
            double[] none = {0, 0};
            String n = be.name();
            assertEquals(0.0, df(be, UnaryOp.ABS, none, 0.0), n);
            assertEquals(0.0, df(be, UnaryOp.RELU, none, 0.0), n);
            assertEquals(0.0, df(be, UnaryOp.STEP, none, 0.0), n);
            assertEquals(0.0, f(be, UnaryOp.STEP, none, 0.0), n);
            assertEquals(0.25, df(be, UnaryOp.LEAKY_RELU, new double[] {0.25, 0}, 0.0), n);
            assertEquals(1.5, df(be, UnaryOp.ELU, new double[] {1.5, 0}, 0.0), n);
            double[] clamp = {-0.5, 2};
            assertEquals(1.0, df(be, UnaryOp.CLAMP, clamp, -0.5), n);
            assertEquals(1.0, df(be, UnaryOp.CLAMP, clamp, 2.0), n);
            assertEquals(0.0, df(be, UnaryOp.HARD_SIGMOID, none, -2.0), n);
            assertEquals(0.0, df(be, UnaryOp.HARD_SIGMOID, none, 2.0), n);
            assertEquals(0.0, df(be, UnaryOp.HARD_TANH, none, -1.0), n);
            assertEquals(0.0, df(be, UnaryOp.HARD_TANH, none, 1.0), n);
            assertEquals(Double.POSITIVE_INFINITY, df(be, UnaryOp.SQRT, none, 0.0), n);
            assertEquals(0.0, df(be, UnaryOp.POW, new double[] {0, 0}, 3.0), n);
            for (UnaryOp op : UnaryOp.values()) {
                double[] p = params(op, 0.5);
                assertTrue(Double.isNaN(f(be, op, p, Double.NaN)), n + " " + op + "(NaN)");
                assertTrue(Double.isNaN(df(be, op, p, Double.NaN)), n + " " + op + "'(NaN)");
            }
        }
    }

    @Test
    void gradientIsScaledByG() {
        for (Backend be : backends()) {
            for (UnaryOp op : UnaryOp.values()) {
                qt().withExamples(20).forAll(doubles().between(0.1, 4), doubles().between(-3, 3), integers().between(0, 9))
                        .checkAssert((x, g, k) -> {
                            double[] p = params(op, k / 10.0);
                            double[] in = {x};
                            double[] y = {f(be, op, p, x)};
                            double[] gg = {g};
                            double[] out = new double[1];
                            be.elementwise().unaryBackward(op, p[0], p[1], in, 0, y, 0, gg, 0, out, 0, 1);
                            double d = df(be, op, p, x);
                            assertEquals(g * d, out[0], 1e-15 * Math.abs(g * d), be.name() + " " + op);
                        });
            }
        }
    }
}
