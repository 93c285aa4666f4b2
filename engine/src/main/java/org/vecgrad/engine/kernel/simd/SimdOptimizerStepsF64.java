// Generated from engine/src/main/templates/org/vecgrad/engine/kernel/simd/SimdOptimizerSteps-X.java.template
// by engine/src/test/java/org/vecgrad/engine/codegen/Codegen.java; do not edit.
package org.vecgrad.engine.kernel.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.vecgrad.engine.kernel.scalar.ScalarOptimizerSteps;

/**
 * The F64 optimizer updates of {@link SimdOptimizerSteps}, which states their contract: whole vectors up to
 * {@code S.loopBound(n)}, the tail in {@link ScalarOptimizerSteps}. Generated with its twin from
 * {@code SimdOptimizerSteps-X.java.template}; F32 rounds each hyperparameter to float before the loop.
 */
final class SimdOptimizerStepsF64 {
    private static final ScalarOptimizerSteps TAIL = new ScalarOptimizerSteps();
    private static final VectorSpecies<Double> S = SimdSpecies.D;
    private static final int L = S.length();

    private SimdOptimizerStepsF64() {
    }

    /** Adam/AdamW/AMSGrad step; see {@link org.vecgrad.engine.kernel.OptimizerKernels}. */
    static void adamStep(double[] p, int pOff, double[] g, int gOff, double[] m, int mOff, double[] v, int vOff,
            double[] vMax, int vMaxOff, int n, double beta1, double beta2, double l2, double decay,
            double stepSize, double bc2Sqrt, double eps) {
        final int bound = S.loopBound(n);
        final double wd = l2;
        final boolean ams = vMax != null;
        final DoubleVector b1 = DoubleVector.broadcast(S, beta1);
        final DoubleVector c1 = DoubleVector.broadcast(S, (1 - beta1));
        final DoubleVector b2 = DoubleVector.broadcast(S, beta2);
        final DoubleVector c2 = DoubleVector.broadcast(S, (1 - beta2));
        final DoubleVector wdv = DoubleVector.broadcast(S, wd);
        final DoubleVector dec = DoubleVector.broadcast(S, decay);
        final DoubleVector ss = DoubleVector.broadcast(S, stepSize);
        final DoubleVector bc = DoubleVector.broadcast(S, bc2Sqrt);
        final DoubleVector e = DoubleVector.broadcast(S, eps);
        // one pass, each array read and written once (memory-bound); the flags are loop-invariant, hoisted by C2
        for (int i = 0; i < bound; i += L) {
            DoubleVector th = DoubleVector.fromArray(S, p, pOff + i);
            DoubleVector gi = DoubleVector.fromArray(S, g, gOff + i);
            if (wd != 0) {
                gi = gi.add(wdv.mul(th));
            }
            DoubleVector mi = b1.mul(DoubleVector.fromArray(S, m, mOff + i)).add(c1.mul(gi));
            DoubleVector vi = b2.mul(DoubleVector.fromArray(S, v, vOff + i)).add(c2.mul(gi).mul(gi));
            mi.intoArray(m, mOff + i);
            vi.intoArray(v, vOff + i);
            if (ams) {
                vi = DoubleVector.fromArray(S, vMax, vMaxOff + i).max(vi);
                vi.intoArray(vMax, vMaxOff + i);
            }
            DoubleVector den = vi.lanewise(VectorOperators.SQRT).div(bc).add(e);
            th.mul(dec).sub(ss.mul(mi).div(den)).intoArray(p, pOff + i);
        }
        TAIL.adamStep(p, pOff + bound, g, gOff + bound, m, mOff + bound, v, vOff + bound, vMax,
                vMaxOff + bound, n - bound, beta1, beta2, l2, decay, stepSize, bc2Sqrt, eps);
    }

    /** SGD step; see {@link org.vecgrad.engine.kernel.OptimizerKernels}. */
    static void sgdStep(double[] p, int pOff, double[] g, int gOff, double[] buf, int bufOff, int n, double lr,
            double momentum, double dampening, double weightDecay, boolean nesterov, boolean first,
            boolean maximize) {
        final int bound = S.loopBound(n);
        final double wd = weightDecay;
        final boolean mom = buf != null;
        // θ + (−γ)·g is θ − γ·g exactly (IEEE: x − y ≡ x + (−y)), so one signed rate serves both directions
        final DoubleVector a = DoubleVector.broadcast(S, maximize ? lr : -lr);
        final DoubleVector mu = DoubleVector.broadcast(S, momentum);
        final DoubleVector damp = DoubleVector.broadcast(S, (1 - dampening));
        final DoubleVector wdv = DoubleVector.broadcast(S, wd);
        // one pass, each array read and written once (memory-bound); the flags are loop-invariant, hoisted by C2
        for (int i = 0; i < bound; i += L) {
            DoubleVector th = DoubleVector.fromArray(S, p, pOff + i);
            DoubleVector gi = DoubleVector.fromArray(S, g, gOff + i);
            if (wd != 0) {
                gi = gi.add(wdv.mul(th));
            }
            if (mom) {
                DoubleVector b = first ? gi : mu.mul(DoubleVector.fromArray(S, buf, bufOff + i)).add(damp.mul(gi));
                b.intoArray(buf, bufOff + i);
                gi = nesterov ? gi.add(mu.mul(b)) : b;
            }
            th.add(a.mul(gi)).intoArray(p, pOff + i);
        }
        TAIL.sgdStep(p, pOff + bound, g, gOff + bound, buf, bufOff + bound, n - bound, lr, momentum,
                dampening, weightDecay, nesterov, first, maximize);
    }

    /** RMSprop step; see {@link org.vecgrad.engine.kernel.OptimizerKernels}. */
    static void rmspropStep(double[] p, int pOff, double[] g, int gOff, double[] sq, int sqOff, double[] avg,
            int avgOff, double[] buf, int bufOff, int n, double lr, double alpha, double eps, double weightDecay,
            double momentum) {
        final int bound = S.loopBound(n);
        final double wd = weightDecay;
        final boolean centered = avg != null, mom = buf != null;
        final DoubleVector a = DoubleVector.broadcast(S, lr);
        final DoubleVector al = DoubleVector.broadcast(S, alpha);
        final DoubleVector c = DoubleVector.broadcast(S, (1 - alpha));
        final DoubleVector e = DoubleVector.broadcast(S, eps);
        final DoubleVector wdv = DoubleVector.broadcast(S, wd);
        final DoubleVector mu = DoubleVector.broadcast(S, momentum);
        // one pass, each array read and written once (memory-bound); the flags are loop-invariant, hoisted by C2
        for (int i = 0; i < bound; i += L) {
            DoubleVector th = DoubleVector.fromArray(S, p, pOff + i);
            DoubleVector gi = DoubleVector.fromArray(S, g, gOff + i);
            if (wd != 0) {
                gi = gi.add(wdv.mul(th));
            }
            DoubleVector v = al.mul(DoubleVector.fromArray(S, sq, sqOff + i)).add(c.mul(gi).mul(gi));
            v.intoArray(sq, sqOff + i);
            DoubleVector d;
            if (centered) {
                DoubleVector ai = al.mul(DoubleVector.fromArray(S, avg, avgOff + i)).add(c.mul(gi));
                ai.intoArray(avg, avgOff + i);
                d = v.sub(ai.mul(ai)).lanewise(VectorOperators.SQRT).add(e);
            } else {
                d = v.lanewise(VectorOperators.SQRT).add(e);
            }
            if (mom) {
                DoubleVector b = mu.mul(DoubleVector.fromArray(S, buf, bufOff + i)).add(gi.div(d));
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
    static void adagradStep(double[] p, int pOff, double[] g, int gOff, double[] sum, int sumOff, int n,
            double clr, double eps, double weightDecay) {
        final int bound = S.loopBound(n);
        final double wd = weightDecay;
        final DoubleVector a = DoubleVector.broadcast(S, clr);
        final DoubleVector e = DoubleVector.broadcast(S, eps);
        final DoubleVector wdv = DoubleVector.broadcast(S, wd);
        // one pass, each array read and written once (memory-bound); the flags are loop-invariant, hoisted by C2
        for (int i = 0; i < bound; i += L) {
            DoubleVector th = DoubleVector.fromArray(S, p, pOff + i);
            DoubleVector gi = DoubleVector.fromArray(S, g, gOff + i);
            if (wd != 0) {
                gi = gi.add(wdv.mul(th));
            }
            DoubleVector s = DoubleVector.fromArray(S, sum, sumOff + i).add(gi.mul(gi));
            s.intoArray(sum, sumOff + i);
            th.sub(a.mul(gi).div(s.lanewise(VectorOperators.SQRT).add(e))).intoArray(p, pOff + i);
        }
        TAIL.adagradStep(p, pOff + bound, g, gOff + bound, sum, sumOff + bound, n - bound, clr, eps,
                weightDecay);
    }
}
