package org.vecgrad.autodiff;

import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.nn.Normalization;

/**
 * Batch, group and layer normalization as operations: y = γ·x̂ + β with x̂ = (x − μ)·s, s = 1/√(σ² + ε), μ and σ²
 * (biased) taken over each normalization set. The forward runs the engine's SIMD passes; the backward
 * <pre>  ∂L/∂x = s·(ĝ − mean(ĝ) − x̂·mean(ĝ·x̂)),  ĝ = γ·g,   ∂L/∂γ = Σ g·x̂,   ∂L/∂β = Σ g</pre>
 * runs on them too in a plain pass (one pass of sums shared by the three rules), and is written with tensor
 * operations when the pass records a graph (createGraph), recomputing x̂ from x so that second derivatives flow
 * through μ and σ² as well. The Jacobian of x ↦ x̂ is symmetric, so the forward-mode rule is the backward formula
 * applied to ẋ: ẏ = γ·s·(ẋ − mean(ẋ) − x̂·mean(ẋ·x̂)) + γ̇·x̂ + β̇.
 */
final class NormOps {
    private NormOps() {
    }

    /**
     * Where the statistics and the affine parameters live. Statistics: x seen as [a, k, b], one set per k over a
     * and b (batch norm: [N, C, H·W]; group norm: [1, N·G, C/G·H·W]; layer norm: [1, rows, D]). Affine: x seen as
     * p × q runs of s elements, γ and β indexed by q (batch and group norm: [N, C, H·W]; layer norm: [rows, D, 1]);
     * {@link #stat} gives the statistics set of run r = p·q + q': r mod {@code statMod} (batch norm: the channel) when
     * statMod &gt; 0, else r / {@code statDiv} (group norm: the image's group).
     */
    record View(int a, int k, int b, int p, int q, int s, int statMod, int statDiv) {
        static View batchNorm(int n, int c, int hw) {
            return new View(n, c, hw, n, c, hw, c, 1);
        }

        static View groupNorm(int n, int c, int groups, int hw) {
            int cg = c / groups;
            return new View(1, n * groups, cg * hw, n, c, hw, 0, cg);
        }

        static View layerNorm(int rows, int d) {
            return new View(1, rows, d, rows, d, 1, 0, 1);
        }

        int runs() {
            return p * q;
        }

        long setSize() {
            return (long) a * b;
        }

        /** The statistics set of run r. */
        int stat(int r) {
            return statMod > 0 ? r % statMod : r / statDiv;
        }
    }

    /**
     * The calling thread's coefficient buffers (per-run scale and shift, backward coefficients, per-set sums),
     * grown on demand and kept, so the passes allocate nothing but their results and the statistics the backward
     * needs (μ and s per set). Each use fills and reads them within one call.
     */
    private static final ThreadLocal<double[][]> WORK = ThreadLocal.withInitial(() -> new double[7][0]);

    private static final int ALPHA = 0;
    private static final int BETA = 1;
    private static final int CONST = 2;
    private static final int SET_G = 3;
    private static final int SET_GX = 4;
    private static final int RUN_G = 5;
    private static final int RUN_GX = 6;

    /** Buffer {@code slot} of the calling thread, at least n long, zeroed over [0, n) when {@code zero}. */
    private static double[] work(int slot, int n, boolean zero) {
        double[][] w = WORK.get();
        if (w[slot].length < n) {
            w[slot] = new double[n];
        } else if (zero) {
            java.util.Arrays.fill(w[slot], 0, n, 0);
        }
        return w[slot];
    }

    // ============================================================================================ batch and group

    /**
     * Normalizes with statistics of x itself (batch norm in training, group norm); when {@code meanOut} and
     * {@code varOut} are not null they receive μ and the biased σ² of each set (for running statistics).
     */
    static Tensor normalize(String op, Tensor x, Tensor gamma, Tensor beta, double eps, View v, double[] meanOut,
                            double[] varOut) {
        NdArray xd = x.data;
        NdArray y = NdArray.zerosLike(xd);
        double[] mean = new double[v.k];                                   // μ and s: kept for the backward
        double[] s = new double[v.k];
        Normalization.moments(xd, v.a, v.k, v.b, mean, s);                 // s holds σ² until overwritten
        if (meanOut != null) {
            System.arraycopy(mean, 0, meanOut, 0, v.k);
            System.arraycopy(s, 0, varOut, 0, v.k);
        }
        for (int k = 0; k < v.k; k++) {
            s[k] = 1 / Math.sqrt(s[k] + eps);
        }
        int runs = v.runs();
        double[] gm = values(gamma, v.q, 1);
        double[] scale = work(ALPHA, runs, false);
        double[] shift = work(BETA, runs, false);
        for (int r = 0; r < runs; r++) {                                  // y = x·(γs) + (β − μγs) per run
            int k = v.stat(r);
            scale[r] = gm[r % v.q] * s[k];
            shift[r] = (beta == null ? 0 : beta.data.getFlat(r % v.q)) - mean[k] * scale[r];
        }
        Normalization.scaleShift(xd, 1, runs, v.s, scale, shift, y);

        Sums sums = new Sums(x, v);
        BackwardRule rx = (g, yy) -> {
            if (GradMode.isEnabled()) {
                return formula(x, gamma, eps, v, g)[0];
            }
            double[][] sg = sums.of(g);
            double[] sd = work(SET_G, v.k, true);                          // Σ ĝ and Σ ĝ·x per set
            double[] sdx = work(SET_GX, v.k, true);
            for (int r = 0; r < runs; r++) {
                sd[v.stat(r)] += gm[r % v.q] * sg[0][r];
                sdx[v.stat(r)] += gm[r % v.q] * sg[1][r];
            }
            coefficients(v, mean, s, sd, sdx, gm);
            NdArray dx = NdArray.zerosLike(xd);
            Normalization.combine(g.data, xd, 1, runs, v.s, work(ALPHA, runs, false), work(BETA, runs, false),
                    work(CONST, runs, false), dx);
            return Tensor.owned(dx);
        };
        BackwardRule rGamma = (g, yy) -> {
            if (GradMode.isEnabled()) {
                return formula(x, gamma, eps, v, g)[1].reshape(gamma.data.shape());
            }
            double[][] sg = sums.of(g);
            double[] d = work(ALPHA, v.q, true);                           // Σ g·x̂ = s·(Σ g·x − μ·Σ g)
            for (int r = 0; r < runs; r++) {
                int k = v.stat(r);
                d[r % v.q] += s[k] * (sg[1][r] - mean[k] * sg[0][r]);
            }
            return Tensor.owned(array(d, gamma.data));
        };
        BackwardRule rBeta = (g, yy) -> {
            if (GradMode.isEnabled()) {
                return formula(x, gamma, eps, v, g)[2].reshape(beta.data.shape());
            }
            double[][] sg = sums.of(g);
            double[] d = work(ALPHA, v.q, true);
            for (int r = 0; r < runs; r++) {
                d[r % v.q] += sg[0][r];
            }
            return Tensor.owned(array(d, beta.data));
        };
        ForwardRule jvp = t -> {
            NdArray dx = t[0];
            double[] alpha = work(ALPHA, runs, true);
            double[] bx = work(BETA, runs, true);
            double[] c = work(CONST, runs, true);
            if (dx != null) {                                               // γ·J(ẋ): the backward formula on ẋ
                double[] sumD = work(RUN_G, runs, false);
                double[] sumDX = work(RUN_GX, runs, false);
                Normalization.sums(dx, xd, 1, runs, v.s, sumD, sumDX);
                double[] sd = work(SET_G, v.k, true);
                double[] sdx = work(SET_GX, v.k, true);
                for (int r = 0; r < runs; r++) {
                    sd[v.stat(r)] += sumD[r];
                    sdx[v.stat(r)] += sumDX[r];
                }
                coefficients(v, mean, s, sd, sdx, gm);                      // fills alpha (with γ), bx, c
                for (int r = 0; r < runs; r++) {                            // ẋ's sums carry no γ: scale by it
                    bx[r] *= gm[r % v.q];
                    c[r] *= gm[r % v.q];
                }
            }
            NdArray dGamma = t.length > 1 ? t[1] : null;
            NdArray dBeta = t.length > 2 ? t[2] : null;
            for (int r = 0; r < runs; r++) {
                int k = v.stat(r);
                if (dGamma != null) {                                       // + γ̇·s·(x − μ)
                    double dg = dGamma.getFlat(r % v.q);
                    bx[r] += dg * s[k];
                    c[r] -= dg * s[k] * mean[k];
                }
                if (dBeta != null) {                                        // + β̇
                    c[r] += dBeta.getFlat(r % v.q);
                }
            }
            NdArray out = NdArray.zerosLike(xd);
            Normalization.combine(dx == null ? xd : dx, xd, 1, runs, v.s, alpha, bx, c, out);
            return out;
        };
        return record(op, y, x, gamma, beta, jvp, rx, rGamma, rBeta);
    }

    /**
     * Per run r in set k, into the calling thread's ALPHA, BETA and CONST buffers: α = s·γ, β' = −s²·m2,
     * c = −s·m1 + s²·m2·μ with m1 = Σĝ/M and m2 = s·(Σĝx − μ·Σĝ)/M, so that α·g + β'·x + c = s·(ĝ − m1 − x̂·m2).
     */
    private static void coefficients(View v, double[] mean, double[] s, double[] sd, double[] sdx, double[] gm) {
        double m = v.setSize();
        int runs = v.runs();
        double[] alpha = work(ALPHA, runs, false);
        double[] beta = work(BETA, runs, false);
        double[] c = work(CONST, runs, false);
        for (int r = 0; r < runs; r++) {
            int k = v.stat(r);
            double sk = s[k];
            double m1 = sd[k] / m;
            double m2 = sk * (sdx[k] - mean[k] * sd[k]) / m;
            alpha[r] = sk * gm[r % v.q];
            beta[r] = -sk * sk * m2;
            c[r] = -sk * m1 + sk * sk * m2 * mean[k];
        }
    }

    /** The sums Σ g and Σ g·x per run, computed once per upstream gradient and shared by the three rules. */
    private static final class Sums {
        private final Tensor x;
        private final View v;
        private Tensor g;
        private double[][] sums;

        Sums(Tensor x, View v) {
            this.x = x;
            this.v = v;
        }

        synchronized double[][] of(Tensor g) {
            if (this.g != g) {
                double[][] s = new double[2][v.runs()];
                Normalization.sums(g.data, x.data, 1, v.runs(), v.s, s[0], s[1]);
                this.g = g;
                this.sums = s;
            }
            return sums;
        }
    }

    // ============================================================================================ layer norm

    /** Layer norm over the last D elements of each row; γ and β have D elements (or are null). */
    static Tensor layerNorm(String op, Tensor x, int d, Tensor gamma, Tensor beta, double eps) {
        NdArray xd = x.data;
        int rows = d == 0 ? 0 : xd.size() / d;
        View v = View.layerNorm(rows, d);
        double[] mean = new double[rows];
        double[] rstd = new double[rows];
        NdArray y = NdArray.zerosLike(xd);
        Normalization.layerNorm(xd, rows, d, eps, gamma == null ? null : gamma.data, beta == null ? null : beta.data,
                mean, rstd, y);
        NdArray[][] cache = new NdArray[1][];
        Tensor[] cachedG = new Tensor[1];
        java.util.function.Function<Tensor, NdArray[]> grads = g -> {      // dx, dγ, dβ in one pass per g
            synchronized (cache) {
                if (cachedG[0] != g) {
                    NdArray dx = NdArray.zerosLike(xd);
                    NdArray dg = gamma == null ? null : NdArray.zerosLike(gamma.data);
                    NdArray db = beta == null ? null : NdArray.zerosLike(beta.data);
                    Normalization.layerNormBackward(g.data, xd, rows, d, mean, rstd, gamma == null ? null
                            : gamma.data, dx, dg, db);
                    cache[0] = new NdArray[] {dx, dg, db};
                    cachedG[0] = g;
                }
                return cache[0];
            }
        };
        BackwardRule rx = (g, yy) -> GradMode.isEnabled() ? formula(x, gamma, eps, v, g)[0]
                : Tensor.owned(grads.apply(g)[0]);
        BackwardRule rGamma = (g, yy) -> GradMode.isEnabled()
                ? formula(x, gamma, eps, v, g)[1].reshape(gamma.data.shape()) : Tensor.owned(grads.apply(g)[1]);
        BackwardRule rBeta = (g, yy) -> GradMode.isEnabled()
                ? formula(x, gamma, eps, v, g)[2].reshape(beta.data.shape()) : Tensor.owned(grads.apply(g)[2]);
        ForwardRule jvp = t -> {
            int[] rd = {rows, d};
            NdArray out = NdArray.zeros(xd.dtype(), rd);
            if (t[0] != null) {                                             // γ·J(ẋ)
                Normalization.layerNormBackward(t[0], xd, rows, d, mean, rstd, null, out, null, null);
                if (gamma != null) {
                    out.mulInPlace(gamma.data.reshape(1, d));
                }
            }
            if (t.length > 1 && t[1] != null) {                             // + γ̇·x̂
                NdArray xhat = NdArray.zeros(xd.dtype(), rd);
                Normalization.layerNorm(xd, rows, d, eps, null, null, new double[rows], new double[rows], xhat);
                out.addInPlace(xhat.mulInPlace(t[1].reshape(1, d)));
            }
            if (t.length > 2 && t[2] != null) {                             // + β̇
                out.addInPlace(t[2].reshape(1, d));
            }
            return out.reshape(xd.shape());
        };
        return record(op, y, x, gamma, beta, jvp, rx, rGamma, rBeta);
    }

    // ============================================================================================ shared

    /**
     * The backward formula written with tensor operations (recorded when a graph is being built):
     * {dx, dγ [q], dβ [q]}, x̂ recomputed from x so that the result is differentiable in x.
     */
    private static Tensor[] formula(Tensor x, Tensor gamma, double eps, View v, Tensor g) {
        Tensor xv = x.reshape(v.a, v.k, v.b);
        Tensor mu = xv.mean(2, true).mean(0, true);
        Tensor xc = xv.sub(mu);
        Tensor s = xc.square().mean(2, true).mean(0, true).add(eps).pow(-0.5);
        Tensor xhat = xc.mul(s);                                                 // [a, k, b]
        Tensor gv = g.reshape(v.p, v.q, v.s);
        Tensor dxhat = (gamma == null ? gv : gv.mul(gamma.reshape(1, v.q, 1))).reshape(v.a, v.k, v.b);
        Tensor m1 = dxhat.mean(2, true).mean(0, true);
        Tensor m2 = dxhat.mul(xhat).mean(2, true).mean(0, true);
        Tensor dx = dxhat.sub(m1).sub(xhat.mul(m2)).mul(s).reshape(x.data.shape());
        Tensor dGamma = gv.mul(xhat.reshape(v.p, v.q, v.s)).sum(2, false).sum(0, false);
        Tensor dBeta = gv.sum(2, false).sum(0, false);
        return new Tensor[] {dx, dGamma, dBeta};
    }

    /** Records y with inputs x and the affine parameters that are present. */
    private static Tensor record(String op, NdArray y, Tensor x, Tensor gamma, Tensor beta, ForwardRule jvp,
                                 BackwardRule rx, BackwardRule rGamma, BackwardRule rBeta) {
        if (gamma != null && beta != null) {
            return Tensor.customWithJvp(op, y, new Tensor[] {x, gamma, beta}, jvp, rx, rGamma, rBeta);
        }
        if (gamma != null) {
            return Tensor.customWithJvp(op, y, new Tensor[] {x, gamma}, jvp, rx, rGamma);
        }
        if (beta != null) {                                                 // tangents: [ẋ, null, β̇] for the rule
            return Tensor.customWithJvp(op, y, new Tensor[] {x, beta}, t -> jvp.apply(new NdArray[] {t[0], null,
                    t[1]}), rx, rBeta);
        }
        return Tensor.customWithJvp(op, y, new Tensor[] {x}, jvp, rx);
    }

    /** The q values of an affine parameter as doubles, or {@code fill} when it is absent. */
    private static double[] values(Tensor t, int q, double fill) {
        double[] v = new double[q];
        for (int i = 0; i < q; i++) {
            v[i] = t == null ? fill : t.data.getFlat(i);
        }
        return v;
    }

    /** A new array shaped like {@code like} holding the first like.size() values of {@code v}. */
    private static NdArray array(double[] v, NdArray like) {
        NdArray a = NdArray.zerosLike(like);
        for (int i = 0; i < a.size(); i++) {
            a.setFlat(i, v[i]);
        }
        return a;
    }
}
