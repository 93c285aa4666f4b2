package org.vecgrad.engine.kernel.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.UnaryOp;
import org.vecgrad.engine.kernel.ElementwiseKernels;
import org.vecgrad.engine.kernel.Kernels;

/**
 * The F32 Vector API activations against the F64 scalar reference (not rounded to float) on a dense grid (every
 * 1e-3 over [−10, 10]) plus random normals scaled by up to 8 of several scales, and their exact values at the edges: the F32 contract
 * is 2e-6 relative (results below the smallest normal float carry only absolute precision).
 */
class VecMathFAccuracyTest {

    /** 2e-6 less the half ulp by which the contract's float-rounded reference may itself be off. */
    private static final double RTOL = 2e-6 - 0x1p-24;

    private static ElementwiseKernels simd;
    private static ElementwiseKernels ref;

    @BeforeAll
    static void simdPresent() {
        Assumptions.assumeTrue(Kernels.simd().isPresent(), "no SIMD backend: " + Kernels.simdUnavailableReason());
        simd = Kernels.simd().orElseThrow().elementwise();
        ref = Kernels.scalar().elementwise();
    }

    /** A dense grid over [−10, 10], random normals scaled by 1, 2, 4, 8, and the central/tail boundary of GELU. */
    private static float[] points() {
        int grid = 20_001;
        Random r = new Random(11);
        float[] x = new float[grid + 20_000 + 8];
        for (int i = 0; i < grid; i++) {
            x[i] = (float) (-10 + 1e-3 * i);
        }
        for (int i = 0; i < 20_000; i++) {
            x[grid + i] = (float) (r.nextGaussian() * (1 << r.nextInt(4)));
        }
        float c = VecMathF.GELU_CENTRAL_LIMIT;
        float[] edges = {c, -c, Math.nextUp(c), -Math.nextUp(c), Math.nextDown(c), -Math.nextDown(c),
            VecMathF.TANH_SATURATION, Math.nextUp(VecMathF.TANH_SATURATION)};
        System.arraycopy(edges, 0, x, grid + 20_000, edges.length);
        return x;
    }

    /** Largest relative error of the SIMD F32 op against the F64 reference over {@link #points}. */
    private static double maxRelativeError(UnaryOp op) {
        float[] x = points();
        double[] xd = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            xd[i] = x[i];
        }
        float[] y = new float[x.length];
        double[] yd = new double[x.length];
        simd.unary(op, 0, 0, x, 0, y, 0, x.length);
        ref.unary(op, 0, 0, xd, 0, yd, 0, x.length);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            double err = Math.abs(y[i] - yd[i]);
            if (Math.abs(yd[i]) < Float.MIN_NORMAL) {
                assertTrue(err <= Float.MIN_NORMAL, op + "(" + x[i] + "): " + y[i] + " vs " + yd[i]);
                continue;
            }
            double rel = err / Math.abs(yd[i]);
            assertTrue(rel <= RTOL, op + "(" + x[i] + "): " + y[i] + " vs " + yd[i] + ", relative error " + rel);
            worst = Math.max(worst, rel);
        }
        return worst;
    }

    @Test
    void geluWithinContractOnDenseGrid() {
        // measured 8.8e-7 (at x = −4.15, where x² is rounded in the central form)
        assertTrue(maxRelativeError(UnaryOp.GELU) < 1.2e-6);
    }

    @Test
    void tanhWithinContractOnDenseGrid() {
        // measured 3.1e-7
        assertTrue(maxRelativeError(UnaryOp.TANH) < 5e-7);
    }

    @Test
    void otherActivationsWithinContractOnDenseGrid() {
        for (UnaryOp op : new UnaryOp[] {UnaryOp.SIGMOID, UnaryOp.EXP, UnaryOp.SOFTPLUS, UnaryOp.SWISH,
            UnaryOp.ELU, UnaryOp.GELU_TANH}) {
            maxRelativeError(op);
        }
    }

    @Test
    void edgesExact() {
        float[] x = {0f, -0f, 9.03f, -9.03f, 50f, -50f, 1e30f, -1e30f, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.NaN};
        float[] t = new float[x.length];
        float[] g = new float[x.length];
        simd.unary(UnaryOp.TANH, 0, 0, x, 0, t, 0, x.length);
        simd.unary(UnaryOp.GELU, 0, 0, x, 0, g, 0, x.length);
        float[] wantTanh = {0f, -0f, 1f, -1f, 1f, -1f, 1f, -1f, 1f, -1f, Float.NaN};
        float[] wantGelu = {0f, -0f, 9.03f, Float.NaN, 50f, -0f, 1e30f, -0f, Float.POSITIVE_INFINITY, -0f, Float.NaN};
        for (int i = 0; i < x.length; i++) {
            assertEquals(wantTanh[i], t[i], "tanh(" + x[i] + ")");
            if (i != 3) {
                assertEquals(wantGelu[i], g[i], "gelu(" + x[i] + ")");
            }
        }
        // gelu(−9.03) ≈ −1.4e-18: relatively accurate, not flushed to zero
        double want = -9.03f * 0.5 * Erf.erfc(9.03f / Math.sqrt(2));
        assertEquals(want, g[3], 2e-6 * Math.abs(want));
        assertTrue(want < -1e-19);
    }
}
