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
 * bits lane by lane.
 */
public final class ScalarOptimizerSteps implements OptimizerKernels {
    /** A stateless instance; the SIMD kernels run their tails on it. */
    public ScalarOptimizerSteps() {
    }

    // ------------------------------------------------------------------------------------------------ Adam

    /** F32 Adam/AdamW/AMSGrad step; see {@link OptimizerKernels}. */
    @Override
    public void adamStep(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
            float[] vMax, int vMaxOff, int n, double beta1, double beta2, double l2, double decay,
            double stepSize, double bc2Sqrt, double eps) {
        final float b1 = (float) beta1, c1 = (float) (1 - beta1), b2 = (float) beta2, c2 = (float) (1 - beta2);
        final float wd = (float) l2, dec = (float) decay, ss = (float) stepSize, bc = (float) bc2Sqrt;
        final float e = (float) eps;
        for (int i = 0; i < n; i++) {
            float th = p[pOff + i];
            float gi = g[gOff + i];
            if (wd != 0) { // skip 0·θ: θ = ±∞ must not make NaN
                gi = gi + wd * th;
            }
            float mi = b1 * m[mOff + i] + c1 * gi;
            float vi = b2 * v[vOff + i] + c2 * gi * gi;
            m[mOff + i] = mi;
            v[vOff + i] = vi;
            if (vMax != null) {
                vi = Math.max(vMax[vMaxOff + i], vi);
                vMax[vMaxOff + i] = vi;
            }
            p[pOff + i] = th * dec - ss * mi / ((float) Math.sqrt(vi) / bc + e);
        }
    }

    /** F64 Adam/AdamW/AMSGrad step. */
    @Override
    public void adamStep(double[] p, int pOff, double[] g, int gOff, double[] m, int mOff, double[] v, int vOff,
            double[] vMax, int vMaxOff, int n, double beta1, double beta2, double l2, double decay,
            double stepSize, double bc2Sqrt, double eps) {
        final double c1 = 1 - beta1, c2 = 1 - beta2;
        for (int i = 0; i < n; i++) {
            double th = p[pOff + i];
            double gi = g[gOff + i];
            if (l2 != 0) {
                gi = gi + l2 * th;
            }
            double mi = beta1 * m[mOff + i] + c1 * gi;
            double vi = beta2 * v[vOff + i] + c2 * gi * gi;
            m[mOff + i] = mi;
            v[vOff + i] = vi;
            if (vMax != null) {
                vi = Math.max(vMax[vMaxOff + i], vi);
                vMax[vMaxOff + i] = vi;
            }
            p[pOff + i] = th * decay - stepSize * mi / (Math.sqrt(vi) / bc2Sqrt + eps);
        }
    }

    // ------------------------------------------------------------------------------------------------ SGD

    /** F32 SGD step; see {@link OptimizerKernels#sgdStep}. */
    @Override
    public void sgdStep(float[] p, int pOff, float[] g, int gOff, float[] buf, int bufOff, int n, double lr,
            double momentum, double dampening, double weightDecay, boolean nesterov, boolean first,
            boolean maximize) {
        final float a = (float) lr, mu = (float) momentum, damp = (float) (1 - dampening);
        final float wd = (float) weightDecay;
        for (int i = 0; i < n; i++) {
            float th = p[pOff + i];
            float gi = g[gOff + i];
            if (wd != 0) {
                gi = gi + wd * th;
            }
            if (buf != null) {
                float b = first ? gi : mu * buf[bufOff + i] + damp * gi;
                buf[bufOff + i] = b;
                gi = nesterov ? gi + mu * b : b;
            }
            p[pOff + i] = maximize ? th + a * gi : th - a * gi;
        }
    }

    /** F64 SGD step. */
    @Override
    public void sgdStep(double[] p, int pOff, double[] g, int gOff, double[] buf, int bufOff, int n, double lr,
            double momentum, double dampening, double weightDecay, boolean nesterov, boolean first,
            boolean maximize) {
        final double damp = 1 - dampening;
        for (int i = 0; i < n; i++) {
            double th = p[pOff + i];
            double gi = g[gOff + i];
            if (weightDecay != 0) {
                gi = gi + weightDecay * th;
            }
            if (buf != null) {
                double b = first ? gi : momentum * buf[bufOff + i] + damp * gi;
                buf[bufOff + i] = b;
                gi = nesterov ? gi + momentum * b : b;
            }
            p[pOff + i] = maximize ? th + lr * gi : th - lr * gi;
        }
    }

    // ------------------------------------------------------------------------------------------------ RMSprop

    /** F32 RMSprop step; see {@link OptimizerKernels#rmspropStep}. */
    @Override
    public void rmspropStep(float[] p, int pOff, float[] g, int gOff, float[] sq, int sqOff, float[] avg,
            int avgOff, float[] buf, int bufOff, int n, double lr, double alpha, double eps, double weightDecay,
            double momentum) {
        final float a = (float) lr, al = (float) alpha, c = (float) (1 - alpha), e = (float) eps;
        final float wd = (float) weightDecay, mu = (float) momentum;
        for (int i = 0; i < n; i++) {
            float th = p[pOff + i];
            float gi = g[gOff + i];
            if (wd != 0) {
                gi = gi + wd * th;
            }
            float v = al * sq[sqOff + i] + c * gi * gi;
            sq[sqOff + i] = v;
            float d;
            if (avg != null) {
                float ai = al * avg[avgOff + i] + c * gi;
                avg[avgOff + i] = ai;
                d = (float) Math.sqrt(v - ai * ai) + e;
            } else {
                d = (float) Math.sqrt(v) + e;
            }
            if (buf != null) {
                float b = mu * buf[bufOff + i] + gi / d;
                buf[bufOff + i] = b;
                p[pOff + i] = th - a * b;
            } else {
                p[pOff + i] = th - a * gi / d;
            }
        }
    }

    /** F64 RMSprop step. */
    @Override
    public void rmspropStep(double[] p, int pOff, double[] g, int gOff, double[] sq, int sqOff, double[] avg,
            int avgOff, double[] buf, int bufOff, int n, double lr, double alpha, double eps, double weightDecay,
            double momentum) {
        final double c = 1 - alpha;
        for (int i = 0; i < n; i++) {
            double th = p[pOff + i];
            double gi = g[gOff + i];
            if (weightDecay != 0) {
                gi = gi + weightDecay * th;
            }
            double v = alpha * sq[sqOff + i] + c * gi * gi;
            sq[sqOff + i] = v;
            double d;
            if (avg != null) {
                double ai = alpha * avg[avgOff + i] + c * gi;
                avg[avgOff + i] = ai;
                d = Math.sqrt(v - ai * ai) + eps;
            } else {
                d = Math.sqrt(v) + eps;
            }
            if (buf != null) {
                double b = momentum * buf[bufOff + i] + gi / d;
                buf[bufOff + i] = b;
                p[pOff + i] = th - lr * b;
            } else {
                p[pOff + i] = th - lr * gi / d;
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ Adagrad

    /** F32 Adagrad step; see {@link OptimizerKernels#adagradStep}. */
    @Override
    public void adagradStep(float[] p, int pOff, float[] g, int gOff, float[] sum, int sumOff, int n,
            double clr, double eps, double weightDecay) {
        final float a = (float) clr, e = (float) eps, wd = (float) weightDecay;
        for (int i = 0; i < n; i++) {
            float th = p[pOff + i];
            float gi = g[gOff + i];
            if (wd != 0) {
                gi = gi + wd * th;
            }
            float s = sum[sumOff + i] + gi * gi;
            sum[sumOff + i] = s;
            p[pOff + i] = th - a * gi / ((float) Math.sqrt(s) + e);
        }
    }

    /** F64 Adagrad step. */
    @Override
    public void adagradStep(double[] p, int pOff, double[] g, int gOff, double[] sum, int sumOff, int n,
            double clr, double eps, double weightDecay) {
        for (int i = 0; i < n; i++) {
            double th = p[pOff + i];
            double gi = g[gOff + i];
            if (weightDecay != 0) {
                gi = gi + weightDecay * th;
            }
            double s = sum[sumOff + i] + gi * gi;
            sum[sumOff + i] = s;
            p[pOff + i] = th - clr * gi / (Math.sqrt(s) + eps);
        }
    }
}
