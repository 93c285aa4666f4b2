package org.vecgrad.bench.conv;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.Blas;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.nn.DirectConv;
import org.vecgrad.nn.Sequential;
import org.vecgrad.nn.layers.Conv2d;
import org.vecgrad.nn.layers.Flatten;
import org.vecgrad.nn.layers.Linear;
import org.vecgrad.nn.layers.MaxPool2d;
import org.vecgrad.nn.layers.ReLU;
import org.vecgrad.nn.loss.CrossEntropyLoss;
import org.vecgrad.nn.optim.Adam;

/**
 * One training step of LeNet-5 (the examples' {@code lenet}: conv 5×5 1→6 padding 2, ReLU, max pool 2, conv 5×5
 * 6→16, ReLU, max pool 2, 400 → 120 → 84 → 10) on 1×28×28 images, batch 64, F32, cross-entropy from logits, Adam
 * (lr 1e-3), in samples per second ({@code @OperationsPerInvocation(64)}). Inputs: 8 random N(0, 1) batches used in
 * turn with fresh random labels each step (as {@code TrainStepBench}: the net never fits them). The PyTorch side:
 * {@code bench/pytorch/lenet_train.py}. {@code threads = 0} keeps the engine's setting ({@code -Dvecgrad.threads}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(LeNetTrainBench.BATCH)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class LeNetTrainBench {
    static final int BATCH = 64;
    static final int POOL = 8;

    @Param({"1", "2"})
    int threads;

    /**
     * {@code auto}: the engine's choice (the direct kernels where {@code DirectConv} takes the shape); {@code im2col}:
     * every convolution on im2col and the GEMM, for the old path beside the new ({@code -p conv=auto,im2col});
     * {@code wide}, {@code lanes}: the direct kernels' two layouts ({@link DirectConv#select}).
     */
    @Param({"auto"})
    String conv;

    Sequential model;
    Adam adam;
    CrossEntropyLoss loss;
    Tensor[] xs = new Tensor[POOL];
    int[] labels = new int[BATCH];
    SplittableRandom labelRng = new SplittableRandom(11);
    int next;

    @Setup
    public void setup() {
        if (threads > 0) {
            Blas.setNumThreads(threads);
        }
        DirectConv.select("LeNetTrainBench", conv);
        model = new Sequential(
                Conv2d.builder(1, 6, 5).padding(2).seed(1).build(), new ReLU(), new MaxPool2d(2),
                Conv2d.builder(6, 16, 5).seed(2).build(), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(400, 120, true, 3), new ReLU(), new Linear(120, 84, true, 4), new ReLU(),
                new Linear(84, 10, true, 5));
        adam = new Adam(model.parameters(), 1e-3);
        loss = new CrossEntropyLoss();
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < POOL; i++) {
            xs[i] = Tensor.of(NdArray.randn(DType.F32, rng, BATCH, 1, 28, 28));
        }
    }

    /** A full step: zero grads, forward, loss, backward, Adam. */
    @Benchmark
    public double step() {
        for (int i = 0; i < BATCH; i++) {
            labels[i] = labelRng.nextInt(10);
        }
        adam.zeroGrad();
        Tensor l = loss.forward(model.forward(xs[next++ & (POOL - 1)]), labels);
        l.backward();
        adam.step();
        return l.item();
    }
}
