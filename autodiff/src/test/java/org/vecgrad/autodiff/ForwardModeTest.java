package org.vecgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vecgrad.autodiff.OpGradientTest.Instance;
import org.vecgrad.autodiff.OpGradientTest.OpCase;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/**
 * Forward mode ({@link ForwardAD}, {@link Autograd#jvp}) on every op of {@link OpGradientTest#ops()} and on random
 * expression graphs: the tangent J·u equals reverse mode (⟨J·u, w⟩ = ⟨u, Jᵀ·w⟩, and J·u elementwise against the
 * double-vjp J·u) and central finite differences; plus the edge cases of dual levels.
 */
class ForwardModeTest {

    static final double EPS = 1e-6;
    static final double ATOL = 1e-5;
    static final double RTOL = 1e-3;

    /** The tangent J·u of f at x, by one forward pass; u[i] == null leaves input i without a tangent (zero). */
    static NdArray forward(TensorFunction f, NdArray[] x, NdArray[] u) {
        try (var _ = ForwardAD.dualLevel()) {
            Tensor[] xs = new Tensor[x.length];
            for (int i = 0; i < x.length; i++) {
                xs[i] = u[i] == null ? Tensor.of(x[i]) : ForwardAD.makeDual(Tensor.of(x[i]), Tensor.of(u[i]));
            }
            Tensor y = f.apply(xs);
            Tensor t = ForwardAD.unpackDual(y).tangent();
            return t == null ? NdArray.zerosLike(y.data()) : t.data();
        }
    }

    /** Σᵢ ⟨u[i], (Jᵀw)[i]⟩ by one reverse pass (inputs with u[i] == null contribute nothing). */
    static double reverse(TensorFunction f, NdArray[] x, NdArray[] u, NdArray w) {
        Tensor[] xs = new Tensor[x.length];
        for (int i = 0; i < x.length; i++) {
            xs[i] = Tensor.of(x[i]);
        }
        Tensor[] jtw = Autograd.vjp(f, xs, Tensor.of(w)).derivatives();
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            if (u[i] != null) {
                s += jtw[i].data().mul(u[i]).sum();
            }
        }
        return s;
    }

    /** (f(x + εu) − f(x − εu)) / 2ε, run without any graph or tangent. */
    static NdArray centralDifference(TensorFunction f, NdArray[] x, NdArray[] u) {
        Tensor[] p = new Tensor[x.length];
        Tensor[] m = new Tensor[x.length];
        for (int i = 0; i < x.length; i++) {
            p[i] = Tensor.of(u[i] == null ? x[i] : x[i].add(u[i].mul(EPS)));
            m[i] = Tensor.of(u[i] == null ? x[i] : x[i].sub(u[i].mul(EPS)));
        }
        try (var _ = Tensor.noGrad()) {
            return f.apply(p).data().sub(f.apply(m).data()).div(2 * EPS);
        }
    }

    /** Random tangents, one per input; with {@code partial}, a random non-empty subset of inputs get one. */
    static NdArray[] tangents(SplittableRandom r, NdArray[] x, boolean partial) {
        NdArray[] u = new NdArray[x.length];
        int keep = r.nextInt(x.length);
        for (int i = 0; i < x.length; i++) {
            if (!partial || i == keep || r.nextBoolean()) {
                u[i] = Gen.uniform(r, -1, 1, x[i].shape());
            }
        }
        return u;
    }

    static void assertClose(NdArray expected, NdArray actual, double atol, double rtol, String what) {
        assertEquals(expected.dtype(), actual.dtype(), what + ": dtype");
        assertTrue(java.util.Arrays.equals(expected.shape(), actual.shape()), what + ": shapes " + expected + " vs "
                + actual);
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.getFlat(i);
            double a = actual.getFlat(i);
            assertTrue(Math.abs(a - e) <= atol + rtol * Math.abs(e),
                    what + ": element " + i + " expected " + e + " got " + a + "\nexpected " + expected + "\nactual "
                            + actual);
        }
    }

    static java.util.List<OpCase> ops() {
        return OpGradientTest.ops();
    }

    // ================================================================================================ every op

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void forwardModeEqualsReverseMode(OpCase op) {
        qt().withExamples(10).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            Instance in = op.make().apply(r);
            NdArray[] x = in.inputs();
            NdArray[] u = tangents(r, x, r.nextBoolean());
            NdArray ju = forward(in.f(), x, u);
            NdArray w = Gen.uniform(r, -1, 1, ju.shape());
            double lhs = ju.mul(w).sum();                                        // wᵀ·(J·u), forward
            double rhs = reverse(in.f(), x, u, w);                               // (wᵀ·J)·u, reverse
            assertEquals(rhs, lhs, 1e-9 * (1 + Math.abs(rhs)), op.name() + ": wᵀJu forward vs reverse");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void forwardModeEqualsDoubleVjpElementwise(OpCase op) {
        qt().withExamples(4).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            Instance in = op.make().apply(r);
            NdArray[] x = in.inputs();
            NdArray[] u = tangents(r, x, false);
            Tensor[] xs = new Tensor[x.length];
            Tensor[] us = new Tensor[x.length];
            for (int i = 0; i < x.length; i++) {
                xs[i] = Tensor.of(x[i]);
                us[i] = Tensor.of(u[i]);
            }
            Autograd.Result fwd = Autograd.jvp(in.f(), xs, us);
            Autograd.Result rev = Autograd.jvpByDoubleVjp(in.f(), xs, us);
            assertClose(rev.derivatives()[0].data(), fwd.derivatives()[0].data(), 1e-10, 1e-9, op.name());
            assertClose(rev.output().data(), fwd.output().data(), 0, 0, op.name() + " output");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void forwardModeEqualsFiniteDifferences(OpCase op) {
        qt().withExamples(8).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            Instance in = op.make().apply(r);
            NdArray[] x = in.inputs();
            NdArray[] u = tangents(r, x, r.nextBoolean());
            assertClose(centralDifference(in.f(), x, u), forward(in.f(), x, u), ATOL, RTOL, op.name());
        });
    }

    /** In F32 the tangent stays F32 and agrees with the F64 one within F32 tolerance. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void f32TangentsAgreeWithF64(OpCase op) {
        qt().withExamples(3).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            Instance in = op.make().apply(r);
            NdArray[] x = in.inputs();
            NdArray[] u = tangents(r, x, false);
            NdArray[] x32 = new NdArray[x.length];
            NdArray[] u32 = new NdArray[x.length];
            for (int i = 0; i < x.length; i++) {
                x32[i] = x[i].to(DType.F32);
                u32[i] = u[i].to(DType.F32);
            }
            NdArray t64 = forward(in.f(), x, u);
            NdArray t32 = forward(in.f(), x32, u32);
            assertEquals(DType.F32, t32.dtype(), op.name());
            assertClose(t64, t32.to(DType.F64), 1e-3, 1e-3, op.name() + " F32 vs F64");
        });
    }

    // ================================================================================================ random graphs

    @Test
    void randomGraphsForwardEqualsReverseAndFiniteDifferences() {
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            RandomGraphTest.Program p = RandomGraphTest.randomProgram(r);
            NdArray[] x = p.inputs();
            NdArray[] u = tangents(r, x, r.nextBoolean());
            NdArray ju = forward(p, x, u);
            NdArray w = Gen.uniform(r, -1, 1, ju.shape());
            double lhs = ju.mul(w).sum();
            double rhs = reverse(p, x, u, w);
            assertEquals(rhs, lhs, 1e-9 * (1 + Math.abs(rhs)), () -> p.steps().toString());
            assertClose(centralDifference(p, x, u), ju, ATOL, RTOL, p.steps().toString());
        });
    }

    /** The contrast in one test: the full Jacobian by n forward passes (columns) equals m reverse passes (rows). */
    @Test
    void jacobianByColumnsEqualsJacobianByRows() {
        SplittableRandom r = new SplittableRandom(7);
        TensorFunction f = xs -> xs[0].matmul(xs[1]).tanh().softmax(1);
        NdArray a = Gen.uniform(r, -1, 1, 2, 3);
        NdArray b = Gen.uniform(r, -1, 1, 3, 2);
        int n = a.size();
        int m = 4;                                                     // f(a) has shape [2, 2]
        double[][] byColumns = new double[m][n];
        for (int j = 0; j < n; j++) {                                  // one forward pass per input direction eⱼ
            NdArray e = NdArray.zeros(DType.F64, 2, 3);
            e.setFlat(j, 1);
            NdArray col = forward(f, new NdArray[] {a, b}, new NdArray[] {e, null});
            for (int i = 0; i < m; i++) {
                byColumns[i][j] = col.getFlat(i);
            }
        }
        for (int i = 0; i < m; i++) {                                  // one reverse pass per output direction eᵢ
            NdArray e = NdArray.zeros(DType.F64, 2, 2);
            e.setFlat(i, 1);
            NdArray row = Autograd.vjp(f, new Tensor[] {Tensor.of(a), Tensor.of(b)}, Tensor.of(e))
                    .derivatives()[0].data();
            for (int j = 0; j < n; j++) {
                assertEquals(row.getFlat(j), byColumns[i][j], 1e-12, "J[" + i + "][" + j + "]");
            }
        }
    }

    // ================================================================================================ teaching example

    /** d/dx tanh x = 1 − tanh² x, read off the tangent of one forward pass with ẋ = 1. */
    @Test
    void tanhDerivativeByForwardMode() {
        double[] xs = {-2, -0.5, 0, 0.3, 1.7};
        try (var _ = ForwardAD.dualLevel()) {
            Tensor x = ForwardAD.makeDual(Tensor.of(xs), Tensor.ones(DType.F64, xs.length));
            Tensor y = x.tanh();
            ForwardAD.Dual d = ForwardAD.unpackDual(y);
            for (int i = 0; i < xs.length; i++) {
                double t = Math.tanh(xs[i]);
                assertEquals(t, d.primal().data().getFlat(i), 1e-15);
                assertEquals(1 - t * t, d.tangent().data().getFlat(i), 1e-15);
            }
        }
    }

    // ================================================================================================ edge cases

    @Test
    void dualTimesPlainTensor() {
        try (var _ = ForwardAD.dualLevel()) {
            Tensor x = ForwardAD.makeDual(Tensor.of(1.0, 2.0), Tensor.of(0.5, -1.0));
            Tensor c = Tensor.of(new double[][] {{3, 4}, {5, 6}});
            Tensor y = x.mul(c);                                       // broadcast [2] against [2, 2]
            NdArray t = ForwardAD.unpackDual(y).tangent().data();
            assertClose(Tensor.of(0.5, -1.0).data().mul(c.data()), t, 0, 0, "ẏ = ẋ·c");
            assertNull(ForwardAD.unpackDual(c).tangent(), "the plain operand has no tangent");
            assertNull(ForwardAD.unpackDual(c.exp()).tangent(), "nor anything computed from it alone");
        }
    }

    @Test
    void sharedSubexpressionCountsEveryUse() {
        try (var _ = ForwardAD.dualLevel()) {
            Tensor a = ForwardAD.makeDual(Tensor.of(3.0), Tensor.of(1.0));
            Tensor b = a.add(a);
            Tensor c = b.add(b);
            assertEquals(4, ForwardAD.unpackDual(c).tangent().item(), "dc/da = 4");
            Tensor sq = a.mul(a);
            assertEquals(6, ForwardAD.unpackDual(sq).tangent().item(), "d(a·a)/da = 2a");
        }
    }

    @Test
    void exitedLevelDropsTangents() {
        Tensor x;
        Tensor y;
        try (var level = ForwardAD.dualLevel()) {
            x = ForwardAD.makeDual(Tensor.of(1.0, 2.0), Tensor.of(1.0, 1.0));
            y = x.exp();
            assertNotNull(ForwardAD.unpackDual(y).tangent());
            assertTrue(level.isOpen());
        }
        assertFalse(ForwardAD.isDualLevelOpen());
        assertNull(ForwardAD.unpackDual(x).tangent(), "tangent gone with its level");
        assertNull(ForwardAD.unpackDual(y).tangent());
        assertNull(ForwardAD.unpackDual(y.mul(x)).tangent(), "ops after the level ignore stale tangents");
        try (var _ = ForwardAD.dualLevel()) {
            assertNull(ForwardAD.unpackDual(x.exp()).tangent(), "nor do they come back in a new level");
        }
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ForwardAD.makeDual(Tensor.of(1.0), Tensor.of(1.0)));
        assertTrue(e.getMessage().contains("dualLevel"), e.getMessage());
    }

    @Test
    void levelsDoNotNest() {
        try (var level = ForwardAD.dualLevel()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, ForwardAD::dualLevel);
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
            IllegalStateException j = assertThrows(IllegalStateException.class,
                    () -> Autograd.jvp(xs -> xs[0].exp(), new Tensor[] {Tensor.of(1.0)},
                            new Tensor[] {Tensor.of(1.0)}));
            assertTrue(j.getMessage().contains("already open"), j.getMessage());
            assertTrue(level.isOpen(), "the failed attempts leave the level open");
        }
        assertFalse(ForwardAD.isDualLevelOpen());
    }

    @Test
    void tangentShapeOrDtypeMismatchIsAClearErrorAndChangesNothing() {
        try (var level = ForwardAD.dualLevel()) {
            Tensor p = Tensor.zeros(DType.F64, 2, 3);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ForwardAD.makeDual(p, Tensor.zeros(DType.F64, 3, 2)));
            assertTrue(e.getMessage().contains("[3, 2]") && e.getMessage().contains("[2, 3]"), e.getMessage());
            IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
                    () -> ForwardAD.makeDual(p, Tensor.zeros(DType.F32, 2, 3)));
            assertTrue(d.getMessage().contains("F32") && d.getMessage().contains("F64"), d.getMessage());
            assertNull(ForwardAD.unpackDual(p).tangent(), "the primal got no tangent");
            assertTrue(level.isOpen());
            Tensor ok = ForwardAD.makeDual(p, Tensor.ones(DType.F64, 2, 3));
            assertEquals(6, ForwardAD.unpackDual(ok.sum()).tangent().item(), "the level still works");
        }
    }

    /** As in PyTorch, forward mode does not depend on grad mode: it works under noGrad (and records no graph). */
    @Test
    void forwardModeWorksInsideNoGrad() {
        try (var _ = ForwardAD.dualLevel(); var _ = Tensor.noGrad()) {
            Tensor w = Tensor.of(1.0, 2.0).requiresGrad(true);
            Tensor x = ForwardAD.makeDual(w, Tensor.of(1.0, 0.0));
            Tensor y = x.square().sum();
            assertFalse(y.requiresGrad(), "no graph under noGrad");
            assertEquals(2, ForwardAD.unpackDual(y).tangent().item(), "d/dx₀ Σx² = 2x₀");
        }
    }

    /** With grad mode on, a backward graph is recorded alongside, and gradients flow through makeDual. */
    @Test
    void forwardAndReverseInOnePass() {
        try (var _ = ForwardAD.dualLevel()) {
            Tensor w = Tensor.of(0.5, -1.0).requiresGrad(true);
            Tensor x = ForwardAD.makeDual(w, Tensor.of(1.0, 1.0));
            Tensor y = x.tanh().sum();
            y.backward();
            double t0 = Math.tanh(0.5);
            double t1 = Math.tanh(-1.0);
            assertEquals(1 - t0 * t0, w.grad().data().getFlat(0), 1e-15);
            assertEquals((1 - t0 * t0) + (1 - t1 * t1), ForwardAD.unpackDual(y).tangent().item(), 1e-15);
        }
    }

    @Test
    void customOpWithoutJvpRuleThrowsNamingIt() {
        try (var _ = ForwardAD.dualLevel()) {
            Tensor x = ForwardAD.makeDual(Tensor.of(1.0, 2.0), Tensor.of(1.0, 1.0));
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> Tensor.custom("cube", x.data().pow(3), new Tensor[] {x},
                            (g, y) -> g.mul(x.square().mul(3))));
            assertTrue(e.getMessage().contains("'cube'") && e.getMessage().contains("customWithJvp"),
                    e.getMessage());
            Tensor y = Tensor.customWithJvp("cube", x.data().pow(3), new Tensor[] {x},
                    t -> t[0].mul(x.data().square().mul(3)),                  // ẏ = 3x²·ẋ
                    (g, yy) -> g.mul(x.square().mul(3)));
            assertClose(NdArray.of(new double[] {3, 12}), ForwardAD.unpackDual(y).tangent().data(), 0, 0, "cube");
            Tensor plain = Tensor.custom("cube", NdArray.of(new double[] {8}), new Tensor[] {Tensor.of(2.0)},
                    (g, yy) -> g);
            assertNull(ForwardAD.unpackDual(plain).tangent(), "a custom op on plain tensors is fine in a level");
        }
    }

    @Test
    void detachDropsTheTangent() {
        try (var _ = ForwardAD.dualLevel()) {
            Tensor x = ForwardAD.makeDual(Tensor.of(1.0), Tensor.of(1.0));
            assertNull(ForwardAD.unpackDual(x.detach()).tangent());
            assertNull(ForwardAD.unpackDual(ForwardAD.unpackDual(x).primal()).tangent());
        }
    }

    @Test
    void jvpOfAConstantFunctionIsZeroAndDoesNotShareTheCallersTangent() {
        Tensor u = Tensor.of(1.0, 2.0);
        Autograd.Result c = Autograd.jvp(xs -> Tensor.of(5.0), new Tensor[] {Tensor.of(0.0, 0.0)}, new Tensor[] {u});
        assertEquals(0, c.derivatives()[0].item());
        Autograd.Result id = Autograd.jvp(xs -> xs[0].add(1), new Tensor[] {Tensor.of(0.0, 0.0)}, new Tensor[] {u});
        assertClose(u.data(), id.derivatives()[0].data(), 0, 0, "J = I");
        id.derivatives()[0].data().setFlat(0, 99);
        assertEquals(1, u.data().getFlat(0), "the result is a copy, not the caller's tangent");
    }

    /** Forward over reverse: inside a dual level, gradients with createGraph carry H·u as their tangent. */
    @Test
    void forwardOverReverseGivesHessianVectorProducts() {
        qt().withExamples(10).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            TensorFunction f = xs -> xs[0].matmul(xs[1]).gelu().mul(xs[0].sum(1, true).sigmoid()).logSumExp(1,
                    false).narrow(0, 1, 2).sum();
            NdArray[] x = {Gen.uniform(r, -1, 1, 3, 2), Gen.uniform(r, -1, 1, 2, 4)};
            NdArray[] u = {Gen.uniform(r, -1, 1, 3, 2), Gen.uniform(r, -1, 1, 2, 4)};
            Tensor[] hv = Autograd.hvp(f, new Tensor[] {Tensor.of(x[0]), Tensor.of(x[1])},
                    new Tensor[] {Tensor.of(u[0]), Tensor.of(u[1])}).derivatives();
            try (var _ = ForwardAD.dualLevel()) {
                Tensor[] xs = new Tensor[2];
                for (int i = 0; i < 2; i++) {
                    xs[i] = ForwardAD.makeDual(Tensor.of(x[i], true), Tensor.of(u[i]));
                }
                Tensor[] g = Autograd.grad(new Tensor[] {f.apply(xs)}, xs, true);
                for (int i = 0; i < 2; i++) {
                    assertClose(hv[i].data(), ForwardAD.unpackDual(g[i]).tangent().data(), 1e-10, 1e-8,
                            "H·u for input " + i);
                }
            }
        });
    }

    /** Outside a dual level an op allocates nothing for forward mode: results have no out-of-line state. */
    @Test
    void plainOpsCarryNoForwardModeState() {
        Tensor x = Tensor.of(new double[][] {{1.0, 2.0}}).requiresGrad(true);
        Tensor y = x.tanh().matmul(Tensor.of(new double[][] {{1}, {2}})).softmax(0).sum();
        assertNull(y.extras);
        try (var _ = ForwardAD.dualLevel()) {
            assertNull(x.exp().extras, "nor inside a level, when no input is dual");
        }
    }

    /**
     * Every public Tensor method that returns a Tensor is either tested above (through OpGradientTest.ops()) with
     * its own forward rule, or composed of such ops, or not an op: a new op must be added here, with a rule.
     */
    @Test
    void everyTensorOpIsKnown() {
        Set<String> known = Set.of(
                // ops with their own forward rule, exercised by ops()
                "add", "sub", "mul", "div", "maximum", "minimum", "rsub", "rdiv", "neg", "abs", "exp", "log",
                "sqrt", "square", "pow", "clamp", "step", "sigmoid", "tanh", "relu", "leakyRelu", "elu",
                "softplus", "swish", "gelu", "geluTanh", "hardSigmoid", "hardTanh", "prelu", "sum", "max", "min",
                "softmax", "logSoftmax", "logSumExp", "matmul", "addmm", "affine", "reshape", "permute", "expand", "concat", "narrow",
                "indexSelect", "gather", "to",
                "geluSigmoid",
                // compositions of the above
                "silu", "maxout", "mean", "mT", "view", "flatten", "unsqueeze", "squeeze", "transpose", "sumToShape",
                "rows",
                // not operations: factories, graph and gradient plumbing
                "of", "scalar", "zeros", "ones", "full", "randn", "rand", "custom", "customWithJvp", "ownedGradient",
                "requiresGrad", "grad", "retainGrad", "detach", "name");
        Set<String> unknown = new TreeSet<>();
        for (Method m : Tensor.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && m.getReturnType() == Tensor.class
                    && !known.contains(m.getName())) {
                unknown.add(m.getName());
            }
        }
        assertTrue(unknown.isEmpty(), "Tensor ops without a known forward-mode rule: " + unknown);
    }

    @Test
    void unpackDualOfAPlainTensorKeepsIt() {
        Tensor x = Tensor.of(1.0);
        ForwardAD.Dual d = ForwardAD.unpackDual(x);
        assertSame(x, d.primal());
        assertNull(d.tangent());
    }
}
