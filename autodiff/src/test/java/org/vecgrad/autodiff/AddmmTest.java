package org.vecgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/**
 * {@link Tensor#addmm} against the unfused {@code a.matmul(b).add(bias)} on random shapes large enough for several
 * GEMM blocks (gradcheck, gradgradcheck and the F32/F64 agreement run in {@link OpGradientTest} on small ones).
 */
class AddmmTest {

    private static int[] biasShape(SplittableRandom r, int m, int n) {
        return switch (r.nextInt(5)) {
            case 0 -> new int[] {n};
            case 1 -> new int[] {1, n};
            case 2 -> new int[] {m, 1};
            case 3 -> new int[] {m, n};
            default -> new int[] {};
        };
    }

    @Test
    void valueAndGradientsMatchMatmulThenAdd() {
        qt().withExamples(30).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            DType dt = r.nextBoolean() ? DType.F32 : DType.F64;
            int m = r.nextInt(1, 40);
            int k = r.nextInt(1, 300);                       // k > 256 spans two depth blocks of the GEMM
            int n = r.nextInt(1, 40);
            NdArray[] in = {Gen.uniform(r, -1, 1, biasShape(r, m, n)).to(dt),
                Gen.uniform(r, -1, 1, m, k).to(dt), Gen.uniform(r, -1, 1, k, n).to(dt)};
            NdArray w = Gen.uniform(r, -1, 1, m, n).to(dt);
            Tensor[] fused = new Tensor[3];
            Tensor[] plain = new Tensor[3];
            for (int i = 0; i < 3; i++) {
                fused[i] = Tensor.of(in[i].copy(), true);
                plain[i] = Tensor.of(in[i].copy(), true);
            }
            Tensor yf = Tensor.addmm(fused[0], fused[1], fused[2]);
            Tensor yp = plain[1].matmul(plain[2]).add(plain[0]);
            assertArrayEquals(new int[] {m, n}, yf.shape());
            double tol = dt == DType.F32 ? 1e-4 : 1e-12;
            assertTrue(yf.data().allClose(yp.data(), tol, tol, false), "value " + yf.data() + " vs " + yp.data());
            yf.backward(Tensor.of(w));
            yp.backward(Tensor.of(w.copy()));
            for (int i = 0; i < 3; i++) {
                assertTrue(fused[i].grad().data().allClose(plain[i].grad().data(), tol, tol, false),
                        "grad " + i + ": " + fused[i].grad().data() + " vs " + plain[i].grad().data());
            }
        });
    }

    /** With a full-shape bias, the bias's gradient is the upstream G itself: it must be copied, not shared. */
    @Test
    void fullShapeBiasGradientOwnsItsStorage() {
        Tensor bias = Tensor.of(new double[][] {{1, 2}, {3, 4}}).requiresGrad(true);
        Tensor a = Tensor.of(new double[][] {{1, -1}, {0.5, 2}}).requiresGrad(true);
        Tensor b = Tensor.of(new double[][] {{2, 0}, {-1, 1}}).requiresGrad(true);
        Tensor y = Tensor.addmm(bias, a, b).retainGrad();
        y.tanh().sum().backward();
        assertFalse(bias.grad().data().doubleData() == y.grad().data().doubleData());
        NdArray yGrad = y.grad().data().copy();
        bias.zeroGrad();                                       // in place: must not touch y's grad
        assertTrue(yGrad.allClose(y.grad().data()));
    }

    /** Outside autograd (no input requires grad, or noGrad) it is a plain affine map with no graph. */
    @Test
    void recordsNoGraphWithoutGrad() {
        Tensor bias = Tensor.of(1.0, -1.0);
        Tensor a = Tensor.of(new double[][] {{1, 2, 3}});
        Tensor b = Tensor.of(new double[][] {{1, 0}, {0, 1}, {1, 1}}).requiresGrad(true);
        try (var _ = Tensor.noGrad()) {
            Tensor y = Tensor.addmm(bias, a, b);
            assertTrue(y.isLeaf() && !y.requiresGrad());
            assertArrayEquals(a.matmul(b).add(bias).data().toDoubleArray(), y.data().toDoubleArray());
        }
        Tensor y = Tensor.addmm(bias, a, b);
        assertFalse(y.isLeaf());
        assertTrue("addmm".equals(y.op()));
    }
}
