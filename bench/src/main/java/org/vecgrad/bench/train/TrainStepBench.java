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
 * the GEMM thread count. Reference: PyTorch 1.13 does about 90 000 samples/s on one thread on this kind of machine.
 *
 * <p>The parts, to see where a step's time goes: {@code step} = {@code forwardBackward} + {@code adamStep};
 * {@code forwardBackward} = {@code forwardNoGrad} + loss + the backward pass; {@code adamStep} is the optimizer
 * alone (its gradients stay from the setup's pass). A step's GEMM work is 2·128·(784·256 + 256·128 + 128·10) ≈
 * 60.0 MFLOP forward, as much again for the weight gradients, and 8.7 MFLOP for the input gradients of the two upper
 * layers (none is computed for the data): ≈ 129 MFLOP, so 90 000 samples/s (703 steps/s) means ≈ 90 GFLOP/s.
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

    @Param({"1", "2"})
    int threads;

    Sequential model;
    Adam adam;
    CrossEntropyLoss loss;
    Tensor x;
    int[] labels;

    @Setup
    public void setup() {
        Blas.setNumThreads(threads);
        model = new Sequential(new Linear(784, 256, true, 1), new ReLU(), new Linear(256, 128, true, 2), new ReLU(),
                new Linear(128, 10, true, 3));
        adam = new Adam(model.parameters(), 1e-3);
        loss = new CrossEntropyLoss();
        SplittableRandom rng = new SplittableRandom(7);
        x = Tensor.of(NdArray.randn(DType.F32, rng, BATCH, 784));
        labels = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            labels[i] = rng.nextInt(10);
        }
        loss.forward(model.forward(x), labels).backward();     // gradients for adamStep
    }

    /** A full step: zero grads, forward, loss, backward, Adam. */
    @Benchmark
    public double step() {
        adam.zeroGrad();
        Tensor l = loss.forward(model.forward(x), labels);
        l.backward();
        adam.step();
        return l.item();
    }

    /** Forward, loss and backward, no optimizer. */
    @Benchmark
    public double forwardBackward() {
        model.zeroGrad();
        Tensor l = loss.forward(model.forward(x), labels);
        l.backward();
        return l.item();
    }

    /** Forward only, no graph recorded. */
    @Benchmark
    public Tensor forwardNoGrad() {
        try (var g = Tensor.noGrad()) {
            return model.forward(x);
        }
    }

    /** Adam's update of the 235 146 parameters alone, gradients fixed. */
    @Benchmark
    public NdArray adamStep() {
        adam.step();
        return ((TensorParameter) adam.parameters().get(0)).data();
    }
}
