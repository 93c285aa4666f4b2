// Generated from engine/src/main/templates/org/vecgrad/engine/kernel/scalar/ScalarOptimizerSteps-X.java.template
// by engine/src/test/java/org/vecgrad/engine/codegen/Codegen.java; do not edit.
package org.vecgrad.engine.kernel.scalar;

import org.vecgrad.engine.kernel.OptimizerKernels;

/**
 * The F32 reference optimizer updates of {@link ScalarOptimizerSteps}, which states their arithmetic: one plain loop
 * per optimizer. Generated with its twin from {@code ScalarOptimizerSteps-X.java.template}; F32 rounds each
 * hyperparameter to float before the loop.
 */
final class ScalarOptimizerStepsF32 {
    private ScalarOptimizerStepsF32() {
    }

    /** Adam/AdamW/AMSGrad step; see {@link OptimizerKernels}. */
    static void adamStep(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
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

    /** SGD step; see {@link OptimizerKernels}. */
    static void sgdStep(float[] p, int pOff, float[] g, int gOff, float[] buf, int bufOff, int n, double lr,
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

    /** RMSprop step; see {@link OptimizerKernels}. */
    static void rmspropStep(float[] p, int pOff, float[] g, int gOff, float[] sq, int sqOff, float[] avg,
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

    /** Adagrad step; see {@link OptimizerKernels}. */
    static void adagradStep(float[] p, int pOff, float[] g, int gOff, float[] sum, int sumOff, int n,
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
}
