package org.vecgrad.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.Blas;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.Module;
import org.vecgrad.nn.data.Batch;
import org.vecgrad.nn.io.SafeTensors;
import org.vecgrad.nn.loss.Loss;
import org.vecgrad.nn.optim.Optimizer;
import org.vecgrad.nn.optim.TensorParameter;

/**
 * What the executors run for {@link DataParallelTrainer}: a pure function of the task's inputs (its shard, the
 * broadcast parameters and batch indices, the step number and partition index). The pooled model it borrows is
 * overwritten whole first (parameters, buffers, gradients, random counters), so a task that Spark retries, or
 * runs twice speculatively, returns the same bits.
 */
final class StepTasks {
    private StepTasks() {
    }

    /** The job-wide constants of a training run, shipped in every task's closure. */
    record Job(String modelKey, ModelFactory model, LossFactory loss, OptimizerFactory optimizer, int partitions,
               int threadsPerTask) implements Serializable {
    }

    /**
     * One round: the model's state (a safetensors blob of its state dict), for local SGD the optimizer's too, and
     * the global batches of the round's steps (one for synchronous training), the first being step {@code step}.
     */
    record Round(long step, byte[] modelState, byte[] optimizerState, int[][] batches) implements Serializable {
    }

    /**
     * What one partition returns. Synchronous: the gradient of its share of the global batch's mean loss, and its
     * model's buffers after the forward pass (BatchNorm's running statistics, updated on its share; null for an
     * empty share or a model without buffers). Local SGD: its model and optimizer state after the round. Per
     * step: its samples' loss sum, sample count, outputs (F32 or F64 [n, …]) and labels or targets, for the
     * driver's loss and metrics.
     */
    record Result(int partition, byte[] tensors, byte[] optimizerState, byte[] buffers, double[] lossSums,
                  int[] counts, byte[][] outputs, int[][] labels, byte[][] targets) implements Serializable {
    }

    /** Test hook: called at the end of every task with (step, partition, attempt); may throw to fail the task. */
    static volatile FaultHook faultHook;

    /** See {@link #faultHook}. */
    interface FaultHook {
        void check(long step, int partition, int attempt);
    }

    /** The gradient of this shard's part of the global batch mean loss (sum over partitions = the global one). */
    static Result gradients(Job job, Round round, Shard shard) {
        int[] global = round.batches()[0];
        Batch b = shard.gather(global);
        if (b == null) {
            return empty(shard.partition, 1);
        }
        Module m = ModelCache.borrow(job.modelKey(), job.model());
        try {
            reset(m, round, job, shard.partition);
            Loss loss = job.loss().create();
            double[] lossSum = new double[1];
            NdArray[] out = new NdArray[1];
            Blas.withMaxThreads(job.threadsPerTask(), () -> {
                Tensor output = m.forward(input(m, b));
                Tensor l = lossOf(loss, output, b);
                // share of the global mean: (n_k / B) · mean over this shard's n_k samples
                l.mul(b.size() / (double) global.length).backward();
                lossSum[0] = l.item() * b.size();
                out[0] = output.data();
            });
            Map<String, NdArray> grads = new LinkedHashMap<>();
            for (TensorParameter p : m.parameters()) {
                NdArray g = p.grad();
                if (g != null) {
                    grads.put(p.name(), g);
                }
            }
            Map<String, NdArray> buffers = m.namedBuffers();
            Result r = new Result(shard.partition, SafeTensors.toBytes(grads), null,
                    buffers.isEmpty() ? null : SafeTensors.toBytes(buffers), lossSum,
                    new int[] {b.size()}, new byte[][] {Blobs.of(out[0])}, new int[][] {b.labels()},
                    new byte[][] {b.y() == null ? null : Blobs.of(b.y())});
            hook(round.step(), shard.partition);
            return r;
        } finally {
            ModelCache.giveBack(job.modelKey(), m);
        }
    }

    /**
     * Local SGD: this shard's samples of each of the round's global batches, one local optimizer step per batch
     * (its mean loss), starting from the round's model and optimizer state.
     */
    static Result localSteps(Job job, Round round, Shard shard) {
        Module m = ModelCache.borrow(job.modelKey(), job.model());
        try {
            reset(m, round, job, shard.partition);
            Optimizer opt = job.optimizer().create(m.parameters());
            opt.loadStateDict(Blobs.arrays(round.optimizerState()));
            Loss loss = job.loss().create();
            int steps = round.batches().length;
            double[] lossSums = new double[steps];
            int[] counts = new int[steps];
            byte[][] outputs = new byte[steps][];
            int[][] labels = new int[steps][];
            byte[][] targets = new byte[steps][];
            for (int s = 0; s < steps; s++) {
                Batch b = shard.gather(round.batches()[s]);
                if (b == null) {
                    continue;
                }
                int si = s;
                Blas.withMaxThreads(job.threadsPerTask(), () -> {
                    Tensor output = m.forward(input(m, b));
                    Tensor l = lossOf(loss, output, b);
                    opt.zeroGrad();
                    l.backward();
                    opt.step();
                    lossSums[si] = l.item() * b.size();
                    outputs[si] = Blobs.of(output.data());
                });
                counts[s] = b.size();
                labels[s] = b.labels();
                targets[s] = b.y() == null ? null : Blobs.of(b.y());
            }
            Result r = new Result(shard.partition, SafeTensors.toBytes(m.stateDict()),
                    SafeTensors.toBytes(opt.stateDict()), null, lossSums, counts, outputs, labels, targets);
            hook(round.step(), shard.partition);
            return r;
        } finally {
            ModelCache.giveBack(job.modelKey(), m);
        }
    }

    /** Overwrites every piece of state a previous task may have left in a pooled model. */
    private static void reset(Module m, Round round, Job job, int partition) {
        m.loadStateDict(Blobs.arrays(round.modelState()));
        m.zeroGrad();
        m.train();
        Map<String, long[]> rs = m.randomStates();
        if (!rs.isEmpty()) {
            // random layers (Dropout) count their calls: start each task at its own, fixed count
            long base = (round.step() * job.partitions() + partition) << 20;
            Map<String, long[]> fixed = new LinkedHashMap<>();
            rs.forEach((path, s) -> {
                if (s.length != 1) {
                    throw new IllegalArgumentException("DataParallelTrainer: module '" + path + "' has a random"
                            + " state of " + s.length + " numbers; only call counters (one number) are supported");
                }
                fixed.put(path, new long[] {base});
            });
            m.setRandomStates(fixed);
        }
    }

    private static Result empty(int partition, int steps) {
        return new Result(partition, null, null, null, new double[steps], new int[steps], new byte[steps][],
                new int[steps][], new byte[steps][]);
    }

    private static void hook(long step, int partition) {
        FaultHook h = faultHook;
        if (h != null) {
            TaskContext tc = TaskContext.get();
            h.check(step, partition, tc == null ? 0 : tc.attemptNumber());
        }
    }

    static Tensor input(Module m, Batch b) {
        DType dt = m.dtype();
        NdArray x = b.x();
        return Tensor.of(dt == null || x.dtype() == dt ? x : x.to(dt));
    }

    static Tensor lossOf(Loss loss, Tensor output, Batch b) {
        if (b.labels() != null) {
            return loss.forward(output, b.labels());
        }
        NdArray y = b.y();
        return loss.forward(output, Tensor.of(y.dtype() == output.dtype() ? y : y.to(output.dtype())));
    }
}
