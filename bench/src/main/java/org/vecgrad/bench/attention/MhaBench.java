package org.vecgrad.bench.attention;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.Blas;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.attention.MultiheadAttention;

/**
 * {@link MultiheadAttention}(256, 8 heads, batch_first) self-attention on x [16, 128, 256], F32, one GEMM thread:
 * {@code forward} (no graph) and {@code forwardBackward} (the output's sum backward into the parameters and x), in
 * milliseconds per call. Both return the head-averaged weights too, as PyTorch's default {@code need_weights}. The
 * PyTorch 1.13 reference is {@code bench/pytorch/mha.py} (the same shapes, one thread).
 *
 * <p>Work per forward: the q/k/v and output projections 4 · 2·2048·256·256 ≈ 1.07 GFLOP, the scores and the
 * weighted sums 2 · 2·128·128·128·32 ≈ 0.27 GFLOP; the backward about twice that.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class MhaBench {
    static final int BATCH = 16;
    static final int TOKENS = 128;
    static final int EMBED = 256;
    static final int HEADS = 8;

    MultiheadAttention mha;
    Tensor x;

    @Setup
    public void setup() {
        Blas.setNumThreads(1);
        mha = new MultiheadAttention(EMBED, HEADS, true, 1);
        x = Tensor.of(NdArray.randn(DType.F32, new SplittableRandom(2), BATCH, TOKENS, EMBED), true);
    }

    @Benchmark
    public Object forward() {
        try (var scope = Tensor.noGrad()) {
            return mha.forward(x, x, x, null, null);
        }
    }

    @Benchmark
    public Object forwardBackward() {
        mha.zeroGrad();
        x.zeroGrad();
        mha.forward(x, x, x, null, null).output().sum().backward();
        return x.grad();
    }
}
