package org.vecgrad.onnx;

import org.vecgrad.engine.DType;
import org.vecgrad.engine.MatMul;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;
import org.vecgrad.engine.kernel.ElementwiseKernels;
import org.vecgrad.engine.kernel.Kernels;

/**
 * A Gemm whose B (the weight) and C (the bias) are constants, planned once at load: {@code Y = alpha·A·op(B) +
 * beta·C} with op(B) stored as one contiguous k × n matrix (transposed at load when the node has transB = 1, as
 * every {@code nn.Linear} export does), and C stored as beta·C, one row of n.
 *
 * <ul>
 *   <li>Batches of at least {@link #GEMM_ROWS} rows run on the engine's GEMM with B untransposed: its packing of
 *       a transposed B (a strided gather) made the product 1.6–1.8× slower at 64 × 784 × 256 (1 thread, F32,
 *       alternating timings on a loaded machine).</li>
 *   <li>Fewer rows run as one axpy per element of A over the rows of B (y += a[i, p]·B[p, :]): no packing at all,
 *       B streamed once per row; a zero element of A skips its row of B (ReLU outputs are half zeros). Skipping is
 *       exact because B is finite (checked at load; otherwise every row runs): 0·b adds ±0. At one row of
 *       784 × 256 this took 0.1–0.2 of the GEMM's time and about half that of one dot product per output.</li>
 * </ul>
 * The result is a new array; {@link OnnxModel} may apply a fused ReLU to it in place.
 */
final class Dense implements Ops.Kernel {
    /** Rows of A from which the GEMM wins over the axpy loop. */
    static final int GEMM_ROWS = 8;

    private final NdArray weight;
    private final NdArray bias;
    private final double alpha;
    private final boolean finite;
    private final int k;
    private final int n;

    private Dense(NdArray weight, NdArray bias, double alpha) {
        this.weight = weight;
        this.bias = bias;
        this.alpha = alpha;
        this.k = weight.shape(0);
        this.n = weight.shape(1);
        boolean f = true;
        for (int i = 0; i < weight.size() && f; i++) {
            f = Double.isFinite(weight.getFlat(i));
        }
        this.finite = f;
    }

    /**
     * The planned kernel of Gemm node {@code node} whose B is {@code b} and C is {@code c} (null when absent), or
     * null when the node is not of that form (transA = 1, B not a matrix, C not broadcast along the rows): the
     * general kernel then runs it.
     */
    static Dense plan(Node node, Value b, Value c) throws OnnxFormatException {
        if (!(b instanceof Value.Floats fb) || fb.array().rank() != 2 || c != null && !(c instanceof Value.Floats)
                || node.i("transA", 0) != 0) {
            return null;
        }
        NdArray w = fb.array();
        boolean tb = node.i("transB", 0) != 0;
        NdArray wt = tb ? w.permute(1, 0) : w.copy();
        int n = wt.shape(1);
        NdArray row = null;
        if (c != null) {
            NdArray bias = ((Value.Floats) c).array();
            int[] s = bias.shape();
            boolean isRow = bias.dtype() == w.dtype() && (s.length == 0 || s.length == 1 && (s[0] == n || s[0] == 1)
                    || s.length == 2 && s[0] == 1 && (s[1] == n || s[1] == 1));
            if (!isRow) {
                return null;
            }
            row = NdArray.zeros(w.dtype(), n).addInPlace(bias.reshape(bias.size())).mulInPlace(node.f("beta", 1f));
        }
        return new Dense(wt, row, node.f("alpha", 1f));
    }

    @Override
    public Value[] run(Value[] in) {
        NdArray a = Ops.floats(in, 0);
        if (a.rank() != 2 || a.shape(1) != k || a.dtype() != weight.dtype()) {
            throw new IllegalArgumentException("A " + a.dtype() + " " + Shapes.str(a.shape()) + " does not fit B "
                    + weight.dtype() + " [" + n + ", " + k + "] (transposed): A must be " + weight.dtype() + " [m, "
                    + k + "]");
        }
        int m = a.shape(0);
        NdArray y = NdArray.zeros(a.dtype(), m, n);
        if (bias != null) {
            for (int i = 0; i < m; i++) {
                y.row(i).copyFrom(bias);
            }
        }
        if (m >= GEMM_ROWS || a.dtype() != DType.F32) {
            MatMul.gemm(false, false, alpha, a, weight, bias == null ? 0 : 1, y);
        } else {
            axpyRows(a, y, m);
        }
        return new Value[] {new Value.Floats(y)};
    }

    /** y[i, :] += alpha·a[i, p]·B[p, :] for each row i and depth p (F32). */
    private void axpyRows(NdArray a, NdArray y, int m) {
        ElementwiseKernels kernels = Kernels.active().elementwise();
        float[] x = a.floatData();
        float[] w = weight.floatData();
        float[] out = y.floatData();
        float scale = (float) alpha;
        for (int i = 0; i < m; i++) {
            int xi = a.offset() + i * k;
            for (int p = 0; p < k; p++) {
                float s = scale * x[xi + p];
                if (s != 0 || !finite) {
                    kernels.axpy(s, w, p * n, out, i * n, n);
                }
            }
        }
    }
}
