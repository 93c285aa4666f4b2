package org.vecgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/**
 * {@link Tensor#affine}, the one affine op: gradcheck and gradgradcheck (F64, eps 1e-6, atol 1e-5, rtol 1e-3) on
 * every combination of transposes, bias and batch layout, and value and gradients against matmul of materialised
 * transposes on shapes large enough for several GEMM blocks. {@link OpGradientTest} runs random cases of it too
 * (with forward mode in {@link ForwardModeTest}).
 */
class AffineTest {

    /** Batch axes of A and B: 0 for a matrix, else the batch size. */
    enum Layout {
        MATRICES(0, 0), BATCHED(3, 3), A_BATCH_OF_1(1, 3), A_MATRIX(0, 3), B_MATRIX(3, 0), B_BATCH_OF_1(3, 1);

        final int batchA;
        final int batchB;

        Layout(int batchA, int batchB) {
            this.batchA = batchA;
            this.batchB = batchB;
        }
    }

    enum BiasKind { NONE, ROW, FULL, BROADCAST }

    /** One affine call: the stored shapes of A and B, the transposes, and the bias shape (null for none). */
    record Case(boolean transA, boolean transB, int[] a, int[] b, int[] bias) {

        static Case of(boolean ta, boolean tb, Layout layout, BiasKind kind, int m, int k, int n,
                       SplittableRandom r) {
            int[] a = stored(layout.batchA, ta ? k : m, ta ? m : k);
            int[] b = stored(layout.batchB, tb ? n : k, tb ? k : n);
            int[] out = layout == Layout.MATRICES ? new int[] {m, n}
                    : new int[] {Math.max(layout.batchA, layout.batchB), m, n};
            int[] bias = switch (kind) {
                case NONE -> null;
                case ROW -> new int[] {n};
                case FULL -> out;
                case BROADCAST -> Gen.broadcastable(r, out);
            };
            return new Case(ta, tb, a, b, bias);
        }

        static Case random(SplittableRandom r, boolean ta, boolean tb, int maxDim) {
            Layout[] layouts = Layout.values();
            BiasKind[] kinds = BiasKind.values();
            return of(ta, tb, layouts[r.nextInt(layouts.length)], kinds[r.nextInt(kinds.length)],
                    r.nextInt(1, maxDim + 1), r.nextInt(1, maxDim + 1), r.nextInt(1, maxDim + 1), r);
        }

        private static int[] stored(int batch, int rows, int cols) {
            return batch == 0 ? new int[] {rows, cols} : new int[] {batch, rows, cols};
        }

        NdArray[] inputs(SplittableRandom r) {
            NdArray x = Gen.uniform(r, -1, 1, a);
            NdArray y = Gen.uniform(r, -1, 1, b);
            return bias == null ? new NdArray[] {x, y} : new NdArray[] {x, y, Gen.uniform(r, -1, 1, bias)};
        }

        Tensor apply(Tensor[] xs) {
            return Tensor.affine(xs[0], transA, xs[1], transB, bias == null ? null : xs[2]);
        }

        /** The same map from transposed copies, matmul and add. */
        Tensor reference(Tensor[] xs) {
            Tensor y = (transA ? xs[0].mT() : xs[0]).matmul(transB ? xs[1].mT() : xs[1]);
            return bias == null ? y : y.add(xs[2]);
        }

        @Override
        public String toString() {
            return "a " + java.util.Arrays.toString(a) + (transA ? "ᵀ" : "") + " · b " + java.util.Arrays.toString(b)
                    + (transB ? "ᵀ" : "") + " + bias " + (bias == null ? "none" : java.util.Arrays.toString(bias));
        }
    }

    private static Tensor[] leaves(NdArray[] in, DType dt) {
        Tensor[] t = new Tensor[in.length];
        for (int i = 0; i < in.length; i++) {
            t[i] = Tensor.of(in[i].to(dt), true);
        }
        return t;
    }

    @Test
    void gradcheckAndGradgradcheckOnEveryTransposeBiasAndBatchLayout() {
        SplittableRandom r = new SplittableRandom(16);
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                for (Layout layout : Layout.values()) {
                    for (BiasKind kind : new BiasKind[] {BiasKind.NONE, BiasKind.ROW, BiasKind.FULL}) {
                        Case c = Case.of(ta, tb, layout, kind, r.nextInt(1, 5), r.nextInt(1, 5), r.nextInt(1, 5), r);
                        NdArray[] in = c.inputs(r);
                        TensorFunction f = xs -> c.apply(xs).tanh();    // tanh: G depends on the inputs
                        GradCheck.Report first = GradCheck.check(f, leaves(in, DType.F64));
                        assertTrue(first.passed(), c + ": " + first);
                        GradCheck.Report second = GradCheck.gradgradcheck(f, leaves(in, DType.F64));
                        assertTrue(second.passed(), c + ": " + second);
                    }
                }
            }
        }
    }

    @Test
    void valueAndGradientsMatchMatmulOfTransposedCopies() {
        qt().withExamples(24).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            DType dt = r.nextBoolean() ? DType.F32 : DType.F64;
            Layout[] layouts = Layout.values();
            BiasKind[] kinds = BiasKind.values();
            Case c = Case.of(r.nextBoolean(), r.nextBoolean(), layouts[r.nextInt(layouts.length)],
                    kinds[r.nextInt(kinds.length)], r.nextInt(1, 40), r.nextInt(1, 300), r.nextInt(1, 40), r);
            NdArray[] in = c.inputs(r);                                  // k > 256 spans two depth blocks
            Tensor[] fused = leaves(in, dt);
            Tensor[] plain = leaves(in, dt);
            Tensor yf = c.apply(fused);
            Tensor yp = c.reference(plain);
            assertArrayEquals(yp.shape(), yf.shape(), c.toString());
            double tol = dt == DType.F32 ? 1e-4 : 1e-12;
            assertTrue(yf.data().allClose(yp.data(), tol, tol, false), c + ": value");
            NdArray w = Gen.uniform(r, -1, 1, yf.shape()).to(dt);
            yf.backward(Tensor.of(w));
            yp.backward(Tensor.of(w.copy()));
            for (int i = 0; i < in.length; i++) {
                assertTrue(fused[i].grad().data().allClose(plain[i].grad().data(), tol, tol, false),
                        c + ": gradient of input " + i + ": " + fused[i].grad().data() + " vs "
                                + plain[i].grad().data());
            }
        });
    }

    /** A plain backward pass records nothing; with createGraph the gradients are themselves affine results. */
    @Test
    void gradientsAreAffineOpsOnlyWhenTheBackwardIsRecorded() {
        SplittableRandom r = new SplittableRandom(3);
        Case c = Case.of(true, true, Layout.A_MATRIX, BiasKind.ROW, 3, 4, 5, r);
        Tensor[] x = leaves(c.inputs(r), DType.F64);
        Tensor[] plain = Autograd.grad(new Tensor[] {c.apply(x).sum()}, x, null, false, false);
        for (Tensor g : plain) {
            assertTrue(g.isLeaf() && !g.requiresGrad());
        }
        Tensor[] recorded = Autograd.grad(new Tensor[] {c.apply(x).square().sum()}, x, null, true, true);
        assertTrue("affine".equals(recorded[0].op()) && "affine".equals(recorded[1].op()),
                recorded[0].op() + ", " + recorded[1].op());
        assertArrayEquals(c.a(), recorded[0].shape(), "∂L/∂A summed over the batch A lacks");
    }
}
