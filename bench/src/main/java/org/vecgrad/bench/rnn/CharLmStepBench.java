package org.vecgrad.bench.rnn;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vecgrad.engine.Blas;
import org.vecgrad.examples.CharLm;

/**
 * One training step of the {@code charlm} example's model — Embedding(75, 64) → LSTM(64 → 256, 2 layers) →
 * Linear(256 → 75), cross-entropy, backward through 100 steps, {@code clipGradNorm} to 5, Adam — on batch 32 × 100
 * characters of the shipped text, carrying the LSTM state from window to window as the example does
 * ({@link CharLm.Trainer}), F32, one GEMM thread, in tokens (characters) per second
 * ({@code @OperationsPerInvocation(3200)}). The PyTorch 1.13 reference is {@code bench/pytorch/charlm_step.py}
 * (the same model, text, windows and step, {@code torch.set_num_threads(1)}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(CharLmStepBench.BATCH * CharLmStepBench.BPTT)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class CharLmStepBench {
    static final int BATCH = CharLm.BATCH;
    static final int BPTT = CharLm.BPTT;

    CharLm.Trainer trainer;

    @Setup
    public void setup() {
        Blas.setNumThreads(1);
        String text = CharLm.shippedText();
        CharLm.Vocab v = CharLm.Vocab.of(text);
        int[] ids = v.encode(text);
        int[] train = java.util.Arrays.copyOfRange(ids, 0, ids.length * 9 / 10);
        CharLm.Model m = new CharLm.Model(v.size(), CharLm.EMBED, CharLm.HIDDEN, CharLm.LAYERS, 42);
        trainer = new CharLm.Trainer(m, train, BATCH, BPTT, CharLm.LR, CharLm.CLIP);
    }

    /** Zero grads, forward, loss, backward through the window, clip, Adam; the loss in bits per character. */
    @Benchmark
    public double step() {
        return trainer.step();
    }
}
