package org.vecgrad.onnx;

import org.vecgrad.engine.Blas;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;
import org.vecgrad.engine.kernel.PackedMatrix;

/**
 * A Gemm whose B (the weight) and C (the bias) are constants, planned once at load: {@code Y = alpha·A·op(B) +
 * beta·C} with op(B) packed once for the engine's GEMM ({@link Blas#spack}: the micro-kernel's panel layout, so
 * no product packs it again; a transposed B, as every {@code nn.Linear} export has, costs nothing more), and C
 * stored as beta·C, one row of n.
 *
 * <p>Every batch size runs the same packed product: one row goes through its GEMV path (B streamed once, A
 * broadcast), more rows through the blocked GEMM, and each row of the result has the same bits whatever the batch
 * around it ({@link Blas#sgemm(boolean, int, float, float[], int, int, PackedMatrix, float, float[], int, int)}),
 * so {@link OnnxModel#run} is batch-invariant. The result is a new array; {@link OnnxModel} may apply a fused ReLU
 * to it in place.
 */
final class Dense implements Ops.Kernel {
    private final PackedMatrix weight;
    private final DType dtype;
    private final NdArray bias;
    private final double alpha;
    private final int k;
    private final int n;

    private Dense(NdArray w, boolean transB, NdArray bias, double alpha) {
        this.dtype = w.dtype();
        this.k = w.shape(transB ? 1 : 0);
        this.n = w.shape(transB ? 0 : 1);
        this.weight = dtype == DType.F32 ? Blas.spack(transB, k, n, w.floatData(), w.offset(), w.shape(1))
                : Blas.dpack(transB, k, n, w.doubleData(), w.offset(), w.shape(1));
        this.bias = bias;
        this.alpha = alpha;
    }

    /**
     * The planned kernel of Gemm node {@code node} whose B is {@code b} and C is {@code c} (null when absent), or
     * null when the node is not of that form (transA = 1, B not an F32 or F64 matrix, C not broadcast along the
     * rows): the general kernel then runs it.
     */
    static Dense plan(Node node, Value b, Value c) throws OnnxFormatException {
        if (!(b instanceof Value.Floats fb) || fb.array().rank() != 2 || c != null && !(c instanceof Value.Floats)
                || node.i("transA", 0) != 0 || fb.array().dtype() != DType.F32 && fb.array().dtype() != DType.F64) {
            return null;
        }
        NdArray w = fb.array();
        boolean tb = node.i("transB", 0) != 0;
        int n = w.shape(tb ? 0 : 1);
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
        return new Dense(w, tb, row, node.f("alpha", 1f));
    }

    @Override
    public Value[] run(Value[] in) {
        NdArray a = Ops.floats(in, 0);
        if (a.rank() != 2 || a.shape(1) != k || a.dtype() != dtype) {
            throw new IllegalArgumentException("A " + a.dtype() + " " + Shapes.str(a.shape()) + " does not fit B "
                    + dtype + " [" + n + ", " + k + "] (transposed): A must be " + dtype + " [m, " + k + "]");
        }
        int m = a.shape(0);
        NdArray y = NdArray.zeros(dtype, m, n);
        if (bias != null) {
            for (int i = 0; i < m; i++) {
                y.row(i).copyFrom(bias);
            }
        }
        int beta = bias == null ? 0 : 1;
        if (dtype == DType.F32) {
            Blas.sgemm(false, m, (float) alpha, a.floatData(), a.offset(), k, weight, beta, y.floatData(), 0, n);
        } else {
            Blas.dgemm(false, m, alpha, a.doubleData(), a.offset(), k, weight, beta, y.doubleData(), 0, n);
        }
        return new Value[] {new Value.Floats(y)};
    }
}
