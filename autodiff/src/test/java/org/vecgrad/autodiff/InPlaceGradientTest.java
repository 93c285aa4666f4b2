package org.vecgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/**
 * A one-input rule writes its result into the incoming gradient when that gradient is fresh (ReLU's backward in a
 * plain pass). The gradient must then belong to one slot alone: these graphs route a fresh gradient (matmul's
 * G·Wᵀ) where sharing would show — through add's pass-through to two ReLUs, to a captured input whose own ReLU
 * runs afterwards, to a result that retains its grad — and compare with the chain rule written out on arrays. Each
 * fails if the mark is not cleared where the gradient is shared.
 */
class InPlaceGradientTest {
    private static final int N = 4;
    private static final int K = 5;
    private static final int M = 3;

    /** Standard normal N × K values: about half negative, so each ReLU masks different elements. */
    private static NdArray randn(long seed, int rows, int cols) {
        return NdArray.randn(DType.F64, new SplittableRandom(seed), rows, cols);
    }

    /** g·Wᵀ for g [N, w.shape(1)] (row-major) and W [K, w.shape(1)]: a matmul's gradient for its left operand. */
    private static double[] timesTransposed(double[] g, NdArray w) {
        int cols = w.shape(1);
        double[] out = new double[N * K];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < K; j++) {
                double s = 0;
                for (int k = 0; k < cols; k++) {
                    s += g[i * cols + k] * w.get(j, k);
                }
                out[i * K + j] = s;
            }
        }
        return out;
    }

    /** H = ones[N, M]·Wᵀ: the gradient of sum(s·W) with respect to s. */
    private static double[] upstream(NdArray w) {
        double[] ones = new double[N * M];
        java.util.Arrays.fill(ones, 1);
        return timesTransposed(ones, w);
    }

    /** h where x &gt; 0, else 0: ReLU's backward written out. */
    private static double[] masked(double[] h, NdArray x) {
        double[] out = new double[h.length];
        for (int i = 0; i < h.length; i++) {
            out[i] = x.getFlat(i) > 0 ? h[i] : 0;
        }
        return out;
    }

    private static double[] values(Tensor t) {
        double[] v = new double[t.data().size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = t.data().getFlat(i);
        }
        return v;
    }

    @Test
    void addPassesOneGradientToTwoReluBranches() {
        NdArray x1 = randn(1, N, K);
        NdArray x2 = randn(2, N, K);
        NdArray w = randn(3, K, M);
        Tensor a = Tensor.of(x1, true);
        Tensor b = Tensor.of(x2, true);
        a.relu().add(b.relu()).matmul(Tensor.of(w)).sum().backward();
        double[] h = upstream(w);
        assertArrayEquals(masked(h, x1), values(a.grad()), 1e-12, "first branch");
        assertArrayEquals(masked(h, x2), values(b.grad()), 1e-12, "second branch");
    }

    @Test
    void aCapturedGradientIsNotOverwrittenByTheRuleAfterIt() {
        NdArray x = randn(4, N, K);
        NdArray w = randn(5, K, M);
        Tensor leaf = Tensor.of(x, true);
        Tensor u = leaf.relu();
        Tensor[] g = Autograd.grad(new Tensor[] {u.matmul(Tensor.of(w)).sum()}, new Tensor[] {u, leaf}, false);
        double[] h = upstream(w);
        assertArrayEquals(h, values(g[0]), 1e-12, "∂L/∂u, captured before relu's rule ran");
        assertArrayEquals(masked(h, x), values(g[1]), 1e-12, "∂L/∂x");
    }

    @Test
    void aRetainedGradIsNotOverwrittenByTheRuleAfterIt() {
        NdArray x = randn(6, N, K);
        NdArray w = randn(7, K, M);
        Tensor leaf = Tensor.of(x, true);
        Tensor u = leaf.relu();
        u.retainGrad();
        u.matmul(Tensor.of(w)).sum().backward();
        double[] h = upstream(w);
        assertArrayEquals(h, values(u.grad()), 1e-12, "u's retained grad");
        assertArrayEquals(masked(h, x), values(leaf.grad()), 1e-12, "the leaf's grad");
        assertNotSame(u.grad().data().doubleData(), leaf.grad().data().doubleData(), "two grads share storage");
    }

    @Test
    void aChainOfRulesWritingInPlaceGivesTheChainRule() {
        NdArray x = randn(8, N, K);
        NdArray w1 = randn(9, K, K);
        NdArray w = randn(10, K, M);
        Tensor leaf = Tensor.of(x, true);
        Tensor h1 = leaf.relu().matmul(Tensor.of(w1));
        h1.relu().matmul(Tensor.of(w)).sum().backward();
        // ∂L/∂h1 = relu'(h1) ⊙ H; ∂L/∂x = relu'(x) ⊙ (∂L/∂h1 · W1ᵀ)
        double[] d1 = masked(upstream(w), h1.data());
        double[] dx = timesTransposed(d1, w1);
        assertArrayEquals(masked(dx, x), values(leaf.grad()), 1e-12);
    }
}
