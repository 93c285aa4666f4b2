package org.vecgrad.engine.kernel.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.vecgrad.engine.kernel.OptimizerKernels;
import org.vecgrad.engine.kernel.scalar.ScalarOptimizerSteps;

/**
 * The optimizer updates ({@link OptimizerKernels}) on the
 * Vector API: one pass over whole vectors up to {@code species.loopBound(n)}, the tail in
 * {@link ScalarOptimizerSteps}. The lanes compute exactly the reference's expressions in the same order (F32 in
 * float, F64 in double, no FMA; sqrt and division are correctly rounded in both), so results are bit-identical to
 * the reference. The per-call flags (weight decay, AMSGrad, momentum, …) are loop-invariant branches, which C2
 * hoists; each loop reads and writes every array once (the step is memory-bound on large parameters).
 */
public final class SimdOptimizerSteps implements OptimizerKernels {
    private static final ScalarOptimizerSteps TAIL = new ScalarOptimizerSteps();
    private static final VectorSpecies<Float> SF = SimdSpecies.F;
    private static final VectorSpecies<Double> SD = SimdSpecies.D;

    SimdOptimizerSteps() {
    }

    // ------------------------------------------------------------------------------------------------ Adam

    /** F32 Adam/AdamW/AMSGrad step. */
    @Override
    public void adamStep(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
            float[] vMax, int vMaxOff, int n, double beta1, double beta2, double l2, double decay,
            double stepSize, double bc2Sqrt, double eps) {
        final int bound = SF.loopBound(n);
        final float wd = (float) l2;
        final boolean ams = vMax != null;
        final FloatVector b1 = FloatVector.broadcast(SF, (float) beta1);
        final FloatVector c1 = FloatVector.broadcast(SF, (float) (1 - beta1));
        final FloatVector b2 = FloatVector.broadcast(SF, (float) beta2);
        final FloatVector c2 = FloatVector.broadcast(SF, (float) (1 - beta2));
        final FloatVector wdv = FloatVector.broadcast(SF, wd);
        final FloatVector dec = FloatVector.broadcast(SF, (float) decay);
        final FloatVector ss = FloatVector.broadcast(SF, (float) stepSize);
        final FloatVector bc = FloatVector.broadcast(SF, (float) bc2Sqrt);
        final FloatVector e = FloatVector.broadcast(SF, (float) eps);
        for (int i = 0; i < bound; i += SF.length()) {
            FloatVector th = FloatVector.fromArray(SF, p, pOff + i);
            FloatVector gi = FloatVector.fromArray(SF, g, gOff + i);
            if (wd != 0) {
                gi = gi.add(wdv.mul(th));
            }
            FloatVector mi = b1.mul(FloatVector.fromArray(SF, m, mOff + i)).add(c1.mul(gi));
            FloatVector vi = b2.mul(FloatVector.fromArray(SF, v, vOff + i)).add(c2.mul(gi).mul(gi));
            mi.intoArray(m, mOff + i);
            vi.intoArray(v, vOff + i);
            if (ams) {
                vi = FloatVector.fromArray(SF, vMax, vMaxOff + i).max(vi);
                vi.intoArray(vMax, vMaxOff + i);
            }
            FloatVector den = vi.lanewise(VectorOperators.SQRT).div(bc).add(e);
            th.mul(dec).sub(ss.mul(mi).div(den)).intoArray(p, pOff + i);
        }
        TAIL.adamStep(p, pOff + bound, g, gOff + bound, m, mOff + bound, v, vOff + bound, vMax,
                vMaxOff + bound, n - bound, beta1, beta2, l2, decay, stepSize, bc2Sqrt, eps);
    }

    /** F64 Adam/AdamW/AMSGrad step. */
    @Override
    public void adamStep(double[] p, int pOff, double[] g, int gOff, double[] m, int mOff, double[] v, int vOff,
            double[] vMax, int vMaxOff, int n, double beta1, double beta2, double l2, double decay,
            double stepSize, double bc2Sqrt, double eps) {
        final int bound = SD.loopBound(n);
        final boolean ams = vMax != null;
        final DoubleVector b1 = DoubleVector.broadcast(SD, beta1);
        final DoubleVector c1 = DoubleVector.broadcast(SD, 1 - beta1);
        final DoubleVector b2 = DoubleVector.broadcast(SD, beta2);
        final DoubleVector c2 = DoubleVector.broadcast(SD, 1 - beta2);
        final DoubleVector wdv = DoubleVector.broadcast(SD, l2);
        final DoubleVector dec = DoubleVector.broadcast(SD, decay);
        final DoubleVector ss = DoubleVector.broadcast(SD, stepSize);
        final DoubleVector bc = DoubleVector.broadcast(SD, bc2Sqrt);
        final DoubleVector e = DoubleVector.broadcast(SD, eps);
        for (int i = 0; i < bound; i += SD.length()) {
            DoubleVector th = DoubleVector.fromArray(SD, p, pOff + i);
            DoubleVector gi = DoubleVector.fromArray(SD, g, gOff + i);
            if (l2 != 0) {
                gi = gi.add(wdv.mul(th));
            }
            DoubleVector mi = b1.mul(DoubleVector.fromArray(SD, m, mOff + i)).add(c1.mul(gi));
            DoubleVector vi = b2.mul(DoubleVector.fromArray(SD, v, vOff + i)).add(c2.mul(gi).mul(gi));
            mi.intoArray(m, mOff + i);
            vi.intoArray(v, vOff + i);
            if (ams) {
                vi = DoubleVector.fromArray(SD, vMax, vMaxOff + i).max(vi);
                vi.intoArray(vMax, vMaxOff + i);
            }
            DoubleVector den = vi.lanewise(VectorOperators.SQRT).div(bc).add(e);
            th.mul(dec).sub(ss.mul(mi).div(den)).intoArray(p, pOff + i);
        }
        TAIL.adamStep(p, pOff + bound, g, gOff + bound, m, mOff + bound, v, vOff + bound, vMax,
                vMaxOff + bound, n - bound, beta1, beta2, l2, decay, stepSize, bc2Sqrt, eps);
    }

    // ------------------------------------------------------------------------------------------------ SGD

    /** F32 SGD step. */
    @Override
    public void sgdStep(float[] p, int pOff, float[] g, int gOff, float[] buf, int bufOff, int n, double lr,
            double momentum, double dampening, double weightDecay, boolean nesterov, boolean first,
            boolean maximize) {
        final int bound = SF.loopBound(n);
        final float wd = (float) weightDecay;
        final boolean mom = buf != null;
        // θ + (−γ)·g is θ − γ·g exactly (IEEE: x − y ≡ x + (−y)), so one signed rate serves both directions
        final FloatVector a = FloatVector.broadcast(SF, maximize ? (float) lr : -(float) lr);
        final FloatVector mu = FloatVector.broadcast(SF, (float) momentum);
        final FloatVector damp = FloatVector.broadcast(SF, (float) (1 - dampening));
        final FloatVector wdv = FloatVector.broadcast(SF, wd);
        for (int i = 0; i < bound; i += SF.length()) {
            FloatVector th = FloatVector.fromArray(SF, p, pOff + i);
            FloatVector gi = FloatVector.fromArray(SF, g, gOff + i);
            if (wd != 0) {
                gi = gi.add(wdv.mul(th));
            }
            if (mom) {
                FloatVector b = first ? gi : mu.mul(FloatVector.fromArray(SF, buf, bufOff + i)).add(damp.mul(gi));
                b.intoArray(buf, bufOff + i);
                gi = nesterov ? gi.add(mu.mul(b)) : b;
            }
            th.add(a.mul(gi)).intoArray(p, pOff + i);
        }
        TAIL.sgdStep(p, pOff + bound, g, gOff + bound, buf, bufOff + bound, n - bound, lr, momentum,
                dampening, weightDecay, nesterov, first, maximize);
    }

    /** F64 SGD step. */
    @Override
    public void sgdStep(double[] p, int pOff, double[] g, int gOff, double[] buf, int bufOff, int n, double lr,
            double momentum, double dampening, double weightDecay, boolean nesterov, boolean first,
            boolean maximize) {
        final int bound = SD.loopBound(n);
        final boolean mom = buf != null;
        final DoubleVector a = DoubleVector.broadcast(SD, maximize ? lr : -lr);
        final DoubleVector mu = DoubleVector.broadcast(SD, momentum);
        final DoubleVector damp = DoubleVector.broadcast(SD, 1 - dampening);
        final DoubleVector wdv = DoubleVector.broadcast(SD, weightDecay);
        for (int i = 0; i < bound; i += SD.length()) {
            DoubleVector th = DoubleVector.fromArray(SD, p, pOff + i);
            DoubleVector gi = DoubleVector.fromArray(SD, g, gOff + i);
            if (weightDecay != 0) {
                gi = gi.add(wdv.mul(th));
            }
            if (mom) {
                DoubleVector b = first ? gi
                        : mu.mul(DoubleVector.fromArray(SD, buf, bufOff + i)).add(damp.mul(gi));
                b.intoArray(buf, bufOff + i);
                gi = nesterov ? gi.add(mu.mul(b)) : b;
            }
            th.add(a.mul(gi)).intoArray(p, pOff + i);
        }
        TAIL.sgdStep(p, pOff + bound, g, gOff + bound, buf, bufOff + bound, n - bound, lr, momentum,
                dampening, weightDecay, nesterov, first, maximize);
    }

    // ------------------------------------------------------------------------------------------------ RMSprop

    /** F32 RMSprop step. */
    @Override
    public void rmspropStep(float[] p, int pOff, float[] g, int gOff, float[] sq, int sqOff, float[] avg,
            int avgOff, float[] buf, int bufOff, int n, double lr, double alpha, double eps, double weightDecay,
            double momentum) {
        final int bound = SF.loopBound(n);
        final float wd = (float) weightDecay;
        final boolean centered = avg != null, mom = buf != null;
        final FloatVector a = FloatVector.broadcast(SF, (float) lr);
        final FloatVector al = FloatVector.broadcast(SF, (float) alpha);
        final FloatVector c = FloatVector.broadcast(SF, (float) (1 - alpha));
        final FloatVector e = FloatVector.broadcast(SF, (float) eps);
        final FloatVector wdv = FloatVector.broadcast(SF, wd);
        final FloatVector mu = FloatVector.broadcast(SF, (float) momentum);
        for (int i = 0; i < bound; i += SF.length()) {
            FloatVector th = FloatVector.fromArray(SF, p, pOff + i);
            FloatVector gi = FloatVector.fromArray(SF, g, gOff + i);
            if (wd != 0) {
                gi = gi.add(wdv.mul(th));
            }
            FloatVector v = al.mul(FloatVector.fromArray(SF, sq, sqOff + i)).add(c.mul(gi).mul(gi));
            v.intoArray(sq, sqOff + i);
            FloatVector d;
            if (centered) {
                FloatVector ai = al.mul(FloatVector.fromArray(SF, avg, avgOff + i)).add(c.mul(gi));
                ai.intoArray(avg, avgOff + i);
                d = v.sub(ai.mul(ai)).lanewise(VectorOperators.SQRT).add(e);
            } else {
                d = v.lanewise(VectorOperators.SQRT).add(e);
            }
            if (mom) {
                FloatVector b = mu.mul(FloatVector.fromArray(SF, buf, bufOff + i)).add(gi.div(d));
                b.intoArray(buf, bufOff + i);
                th.sub(a.mul(b)).intoArray(p, pOff + i);
            } else {
                th.sub(a.mul(gi).div(d)).intoArray(p, pOff + i);
            }
        }
        TAIL.rmspropStep(p, pOff + bound, g, gOff + bound, sq, sqOff + bound, avg, avgOff + bound, buf,
                bufOff + bound, n - bound, lr, alpha, eps, weightDecay, momentum);
    }

    /** F64 RMSprop step. */
    @Override
    public void rmspropStep(double[] p, int pOff, double[] g, int gOff, double[] sq, int sqOff, double[] avg,
            int avgOff, double[] buf, int bufOff, int n, double lr, double alpha, double eps, double weightDecay,
            double momentum) {
        final int bound = SD.loopBound(n);
        final boolean centered = avg != null, mom = buf != null;
        final DoubleVector a = DoubleVector.broadcast(SD, lr);
        final DoubleVector al = DoubleVector.broadcast(SD, alpha);
        final DoubleVector c = DoubleVector.broadcast(SD, 1 - alpha);
        final DoubleVector e = DoubleVector.broadcast(SD, eps);
        final DoubleVector wdv = DoubleVector.broadcast(SD, weightDecay);
        final DoubleVector mu = DoubleVector.broadcast(SD, momentum);
        for (int i = 0; i < bound; i += SD.length()) {
            DoubleVector th = DoubleVector.fromArray(SD, p, pOff + i);
            DoubleVector gi = DoubleVector.fromArray(SD, g, gOff + i);
            if (weightDecay != 0) {
                gi = gi.add(wdv.mul(th));
            }
            DoubleVector v = al.mul(DoubleVector.fromArray(SD, sq, sqOff + i)).add(c.mul(gi).mul(gi));
            v.intoArray(sq, sqOff + i);
            DoubleVector d;
            if (centered) {
                DoubleVector ai = al.mul(DoubleVector.fromArray(SD, avg, avgOff + i)).add(c.mul(gi));
                ai.intoArray(avg, avgOff + i);
                d = v.sub(ai.mul(ai)).lanewise(VectorOperators.SQRT).add(e);
            } else {
                d = v.lanewise(VectorOperators.SQRT).add(e);
            }
            if (mom) {
                DoubleVector b = mu.mul(DoubleVector.fromArray(SD, buf, bufOff + i)).add(gi.div(d));
                b.intoArray(buf, bufOff + i);
                th.sub(a.mul(b)).intoArray(p, pOff + i);
            } else {
                th.sub(a.mul(gi).div(d)).intoArray(p, pOff + i);
            }
        }
        TAIL.rmspropStep(p, pOff + bound, g, gOff + bound, sq, sqOff + bound, avg, avgOff + bound, buf,
                bufOff + bound, n - bound, lr, alpha, eps, weightDecay, momentum);
    }

    // ------------------------------------------------------------------------------------------------ Adagrad

    /** F32 Adagrad step. */
    @Override
    public void adagradStep(float[] p, int pOff, float[] g, int gOff, float[] sum, int sumOff, int n,
            double clr, double eps, double weightDecay) {
        final int bound = SF.loopBound(n);
        final float wd = (float) weightDecay;
        final FloatVector a = FloatVector.broadcast(SF, (float) clr);
        final FloatVector e = FloatVector.broadcast(SF, (float) eps);
        final FloatVector wdv = FloatVector.broadcast(SF, wd);
        for (int i = 0; i < bound; i += SF.length()) {
            FloatVector th = FloatVector.fromArray(SF, p, pOff + i);
            FloatVector gi = FloatVector.fromArray(SF, g, gOff + i);
            if (wd != 0) {
                gi = gi.add(wdv.mul(th));
            }
            FloatVector s = FloatVector.fromArray(SF, sum, sumOff + i).add(gi.mul(gi));
            s.intoArray(sum, sumOff + i);
            th.sub(a.mul(gi).div(s.lanewise(VectorOperators.SQRT).add(e))).intoArray(p, pOff + i);
        }
        TAIL.adagradStep(p, pOff + bound, g, gOff + bound, sum, sumOff + bound, n - bound, clr, eps,
                weightDecay);
    }

    /** F64 Adagrad step. */
    @Override
    public void adagradStep(double[] p, int pOff, double[] g, int gOff, double[] sum, int sumOff, int n,
            double clr, double eps, double weightDecay) {
        final int bound = SD.loopBound(n);
        final DoubleVector a = DoubleVector.broadcast(SD, clr);
        final DoubleVector e = DoubleVector.broadcast(SD, eps);
        final DoubleVector wdv = DoubleVector.broadcast(SD, weightDecay);
        for (int i = 0; i < bound; i += SD.length()) {
            DoubleVector th = DoubleVector.fromArray(SD, p, pOff + i);
            DoubleVector gi = DoubleVector.fromArray(SD, g, gOff + i);
            if (weightDecay != 0) {
                gi = gi.add(wdv.mul(th));
            }
            DoubleVector s = DoubleVector.fromArray(SD, sum, sumOff + i).add(gi.mul(gi));
            s.intoArray(sum, sumOff + i);
            th.sub(a.mul(gi).div(s.lanewise(VectorOperators.SQRT).add(e))).intoArray(p, pOff + i);
        }
        TAIL.adagradStep(p, pOff + bound, g, gOff + bound, sum, sumOff + bound, n - bound, clr, eps,
                weightDecay);
    }
}
