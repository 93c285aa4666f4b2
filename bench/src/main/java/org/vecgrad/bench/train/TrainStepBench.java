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
 * the GEMM thread count. The reference is PyTorch measured on this machine by {@code bench/run-train.sh}, which
 * runs this benchmark and {@code bench/pytorch/train_step.py} (the same step) back to back. (The 90 000
 * samples/s for PyTorch was an AVX-512 figure; this machine is AVX2.)
 *
 * <p>The parts, to see where a step's time goes: {@code step} = {@code forwardBackward} + {@code adamStep};
 * {@code forwardBackward} = {@code forwardNoGrad} + loss + the backward pass; {@code adamStep} is the optimizer
 * alone (its gradients stay from the setup's pass); {@code gemmOnly} is the step's eight GEMM calls alone. A step's
 * GEMM work is 2·128·(784·256 + 256·128 + 128·10) ≈ 60.0 MFLOP forward, as much again for the weight gradients, and
 * 8.7 MFLOP for the input gradients of the two upper layers (none is computed for the data): ≈ 129 MFLOP, so
 * 90 000 samples/s (703 steps/s) means ≈ 90 GFLOP/s.
 *
 * <p>Session 1 (09:35 UTC, load ≈ 5): step 19 500 samples/s at one thread; adamStep 107 500 (≈ 1.2 ms per Adam
 * step, scalar double loops, ≈ 12% of the step by JFR). Session 2 (11:00 UTC, load 12–15 on the 2 shared cores, so
 * absolute numbers are a fraction of a quiet machine's; ratios from alternating runs): Adam now runs in the
 * engine's vectorised optimizer-step kernel, adamStep 260 000–377 000 vs 40 000–48 000 for the old code in
 * back-to-back runs (≈ 7×; 2.3 B/op); step at one thread, vecgrad / PyTorch 1.13 in three alternating rounds
 * at load 13–15: before 1.04, 1.23, 1.10 (7 400–8 300 samples/s vs 6 700–7 300), after 1.34, 1.34, 1.38
 * (8 500–11 000 vs 6 400–8 000); three more at load 5–7.5: before 1.22, 0.98, 1.08 (14 800–17 200 vs
 * 13 700–16 900), after 1.42, 1.07, 1.12 (25 200–34 900 vs 23 400–24 500). Raw rows:
 * bench/results/train-vs-pytorch-2026-11-22-loaded.txt. A JFR profile of the step (519 samples) now puts 74% of it
 * in the GEMM, 12% in allocating and zeroing new arrays (weight gradients 5%, autodiff's copy of each leaf's first
 * gradient 2%, outputs and input gradients), 5% in Adam, 2% in other autodiff bookkeeping.
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
