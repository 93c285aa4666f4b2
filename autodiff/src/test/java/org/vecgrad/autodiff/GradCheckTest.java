package org.vecgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/** GradCheck itself: it must catch wrong rules, explain its refusals and report readably. */
class GradCheckTest {

    /** x² with a wrong rule (g·x instead of 2g·x). */
    private static Tensor badSquare(Tensor x) {
        return Tensor.custom("badSquare", x.data().mul(x.data()), new Tensor[] {x}, (g, y) -> g.mul(x));
    }

    /** x² with a rule right in value but cut from the graph (its own derivative is lost). */
    private static Tensor detachedSquare(Tensor x) {
        return Tensor.custom("detachedSquare", x.data().mul(x.data()), new Tensor[] {x},
                (g, y) -> g.mul(x.detach().mul(2)));
    }

    @Test
    void aWrongRuleFailsAndTheReportPointsAtIt() {
        Tensor a = Tensor.of(1.0, 2.0, -3.0).requiresGrad(true);
        Tensor b = Tensor.of(0.5).requiresGrad(true);
        GradCheck.Report r = GradCheck.check(xs -> badSquare(xs[0]).mul(xs[1]), a, b);
        assertFalse(r.passed());
        assertEquals(2, r.inputs().size());
        GradCheck.InputReport ra = r.inputs().get(0);
        assertFalse(ra.passed());
        assertTrue(r.inputs().get(1).passed(), "b's rule (mul) is right");
        assertEquals(0.5, Math.abs(ra.analytic() / ra.numeric()), 1e-6, "the bad rule is off by a factor 2");
        assertEquals(0.5, ra.maxRelError(), 1e-6);
        String table = r.toString();
        assertTrue(table.contains("FAILED") && table.contains("FAIL") && table.contains("ok"), table);
        AssertionError e = assertThrows(AssertionError.class, r::assertPassed);
        assertEquals(table, e.getMessage());
        assertNull(a.grad(), "the check works on copies");
    }

    @Test
    void fullJacobianModeComparesEveryEntryAndNamesTheOutput() {
        Tensor a = Tensor.of(new double[][] {{1, 2}, {-3, 0.5}}).requiresGrad(true);
        GradCheck full = GradCheck.options().fullJacobian(true);
        GradCheck.Report ok = full.run(xs -> xs[0].softmax(1), a).assertPassed();
        assertEquals(-1, GradCheck.check(xs -> xs[0].softmax(1), a).inputs().get(0).worstOutput());
        assertTrue(ok.inputs().get(0).worstOutput() >= 0);
        GradCheck.Report bad = full.run(xs -> badSquare(xs[0]), a);
        assertFalse(bad.passed());
        GradCheck.InputReport r = bad.inputs().get(0);
        assertEquals(r.worstIndex(), r.worstOutput(), "x² is elementwise: the wrong entries are on the diagonal");
        assertTrue(r.worstPosition().contains(" of out["), r.worstPosition());
    }

    @Test
    void gradgradcheckCatchesARuleThatIsNotDifferentiable() {
        Tensor x = Tensor.of(0.3, -1.1).requiresGrad(true);
        GradCheck.check(xs -> detachedSquare(xs[0]), x).assertPassed();
        assertFalse(GradCheck.gradgradcheck(xs -> detachedSquare(xs[0]), x).passed());
        GradCheck.gradgradcheck(xs -> xs[0].square(), x).assertPassed();
    }

    @Test
    void f32InputsAreRefusedWithAReasonOrUpcastOnRequest() {
        Tensor x = Tensor.of(NdArray.of(new float[] {0.5f, 1.5f}), true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.check(xs -> xs[0].exp(), x));
        assertTrue(e.getMessage().contains("F32 [2]") && e.getMessage().contains("upcastF32")
                && e.getMessage().contains("rounding"), e.getMessage());
        GradCheck.Report r = GradCheck.options().upcastF32(true).run(xs -> xs[0].exp(), x);
        r.assertPassed();
        assertEquals(DType.F32, x.dtype(), "the input itself is untouched");
    }

    @Test
    void nothingToCheckIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.check(xs -> xs[0].exp(), Tensor.of(1.0)));
        assertTrue(e.getMessage().contains("no input requires grad"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GradCheck.options().eps(0));
    }

    @Test
    void tolerancesAreAppliedAsDocumented() {
        Tensor x = Tensor.of(2.0).requiresGrad(true);
        // the bad rule gives 2 instead of 4 at x = 2: |err| = 2 ≤ atol + rtol·4 only for a loose check
        assertTrue(GradCheck.options().atol(0).rtol(0.6).run(xs -> badSquare(xs[0]), x).passed());
        assertFalse(GradCheck.options().atol(0).rtol(0.4).run(xs -> badSquare(xs[0]), x).passed());
    }

    @Test
    void aFunctionReturningAViewOfItsInputIsCheckedOnCopiedValues() {
        Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {-4, 5, 0.5}}).requiresGrad(true);
        GradCheck.check(xs -> xs[0], x).assertPassed();                          // identity: the input itself
        GradCheck.check(xs -> xs[0].reshape(-1), x).assertPassed();              // a view sharing its storage
        GradCheck.check(xs -> xs[0].flatten(), x).assertPassed();
        // the numeric side sees the view change with x: a view whose rule claims a zero gradient fails
        GradCheck.Report wrong = GradCheck.check(xs -> Tensor.custom("zeroRuleView", xs[0].data().reshape(-1),
                new Tensor[] {xs[0]}, (g, y) -> g.mul(0.0).reshape(2, 3)), x);
        assertFalse(wrong.passed(), wrong.toString());
        assertEquals(0.0, Math.abs(wrong.inputs().get(0).analytic()));
        assertTrue(Math.abs(wrong.inputs().get(0).numeric()) > 0.01, wrong.toString());
    }
}
