package org.vecgrad.engine.kernel.simd;

import org.vecgrad.engine.kernel.OptimizerKernels;
import org.vecgrad.engine.kernel.scalar.ScalarOptimizerSteps;

/**
 * The optimizer updates ({@link OptimizerKernels}) on the
 * Vector API: one pass over whole vectors up to {@code species.loopBound(n)}, the tail in
 * {@link ScalarOptimizerSteps}. The lanes compute exactly the reference's expressions in the same order (F32 in
 * float, F64 in double, no FMA; sqrt and division are correctly rounded in both), so results are bit-identical to
 * the reference. The per-call flags (weight decay, AMSGrad, momentum, …) are loop-invariant branches, which C2
 * hoists; each loop reads and writes every array once (the step is memory-bound on large parameters). The loops
 * are {@code SimdOptimizerStepsF32} and {@code SimdOptimizerStepsF64}, generated from one template.
 */
public final class SimdOptimizerSteps implements OptimizerKernels {
    SimdOptimizerSteps() {
    }

    /** F32 Adam/AdamW/AMSGrad step. */
    @Override
    public void adamStep(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
            float[] vMax, int vMaxOff, int n, double beta1, double beta2, double l2, double decay,
            double stepSize, double bc2Sqrt, double eps) {
        SimdOptimizerStepsF32.adamStep(p, pOff, g, gOff, m, mOff, v, vOff, vMax, vMaxOff, n, beta1, beta2, l2, decay,
                stepSize, bc2Sqrt, eps);
    }

    /** F64 Adam/AdamW/AMSGrad step. */
    @Override
    public void adamStep(double[] p, int pOff, double[] g, int gOff, double[] m, int mOff, double[] v, int vOff,
            double[] vMax, int vMaxOff, int n, double beta1, double beta2, double l2, double decay,
            double stepSize, double bc2Sqrt, double eps) {
        SimdOptimizerStepsF64.adamStep(p, pOff, g, gOff, m, mOff, v, vOff, vMax, vMaxOff, n, beta1, beta2, l2, decay,
                stepSize, bc2Sqrt, eps);
    }

    /** F32 SGD step. */
    @Override
    public void sgdStep(float[] p, int pOff, float[] g, int gOff, float[] buf, int bufOff, int n, double lr,
            double momentum, double dampening, double weightDecay, boolean nesterov, boolean first,
            boolean maximize) {
        SimdOptimizerStepsF32.sgdStep(p, pOff, g, gOff, buf, bufOff, n, lr, momentum, dampening, weightDecay, nesterov,
                first, maximize);
    }

    /** F64 SGD step. */
    @Override
    public void sgdStep(double[] p, int pOff, double[] g, int gOff, double[] buf, int bufOff, int n, double lr,
            double momentum, double dampening, double weightDecay, boolean nesterov, boolean first,
            boolean maximize) {
        SimdOptimizerStepsF64.sgdStep(p, pOff, g, gOff, buf, bufOff, n, lr, momentum, dampening, weightDecay, nesterov,
                first, maximize);
    }

    /** F32 RMSprop step. */
    @Override
    public void rmspropStep(float[] p, int pOff, float[] g, int gOff, float[] sq, int sqOff, float[] avg,
            int avgOff, float[] buf, int bufOff, int n, double lr, double alpha, double eps, double weightDecay,
            double momentum) {
        SimdOptimizerStepsF32.rmspropStep(p, pOff, g, gOff, sq, sqOff, avg, avgOff, buf, bufOff, n, lr, alpha, eps,
                weightDecay, momentum);
    }

    /** F64 RMSprop step. */
    @Override
    public void rmspropStep(double[] p, int pOff, double[] g, int gOff, double[] sq, int sqOff, double[] avg,
            int avgOff, double[] buf, int bufOff, int n, double lr, double alpha, double eps, double weightDecay,
            double momentum) {
        SimdOptimizerStepsF64.rmspropStep(p, pOff, g, gOff, sq, sqOff, avg, avgOff, buf, bufOff, n, lr, alpha, eps,
                weightDecay, momentum);
    }

    /** F32 Adagrad step. */
    @Override
    public void adagradStep(float[] p, int pOff, float[] g, int gOff, float[] sum, int sumOff, int n,
            double clr, double eps, double weightDecay) {
        SimdOptimizerStepsF32.adagradStep(p, pOff, g, gOff, sum, sumOff, n, clr, eps, weightDecay);
    }

    /** F64 Adagrad step. */
    @Override
    public void adagradStep(double[] p, int pOff, double[] g, int gOff, double[] sum, int sumOff, int n,
            double clr, double eps, double weightDecay) {
        SimdOptimizerStepsF64.adagradStep(p, pOff, g, gOff, sum, sumOff, n, clr, eps, weightDecay);
    }
}
