package org.vecgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.NdArray;

/** Gradients of gradients, Hessian-vector products and forward mode, checked against independent computations. */
class HigherOrderTest {

    @Test
    void secondDerivativeOfTanh() {
        NdArray xs = Gen.uniform(new SplittableRandom(1), -2, 2, 7);
        Tensor x = Tensor.of(xs.copy(), true);
        Tensor dy = Autograd.grad(x.tanh().sum(), x, true);
        assertTrue(dy.requiresGrad(), "createGraph: the first derivative is differentiable");
        Tensor d2y = Autograd.grad(dy.sum(), x, false);
        for (int i = 0; i < xs.size(); i++) {
            double t = Math.tanh(xs.getFlat(i));
            assertEquals(1 - t * t, dy.data().getFlat(i), 1e-12);
            assertEquals(-2 * t * (1 - t * t), d2y.data().getFlat(i), 1e-12);
        }
        assertFalse(d2y.requiresGrad(), "without createGraph the result is a constant");
    }

    @Test
    void thirdDerivativeOfTanhPassesGradcheck() {
        TensorFunction secondDerivative = xs -> {
            Tensor d1 = Autograd.grad(xs[0].tanh().sum(), xs[0], true);
            return Autograd.grad(d1.sum(), xs[0], true);
        };
        GradCheck.check(secondDerivative, Tensor.of(-1.2, 0.3, 0.9).requiresGrad(true)).assertPassed();
    }

    @Test
    void backwardWithCreateGraphStoresDifferentiableGrads() {
        Tensor x = Tensor.of(0.5, -1.0).requiresGrad(true);
        x.tanh().sum().backward(Tensor.scalar(1.0), false, true);
        Tensor g = x.grad();                                   // 1 − tanh²x, with a graph
        assertTrue(g.requiresGrad());
        Tensor penalty = g.square().sum();
        Tensor d = Autograd.grad(penalty, x, false);           // d/dx (1 − t²)² = 2(1 − t²)·(−2t(1 − t²))
        for (int i = 0; i < 2; i++) {
            double t = Math.tanh(x.data().getFlat(i));
            assertEquals(-4 * t * (1 - t * t) * (1 - t * t), d.data().getFlat(i), 1e-12);
        }
    }

    @Test
    void gradDoesNotTouchGradFieldsAndZeroFillsUnusedInputs() {
        Tensor x = Tensor.of(1.0, 2.0).requiresGrad(true);
        Tensor unused = Tensor.of(3.0).requiresGrad(true);
        Tensor[] g = Autograd.grad(new Tensor[] {x.square().sum()}, new Tensor[] {x, unused}, false);
        assertEquals(4.0, g[0].data().getFlat(1), 0.0);
        assertEquals(0.0, g[1].item(), 0.0);
        assertEquals(null, x.grad());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Autograd.grad(x.sum(), Tensor.of(1.0), false));
        assertTrue(e.getMessage().contains("does not require grad"), e.getMessage());
    }

    /** f(W1, b1, W2) = mean((tanh(X·W1 + b1)·W2 − t)²), a one-hidden-layer MLP's loss. */
    private static TensorFunction mlpLoss(NdArray x, NdArray t) {
        return p -> Tensor.of(x).matmul(p[0]).add(p[1]).tanh().matmul(p[2]).sub(Tensor.of(t)).square().mean();
    }

    @Test
    void hessianVectorProductOfAnMlpMatchesDifferencesOfGradients() {
        qt().withExamples(5).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            TensorFunction f = mlpLoss(Gen.uniform(r, -1, 1, 5, 3), Gen.uniform(r, -1, 1, 5, 1));
            NdArray[] p = {Gen.uniform(r, -1, 1, 3, 4), Gen.uniform(r, -1, 1, 4), Gen.uniform(r, -1, 1, 4, 1)};
            NdArray[] v = {Gen.uniform(r, -1, 1, 3, 4), Gen.uniform(r, -1, 1, 4), Gen.uniform(r, -1, 1, 4, 1)};
            Tensor[] pt = new Tensor[3];
            Tensor[] vt = new Tensor[3];
            for (int i = 0; i < 3; i++) {
                pt[i] = Tensor.of(p[i]);
                vt[i] = Tensor.of(v[i]);
            }
            Tensor[] hv = Autograd.hvp(f, pt, vt).derivatives();
            // (∇f(p + εv) − ∇f(p − εv)) / 2ε, gradients from plain first-order backward passes
            double eps = 1e-5;
            Tensor[] gp = gradAt(f, p, v, eps);
            Tensor[] gm = gradAt(f, p, v, -eps);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < p[i].size(); j++) {
                    double fd = (gp[i].data().getFlat(j) - gm[i].data().getFlat(j)) / (2 * eps);
                    double an = hv[i].data().getFlat(j);
                    assertEquals(fd, an, 1e-6 + 1e-4 * Math.abs(fd), "param " + i + " element " + j);
                }
            }
        });
    }

    private static Tensor[] gradAt(TensorFunction f, NdArray[] p, NdArray[] v, double step) {
        Tensor[] q = new Tensor[p.length];
        for (int i = 0; i < p.length; i++) {
            q[i] = Tensor.of(p[i].add(v[i].mul(step)), true);
        }
        f.apply(q).backward();
        Tensor[] g = new Tensor[p.length];
        for (int i = 0; i < p.length; i++) {
            g[i] = q[i].grad();
        }
        return g;
    }

    @Test
    void jvpAgreesWithFiniteDifferencesAndWithReverseMode() {
        qt().withExamples(10).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            TensorFunction f = xs -> xs[0].matmul(xs[1]).tanh().mul(xs[0].sum(1, true).sigmoid());
            NdArray[] x = {Gen.uniform(r, -1, 1, 3, 2), Gen.uniform(r, -1, 1, 2, 4)};
            NdArray[] v = {Gen.uniform(r, -1, 1, 3, 2), Gen.uniform(r, -1, 1, 2, 4)};
            Tensor[] xt = {Tensor.of(x[0]), Tensor.of(x[1])};
            Tensor[] vt = {Tensor.of(v[0]), Tensor.of(v[1])};
            Autograd.Result res = Autograd.jvp(f, xt, vt);
            NdArray jv = res.derivatives()[0].data();
            // forward differences of f along v
            double eps = 1e-6;
            NdArray fp;
            NdArray fm;
            try (var _ = Tensor.noGrad()) {
                fp = f.apply(Tensor.of(x[0].add(v[0].mul(eps))), Tensor.of(x[1].add(v[1].mul(eps)))).data();
                fm = f.apply(Tensor.of(x[0].sub(v[0].mul(eps))), Tensor.of(x[1].sub(v[1].mul(eps)))).data();
            }
            for (int i = 0; i < jv.size(); i++) {
                double fd = (fp.getFlat(i) - fm.getFlat(i)) / (2 * eps);
                assertEquals(fd, jv.getFlat(i), 1e-7 + 1e-5 * Math.abs(fd));
            }
            // ⟨Jv, w⟩ = ⟨v, Jᵀw⟩ with Jᵀw from reverse mode
            NdArray w = Gen.uniform(r, -1, 1, jv.shape());
            Tensor[] jtw = Autograd.vjp(f, xt, Tensor.of(w)).derivatives();
            double lhs = jv.mul(w).sum();
            double rhs = jtw[0].data().mul(v[0]).sum() + jtw[1].data().mul(v[1]).sum();
            assertEquals(lhs, rhs, 1e-10 * (1 + Math.abs(lhs)));
            assertTrue(res.output().data().allClose(f.apply(xt).data()));
        });
    }

    @Test
    void jvpChecksTangentShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Autograd.jvp(xs -> xs[0].exp(), new Tensor[] {Tensor.of(1.0, 2.0)},
                        new Tensor[] {Tensor.of(1.0)}));
        assertTrue(e.getMessage().contains("tangents[0]") && e.getMessage().contains("[2]"), e.getMessage());
    }
}
