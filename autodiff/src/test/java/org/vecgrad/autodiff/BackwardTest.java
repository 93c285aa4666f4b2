package org.vecgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/** The backward pass: known answers, shared subexpressions, deep graphs, accumulation, release, scopes, errors. */
class BackwardTest {

    private static Tensor scalarLeaf(double v) {
        return Tensor.scalar(v).requiresGrad(true);
    }

    /** micrograd's README example, with its published answers. */
    @Test
    void microgradKnownAnswer() {
        Tensor a = scalarLeaf(-4.0);
        Tensor b = scalarLeaf(2.0);
        Tensor c = a.add(b);
        Tensor d = a.mul(b).add(b.pow(3));
        c = c.add(c.add(1));
        c = c.add(c.add(1).add(a.neg()));                 // c += 1 + c + (−a)
        d = d.add(d.mul(2).add(b.add(a).relu()));
        d = d.add(d.mul(3).add(b.sub(a).relu()));
        Tensor e = c.sub(d);
        Tensor f = e.pow(2);
        Tensor g = f.div(2.0);
        g = g.add(f.rdiv(10.0));                           // g += 10 / f
        g.backward();
        assertEquals(24.7041, g.item(), 1e-4);
        assertEquals(138.8338, a.grad().item(), 1e-4);
        assertEquals(645.5773, b.grad().item(), 1e-4);
    }

    @Test
    void sharedSubexpressionIsVisitedOnce() {
        Tensor a = scalarLeaf(1.0);
        Tensor b = a.add(a);
        Tensor c = b.add(b);
        c.backward();
        assertEquals(4.0, a.grad().item(), 0.0);
    }

    @Test
    void diamondGraphSumsBothPaths() {
        Tensor x = scalarLeaf(3.0);
        Tensor y = x.square();                  // shared by both branches
        Tensor z = y.mul(x).add(y.exp().log()); // x³ + x²
        z.backward();
        assertEquals(3 * 9 + 2 * 3, x.grad().item(), 1e-12);
    }

    @Test
    void aChainOf100000OpsDoesNotOverflowTheStack() {
        Tensor x = Tensor.of(1.0, 2.0).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 100_000; i++) {
            y = (i % 2 == 0) ? y.add(0.5) : y.mul(1.0);
        }
        y.sum().backward();
        assertArrayEquals(new double[] {1, 1}, x.grad().data().toDoubleArray(), 0.0);
    }

    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilZeroGrad() {
        Tensor x = Tensor.of(1.0, -2.0).requiresGrad(true);
        x.mul(3.0).sum().backward();
        x.mul(3.0).sum().backward();
        assertArrayEquals(new double[] {6, 6}, x.grad().data().toDoubleArray(), 0.0);
        x.zeroGrad();
        assertArrayEquals(new double[] {0, 0}, x.grad().data().toDoubleArray(), 0.0);
        x.square().sum().backward();
        assertArrayEquals(new double[] {2, -4}, x.grad().data().toDoubleArray(), 0.0);
        x.clearGrad();
        assertNull(x.grad());
    }

    @Test
    void theGraphIsReleasedAfterBackwardUnlessRetained() {
        Tensor x = Tensor.of(1.0, 2.0).requiresGrad(true);
        Tensor loss = x.tanh().sum();
        loss.backward(true);
        loss.backward();                                   // allowed: the first pass retained the graph
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("retainGraph"), e.getMessage());
        assertTrue(e.getMessage().contains("already released"), e.getMessage());
        assertEquals(0, loss.node.inputs.length, "a released loss keeps no intermediate tensors alive");
    }

    @Test
    void aBranchSharingAReleasedSubgraphCannotBackward() {
        Tensor x = Tensor.of(1.0, 2.0).requiresGrad(true);
        Tensor h = x.exp();
        Tensor a = h.sum();
        Tensor b = h.square().sum();
        a.backward();                                      // releases h's node as well
        IllegalStateException e = assertThrows(IllegalStateException.class, b::backward);
        assertTrue(e.getMessage().contains("'exp'"), e.getMessage());
    }

    @Test
    void backwardOfANonScalarNeedsAnUpstreamGradient() {
        Tensor x = Tensor.of(1.0, 2.0, 3.0).requiresGrad(true);
        Tensor y = x.mul(2.0);
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("[3]") && e.getMessage().contains("backward(upstream)"), e.getMessage());
        y.backward(Tensor.of(1.0, 10.0, 100.0));
        assertArrayEquals(new double[] {2, 20, 200}, x.grad().data().toDoubleArray(), 0.0);
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> x.mul(2.0).backward(Tensor.of(1.0, 2.0)));
        assertTrue(bad.getMessage().contains("[2]") && bad.getMessage().contains("[3]"), bad.getMessage());
    }

    @Test
    void noGradScopeRecordsNothingAndRestores() {
        Tensor x = Tensor.of(1.0, 2.0).requiresGrad(true);
        try (var _ = Tensor.noGrad()) {
            Tensor y = x.mul(2.0);
            assertFalse(y.requiresGrad());
            assertTrue(y.isLeaf());
            try (var _ = GradMode.enableGrad()) {
                assertTrue(x.mul(2.0).requiresGrad());
            }
            assertFalse(GradMode.isEnabled());
        }
        assertTrue(GradMode.isEnabled());
        assertTrue(x.mul(2.0).requiresGrad());
    }

    @Test
    void noGradIsThreadLocal() throws InterruptedException {
        Tensor x = Tensor.of(1.0).requiresGrad(true);
        AtomicBoolean otherThreadRecords = new AtomicBoolean();
        try (var _ = Tensor.noGrad()) {
            Thread t = new Thread(() -> otherThreadRecords.set(x.mul(2.0).requiresGrad()));
            t.start();
            t.join();
        }
        assertTrue(otherThreadRecords.get());
    }

    @Test
    void detachCutsTheGraph() {
        Tensor x = Tensor.of(2.0).requiresGrad(true);
        Tensor y = x.square();
        Tensor z = y.detach().mul(x);                       // d/dx = y (a constant) = 4
        z.sum().backward();
        assertEquals(4.0, x.grad().item(), 0.0);
        assertFalse(y.detach().requiresGrad());
        assertSame(y.data(), y.detach().data());
    }

    @Test
    void retainGradKeepsAnIntermediateGradient() {
        Tensor x = Tensor.of(1.0, 2.0).requiresGrad(true);
        Tensor y = x.mul(3.0).retainGrad();
        y.square().sum().backward();
        assertArrayEquals(new double[] {6, 12}, y.grad().data().toDoubleArray(), 1e-12);
        assertNull(x.mul(1.0).grad());
    }

    @Test
    void dtypeConversionIsDifferentiableAndGradsKeepTheLeafDtype() {
        Tensor x = Tensor.of(NdArray.of(new float[] {1.5f, -2f}), true);
        x.to(DType.F64).square().sum().backward();
        assertEquals(DType.F32, x.grad().dtype());
        assertArrayEquals(new double[] {3, -4}, x.grad().data().toDoubleArray(), 0.0);
    }

    @Test
    void mixingDtypesNamesTheOpAndBothOperands() {
        Tensor a = Tensor.zeros(DType.F32, 2, 3);
        Tensor b = Tensor.zeros(DType.F64, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.mul(b));
        assertTrue(e.getMessage().startsWith("mul:"), e.getMessage());
        assertTrue(e.getMessage().contains("F32 [2, 3]") && e.getMessage().contains("F64 [3]"), e.getMessage());
        assertTrue(e.getMessage().contains("to(DType)"), e.getMessage());
    }

    @Test
    void badInputsGiveClearMessages() {
        Tensor x = Tensor.of(1.0, 2.0).requiresGrad(true);
        Tensor y = x.exp();
        IllegalStateException nonLeaf = assertThrows(IllegalStateException.class, () -> y.requiresGrad(false));
        assertTrue(nonLeaf.getMessage().contains("'exp'") && nonLeaf.getMessage().contains("detach"));

        IllegalStateException noGraph = assertThrows(IllegalStateException.class,
                () -> Tensor.of(1.0).exp().sum().backward());
        assertTrue(noGraph.getMessage().contains("does not require grad"), noGraph.getMessage());

        Tensor m = Tensor.zeros(DType.F64, 2, 3).requiresGrad(true);
        IndexOutOfBoundsException label = assertThrows(IndexOutOfBoundsException.class, () -> m.gather(0, 3));
        assertTrue(label.getMessage().contains("labels[1] = 3") && label.getMessage().contains("0 .. 2"),
                label.getMessage());
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class, () -> m.gather(0));
        assertTrue(count.getMessage().contains("[2, 3]") && count.getMessage().contains("1 labels"),
                count.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> m.indexSelect(2));
        assertThrows(IndexOutOfBoundsException.class, () -> m.narrow(1, 2, 2));
        IllegalArgumentException maxout = assertThrows(IllegalArgumentException.class, () -> m.maxout(2));
        assertTrue(maxout.getMessage().contains("maxout(2)"), maxout.getMessage());
        IllegalArgumentException prelu = assertThrows(IllegalArgumentException.class,
                () -> m.prelu(Tensor.zeros(DType.F64, 2)));
        assertTrue(prelu.getMessage().contains("[2]") && prelu.getMessage().contains("[2, 3]"),
                prelu.getMessage());
        IllegalArgumentException swish = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(DType.F64, 3).swish(Tensor.zeros(DType.F64, 2, 3)));
        assertTrue(swish.getMessage().contains("beta"), swish.getMessage());
    }

    @Test
    void aCustomRuleReturningTheWrongShapeIsReported() {
        Tensor x = Tensor.of(1.0, 2.0).requiresGrad(true);
        Tensor y = Tensor.custom("broken", x.data().copy(), new Tensor[] {x}, (g, out) -> g.sum());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
        assertTrue(e.getMessage().contains("'broken'") && e.getMessage().contains("[2]"), e.getMessage());
    }

    @Test
    void aCustomOpWithARightRulePassesGradcheck() {
        TensorFunction cube = xs -> {
            Tensor x = xs[0];
            return Tensor.custom("cube", x.data().mul(x.data()).mul(x.data()), new Tensor[] {x},
                    (g, y) -> g.mul(x.square().mul(3)));
        };
        GradCheck.check(cube, Tensor.of(0.5, -1.5, 2.0).requiresGrad(true)).assertPassed();
        GradCheck.gradgradcheck(cube, Tensor.of(0.5, -1.5, 2.0).requiresGrad(true)).assertPassed();
    }

    @Test
    void unusedLeavesGetNoGradAndConstantsGetNone() {
        Tensor x = Tensor.of(1.0).requiresGrad(true);
        Tensor unused = Tensor.of(1.0).requiresGrad(true);
        Tensor c = Tensor.of(5.0);
        x.mul(c).sum().backward();
        assertNull(unused.grad());
        assertNull(c.grad());
        assertEquals(5.0, x.grad().item(), 0.0);
    }

    @Test
    void maxOverAnAxisSendsTheGradientToTheFirstMaximum() {
        Tensor x = Tensor.of(new double[][] {{1, 3, 3}, {5, 5, 2}}).requiresGrad(true);
        x.max(1, false).sum().backward();
        assertArrayEquals(new double[] {0, 1, 0, 1, 0, 0}, x.grad().data().toDoubleArray(), 0.0);
        Tensor y = Tensor.of(2.0, -1.0, 2.0).requiresGrad(true);
        y.min().backward();
        assertArrayEquals(new double[] {0, 1, 0}, y.grad().data().toDoubleArray(), 0.0);
    }

    @Test
    void maximumAndMinimumSplitTheGradientOnATie() {
        Tensor a = Tensor.of(1.0, 2.0, 3.0).requiresGrad(true);
        Tensor b = Tensor.of(2.0).requiresGrad(true);
        a.maximum(b).sum().backward();
        assertArrayEquals(new double[] {0, 0.5, 1}, a.grad().data().toDoubleArray(), 0.0);
        assertEquals(1.5, b.grad().item(), 0.0);
        a.zeroGrad();
        b.zeroGrad();
        a.minimum(b).sum().backward();
        assertArrayEquals(new double[] {1, 0.5, 0}, a.grad().data().toDoubleArray(), 0.0);
        assertEquals(1.5, b.grad().item(), 0.0);
    }

    @Test
    void learnableSwishBetaGetsXSquaredSigmaOneMinusSigma() {
        double[] xs = {-1.3, 0.4, 2.2};
        Tensor x = Tensor.of(xs).requiresGrad(true);
        Tensor beta = Tensor.of(0.8).requiresGrad(true);
        x.swish(beta).sum().backward();
        double expected = 0;
        for (int i = 0; i < xs.length; i++) {
            double v = xs[i];
            double s = 1 / (1 + Math.exp(-0.8 * v));
            expected += v * v * s * (1 - s);                 // d/dβ x·σ(βx) = x²σ(βx)(1 − σ(βx)), summed over x
            assertEquals(s + 0.8 * v * s * (1 - s), x.grad().data().getFlat(i), 1e-12);
        }
        assertEquals(expected, beta.grad().item(), 1e-12);
        // with a fixed β = 0.8 the op agrees with the engine's SWISH
        assertTrue(Tensor.of(xs).swish(Tensor.of(0.8)).data().allClose(Tensor.of(xs).swish(0.8).data(), 1e-12, 0,
                false));
    }

    @Test
    void shapeHelpersRoundTrip() {
        Tensor x = Tensor.zeros(DType.F64, 2, 3).requiresGrad(true);
        assertArrayEquals(new int[] {2, 1, 3}, x.unsqueeze(1).shape());
        assertArrayEquals(new int[] {2, 3}, x.unsqueeze(-1).squeeze(-1).shape());
        assertArrayEquals(new int[] {6}, x.flatten().shape());
        assertArrayEquals(new int[] {3, 2}, x.mT().shape());
        assertThrows(IllegalArgumentException.class, () -> x.squeeze(0));
        x.unsqueeze(0).view(3, 2).mul(Tensor.of(1.0, 2.0)).sum().backward();
        assertArrayEquals(new double[] {1, 2, 1, 2, 1, 2}, x.grad().data().toDoubleArray(), 0.0);
    }

    @Test
    void dotExportNamesOpsShapesAndSmallValues() {
        Tensor w = Tensor.of(1.0, 2.0).requiresGrad(true).name("w");
        Tensor loss = w.mul(Tensor.of(3.0, 4.0)).tanh().sum();
        loss.backward(true);
        String dot = loss.toDot();
        assertTrue(dot.startsWith("digraph"), dot);
        for (String s : new String[] {"sum", "tanh", "mul", "w\\n", "F64 [2]", "requiresGrad", "grad [", "->", "[label=\"1\"]"}) {
            assertTrue(dot.contains(s), "missing " + s + " in\n" + dot);
        }
    }

    @Test
    void inputsWalkTheRecordedGraphUntilBackwardReleasesIt() {
        Tensor w = Tensor.of(1.0, 2.0).requiresGrad(true);
        Tensor c = Tensor.of(3.0, 4.0);
        Tensor m = w.mul(c);
        Tensor loss = m.tanh().sum();
        assertEquals(List.of(), w.inputs(), "a leaf");
        assertEquals(2, m.inputs().size());
        assertSame(w, m.inputs().get(0), "operand order: w * c");
        assertSame(c, m.inputs().get(1));
        assertSame(m, loss.inputs().get(0).inputs().get(0));
        try (var _ = Tensor.noGrad()) {
            assertEquals(List.of(), w.mul(c).inputs(), "nothing recorded");
        }
        assertEquals(List.of(), c.exp().inputs(), "no input requires grad");
        loss.backward();
        assertEquals(List.of(), m.inputs(), "released by backward");
        assertEquals("mul", m.op());
    }

    /**
     * A gradient a rule has just allocated (matmul's, here) becomes a leaf's grad without a copy; when a rule passes
     * that gradient on to several inputs (add), only one may take it: every grad must stay its own buffer.
     */
    @Test
    void takenOverGradientsNeverShareStorage() {
        Tensor p = Tensor.of(new double[][] {{1, 2}, {3, 4}}).requiresGrad(true);
        Tensor q = Tensor.of(new double[][] {{-1, 0.5}, {2, -3}}).requiresGrad(true);
        Tensor c = Tensor.of(new double[][] {{0.5, -1, 2}, {1.5, 1, -2}});
        Tensor s = p.add(q).retainGrad();                  // s, p and q all receive the same G·Cᵀ
        Tensor loss = s.matmul(c).square().sum();
        loss.backward(true);
        NdArray first = p.grad().data().copy();
        assertTrue(first.allClose(q.grad().data()));
        assertTrue(first.allClose(s.grad().data()));
        assertFalse(p.grad().data().doubleData() == q.grad().data().doubleData());
        assertFalse(p.grad().data().doubleData() == s.grad().data().doubleData());
        assertFalse(q.grad().data().doubleData() == s.grad().data().doubleData());
        p.zeroGrad();                                      // in place: must not touch q's or s's grad
        assertTrue(first.allClose(q.grad().data()));
        assertTrue(first.allClose(s.grad().data()));
        loss.backward();                                   // accumulates in place: p = G, q = s = 2G
        assertTrue(first.allClose(p.grad().data()));
        assertTrue(first.mul(2.0).allClose(q.grad().data()));
        assertTrue(first.mul(2.0).allClose(s.grad().data()));

        Tensor p2 = p.detach().requiresGrad(true);         // no retained intermediate: p2 or q2 takes G·Cᵀ
        Tensor q2 = q.detach().requiresGrad(true);
        p2.add(q2).matmul(c).square().sum().backward();
        assertFalse(p2.grad().data().doubleData() == q2.grad().data().doubleData());
        q2.zeroGrad();
        assertTrue(first.allClose(p2.grad().data()));
    }

    @Test
    void theCallersUpstreamGradientIsNeverTakenOver() {
        Tensor w = Tensor.of(1.0, 2.0).requiresGrad(true);
        Tensor up = Tensor.of(3.0, -4.0);
        w.mul(1.0).backward(up);
        w.zeroGrad();
        assertArrayEquals(new double[] {3, -4}, up.data().toDoubleArray());
        Tensor[] g = Autograd.grad(new Tensor[] {w.mul(2.0)}, new Tensor[] {w}, new Tensor[] {up}, false, false);
        w.clearGrad();
        w.backward(g[0]);                                  // a gradient returned by grad() is the caller's too
        w.zeroGrad();
        assertArrayEquals(new double[] {6, -8}, g[0].data().toDoubleArray());
    }

    @Test
    void aCustomRuleCanHandOverTheArrayItAllocated() {
        Tensor x = Tensor.of(1.0, -2.0).requiresGrad(true);
        NdArray[] made = new NdArray[1];
        Tensor y = Tensor.custom("triple", x.data().mul(3.0), new Tensor[] {x}, (g, out) -> {
            made[0] = g.data().mul(3.0);
            return Tensor.ownedGradient(made[0]);
        });
        y.sum().backward();
        assertSame(made[0], x.grad().data());                // taken over, not copied
        assertArrayEquals(new double[] {3, 3}, x.grad().data().toDoubleArray());
        Tensor z = Tensor.custom("copyRule", x.data().copy(), new Tensor[] {x}, (g, out) -> Tensor.of(made[0]));
        x.clearGrad();
        z.sum().backward();
        assertFalse(made[0] == x.grad().data(), "a plain Tensor.of from a rule is copied");
        // the caller's upstream is never taken over, even when wrapped as owned
        Tensor up = Tensor.ownedGradient(NdArray.of(new double[] {5, 6}));
        x.clearGrad();
        x.backward(up);
        assertFalse(up.data() == x.grad().data());
    }
}
