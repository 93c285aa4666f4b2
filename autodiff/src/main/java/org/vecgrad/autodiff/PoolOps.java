package org.vecgrad.autodiff;

import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.nn.PoolGeometry;
import org.vecgrad.engine.nn.Pooling;
import org.vecgrad.engine.nn.Windows;

/**
 * Pooling as operations. Max pooling records the argmax of each window (PyTorch's indices); its backward scatters
 * g to those positions, an operation whose own backward gathers at them, so both are linear maps and adjoint to each
 * other (the indices are constants of the graph, as the winners do not move under an infinitesimal change). The
 * window averages (avg_pool2d, adaptive_avg_pool2d) are linear: forward and backward are each other's adjoint too.
 */
final class PoolOps {
    private PoolOps() {
    }

    /** y = the max of each window; ∂L/∂x = g scattered to the argmaxes. */
    static Tensor maxPool(String op, Tensor x, PoolGeometry g) {
        int[] idx = new int[shapeSize(g.outputShape())];
        NdArray y = Pooling.maxPool(x.data, g, idx);
        return Tensor.customWithJvp(op, y, new Tensor[] {x},
                t -> Pooling.gatherMax(t[0], idx, g),                                  // ẏ = ẋ at the argmax
                (gy, yy) -> GradMode.isEnabled() ? scatter(gy, idx, g)
                        : Tensor.owned(Pooling.maxPoolBackward(gy.data, idx, g)));
    }

    /** Zeros shaped like the pooled input with u added at the argmaxes; backward: gather. */
    private static Tensor scatter(Tensor u, int[] idx, PoolGeometry g) {
        return Tensor.customWithJvp("maxPoolBackward", Pooling.maxPoolBackward(u.data, idx, g), new Tensor[] {u},
                t -> Pooling.maxPoolBackward(t[0], idx, g),
                (h, y) -> gather(h, idx, g));
    }

    /** v read at the argmaxes; backward: scatter. */
    private static Tensor gather(Tensor v, int[] idx, PoolGeometry g) {
        return Tensor.customWithJvp("maxPoolGather", Pooling.gatherMax(v.data, idx, g), new Tensor[] {v},
                t -> Pooling.gatherMax(t[0], idx, g),
                (h, y) -> scatter(h, idx, g));
    }

    /** y = the window averages of x; ∂L/∂x = g spread evenly over each window. */
    static Tensor average(String op, Tensor x, Windows wn) {
        return Tensor.customWithJvp(op, Pooling.average(x.data, wn), new Tensor[] {x},
                t -> Pooling.average(t[0], wn),                                        // linear: ẏ = avg(ẋ)
                (gy, yy) -> GradMode.isEnabled() ? averageAdjoint(gy, wn)
                        : Tensor.owned(Pooling.averageBackward(gy.data, wn)));
    }

    private static Tensor averageAdjoint(Tensor u, Windows wn) {
        return Tensor.customWithJvp("avgPoolBackward", Pooling.averageBackward(u.data, wn), new Tensor[] {u},
                t -> Pooling.averageBackward(t[0], wn),
                (h, y) -> average("avgPool", h, wn));
    }

    private static int shapeSize(int[] s) {
        int n = 1;
        for (int v : s) {
            n = Math.multiplyExact(n, v);
        }
        return n;
    }
}
