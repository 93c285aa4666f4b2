package org.vecgrad.bench.conv;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vecgrad.bench.ceiling.ByteCounter;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.nn.Normalization;
import org.vecgrad.engine.nn.PoolGeometry;
import org.vecgrad.engine.nn.Pooling;

/**
 * MaxPool2d 2×2 (stride 2, with its argmax indices) and BatchNorm2d in training (batch statistics; forward and the
 * input gradient's passes) on the engine's kernels, F32, one thread, in calls per second with the secondary metric
 * {@code bytes} (bytes per second; ÷ 1e9 for GB/s). Bytes count each array the op must touch once: max pooling reads
 * x and writes y and the int indices (4·size + 8·outSize); the batch norm forward reads x and writes y (8·size), its
 * backward reads g and x and writes dx (12·size). Every output is preallocated, so with {@code -prof gc} the
 * allocation rate is the engine's own: 0 B/op is the claim.
 *
 * <p>{@code impl=new} runs the engine ({@link Pooling#maxPool(NdArray, PoolGeometry, NdArray, int[])}: the SIMD
 * {@code maxTaps} row kernel; {@link Normalization}'s fused passes); {@code impl=old} the loops it replaced
 * ({@link PoolNormBaseline}), in the same JVM for a paired comparison. The statistics and coefficients are computed
 * as the autodiff op computes them. The PyTorch side: {@code bench/pytorch/pool_norm_bench.py}, the same shapes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class PoolNormBench {

    /** Activations [N, C, H, W]: LeNet-5's two pooled maps at batch 64, a ResNet stage-1 map at batch 8. */
    static final Map<String, int[]> SHAPES = Map.of(
            "lenet1_b64", new int[] {64, 6, 28, 28},
            "lenet2_b64", new int[] {64, 16, 10, 10},
            "resnet_b8", new int[] {8, 64, 56, 56});

    @Param({"lenet1_b64", "lenet2_b64", "resnet_b8"})
    String shape;

    /** new: the engine's SIMD kernels; old: the loops they replaced. */
    @Param({"new", "old"})
    String impl;

    int n;
    int c;
    int hw;
    NdArray x;
    NdArray g;
    NdArray y;
    NdArray dx;
    NdArray pooled;
    int[] idx;
    PoolGeometry pool;
    double[] mean;
    double[] var;
    double[] scale;
    double[] shift;
    double[] sumG;
    double[] sumGX;
    double[] alpha;
    double[] beta;
    double[] cc;
    long poolBytes;
    long size;

    @Setup
    public void setup() {
        int[] s = SHAPES.get(shape);
        if (s == null) {
            throw new IllegalArgumentException("PoolNormBench: unknown shape " + shape + "; known: " + SHAPES.keySet());
        }
        if (!impl.equals("new") && !impl.equals("old")) {
            throw new IllegalArgumentException("PoolNormBench: impl " + impl + " is not new or old");
        }
        SplittableRandom rng = new SplittableRandom(1);
        n = s[0];
        c = s[1];
        hw = s[2] * s[3];
        x = NdArray.randn(DType.F32, rng, s);
        g = NdArray.randn(DType.F32, rng, s);
        y = NdArray.zeros(DType.F32, s);
        dx = NdArray.zeros(DType.F32, s);
        pool = PoolGeometry.maxPool2d("PoolNormBench", s, new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0},
                new int[] {1, 1}, false);
        pooled = NdArray.zeros(DType.F32, pool.outputShape());
        idx = new int[pooled.size()];
        mean = new double[c];
        var = new double[c];
        scale = new double[c];
        shift = new double[c];
        sumG = new double[c];
        sumGX = new double[c];
        alpha = new double[c];
        beta = new double[c];
        cc = new double[c];
        size = x.size();
        poolBytes = 4L * size + 8L * pooled.size();
        // batchNormBackward's batch statistics, as the forward computes them (it reads mean and scale)
        Normalization.moments(x, n, c, hw, mean, var);
        foldStatistics();
    }

    /** scale = 1/√(var + ε), shift = −mean·scale (γ = 1, β = 0). */
    private void foldStatistics() {
        for (int k = 0; k < c; k++) {
            scale[k] = 1 / Math.sqrt(var[k] + 1e-5);
            shift[k] = -mean[k] * scale[k];
        }
    }

    @Benchmark
    public int maxPool2x2(ByteCounter b) {
        b.bytes += poolBytes;
        if (impl.equals("new")) {
            Pooling.maxPool(x, pool, pooled, idx);
        } else {
            PoolNormBaseline.maxPool2x2(x.floatData(), n * c, x.shape(2), x.shape(3), pooled.floatData(), idx);
        }
        return idx[idx.length - 1];
    }

    /** Training forward: the batch statistics, then y = x·(γs) + (β − μγs) with γ = 1, β = 0. */
    @Benchmark
    public double batchNormForward(ByteCounter b) {
        b.bytes += 8L * size;
        if (impl.equals("new")) {
            Normalization.moments(x, n, c, hw, mean, var);
        } else {
            PoolNormBaseline.moments(x.floatData(), n, c, hw, dx.floatData(), mean, var);
        }
        foldStatistics();
        if (impl.equals("new")) {
            Normalization.scaleShift(x, n, c, hw, scale, shift, y);
        } else {
            PoolNormBaseline.scaleShift(x.floatData(), n, c, hw, scale, shift, y.floatData());
        }
        return var[0];
    }

    /** The input gradient: Σ g and Σ g·x per channel, then dx = α·g + β·x + c (mean and scale from the setup). */
    @Benchmark
    public double batchNormBackward(ByteCounter b) {
        b.bytes += 12L * size;
        Normalization.sums(g, x, n, c, hw, sumG, sumGX);                    // the same kernels on both sides
        double m = (double) n * hw;
        for (int k = 0; k < c; k++) {
            double s = scale[k];
            double m1 = sumG[k] / m;
            double m2 = s * (sumGX[k] - mean[k] * sumG[k]) / m;
            alpha[k] = s;
            beta[k] = -s * s * m2;
            cc[k] = -s * m1 + s * s * m2 * mean[k];
        }
        if (impl.equals("new")) {
            Normalization.combine(g, x, n, c, hw, alpha, beta, cc, dx);
        } else {
            PoolNormBaseline.combine(g.floatData(), x.floatData(), n, c, hw, alpha, beta, cc, dx.floatData());
        }
        return sumGX[0];
    }
}
