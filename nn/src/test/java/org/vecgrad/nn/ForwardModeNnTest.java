package org.vecgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vecgrad.autodiff.Autograd;
import org.vecgrad.autodiff.TensorFunction;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.loss.BCELoss;
import org.vecgrad.nn.loss.BCEWithLogitsLoss;
import org.vecgrad.nn.loss.CrossEntropyLoss;
import org.vecgrad.nn.loss.Reduction;

/**
 * Forward mode through nn's fused custom operations (Functional.linear/dense, the cross-entropy and BCE losses):
 * their jvp rules give the same J·u as reverse mode (the double-vjp jvp) and as central differences, in F64.
 */
class ForwardModeNnTest {

    static NdArray uniform(SplittableRandom r, double lo, double hi, int... shape) {
        NdArray a = NdArray.zeros(DType.F64, shape);
        for (int i = 0; i < a.size(); i++) {
            a.setFlat(i, r.nextDouble(lo, hi));
        }
        return a;
    }

    /** Forward-mode J·u against the double-vjp J·u and central differences (eps 1e-6, atol 1e-5, rtol 1e-3). */
    static void check(String what, TensorFunction f, NdArray[] x, SplittableRandom r) {
        Tensor[] xs = new Tensor[x.length];
        Tensor[] us = new Tensor[x.length];
        for (int i = 0; i < x.length; i++) {
            xs[i] = Tensor.of(x[i]);
            us[i] = Tensor.of(uniform(r, -1, 1, x[i].shape()));
        }
        NdArray fwd = Autograd.jvp(f, xs, us).derivatives()[0].data();
        NdArray rev = Autograd.jvpByDoubleVjp(f, xs, us).derivatives()[0].data();
        double eps = 1e-6;
        Tensor[] p = new Tensor[x.length];
        Tensor[] m = new Tensor[x.length];
        for (int i = 0; i < x.length; i++) {
            p[i] = Tensor.of(x[i].add(us[i].data().mul(eps)));
            m[i] = Tensor.of(x[i].sub(us[i].data().mul(eps)));
        }
        NdArray fd;
        try (var _ = Tensor.noGrad()) {
            fd = f.apply(p).data().sub(f.apply(m).data()).div(2 * eps);
        }
        assertEquals(rev.size(), fwd.size(), what);
        for (int i = 0; i < fwd.size(); i++) {
            double a = fwd.getFlat(i);
            assertEquals(rev.getFlat(i), a, 1e-10 + 1e-9 * Math.abs(rev.getFlat(i)), what + " vs reverse, " + i);
            assertTrue(Math.abs(a - fd.getFlat(i)) <= 1e-5 + 1e-3 * Math.abs(fd.getFlat(i)),
                    what + " vs finite differences, element " + i + ": " + a + " vs " + fd.getFlat(i));
        }
    }

    @Test
    void linearAndDense() {
        qt().withExamples(20).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int n = r.nextInt(1, 5);
            int in = r.nextInt(1, 5);
            int out = r.nextInt(1, 5);
            NdArray x = uniform(r, -1, 1, n, in);
            NdArray b = uniform(r, -1, 1, out);
            check("linear", xs -> Functional.linear(xs[0], xs[1], xs[2]).tanh(),
                    new NdArray[] {x, uniform(r, -1, 1, out, in), b}, r);
            check("linear no bias", xs -> Functional.linear(xs[0], xs[1], null),
                    new NdArray[] {x, uniform(r, -1, 1, out, in)}, r);
            check("dense", xs -> Functional.dense(xs[0], xs[1], xs[2]),
                    new NdArray[] {x, uniform(r, -1, 1, in, out), b}, r);
            check("linear rank 3", xs -> Functional.linear(xs[0], xs[1], xs[2]),
                    new NdArray[] {uniform(r, -1, 1, 2, n, in), uniform(r, -1, 1, out, in), b}, r);
        });
    }

    @Test
    void losses() {
        qt().withExamples(20).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int n = r.nextInt(1, 5);
            int c = r.nextInt(1, 5);
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = r.nextInt(c);
            }
            for (Reduction red : Reduction.values()) {
                check("crossEntropy " + red, xs -> new CrossEntropyLoss(red).forward(xs[0], labels),
                        new NdArray[] {uniform(r, -2, 2, n, c)}, r);
                check("bce " + red, xs -> new BCELoss(red).forward(xs[0], xs[1]),
                        new NdArray[] {uniform(r, 0.1, 0.9, n, c), uniform(r, 0, 1, n, c)}, r);
                check("bceWithLogits " + red, xs -> new BCEWithLogitsLoss(red).forward(xs[0], xs[1]),
                        new NdArray[] {uniform(r, -2, 2, n, c), uniform(r, 0, 1, n, c)}, r);
            }
        });
    }
}
