package org.vecgrad.bench.conv;

import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;
import org.vecgrad.bench.ceiling.FlopCounter;
import org.vecgrad.engine.Blas;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.nn.ConvGeometry;
import org.vecgrad.engine.nn.Convolution;
import org.vecgrad.engine.nn.DirectConv;
import org.vecgrad.engine.nn.Padding;

/**
 * conv2d in F32 on the engine's kernels ({@link Convolution}), in calls per second, with the secondary metric
 * {@code flop} (FLOP/s; ÷ 1e9 for GFLOP/s). The PyTorch side: {@code bench/pytorch/conv_bench.py}, the same shapes
 * and units.
 *
 * <p>{@code forward} is y = conv(x, w) + b. {@code forwardBackward} adds, for a fixed output gradient, the input
 * gradient, the weight gradient and the bias gradient: PyTorch's forward + backward with x, w and b all requiring
 * gradients. FLOPs: a forward is 2·N·O·OH·OW·(C/groups)·kH·kW (the bias not counted); the input and weight
 * gradients cost as much again each, so forward + backward counts three times that.
 *
 * <p>Threads: {@code threads = 0} keeps the engine's own setting ({@code -Dvecgrad.threads}, default: every
 * processor); {@code -p threads=1,2} sets it. Only the GEMM inside runs on several threads.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class ConvBench {

    /** A convolution: batch, in → out channels, square input side, square kernel, stride, padding, groups. */
    record Shape(int n, int c, int o, int side, int k, int stride, int pad, int groups) {
        long flop() {
            long os = (side + 2L * pad - k) / stride + 1;
            return 2L * n * o * os * os * (c / groups) * k * k;
        }
    }

    /** The shapes, by name (ResNet-50's and MobileNet's typical layers, and LeNet-5's two convolutions). */
    static final Map<String, Shape> SHAPES = Map.of(
            "3x3_64-64_56_b1", new Shape(1, 64, 64, 56, 3, 1, 1, 1),
            "3x3_64-64_56_b8", new Shape(8, 64, 64, 56, 3, 1, 1, 1),
            "1x1_256-64_56_b1", new Shape(1, 256, 64, 56, 1, 1, 0, 1),
            "3x3s2_128-256_28_b1", new Shape(1, 128, 256, 28, 3, 2, 1, 1),
            "dw3x3_32_112_b1", new Shape(1, 32, 32, 112, 3, 1, 1, 32),
            "lenet1_1-6_28_b64", new Shape(64, 1, 6, 28, 5, 1, 2, 1),
            "lenet2_6-16_14_b64", new Shape(64, 6, 16, 14, 5, 1, 0, 1));

    @Param({"3x3_64-64_56_b1", "3x3_64-64_56_b8", "1x1_256-64_56_b1", "3x3s2_128-256_28_b1", "dw3x3_32_112_b1",
            "lenet1_1-6_28_b64", "lenet2_6-16_14_b64"})
    String shape;

    /**
     * {@code auto}: the engine's choice (the direct kernels where {@code DirectConv} takes the shape); {@code im2col}:
     * every convolution on im2col and the GEMM, for the old path beside the new ({@code -p conv=auto,im2col});
     * {@code wide} and {@code lanes}: the direct kernels with the positions ({@code convTaps}) or the output channels
     * ({@code convLanes}) in the vector lanes for every direct forward and input gradient; {@code unshifted}: the
     * engine's choice but the stride-1 forward on im2col chunks copied run by run instead of from padded bands
     * ({@code Convolution.setShiftedForward(false)}; {@code -p conv=auto,unshifted}); {@code gathered}: the engine's
     * choice but the column-stride-2 im2col rows as masked gathers and their col2im as a scalar loop instead of the
     * {@code stridedRows} and {@code stridedTapsAdd} kernels ({@code Convolution.setStridedRows(false)};
     * {@code -p conv=auto,gathered}); {@code chunked}: the engine's choice but the stride-1 input and weight
     * gradients on im2col chunks and col2im run by run instead of the padded bands ({@code
     * Convolution.setShiftedBackward(false)}; {@code -p conv=auto,chunked}).
     */
    @Param({"auto"})
    String conv;

    /** GEMM threads; 0 = the engine's setting ({@code -Dvecgrad.threads} or every processor). */
    @Param({"0"})
    int threads;

    Shape s;
    ConvGeometry g;
    NdArray x;
    NdArray w;
    NdArray b;
    NdArray gy;
    long flop;

    @Setup
    public void setup() {
        if (threads > 0) {
            Blas.setNumThreads(threads);
        }
        boolean unshifted = conv.equals("unshifted");
        boolean gathered = conv.equals("gathered");
        boolean chunked = conv.equals("chunked");
        if (!unshifted && !gathered && !chunked && !List.of("auto", "im2col", "wide", "lanes").contains(conv)) {
            throw new IllegalArgumentException("ConvBench: conv = '" + conv
                    + "'; expected auto, im2col, wide, lanes, unshifted, gathered or chunked");
        }
        DirectConv.select("ConvBench", unshifted || gathered || chunked ? "auto" : conv);
        Convolution.setShiftedBackward(!chunked);
        Convolution.setShiftedForward(!unshifted);
        Convolution.setStridedRows(!gathered);
        s = SHAPES.get(shape);
        if (s == null) {
            throw new IllegalArgumentException("ConvBench: unknown shape " + shape + "; known: " + SHAPES.keySet());
        }
        SplittableRandom rng = new SplittableRandom(1);
        int[] xs = {s.n(), s.c(), s.side(), s.side()};
        int[] ws = {s.o(), s.c() / s.groups(), s.k(), s.k()};
        g = ConvGeometry.conv2d("ConvBench " + shape, xs, ws, new int[] {s.stride(), s.stride()},
                Padding.of(s.pad()), new int[] {1, 1}, s.groups());
        x = NdArray.randn(DType.F32, rng, xs);
        w = NdArray.randn(DType.F32, rng, ws).mul(1.0 / Math.sqrt((double) ws[1] * s.k() * s.k()));
        b = NdArray.randn(DType.F32, rng, s.o());
        gy = NdArray.randn(DType.F32, rng, g.outputShape());
        flop = s.flop();
    }

    @Benchmark
    public NdArray forward(FlopCounter f) {
        f.flop += flop;
        return Convolution.forward(x, w, b, g);
    }

    @Benchmark
    public void forwardBackward(FlopCounter f, Blackhole bh) {
        f.flop += 3 * flop;
        bh.consume(Convolution.forward(x, w, b, g));
        bh.consume(Convolution.inputGrad(gy, w, null, g));
        bh.consume(Convolution.weightGrad(x, gy, g));
        bh.consume(Convolution.channelSums(gy));
    }

    /** The input gradient alone (one forward's FLOPs): forwardBackward's parts one by one. */
    @Benchmark
    public NdArray inputGrad(FlopCounter f) {
        f.flop += flop;
        return Convolution.inputGrad(gy, w, null, g);
    }

    /** The weight gradient alone (one forward's FLOPs). */
    @Benchmark
    public NdArray weightGrad(FlopCounter f) {
        f.flop += flop;
        return Convolution.weightGrad(x, gy, g);
    }

    /** The bias gradient alone (FLOPs not counted: compare its calls per second with the others'). */
    @Benchmark
    public NdArray biasGrad() {
        return Convolution.channelSums(gy);
    }
}
