package org.vecgrad.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.Module;
import org.vecgrad.nn.data.Batch;
import org.vecgrad.nn.data.DataLoader;
import org.vecgrad.nn.data.Datasets;
import org.vecgrad.nn.data.TensorDataset;
import org.vecgrad.nn.loss.CrossEntropyLoss;
import org.vecgrad.nn.loss.Loss;
import org.vecgrad.nn.optim.Adam;
import org.vecgrad.nn.optim.Optimizer;
import org.vecgrad.spark.examples.DigitsOnSpark;

/**
 * Training throughput of the digits MLP (64 → 64 → 10, Adam, global batch 256, 1 792 of the digits: whole batches only) on Spark {@code local[2]} against
 * the single-JVM training step, and the per-step cost of the aggregation. Scores are samples per second
 * (operations = samples), except {@code emptyJob} and {@code aggregateOnDriver} (steps per second: the overhead
 * of one step).
 *
 * <ul>
 *   <li>{@code singleJvmStep}: one step as {@code Trainer.fit} takes it (forward, loss, zeroGrad, backward, step),
 *       GEMM threads capped at 1 as a Spark task's; the reference.</li>
 *   <li>{@code sparkStep} (P = 1, 2): one {@link DataParallelTrainer} step: parameters broadcast, P tasks, P
 *       gradients collected and summed, the optimizer step.</li>
 *   <li>{@code emptyJob} (P): a Spark job of P tasks that return a few bytes: the scheduling floor of a step.</li>
 *   <li>{@code aggregateOnDriver} (P): the driver's part of a step without Spark: the parameters to bytes (the
 *       broadcast payload), P gradient blobs decoded and summed in partition order, the optimizer step.</li>
 * </ul>
 *
 * Efficiency of P partitions = sparkStep(P) / singleJvmStep. This lives in the spark module's tests, not in the
 * bench module: the bench module's shaded benchmarks.jar would otherwise carry Spark's 300 MB of jars. Run (the
 * forks inherit the Spark JVM flags of the exec command):
 * <pre>
 * mvn -q -pl spark -am test-compile exec:exec -Dspark.exec.scope=test -Dspark.main=org.openjdk.jmh.Main \
 *     -Dspark.example.args="SparkTrainingBench -f 1 -wi 3 -i 5"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SparkTrainingBench {
    static final int BATCH = 256;

    @Param({"1", "2"})
    public int partitions;

    private SparkSession spark;
    private ShardedData data;
    private DataParallelTrainer trainer;
    private Module single;
    private Optimizer singleOpt;
    private final Loss loss = new CrossEntropyLoss();
    private List<Batch> batches;
    private int next;
    private List<StepTasks.Result> gradients;

    @Setup(Level.Trial)
    public void setUp() {
        spark = DigitsOnSpark.localSession("local[2]", "SparkTrainingBench");
        TensorDataset all = Datasets.digits();
        // 1 792 = 7 × 256 samples: every step of either side trains a full global batch (1 797 would leave a step of 5)
        TensorDataset train = all.withFeatures(all.features().div(16.0))
                .subset(java.util.stream.IntStream.range(0, all.size() / BATCH * BATCH).toArray());
        data = ShardedData.of(spark, train, partitions);
        trainer = new DataParallelTrainer(spark, DigitsOnSpark::model, p -> new Adam(p, 1e-3),
                CrossEntropyLoss::new).batchSize(BATCH).shuffle(1);
        single = DigitsOnSpark.model();
        singleOpt = new Adam(single.parameters(), 1e-3);
        batches = new ArrayList<>();
        new DataLoader(train, BATCH).dropLast(true).shuffle(1).epoch(0).forEach(batches::add);
        // P gradient blobs of the model's shapes, as the tasks return them
        gradients = new ArrayList<>();
        Map<String, NdArray> g = new java.util.LinkedHashMap<>();
        single.parameters().forEach(p -> g.put(p.name(), p.data().copy().mulInPlace(1e-3)));
        for (int p = 0; p < partitions; p++) {
            gradients.add(new StepTasks.Result(p, Blobs.of(g), null, null, new double[1], new int[] {1}, null, null,
                    null));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        data.unpersist();
        spark.stop();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double singleJvmStep() {
        Batch b = batches.get(next++ % batches.size());
        double[] l = new double[1];
        org.vecgrad.engine.Blas.withMaxThreads(1, () -> {
            Tensor loss = this.loss.forward(single.forward(Tensor.of(b.x())), b.labels());
            singleOpt.zeroGrad();
            loss.backward();
            singleOpt.step();
            l[0] = loss.item();
        });
        return l[0];
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long sparkStep() {
        trainer.fitSteps(data, 1);
        return trainer.step();
    }

    @Benchmark
    public long emptyJob() {
        return data.shards.map(s -> s.partition).collect().size();
    }

    @Benchmark
    public int aggregateOnDriver() {
        byte[] payload = Blobs.of(trainer.model().stateDict());
        trainer.applyGradients(gradients);
        return payload.length;
    }
}
