package org.vecgrad.bench.train;

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
import org.vecgrad.nn.Sequential;
import org.vecgrad.nn.optim.TensorParameter;
import org.vecgrad.nn.layers.Linear;
import org.vecgrad.nn.layers.ReLU;
import org.vecgrad.nn.loss.CrossEntropyLoss;
import org.vecgrad.nn.optim.Adam;

/**
 * One training step of an MLP 784 → 256 → 128 → 10 (ReLU, cross-entropy from logits, Adam, batch 128, F32, random
 * data) through the nn API, in samples per second ({@code @OperationsPerInvocation(128)}), with {@code threads}
 * the GEMM thread count. The reference is PyTorch 1.13 on the same machine: {@code bench/run-train.sh} runs this
 * benchmark and {@code bench/pytorch/train_step.py} (the same step) back to back.
 *
 * <p>The parts, to see where a step's time goes: {@code step} = {@code forwardBackward} + {@code adamStep};
 * {@code forwardBackward} = {@code forwardNoGrad} + loss + the backward pass; {@code adamStep} is the optimizer
 * alone (its gradients stay from the setup's pass); {@code gemmOnly} is the step's eight GEMM calls alone. A step's
 * GEMM work is 2·128·(784·256 + 256·128 + 128·10) ≈ 60.0 MFLOP forward, as much again for the weight gradients, and
 * 8.7 MFLOP for the input gradients of the two upper layers (none is computed for the data): ≈ 129 MFLOP, so
 * 90 000 samples/s (703 steps/s) means ≈ 90 GFLOP/s.
 *
 * <p>The measured figures, per machine, are in docs/performance.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(TrainStepBench.BATCH)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class TrainStepBench {
    static final int BATCH = 128;
    static final int POOL = 8;

    @Param({"1", "2"})
    int threads;

    Sequential model;
    Adam adam;
    CrossEntropyLoss loss;
    Tensor[] xs = new Tensor[POOL];
    int[] labels;
    SplittableRandom labelRng;
    int next;

    @Setup
    public void setup() {
        Blas.setNumThreads(threads);
        model = new Sequential(new Linear(784, 256, true, 1), new ReLU(), new Linear(256, 128, true, 2), new ReLU(),
                new Linear(128, 10, true, 3));
        adam = new Adam(model.parameters(), 1e-3);
        loss = new CrossEntropyLoss();
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < POOL; i++) {
            xs[i] = Tensor.of(NdArray.randn(DType.F32, rng, BATCH, 784));
        }
        labels = new int[BATCH];
        labelRng = new SplittableRandom(11);
        loss.forward(model.forward(batch()), labels).backward();     // gradients for adamStep
    }

    /**
     * The next of 8 random batches, with fresh random labels: the net can never fit them, so the gradients stay of
     * order 1 (a single fixed batch is memorised within a few hundred steps, and the vanishing gradients then turn
     * subnormal, which is slow on x86 and would measure that instead of training).
     */
    Tensor batch() {
        for (int i = 0; i < BATCH; i++) {
            labels[i] = labelRng.nextInt(10);
        }
        return xs[next++ & (POOL - 1)];
    }

    /** A full step: zero grads, forward, loss, backward, Adam. */
    @Benchmark
    public double step() {
        adam.zeroGrad();
        Tensor l = loss.forward(model.forward(batch()), labels);
        l.backward();
        adam.step();
        return l.item();
    }

    /** Forward, loss and backward, no optimizer. */
    @Benchmark
    public double forwardBackward() {
        model.zeroGrad();
        Tensor l = loss.forward(model.forward(batch()), labels);
        l.backward();
        return l.item();
    }

    /** Forward only, no graph recorded. */
    @Benchmark
    public Tensor forwardNoGrad() {
        try (var _ = Tensor.noGrad()) {
            return model.forward(batch());
        }
    }

    // The step's eight GEMM calls alone, as Functional.linear makes them, on arrays made once: per layer
    // (in → out) y = x·Wᵀ (+ C, the bias rows), dW = Gᵀ·x, and dX = G·W for the two upper layers.
    static final int[][] LAYERS = {{784, 256}, {256, 128}, {128, 10}};
    float[][] gx;
    float[][] gw;
    float[][] gy;
    float[][] gdw;
    float[][] gdx;

    @Setup
    public void setupGemm() {
        int l = LAYERS.length;
        gx = new float[l][];
        gw = new float[l][];
        gy = new float[l][];
        gdw = new float[l][];
        gdx = new float[l][];
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < l; i++) {
            int in = LAYERS[i][0];
            int out = LAYERS[i][1];
            gx[i] = NdArray.randn(DType.F32, rng, BATCH, in).floatData();
            gw[i] = NdArray.randn(DType.F32, rng, out, in).floatData();
            gy[i] = NdArray.randn(DType.F32, rng, BATCH, out).floatData();
            gdw[i] = new float[out * in];
            gdx[i] = new float[BATCH * in];
        }
    }

    /**
     * The GEMM work of one step alone (the same eight calls, shapes and transposes as the step's linear layers
     * make, through {@link Blas#sgemm}): {@code step} minus this is everything else.
     */
    @Benchmark
    public float[] gemmOnly() {
        for (int i = 0; i < LAYERS.length; i++) {
            int in = LAYERS[i][0];
            int out = LAYERS[i][1];
            Blas.sgemm(false, true, BATCH, out, in, 1f, gx[i], 0, in, gw[i], 0, in, 1f, gy[i], 0, out);
            Blas.sgemm(true, false, out, in, BATCH, 1f, gy[i], 0, out, gx[i], 0, in, 0f, gdw[i], 0, in);
            if (i > 0) {
                Blas.sgemm(false, false, BATCH, in, out, 1f, gy[i], 0, out, gw[i], 0, in, 0f, gdx[i], 0, in);
            }
        }
        return gdw[0];
    }

    /** Adam's update of the 235 146 parameters alone, gradients fixed. */
    @Benchmark
    public NdArray adamStep() {
        adam.step();
        return ((TensorParameter) adam.parameters().get(0)).data();
    }
}
