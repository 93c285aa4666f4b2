package org.vecgrad.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.kernel.ElementwiseKernels;
import org.vecgrad.engine.kernel.Kernels;
import org.vecgrad.engine.kernel.ReductionKernels;

/**
 * The storages hand the kernels the right arrays, offsets and scalars: NdArray operations on views at random
 * offsets give, bit for bit, what the same kernel gives when called directly on the raw {@code float[]} or
 * {@code double[]} — for lengths around the vector width and the special values.
 */
class FloatStorageBridgeTest {

    static final ElementwiseKernels EW = Kernels.active().elementwise();
    static final ReductionKernels RED = Kernels.active().reductions();

    /** A random float[] of {@code length} elements, a quarter of them special values. */
    static float[] floats(SplittableRandom rng, int length) {
        float[] a = new float[length];
        for (int i = 0; i < length; i++) {
            a[i] = (float) (rng.nextInt(4) == 0 ? DTypeData.SPECIAL[rng.nextInt(DTypeData.SPECIAL.length)]
                    : (rng.nextDouble() - 0.5) * 8);
        }
        return a;
    }

    static int randomLength(SplittableRandom rng) {
        int lanes = 16; // covers 128-, 256- and 512-bit F32 vectors
        return switch (rng.nextInt(4)) {
            case 0 -> rng.nextInt(3);
            case 1 -> lanes + rng.nextInt(-1, 2);
            case 2 -> rng.nextInt(1, 70);
            default -> rng.nextInt(200, 700);
        };
    }

    @Test
    void f32OperationsOnViewsMatchDirectKernelCallsBitForBit() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom rng = new SplittableRandom(seed);
            int n = randomLength(rng);
            int pa = rng.nextInt(5);
            int pb = rng.nextInt(5);
            float[] ra = floats(rng, pa + n);
            float[] rb = floats(rng, pb + n);
            NdArray a = NdArray.wrap(ra, pa, n);
            NdArray b = NdArray.wrap(rb, pb, n);
            BinaryOp bop = BinaryOp.values()[rng.nextInt(BinaryOp.values().length)];
            UnaryOp uop = new UnaryOp[] {UnaryOp.EXP, UnaryOp.TANH, UnaryOp.GELU, UnaryOp.ELU, UnaryOp.SQRT}[
                    rng.nextInt(5)];
            float s = (float) DTypeData.SPECIAL[rng.nextInt(DTypeData.SPECIAL.length)];

            float[] want = new float[n];
            EW.binary(bop, ra, pa, rb, pb, want, 0, n);
            assertArrayEquals(want, a.binary(bop, b).floatData(), bop.label());
            EW.binaryScalar(bop, ra, pa, s, want, 0, n);
            assertArrayEquals(want, a.binary(bop, NdArray.scalar(DType.F32, s)).floatData(), bop + " scalar");
            EW.scalarBinary(bop, s, rb, pb, want, 0, n);
            assertArrayEquals(want, NdArray.scalar(DType.F32, s).binary(bop, b).floatData(), "scalar " + bop);
            EW.unary(uop, 0.7, 0, ra, pa, want, 0, n);
            assertArrayEquals(want, a.apply(uop, 0.7).floatData(), uop.label());
            float[] dy = new float[n];
            EW.unaryBackward(uop, 0.7, 0, ra, pa, want, 0, rb, pb, dy, 0, n);
            assertArrayEquals(dy, a.unaryBackward(uop, 0.7, 0, a.apply(uop, 0.7), b, NdArray.zeros(DType.F32, n))
                    .floatData(), uop + " backward");
            float[] y = Arrays.copyOfRange(rb, pb, pb + n);
            EW.axpy(s, ra, pa, y, 0, n);
            assertArrayEquals(y, b.copy().addScaledInPlace(s, a).floatData(), "axpy");
            assertEquals(RED.sum(ra, pa, n), (float) a.sum(), "sum");
            if (n > 0) {
                assertEquals(RED.max(ra, pa, n), (float) a.max(), "max");
                assertEquals(RED.min(ra, pa, n), (float) a.min(), "min");
                assertEquals(RED.argmax(ra, pa, n), a.argmax(), "argmax");
                assertEquals(RED.argmin(ra, pa, n), a.argmin(), "argmin");
                float[] sm = new float[n];
                RED.softmaxRows(ra, pa, sm, 0, 1, n);
                assertArrayEquals(sm, a.softmax(0).floatData(), "softmax");
                RED.logSoftmaxRows(ra, pa, sm, 0, 1, n);
                assertArrayEquals(sm, a.logSoftmax(0).floatData(), "logSoftmax");
                float[] lse = new float[1];
                RED.logSumExpRows(ra, pa, lse, 0, 1, n);
                assertEquals(lse[0], a.logSumExp(0, false).floatData()[0], "logSumExp");
            }
        });
    }

    @Test
    void f64OperationsOnViewsMatchDirectKernelCallsBitForBit() {
        qt().withExamples(100).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom rng = new SplittableRandom(seed);
            int n = randomLength(rng);
            int pa = rng.nextInt(5);
            int pb = rng.nextInt(5);
            double[] ra = new double[pa + n];
            double[] rb = new double[pb + n];
            float[] fa = floats(rng, pa + n);
            float[] fb = floats(rng, pb + n);
            for (int i = 0; i < ra.length; i++) {
                ra[i] = fa[i] * (1 + rng.nextDouble() * 1e-9);
            }
            for (int i = 0; i < rb.length; i++) {
                rb[i] = fb[i];
            }
            NdArray a = NdArray.wrap(ra, pa, n);
            NdArray b = NdArray.wrap(rb, pb, n);
            BinaryOp bop = BinaryOp.values()[rng.nextInt(BinaryOp.values().length)];
            double s = DTypeData.SPECIAL[rng.nextInt(DTypeData.SPECIAL.length)];
            double[] want = new double[n];
            EW.binary(bop, ra, pa, rb, pb, want, 0, n);
            assertArrayEquals(want, a.binary(bop, b).doubleData(), bop.label());
            EW.binaryScalar(bop, ra, pa, s, want, 0, n);
            assertArrayEquals(want, a.binary(bop, NdArray.scalar(DType.F64, s)).doubleData(), bop + " scalar");
            EW.unary(UnaryOp.SIGMOID, 0, 0, ra, pa, want, 0, n);
            assertArrayEquals(want, a.sigmoid().doubleData(), "sigmoid");
            assertEquals(RED.sum(ra, pa, n), a.sum(), "sum");
            if (n > 0) {
                assertEquals(RED.argmax(ra, pa, n), a.argmax(), "argmax");
                double[] sm = new double[n];
                RED.softmaxRows(ra, pa, sm, 0, 1, n);
                assertArrayEquals(sm, a.softmax(-1).doubleData(), "softmax");
            }
        });
    }
}
