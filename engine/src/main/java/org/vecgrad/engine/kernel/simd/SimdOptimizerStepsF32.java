// Generated from engine/src/main/templates/org/vecgrad/engine/kernel/simd/SimdOptimizerSteps-X.java.template
// by engine/src/test/java/org/vecgrad/engine/codegen/Codegen.java; do not edit.
package org.vecgrad.engine.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.vecgrad.engine.kernel.scalar.ScalarOptimizerSteps;

/**
 * The F32 optimizer updates of {@link SimdOptimizerSteps}, which states their contract: whole vectors up to
 * {@code S.loopBound(n)}, the tail in {@link ScalarOptimizerSteps}. Generated with its twin from
 * {@code SimdOptimizerSteps-X.java.template}; F32 rounds each hyperparameter to float before the loop.
 */
final class SimdOptimizerStepsF32 {
    private static final ScalarOptimizerSteps TAIL = new ScalarOptimizerSteps();
    private static final VectorSpecies<Float> S = SimdSpecies.F;
    private static final int L = S.length();

    private SimdOptimizerStepsF32() {
    }

    /** Adam/AdamW/AMSGrad step; see {@link org.vecgrad.engine.kernel.OptimizerKernels}. */
    static void adamStep(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
            float[] vMax, int vMaxOff, int n, double beta1, double beta2, double l2, double decay,
            double stepSize, double bc2Sqrt, double eps) {
        final int bound = S.loopBound(n);
        final float wd = (float) l2;
        final boolean ams = vMax != null;
        final FloatVector b1 = FloatVector.broadcast(S, (float) beta1);
        final FloatVector c1 = FloatVector.broadcast(S, (float) (1 - beta1));
        final FloatVector b2 = FloatVector.broadcast(S, (float) beta2);
        final FloatVector c2 = FloatVector.broadcast(S, (float) (1 - beta2));
        final FloatVector wdv = FloatVector.broadcast(S, wd);
        final FloatVector dec = FloatVector.broadcast(S, (float) decay);
        final FloatVector ss = FloatVector.broadcast(S, (float) stepSize);
        final FloatVector bc = FloatVector.broadcast(S, (float) bc2Sqrt);
        final FloatVector e = FloatVector.broadcast(S, (float) eps);
        // one pass, each array read and written once (memory-bound); the flags are loop-invariant, hoisted by C2
        for (int i = 0; i < bound; i += L) {
            FloatVector th = FloatVector.fromArray(S, p, pOff + i);
            FloatVector gi = FloatVector.fromArray(S, g, gOff + i);
            if (wd != 0) {
                gi = gi.add(wdv.mul(th));
            }
            FloatVector mi = b1.mul(FloatVector.fromArray(S, m, mOff + i)).add(c1.mul(gi));
            FloatVector vi = b2.mul(FloatVector.fromArray(S, v, vOff + i)).add(c2.mul(gi).mul(gi));
            mi.intoArray(m, mOff + i);
            vi.intoArray(v, vOff + i);
            if (ams) {
                vi = FloatVector.fromArray(S, vMax, vMaxOff + i).max(vi);
                vi.intoArray(vMax, vMaxOff + i);
            }
            FloatVector den = vi.lanewise(VectorOperators.SQRT).div(bc).add(e);
            th.mul(dec).sub(ss.mul(mi).div(den)).intoArray(p, pOff + i);
        }
        TAIL.adamStep(p, pOff + bound, g, gOff + bound, m, mOff + bound, v, vOff + bound, vMax,
                vMaxOff + bound, n - bound, beta1, beta2, l2, decay, stepSize, bc2Sqrt, eps);
    }

    /** SGD step; see {@link org.vecgrad.engine.kernel.OptimizerKernels}. */
    static void sgdStep(float[] p, int pOff, float[] g, int gOff, float[] buf, int bufOff, int n, double lr,
            double momentum, double dampening, double weightDecay, boolean nesterov, boolean first,
            boolean maximize) {
        final int bound = S.loopBound(n);
        final float wd = (float) weightDecay;
        final boolean mom = buf != null;
        // θ + (−γ)·g is θ − γ·g exactly (IEEE: x − y ≡ x + (−y)), so one signed rate serves both directions
        final FloatVector a = FloatVector.broadcast(S, maximize ? (float) lr : -(float) lr);
        final FloatVector mu = FloatVector.broadcast(S, (float) momentum);
        final FloatVector damp = FloatVector.broadcast(S, (float) (1 - dampening));
        final FloatVector wdv = FloatVector.broadcast(S, wd);
        // one pass, each array read and written once (memory-bound); the flags are loop-invariant, hoisted by C2
        for (int i = 0; i < bound; i += L) {
            FloatVector th = FloatVector.fromArray(S, p, pOff + i);
            FloatVector gi = FloatVector.fromArray(S, g, gOff + i);
            if (wd != 0) {
                gi = gi.add(wdv.mul(th));
            }
            if (mom) {
                FloatVector b = first ? gi : mu.mul(FloatVector.fromArray(S, buf, bufOff + i)).add(damp.mul(gi));
                b.intoArray(buf, bufOff + i);
                gi = nesterov ? gi.add(mu.mul(b)) : b;
            }
            th.add(a.mul(gi)).intoArray(p, pOff + i);
        }
        TAIL.sgdStep(p, pOff + bound, g, gOff + bound, buf, bufOff + bound, n - bound, lr, momentum,
                dampening, weightDecay, nesterov, first, maximize);
    }

    /** RMSprop step; see {@link org.vecgrad.engine.kernel.OptimizerKernels}. */
    static void rmspropStep(float[] p, int pOff, float[] g, int gOff, float[] sq, int sqOff, float[] avg,
            int avgOff, float[] buf, int bufOff, int n, double lr, double alpha, double eps, double weightDecay,
            double momentum) {
        final int bound = S.loopBound(n);
        final float wd = (float) weightDecay;
        final boolean centered = avg != null, mom = buf != null;
        final FloatVector a = FloatVector.broadcast(S, (float) lr);
        final FloatVector al = FloatVector.broadcast(S, (float) alpha);
        final FloatVector c = FloatVector.broadcast(S, (float) (1 - alpha));
        final FloatVector e = FloatVector.broadcast(S, (float) eps);
        final FloatVector wdv = FloatVector.broadcast(S, wd);
        final FloatVector mu = FloatVector.broadcast(S, (float) momentum);
        // one pass, each array read and written once (memory-bound); the flags are loop-invariant, hoisted by C2
        for (int i = 0; i < bound; i += L) {
            FloatVector th = FloatVector.fromArray(S, p, pOff + i);
            FloatVector gi = FloatVector.fromArray(S, g, gOff + i);
            if (wd != 0) {
                gi = gi.add(wdv.mul(th));
            }
            FloatVector v = al.mul(FloatVector.fromArray(S, sq, sqOff + i)).add(c.mul(gi).mul(gi));
            v.intoArray(sq, sqOff + i);
            FloatVector d;
            if (centered) {
                FloatVector ai = al.mul(FloatVector.fromArray(S, avg, avgOff + i)).add(c.mul(gi));
                ai.intoArray(avg, avgOff + i);
                d = v.sub(ai.mul(ai)).lanewise(VectorOperators.SQRT).add(e);
            } else {
                d = v.lanewise(VectorOperators.SQRT).add(e);
            }
            if (mom) {
                FloatVector b = mu.mul(FloatVector.fromArray(S, buf, bufOff + i)).add(gi.div(d));
                b.intoArray(buf, bufOff + i);
                th.sub(a.mul(b)).intoArray(p, pOff + i);
            } else {
                th.sub(a.mul(gi).div(d)).intoArray(p, pOff + i);
            }
        }
        TAIL.rmspropStep(p, pOff + bound, g, gOff + bound, sq, sqOff + bound, avg, avgOff + bound, buf,
                bufOff + bound, n - bound, lr, alpha, eps, weightDecay, momentum);
    }

    /** Adagrad step; see {@link org.vecgrad.engine.kernel.OptimizerKernels}. */
    static void adagradStep(float[] p, int pOff, float[] g, int gOff, float[] sum, int sumOff, int n,
            double clr, double eps, double weightDecay) {
        final int bound = S.loopBound(n);
        final float wd = (float) weightDecay;
        final FloatVector a = FloatVector.broadcast(S, (float) clr);
        final FloatVector e = FloatVector.broadcast(S, (float) eps);
        final FloatVector wdv = FloatVector.broadcast(S, wd);
        // one pass, each array read and written once (memory-bound); the flags are loop-invariant, hoisted by C2
        for (int i = 0; i < bound; i += L) {
            FloatVector th = FloatVector.fromArray(S, p, pOff + i);
            FloatVector gi = FloatVector.fromArray(S, g, gOff + i);
            if (wd != 0) {
                gi = gi.add(wdv.mul(th));
            }
            FloatVector s = FloatVector.fromArray(S, sum, sumOff + i).add(gi.mul(gi));
            s.intoArray(sum, sumOff + i);
            th.sub(a.mul(gi).div(s.lanewise(VectorOperators.SQRT).add(e))).intoArray(p, pOff + i);
        }
        TAIL.adagradStep(p, pOff + bound, g, gOff + bound, sum, sumOff + bound, n - bound, clr, eps,
                weightDecay);
    }
}
