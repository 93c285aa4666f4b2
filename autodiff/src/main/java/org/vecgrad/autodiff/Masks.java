package org.vecgrad.autodiff;

import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/**
 * Constant arrays used by backward rules: indicator masks (1 where a condition holds), signs, one-hot selections
 * and Φ(x). They are constants of the graph because their derivative is zero almost everywhere.
 *
 * <p>Written as plain loops over a double copy, since the engine has no comparison kernels yet; each is one pass.
 */
final class Masks {
    private Masks() {
    }

    private static NdArray fromDoubles(double[] v, DType dtype, int[] shape) {
        if (dtype == DType.F64) {
            return NdArray.wrap(v, 0, shape);
        }
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return NdArray.wrap(f, 0, shape);
    }

    /** {@code pos} where x &gt; 0, else {@code other}. */
    static NdArray positive(NdArray x, double pos, double other) {
        double[] v = x.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] > 0 ? pos : other;
        }
        return fromDoubles(v, x.dtype(), x.shape());
    }

    /** sign(x) with sign(0) = 0. */
    static NdArray sign(NdArray x) {
        double[] v = x.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] > 0 ? 1 : v[i] < 0 ? -1 : 0;
        }
        return fromDoubles(v, x.dtype(), x.shape());
    }

    /** {@code inside} on lo ≤ x ≤ hi (closed) or lo &lt; x &lt; hi (open), else 0. */
    static NdArray between(NdArray x, double lo, double hi, boolean closed, double inside) {
        double[] v = x.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            boolean in = closed ? v[i] >= lo && v[i] <= hi : v[i] > lo && v[i] < hi;
            v[i] = in ? inside : 0;
        }
        return fromDoubles(v, x.dtype(), x.shape());
    }

    /** The share of max(a, b) that goes to a, from d = a − b: 1 if d &gt; 0, ½ on a tie, 0 otherwise. */
    static NdArray winnerShare(NdArray d) {
        double[] v = d.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] > 0 ? 1 : v[i] == 0 ? 0.5 : 0;
        }
        return fromDoubles(v, d.dtype(), d.shape());
    }

    /**
     * 1 at position {@code idx[o·inner + i]} along {@code axis} of {@code shape}, 0 elsewhere (idx as returned by
     * NdArray.argmax(axis): one entry per position of the other axes, row-major).
     */
    static NdArray oneHot(DType dtype, int[] shape, int axis, int[] idx) {
        int n = shape[axis];
        int inner = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        NdArray m = NdArray.zeros(dtype, shape);
        for (int k = 0; k < idx.length; k++) {
            int o = k / inner;
            int i = k % inner;
            m.setFlat((o * n + idx[k]) * inner + i, 1);
        }
        return m;
    }

    /** Standard normal CDF Φ(x), from the engine's exact GELU: Φ(x) = gelu(x)/x, Φ(0) = ½. */
    static NdArray normalCdf(NdArray x) {
        double[] g = x.gelu().toDoubleArray();
        double[] v = x.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] == 0 ? 0.5 : g[i] / v[i];
        }
        return fromDoubles(v, x.dtype(), x.shape());
    }

    /** The flat index of the first NaN or ±∞, or −1 when every element is finite. */
    static int firstNonFinite(NdArray x) {
        int n = x.size();
        for (int i = 0; i < n; i++) {
            double v = x.getFlat(i);
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                return i;
            }
        }
        return -1;
    }
}
