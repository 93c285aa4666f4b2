// Generated from engine/src/main/templates/org/vecgrad/engine/kernel/scalar/ScalarOptimizerSteps-X.java.template
// by engine/src/test/java/org/vecgrad/engine/codegen/Codegen.java; do not edit.
package org.vecgrad.engine.kernel.scalar;

import org.vecgrad.engine.kernel.OptimizerKernels;

/**
 * The F64 reference optimizer updates of {@link ScalarOptimizerSteps}, which states their arithmetic: one plain loop
 * per optimizer. Generated with its twin from {@code ScalarOptimizerSteps-X.java.template}; F32 rounds each
 * hyperparameter to float before the loop.
 */
final class ScalarOptimizerStepsF64 {
    private ScalarOptimizerStepsF64() {
    }

    /** Adam/AdamW/AMSGrad step; see {@link OptimizerKernels}. */
    static void adamStep(double[] p, int pOff, double[] g, int gOff, double[] m, int mOff, double[] v, int vOff,
            double[] vMax, int vMaxOff, int n, double beta1, double beta2, double l2, double decay,
            double stepSize, double bc2Sqrt, double eps) {
        final double b1 = beta1, c1 = (1 - beta1), b2 = beta2, c2 = (1 - beta2);
        final double wd = l2, dec = decay, ss = stepSize, bc = bc2Sqrt;
        final double e = eps;
        for (int i = 0; i < n; i++) {
            double th = p[pOff + i];
            double gi = g[gOff + i];
            if (wd != 0) { // skip 0·θ: θ = ±∞ must not make NaN
                gi = gi + wd * th;
            }
            double mi = b1 * m[mOff + i] + c1 * gi;
            double vi = b2 * v[vOff + i] + c2 * gi * gi;
            m[mOff + i] = mi;
            v[vOff + i] = vi;
            if (vMax != null) {
                vi = Math.max(vMax[vMaxOff + i], vi);
                vMax[vMaxOff + i] = vi;
            }
            p[pOff + i] = th * dec - ss * mi / (Math.sqrt(vi) / bc + e);
        }
    }

    /** SGD step; see {@link OptimizerKernels}. */
    static void sgdStep(double[] p, int pOff, double[] g, int gOff, double[] buf, int bufOff, int n, double lr,
            double momentum, double dampening, double weightDecay, boolean nesterov, boolean first,
            boolean maximize) {
        final double a = lr, mu = momentum, damp = (1 - dampening);
        final double wd = weightDecay;
        for (int i = 0; i < n; i++) {
            double th = p[pOff + i];
            double gi = g[gOff + i];
            if (wd != 0) {
                gi = gi + wd * th;
            }
            if (buf != null) {
                double b = first ? gi : mu * buf[bufOff + i] + damp * gi;
                buf[bufOff + i] = b;
                gi = nesterov ? gi + mu * b : b;
            }
            p[pOff + i] = maximize ? th + a * gi : th - a * gi;
        }
    }

    /** RMSprop step; see {@link OptimizerKernels}. */
    static void rmspropStep(double[] p, int pOff, double[] g, int gOff, double[] sq, int sqOff, double[] avg,
            int avgOff, double[] buf, int bufOff, int n, double lr, double alpha, double eps, double weightDecay,
            double momentum) {
        final double a = lr, al = alpha, c = (1 - alpha), e = eps;
        final double wd = weightDecay, mu = momentum;
        for (int i = 0; i < n; i++) {
            double th = p[pOff + i];
            double gi = g[gOff + i];
            if (wd != 0) {
                gi = gi + wd * th;
            }
            double v = al * sq[sqOff + i] + c * gi * gi;
            sq[sqOff + i] = v;
            double d;
            if (avg != null) {
                double ai = al * avg[avgOff + i] + c * gi;
                avg[avgOff + i] = ai;
                d = Math.sqrt(v - ai * ai) + e;
            } else {
                d = Math.sqrt(v) + e;
            }
            if (buf != null) {
                double b = mu * buf[bufOff + i] + gi / d;
                buf[bufOff + i] = b;
                p[pOff + i] = th - a * b;
            } else {
                p[pOff + i] = th - a * gi / d;
            }
        }
    }

    /** Adagrad step; see {@link OptimizerKernels}. */
    static void adagradStep(double[] p, int pOff, double[] g, int gOff, double[] sum, int sumOff, int n,
            double clr, double eps, double weightDecay) {
        final double a = clr, e = eps, wd = weightDecay;
        for (int i = 0; i < n; i++) {
            double th = p[pOff + i];
            double gi = g[gOff + i];
            if (wd != 0) {
                gi = gi + wd * th;
            }
            double s = sum[sumOff + i] + gi * gi;
            sum[sumOff + i] = s;
            p[pOff + i] = th - a * gi / (Math.sqrt(s) + e);
        }
    }
}
