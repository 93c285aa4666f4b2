package org.vecgrad.engine.nn;

import java.util.Objects;
import org.vecgrad.engine.BinaryOp;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;
import org.vecgrad.engine.kernel.ElementwiseKernels;
import org.vecgrad.engine.kernel.Kernels;
import org.vecgrad.engine.kernel.ReductionKernels;

/**
 * The passes of batch, group and layer normalization on {@link NdArray}s (F32 or F64), each a loop of SIMD kernel
 * calls over contiguous runs (the active backend's sums, dot products, sums of squared deviations, the fused
 * scale-and-shift x·a + b and combination α·g + β·x + c, binary ops), with the
 * per-group coefficients in double. Batch and group norm see their input as [A, R, B] (runs of B elements;
 * batch norm: A = N, R = C, B = H·W; group norm: A = 1, R = N·groups or N·C, B = the group's or the channel's
 * elements); layer norm sees rows of D elements. Nothing here allocates but the caller's results, and every pass
 * is sequential, so results are bit-identical for any thread count.
 *
 * <p>With x̂ = (x − μ)·s, s = 1/√(σ² + ε), y = γ·x̂ + β, and g = ∂L/∂y, the backward pass over a normalization set of
 * M elements is
 * <pre>  ∂L/∂x = s·(ĝ − mean(ĝ) − x̂·mean(ĝ·x̂)),   ĝ = γ·g,   ∂L/∂γ = Σ g·x̂,   ∂L/∂β = Σ g</pre>
 * which per run is the affine combination α·g + β'·x + c that {@link #combine} evaluates.
 */
public final class Normalization {
    private Normalization() {
    }

    private static ElementwiseKernels ew() {
        return Kernels.active().elementwise();
    }

    private static ReductionKernels red() {
        return Kernels.active().reductions();
    }

    /**
     * mean[r] and the biased variance var[r] of x viewed as [A, R, B], over a and b: two passes (the sum, then the
     * sum of squared deviations from the mean, neither writing anything), which keeps the variance accurate when
     * the mean is large against the spread.
     */
    public static void moments(NdArray x, int a, int r, int b, double[] mean, double[] var) {
        view("moments", x, a, r, b);
        long m = (long) a * b;
        for (int k = 0; k < r; k++) {
            double s = 0;
            for (int i = 0; i < a; i++) {
                s += sum(x, (i * r + k) * b, b);
            }
            double mu = m == 0 ? 0 : s / m;
            double q = 0;
            for (int i = 0; i < a; i++) {
                q += squaredDeviations(x, (i * r + k) * b, b, mu);
            }
            mean[k] = mu;
            var[k] = m == 0 ? 0 : q / m;
        }
    }

    /**
     * y[a, r, ·] = x[a, r, ·]·scale[r] + shift[r] for x and y viewed as [A, R, B], one fused pass per run; y may
     * be x.
     */
    public static void scaleShift(NdArray x, int a, int r, int b, double[] scale, double[] shift, NdArray y) {
        view("scaleShift", x, a, r, b);
        view("scaleShift", y, a, r, b);
        for (int i = 0; i < a; i++) {
            for (int k = 0; k < r; k++) {
                int off = (i * r + k) * b;
                scaleShift(x, off, scale[k], shift[k], y, off, b);
            }
        }
    }

    /** sumG[r] = Σ g and sumGX[r] = Σ g·x over a and b of g, x viewed as [A, R, B]. */
    public static void sums(NdArray g, NdArray x, int a, int r, int b, double[] sumG, double[] sumGX) {
        view("sums", g, a, r, b);
        view("sums", x, a, r, b);
        for (int k = 0; k < r; k++) {
            double sg = 0;
            double sgx = 0;
            for (int i = 0; i < a; i++) {
                int off = (i * r + k) * b;
                sg += sum(g, off, b);
                sgx += dot(g, off, x, off, b);
            }
            sumG[k] = sg;
            sumGX[k] = sgx;
        }
    }

    /** dx[a, r, ·] = alpha[r]·g + beta[r]·x + c[r] over [A, R, B] (one fused pass per run); dx may be g or x. */
    public static void combine(NdArray g, NdArray x, int a, int r, int b, double[] alpha, double[] beta, double[] c,
                               NdArray dx) {
        view("combine", g, a, r, b);
        view("combine", x, a, r, b);
        view("combine", dx, a, r, b);
        for (int i = 0; i < a; i++) {
            for (int k = 0; k < r; k++) {
                int off = (i * r + k) * b;
                combine(alpha[k], g, off, beta[k], x, off, c[k], dx, off, b);
            }
        }
    }

    /**
     * Layer norm over rows of D elements: mean[i], rstd[i] = 1/√(σ²ᵢ + ε) per row, and y = (x − μ)·s·γ + β with γ, β
     * of D elements each (null: 1 and 0). One fused pass per row (x·s − μ·s) after the two of the moments, and
     * one for each of γ and β.
     */
    public static void layerNorm(NdArray x, int rows, int d, double eps, NdArray gamma, NdArray beta,
                                 double[] mean, double[] rstd, NdArray y) {
        view("layerNorm", x, 1, rows, d);
        view("layerNorm", y, 1, rows, d);
        moments(x, 1, rows, d, mean, rstd);                                 // rstd holds σ² until overwritten
        for (int i = 0; i < rows; i++) {
            int off = i * d;
            double s = 1 / Math.sqrt(rstd[i] + eps);
            rstd[i] = s;
            scaleShift(x, off, s, -mean[i] * s, y, off, d);
            if (gamma != null) {
                binOp(BinaryOp.MUL, y, off, gamma, 0, y, off, d);
            }
            if (beta != null) {
                binOp(BinaryOp.ADD, y, off, beta, 0, y, off, d);
            }
        }
    }

    /**
     * Layer norm's backward: dx (shaped like x) = s·(ĝ − mean(ĝ) − x̂·mean(ĝ·x̂)) per row with ĝ = γ·g; when not
     * null, dGamma += Σ_rows g·x̂ and dBeta += Σ_rows g (D elements each, accumulated in row order).
     */
    public static void layerNormBackward(NdArray g, NdArray x, int rows, int d, double[] mean, double[] rstd,
                                         NdArray gamma, NdArray dx, NdArray dGamma, NdArray dBeta) {
        view("layerNormBackward", g, 1, rows, d);
        view("layerNormBackward", x, 1, rows, d);
        view("layerNormBackward", dx, 1, rows, d);
        for (int i = 0; i < rows; i++) {
            int off = i * d;
            double s = rstd[i];
            if (dGamma != null) {                                          // dγ += g·x̂, with dx as the scratch
                scaleShift(x, off, s, -mean[i] * s, dx, off, d);
                binOp(BinaryOp.MUL, dx, off, g, off, dx, off, d);
                binOp(BinaryOp.ADD, dGamma, 0, dx, off, dGamma, 0, d);
            }
            if (dBeta != null) {
                binOp(BinaryOp.ADD, dBeta, 0, g, off, dBeta, 0, d);
            }
            if (gamma != null) {
                binOp(BinaryOp.MUL, g, off, gamma, 0, dx, off, d);          // ĝ = γ·g
            } else {
                scalarOp(BinaryOp.MUL, g, off, 1, dx, off, d);
            }
            double sg = sum(dx, off, d);
            double sgx = dot(dx, off, x, off, d);
            double m1 = sg / d;                                             // mean(ĝ)
            double m2 = s * (sgx - mean[i] * sg) / d;                       // mean(ĝ·x̂)
            double bx = -s * s * m2;
            double c = -s * m1 + s * s * m2 * mean[i];
            combine(s, dx, off, bx, x, off, c, dx, off, d);                 // s·ĝ − s²·m2·x + c
        }
    }

    // ------------------------------------------------------------------------------------- kernel dispatch
    // Offsets below are relative to each array's first element.

    private static double sum(NdArray a, int off, int n) {
        return a.dtype() == DType.F32 ? red().sum(a.floatData(), a.offset() + off, n)
                : red().sum(a.doubleData(), a.offset() + off, n);
    }

    private static double dot(NdArray a, int aOff, NdArray b, int bOff, int n) {
        return a.dtype() == DType.F32 ? red().dot(a.floatData(), a.offset() + aOff, b.floatData(), b.offset() + bOff, n)
                : red().dot(a.doubleData(), a.offset() + aOff, b.doubleData(), b.offset() + bOff, n);
    }

    private static void scalarOp(BinaryOp op, NdArray a, int aOff, double s, NdArray out, int outOff, int n) {
        if (a.dtype() == DType.F32) {
            ew().binaryScalar(op, a.floatData(), a.offset() + aOff, (float) s, out.floatData(), out.offset() + outOff,
                    n);
        } else {
            ew().binaryScalar(op, a.doubleData(), a.offset() + aOff, s, out.doubleData(), out.offset() + outOff, n);
        }
    }

    private static void binOp(BinaryOp op, NdArray a, int aOff, NdArray b, int bOff, NdArray out, int outOff,
                              int n) {
        if (a.dtype() == DType.F32) {
            ew().binary(op, a.floatData(), a.offset() + aOff, b.floatData(), b.offset() + bOff, out.floatData(),
                    out.offset() + outOff, n);
        } else {
            ew().binary(op, a.doubleData(), a.offset() + aOff, b.doubleData(), b.offset() + bOff, out.doubleData(),
                    out.offset() + outOff, n);
        }
    }

    private static double squaredDeviations(NdArray a, int off, int n, double mean) {
        return a.dtype() == DType.F32 ? red().sumSquaredDeviations(a.floatData(), a.offset() + off, n, (float) mean)
                : red().sumSquaredDeviations(a.doubleData(), a.offset() + off, n, mean);
    }

    private static void scaleShift(NdArray x, int xOff, double a, double b, NdArray y, int yOff, int n) {
        if (x.dtype() == DType.F32) {
            ew().scaleShift(x.floatData(), x.offset() + xOff, (float) a, (float) b, y.floatData(), y.offset() + yOff,
                    n);
        } else {
            ew().scaleShift(x.doubleData(), x.offset() + xOff, a, b, y.doubleData(), y.offset() + yOff, n);
        }
    }

    private static void combine(double alpha, NdArray g, int gOff, double beta, NdArray x, int xOff, double c,
                                NdArray out, int outOff, int n) {
        if (g.dtype() == DType.F32) {
            ew().combine((float) alpha, g.floatData(), g.offset() + gOff, (float) beta, x.floatData(),
                    x.offset() + xOff, (float) c, out.floatData(), out.offset() + outOff, n);
        } else {
            ew().combine(alpha, g.doubleData(), g.offset() + gOff, beta, x.doubleData(), x.offset() + xOff, c,
                    out.doubleData(), out.offset() + outOff, n);
        }
    }

    private static void view(String op, NdArray t, int a, int r, int b) {
        Objects.requireNonNull(t, op);
        if ((long) a * r * b != t.size()) {
            throw new IllegalArgumentException("Normalization." + op + ": an array of shape " + Shapes.str(t.shape())
                    + " cannot be seen as [" + a + ", " + r + ", " + b + "]");
        }
    }
}
