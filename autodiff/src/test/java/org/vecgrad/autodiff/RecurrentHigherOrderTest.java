package org.vecgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/**
 * The fused recurrent op beyond first order, on random small F64 cases (every cell, either direction, with or
 * without biases, initial states and lengths): the Tensor-op composite gives the fused op's values and, recorded
 * (createGraph), the fused backward's gradients; gradgradcheck
 * passes (the recorded backward), and forward mode's tangent equals central differences and the plain fused
 * backward's vjp (⟨J·u, w⟩ = ⟨u, Jᵀ·w⟩).
 */
class RecurrentHigherOrderTest {

    /** One random case: the cell, its settings and the inputs that are present (x, W_ih, W_hh, then the rest). */
    private record Case(Recurrent.Cell cell, boolean reverse, boolean bias, boolean states, int[] lengths,
            Tensor[] inputs, String text) {

        TensorFunction f() {
            Recurrent.Cell c = cell;
            boolean hasC0 = states && c == Recurrent.Cell.LSTM;
            return xs -> {
                int k = 3;
                Tensor bi = bias ? xs[k++] : null;
                Tensor bh = bias ? xs[k++] : null;
                Tensor h0 = states ? xs[k++] : null;
                Tensor c0 = hasC0 ? xs[k++] : null;
                return RecurrentTest.flat(Recurrent.apply(c, xs[0], h0, c0, xs[1], xs[2], bi, bh, lengths, reverse));
            };
        }

        NdArray[] arrays() {
            NdArray[] a = new NdArray[inputs.length];
            for (int i = 0; i < a.length; i++) {
                a[i] = inputs[i].data();
            }
            return a;
        }
    }

    private static Case randomCase(long seed, int maxSize) {
        SplittableRandom rng = new SplittableRandom(seed);
        Recurrent.Cell cell = Recurrent.Cell.values()[rng.nextInt(4)];
        int T = 1 + rng.nextInt(3);
        int B = 1 + rng.nextInt(2);
        int I = 1 + rng.nextInt(maxSize);
        int H = 1 + rng.nextInt(maxSize);
        boolean reverse = rng.nextBoolean();
        boolean bias = rng.nextBoolean();
        boolean states = rng.nextBoolean();
        int[] lengths = null;
        if (rng.nextBoolean()) {
            lengths = new int[B];
            for (int b = 0; b < B; b++) {
                lengths[b] = 1 + rng.nextInt(T);
            }
        }
        List<Tensor> present = new ArrayList<>();
        for (Tensor t : RecurrentTest.inputs(cell, DType.F64, rng, T, B, I, H, bias, states)) {
            if (t != null) {
                present.add(t);
            }
        }
        String text = cell + " T=" + T + " B=" + B + " I=" + I + " H=" + H + " reverse=" + reverse + " bias=" + bias
                + " states=" + states + " lengths=" + Arrays.toString(lengths);
        return new Case(cell, reverse, bias, states, lengths, present.toArray(new Tensor[0]), text);
    }

    @Test
    void compositeEqualsTheFusedOp() {
        qt().withExamples(12).forAll(longs().all()).checkAssert(seed -> {
            Case c = randomCase(seed, 4);
            Tensor fused = c.f().apply(c.inputs());
            Tensor[] in = c.inputs();
            int k = 3;
            Tensor bi = c.bias() ? in[k++] : null;
            Tensor bh = c.bias() ? in[k++] : null;
            Tensor h0 = c.states() ? in[k++] : null;
            Tensor c0 = c.states() && c.cell() == Recurrent.Cell.LSTM ? in[k] : null;
            Tensor comp = Recurrent.composite(c.cell(), in[0], h0, c0, in[1], in[2], bi, bh, c.lengths(),
                    c.reverse());
            assertTrue(comp.reshape(comp.size()).data().allClose(fused.data(), 1e-13, 1e-13, false), c.text());
            // the recorded backward (createGraph, through the composite) gives the fused backward's gradients
            Tensor w = Tensor.randn(DType.F64, new SplittableRandom(seed), fused.shape());
            Tensor[] plain = Autograd.grad(new Tensor[] {c.f().apply(in)}, in, new Tensor[] {w}, false, false);
            Tensor[] recorded = Autograd.grad(new Tensor[] {c.f().apply(in)}, in, new Tensor[] {w}, true, true);
            for (int i = 0; i < in.length; i++) {
                assertTrue(recorded[i].data().allClose(plain[i].data(), 1e-12, 1e-12, false),
                        c.text() + " gradient of input " + i);
            }
        });
    }

    @Test
    void gradgradcheckEveryCell() {
        qt().withExamples(8).forAll(longs().all()).checkAssert(seed -> {
            Case c = randomCase(seed, 2);
            GradCheck.Report r = GradCheck.gradgradcheck(c.f(), c.inputs());
            assertTrue(r.passed(), c.text() + "\n" + r);
        });
    }

    @Test
    void gradgradcheckCoversEachCellOnce() {
        for (Recurrent.Cell cell : Recurrent.Cell.values()) {
            SplittableRandom rng = new SplittableRandom(cell.ordinal());
            Tensor[] in = RecurrentTest.inputs(cell, DType.F64, rng, 3, 2, 2, 2, true, true);
            Tensor[] present = cell == Recurrent.Cell.LSTM ? in : Arrays.copyOf(in, 6);
            int[] lengths = {3, 2};
            TensorFunction f = xs -> RecurrentTest.flat(Recurrent.apply(cell, xs[0], xs[5],
                    xs.length > 6 ? xs[6] : null, xs[1], xs[2], xs[3], xs[4], lengths, true));
            GradCheck.Report r = GradCheck.gradgradcheck(f, present);
            assertTrue(r.passed(), cell + "\n" + r);
        }
    }

    @Test
    void forwardModeEqualsFiniteDifferencesAndTheFusedVjp() {
        qt().withExamples(10).forAll(longs().all()).checkAssert(seed -> {
            Case c = randomCase(seed, 4);
            SplittableRandom r = new SplittableRandom(seed ^ 0x5deece66dL);
            NdArray[] x = c.arrays();
            NdArray[] u = ForwardModeTest.tangents(r, x, r.nextBoolean());
            NdArray ju = ForwardModeTest.forward(c.f(), x, u);
            ForwardModeTest.assertClose(ForwardModeTest.centralDifference(c.f(), x, u), ju, ForwardModeTest.ATOL,
                    ForwardModeTest.RTOL, c.text() + " jvp vs central differences");
            NdArray w = Gen.uniform(r, -1, 1, ju.shape());
            double forward = ju.mul(w).sum();                                   // wᵀ·(J·u)
            double reverse = ForwardModeTest.reverse(c.f(), x, u, w);          // (wᵀ·J)·u by the fused backward
            assertEquals(reverse, forward, 1e-10 * (1 + Math.abs(reverse)), c.text() + " ⟨Ju, w⟩ vs ⟨u, Jᵀw⟩");
        });
    }

    @Test
    void autogradJvpRunsThroughTheOp() {
        SplittableRandom rng = new SplittableRandom(11);
        Tensor[] in = RecurrentTest.inputs(Recurrent.Cell.LSTM, DType.F64, rng, 3, 2, 3, 2, true, true);
        Tensor[] xs = {in[0].detach(), in[1].detach(), in[2].detach()};
        Tensor[] us = {Tensor.randn(DType.F64, rng, 3, 2, 3), Tensor.randn(DType.F64, rng, 8, 3),
            Tensor.randn(DType.F64, rng, 8, 2)};
        TensorFunction f = t -> Recurrent.apply(Recurrent.Cell.LSTM, t[0], null, null, t[1], t[2], null, null,
                null, false).output();
        Autograd.Result fwd = Autograd.jvp(f, xs, us);
        Autograd.Result rev = Autograd.jvpByDoubleVjp(f, xs, us);
        ForwardModeTest.assertClose(rev.derivatives()[0].data(), fwd.derivatives()[0].data(), 1e-12, 1e-10,
                "LSTM jvp vs double vjp");
    }
}
