package org.vecgrad.engine.kernel.scalar;

import org.vecgrad.engine.kernel.OptimizerKernels;

/**
 * The reference optimizer updates ({@link OptimizerKernels}):
 * one plain loop per optimizer and dtype, the test oracle of {@code kernel.simd.SimdOptimizerSteps}, which also
 * runs its tails here.
 *
 * <p>Arithmetic: F32 arrays are updated in float arithmetic, as PyTorch updates float32 parameters: every
 * hyperparameter is first rounded to float ({@code (float) beta1}, {@code (float) (1 − beta1)}, …; the caller
 * computes step-dependent scalars such as Adam's γ/(1 − β₁ᵗ) in double), then each operation of the update rounds
 * to float. F64 arrays use the same expressions in double. No fused multiply-add and a fixed order of operations
 * (the order of the formulas in the interface's javadoc, left to right), so the Vector API kernels give the same
 * bits lane by lane. The loops are {@code ScalarOptimizerStepsF32} and {@code ScalarOptimizerStepsF64}, generated
 * from one template.
 */
public final class ScalarOptimizerSteps implements OptimizerKernels {
    /** A stateless instance; the SIMD kernels run their tails on it. */
    public ScalarOptimizerSteps() {
    }

    /** F32 Adam/AdamW/AMSGrad step; see {@link OptimizerKernels}. */
    @Override
    public void adamStep(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
            float[] vMax, int vMaxOff, int n, double beta1, double beta2, double l2, double decay,
            double stepSize, double bc2Sqrt, double eps) {
        ScalarOptimizerStepsF32.adamStep(p, pOff, g, gOff, m, mOff, v, vOff, vMax, vMaxOff, n, beta1, beta2, l2, decay,
                stepSize, bc2Sqrt, eps);
    }

    /** F64 Adam/AdamW/AMSGrad step. */
    @Override
    public void adamStep(double[] p, int pOff, double[] g, int gOff, double[] m, int mOff, double[] v, int vOff,
            double[] vMax, int vMaxOff, int n, double beta1, double beta2, double l2, double decay,
            double stepSize, double bc2Sqrt, double eps) {
        ScalarOptimizerStepsF64.adamStep(p, pOff, g, gOff, m, mOff, v, vOff, vMax, vMaxOff, n, beta1, beta2, l2, decay,
                stepSize, bc2Sqrt, eps);
    }

    /** F32 SGD step; see {@link OptimizerKernels#sgdStep}. */
    @Override
    public void sgdStep(float[] p, int pOff, float[] g, int gOff, float[] buf, int bufOff, int n, double lr,
            double momentum, double dampening, double weightDecay, boolean nesterov, boolean first,
            boolean maximize) {
        ScalarOptimizerStepsF32.sgdStep(p, pOff, g, gOff, buf, bufOff, n, lr, momentum, dampening, weightDecay,
                nesterov, first, maximize);
    }

    /** F64 SGD step. */
    @Override
    public void sgdStep(double[] p, int pOff, double[] g, int gOff, double[] buf, int bufOff, int n, double lr,
            double momentum, double dampening, double weightDecay, boolean nesterov, boolean first,
            boolean maximize) {
        ScalarOptimizerStepsF64.sgdStep(p, pOff, g, gOff, buf, bufOff, n, lr, momentum, dampening, weightDecay,
                nesterov, first, maximize);
    }

    /** F32 RMSprop step; see {@link OptimizerKernels#rmspropStep}. */
    @Override
    public void rmspropStep(float[] p, int pOff, float[] g, int gOff, float[] sq, int sqOff, float[] avg,
            int avgOff, float[] buf, int bufOff, int n, double lr, double alpha, double eps, double weightDecay,
            double momentum) {
        ScalarOptimizerStepsF32.rmspropStep(p, pOff, g, gOff, sq, sqOff, avg, avgOff, buf, bufOff, n, lr, alpha, eps,
                weightDecay, momentum);
    }

    /** F64 RMSprop step. */
    @Override
    public void rmspropStep(double[] p, int pOff, double[] g, int gOff, double[] sq, int sqOff, double[] avg,
            int avgOff, double[] buf, int bufOff, int n, double lr, double alpha, double eps, double weightDecay,
            double momentum) {
        ScalarOptimizerStepsF64.rmspropStep(p, pOff, g, gOff, sq, sqOff, avg, avgOff, buf, bufOff, n, lr, alpha, eps,
                weightDecay, momentum);
    }

    /** F32 Adagrad step; see {@link OptimizerKernels#adagradStep}. */
    @Override
    public void adagradStep(float[] p, int pOff, float[] g, int gOff, float[] sum, int sumOff, int n,
            double clr, double eps, double weightDecay) {
        ScalarOptimizerStepsF32.adagradStep(p, pOff, g, gOff, sum, sumOff, n, clr, eps, weightDecay);
    }

    /** F64 Adagrad step. */
    @Override
    public void adagradStep(double[] p, int pOff, double[] g, int gOff, double[] sum, int sumOff, int n,
            double clr, double eps, double weightDecay) {
        ScalarOptimizerStepsF64.adagradStep(p, pOff, g, gOff, sum, sumOff, n, clr, eps, weightDecay);
    }
}
