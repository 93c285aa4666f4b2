package org.vecgrad.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.Module;
import org.vecgrad.nn.Sequential;
import org.vecgrad.nn.data.Batch;
import org.vecgrad.nn.data.DataLoader;
import org.vecgrad.nn.data.Datasets;
import org.vecgrad.nn.data.TensorDataset;
import org.vecgrad.nn.layers.BatchNorm1d;
import org.vecgrad.nn.layers.Dropout;
import org.vecgrad.nn.layers.Linear;
import org.vecgrad.nn.layers.ReLU;
import org.vecgrad.nn.loss.CrossEntropyLoss;
import org.vecgrad.nn.loss.Loss;
import org.vecgrad.nn.optim.Adam;
import org.vecgrad.nn.optim.Optimizer;
import org.vecgrad.nn.train.Accuracy;
import org.vecgrad.nn.train.Checkpoint;
import org.vecgrad.nn.train.FitOptions;
import org.vecgrad.nn.train.History;
import org.vecgrad.nn.train.Trainer;
import org.vecgrad.spark.examples.DigitsOnSpark;

/**
 * Data-parallel training on local[2] (task retries allowed: local[2,2]) against single-JVM training on the same
 * global batches: 640 digits, batch 64 (10 steps per epoch), Adam.
 */
class DataParallelTrainerTest {
    static final int N = 640;
    static final int BATCH = 64;
    static final long SEED = 5;
    static final int STEPS = 20;

    static SparkSession spark;
    static TensorDataset train;
    static ShardedData four;

    /** Reference: the 20-step P = 4 run, taken once. */
    static List<Double> losses4;
    static Map<String, NdArray> state4;
    static Map<String, NdArray> optState4;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        spark = DigitsOnSpark.localSession("local[2,2]", "DataParallelTrainerTest");
        TensorDataset all = Datasets.digits();
        TensorDataset scaled = all.withFeatures(all.features().div(16.0));
        int[] first = new int[N];
        for (int i = 0; i < N; i++) {
            first[i] = i;
        }
        Batch b = scaled.batch(first);
        train = TensorDataset.of(b.x(), b.labels());
        four = ShardedData.of(spark, train, 4);
        DataParallelTrainer t = trainer();
        t.fitSteps(four, STEPS);
        losses4 = List.copyOf(t.stepLosses());
        state4 = t.model().stateDict();
        optState4 = t.optimizer().stateDict();
    }

    @AfterAll
    static void stop() {
        StepTasks.faultHook = null;
        spark.stop();
    }

    static Module model() {
        return new Sequential(new Linear(64, 32, true, 11), new ReLU(), new Linear(32, 10, true, 12));
    }

    static DataParallelTrainer trainer() {
        return new DataParallelTrainer(spark, DataParallelTrainerTest::model, p -> new Adam(p, 1e-2),
                CrossEntropyLoss::new).batchSize(BATCH).shuffle(SEED);
    }

    static void assertBitIdentical(Map<String, NdArray> a, Map<String, NdArray> b) {
        assertEquals(a.keySet(), b.keySet());
        a.forEach((k, v) -> assertArrayEquals(v.toDoubleArray(), b.get(k).toDoubleArray(), 0.0, k));
    }

    @Test
    void fourPartitionsFollowSingleJvmTrainingOnTheSameGlobalBatches() {
        Module m = model();
        Optimizer opt = new Adam(m.parameters(), 1e-2);
        Loss loss = new CrossEntropyLoss();
        DataLoader loader = new DataLoader(train, BATCH).shuffle(SEED);
        List<Double> single = new ArrayList<>();
        for (int epoch = 0; single.size() < STEPS; epoch++) {
            for (Batch b : loader.epoch(epoch)) {
                Tensor l = loss.forward(m.forward(Tensor.of(b.x())), b.labels());
                opt.zeroGrad();
                l.backward();
                opt.step();
                single.add(l.item());
            }
        }
        assertEquals(STEPS, losses4.size());
        for (int s = 0; s < STEPS; s++) {
            double rel = Math.abs(losses4.get(s) - single.get(s)) / Math.abs(single.get(s));
            assertTrue(rel <= 1e-5, "step " + s + ": P=4 loss " + losses4.get(s) + ", one JVM " + single.get(s));
        }
        assertTrue(single.get(STEPS - 1) < 0.7 * single.get(0), "the reference run trains: " + single);
    }

    @Test
    void twoRunsWithTheSameSeedAndPartitioningAreBitIdentical() {
        // partition 0 finishes last in this run (its task sleeps), first or early in the reference run: a sum in
        // task-completion order (treeAggregate) would differ in the last bits
        StepTasks.faultHook = (step, partition, attempt) -> {
            if (partition == 0) {
                try {
                    Thread.sleep(30);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        DataParallelTrainer t = trainer();
        try {
            t.fitSteps(four, STEPS);
        } finally {
            StepTasks.faultHook = null;
        }
        assertEquals(losses4, t.stepLosses());
        assertBitIdentical(state4, t.model().stateDict());
        assertBitIdentical(optState4, t.optimizer().stateDict());
    }

    @Test
    void aFailedAndRetriedTaskChangesNothing() {
        AtomicInteger failures = new AtomicInteger();
        // every first attempt of partition 2's task at step 3 fails after computing its gradient
        StepTasks.faultHook = (step, partition, attempt) -> {
            if (step == 3 && partition == 2 && attempt == 0) {
                failures.incrementAndGet();
                throw new IllegalStateException("injected failure of step 3, partition 2");
            }
        };
        DataParallelTrainer t = trainer();
        try {
            t.fitSteps(four, STEPS);
        } finally {
            StepTasks.faultHook = null;
        }
        assertEquals(1, failures.get());
        assertEquals(losses4, t.stepLosses());
        assertBitIdentical(state4, t.model().stateDict());
    }

    @Test
    void tenStepsThenResumeFromTheCheckpointEqualTwentyStraight() throws Exception {
        String ckpt = dir.resolve("ckpt").toUri().toString();
        DataParallelTrainer first = trainer().checkpointEvery(5, ckpt);
        first.fitSteps(four, 10);
        assertTrue(Files.exists(dir.resolve("ckpt/checkpoint-5.safetensors")));
        assertTrue(Files.exists(dir.resolve("ckpt/checkpoint-10.safetensors")));
        DataParallelTrainer second = trainer().resumeLatest(ckpt);
        assertEquals(10, second.step());
        second.fitSteps(four, 10);
        List<Double> joined = new ArrayList<>(first.stepLosses());
        joined.addAll(second.stepLosses());
        assertEquals(losses4, joined);
        assertBitIdentical(state4, second.model().stateDict());
        assertBitIdentical(optState4, second.optimizer().stateDict());

        var other = assertThrows(IllegalArgumentException.class,
                () -> trainer().batchSize(32).resume(ckpt + "/checkpoint-10.safetensors"));
        assertTrue(other.getMessage().contains("batch size 64"), other.getMessage());

        ShardedData two = ShardedData.of(spark, train, 2);
        try {
            var parts = assertThrows(IllegalArgumentException.class,
                    () -> trainer().resume(ckpt + "/checkpoint-10.safetensors").fitSteps(two, 1));
            assertTrue(parts.getMessage().contains("4 partitions"), parts.getMessage());
        } finally {
            two.unpersist();
        }
        var k = assertThrows(IllegalArgumentException.class,
                () -> trainer().averageEvery(2).resume(ckpt + "/checkpoint-10.safetensors").fitSteps(four, 1));
        assertTrue(k.getMessage().contains("averageEvery 1"), k.getMessage());
        var none = assertThrows(IllegalArgumentException.class,
                () -> trainer().resumeLatest(dir.resolve("empty").toUri().toString()));
        assertTrue(none.getMessage().contains("no checkpoint-<step>"), none.getMessage());
    }

    /** The MLP with batch statistics and a random layer. */
    static Module bnModel() {
        return new Sequential(new Linear(64, 32, true, 21), new BatchNorm1d(32), new ReLU(), new Dropout(0.2, 22),
                new Linear(32, 10, true, 23));
    }

    static DataParallelTrainer bnTrainer() {
        return new DataParallelTrainer(spark, DataParallelTrainerTest::bnModel, p -> new Adam(p, 1e-2),
                CrossEntropyLoss::new).batchSize(BATCH).shuffle(SEED);
    }

    @Test
    void batchNormStatisticsAreThePartitionsSampleWeightedMean() {
        DataParallelTrainer t = bnTrainer();
        t.fitSteps(four, 1);
        // each partition's share of step 0's global batch through the initial model, combined in partition order
        int[] batch = Arrays.copyOf(new DataLoader(train, BATCH).shuffle(SEED).order(0), BATCH);
        Map<String, NdArray> expected = new LinkedHashMap<>();
        for (int k = 0; k < 4; k++) {
            int part = k;
            int[] mine = Arrays.stream(batch).filter(g -> g % 4 == part).toArray();
            Module m = bnModel();
            m.train();
            m.forward(Tensor.of(train.batch(mine).x()));
            double w = mine.length / (double) BATCH;
            m.namedBuffers().forEach((name, b) -> {
                if (b.dtype().isFloatingPoint()) {
                    expected.merge(name, b.copy().mulInPlace(w), NdArray::addInPlace);
                } else {
                    expected.putIfAbsent(name, b.copy());
                }
            });
        }
        Map<String, NdArray> got = t.model().namedBuffers();
        assertEquals(expected.keySet(), got.keySet());
        expected.forEach((k, v) -> assertArrayEquals(v.toDoubleArray(), got.get(k).toDoubleArray(), 0.0, k));
        assertEquals(1, got.get("1.num_batches_tracked").itemLong());
        NdArray initial = bnModel().namedBuffers().get("1.running_mean");
        assertFalse(Arrays.equals(initial.toDoubleArray(), got.get("1.running_mean").toDoubleArray()),
                "the running mean moved");
    }

    @Test
    void batchNormAndDropoutRunsAreBitIdenticalAndTheirCheckpointsLoadWithCheckpointLoad() throws Exception {
        String ckpt = dir.resolve("bn").toUri().toString();
        DataParallelTrainer a = bnTrainer().checkpointEvery(STEPS, ckpt);
        a.fitSteps(four, STEPS);
        DataParallelTrainer b = bnTrainer();
        b.fitSteps(four, STEPS);
        assertEquals(a.stepLosses(), b.stepLosses());
        assertBitIdentical(a.model().stateDict(), b.model().stateDict());
        Map<String, NdArray> stats = a.model().namedBuffers();
        assertEquals(STEPS, stats.get("1.num_batches_tracked").itemLong());
        assertFalse(Arrays.equals(bnModel().namedBuffers().get("1.running_var").toDoubleArray(),
                stats.get("1.running_var").toDoubleArray()), "the running variance moved");

        Module m = bnModel();
        Optimizer opt = new Adam(m.parameters(), 1e-2);
        int epochs = Checkpoint.load(dir.resolve("bn/checkpoint-" + STEPS + ".safetensors"), m, opt);
        assertEquals(STEPS / (N / BATCH), epochs);
        assertBitIdentical(a.model().stateDict(), m.stateDict());
        assertBitIdentical(a.optimizer().stateDict(), opt.stateDict());
    }

    /** Whether partition 0 of P holds one of {@code indices}. */
    static boolean holds(int[] indices, int partitions) {
        return Arrays.stream(indices).anyMatch(i -> i % partitions == 0);
    }

    @Test
    void moreLocalSgdPartitionsThanSamplesPerBatchKeepEveryOptimizerState() {
        // batch 4, rounds of 2 steps: the first P >= 8 for which partition 0 holds none of the first round's 8
        // samples, so that it takes no step (its Adam has no moments yet) while others do
        int[] round = Arrays.copyOf(new DataLoader(train, 4).shuffle(SEED).order(0), 8);
        int p = 8;
        while (holds(round, p)) {
            p++;
        }
        ShardedData eight = ShardedData.of(spark, train, p);
        try {
            DataParallelTrainer a = trainer().batchSize(4).averageEvery(2);
            a.fitSteps(eight, 2);
            // every parameter has its moments after the first round, although partition 0 had none
            assertEquals(optState4.keySet(), a.optimizer().stateDict().keySet());
            a.fitSteps(eight, 4);
            DataParallelTrainer b = trainer().batchSize(4).averageEvery(2);
            b.fitSteps(eight, 6);
            assertBitIdentical(a.model().stateDict(), b.model().stateDict());
            assertBitIdentical(a.optimizer().stateDict(), b.optimizer().stateDict());
            DataParallelTrainer sync = trainer().batchSize(4);
            sync.fitSteps(eight, 3);
            assertEquals(3, sync.stepLosses().size());
        } finally {
            eight.unpersist();
        }
    }

    @Test
    void historyMatchesTrainerFit() {
        DataParallelTrainer t = trainer().metrics(new Accuracy());
        History h = t.fit(four, 2);
        Module m = model();
        History ref = new Trainer(m, new Adam(m.parameters(), 1e-2), new CrossEntropyLoss()).metrics(new Accuracy())
                .verbose(0).fit(train, FitOptions.epochs(2).batchSize(BATCH).shuffle(SEED));
        assertEquals(ref.history().keySet(), h.history().keySet());
        assertEquals(ref.epochs(), h.epochs());
        for (int e = 0; e < 2; e++) {
            double want = ref.get("loss").get(e);
            assertEquals(want, h.get("loss").get(e), 1e-5 * want, "epoch " + e);
            // an argmax may flip where two logits differ in the last bits: allow one sample in 640
            assertEquals(ref.get("accuracy").get(e), h.get("accuracy").get(e), 1.0 / N + 1e-12, "epoch " + e);
        }
    }

    @Test
    void localSgdIsDeterministicAndTrains() {
        DataParallelTrainer a = trainer().averageEvery(4);
        a.fitSteps(four, STEPS);
        DataParallelTrainer b = trainer().averageEvery(4);
        b.fitSteps(four, STEPS);
        assertEquals(a.stepLosses(), b.stepLosses());
        assertBitIdentical(a.model().stateDict(), b.model().stateDict());
        double early = a.stepLosses().subList(0, 4).stream().mapToDouble(x -> x).average().orElseThrow();
        double late = a.stepLosses().subList(16, 20).stream().mapToDouble(x -> x).average().orElseThrow();
        assertTrue(late < 0.85 * early, "local SGD trains: " + a.stepLosses());
        // it is a different algorithm: not the synchronous run
        assertNotEquals(losses4.get(STEPS - 1), a.stepLosses().get(STEPS - 1));
    }

    @Test
    void aDataFrameShardsLikeTheDataSet() {
        List<Row> rows = new ArrayList<>();
        NdArray x = train.features();
        for (int i = 0; i < N; i++) {
            float[] f = x.row(i).toFloatArray();
            Float[] boxed = new Float[f.length];
            for (int j = 0; j < f.length; j++) {
                boxed[j] = f[j];
            }
            rows.add(RowFactory.create(boxed, (long) train.labels()[i]));
        }
        StructType schema = new StructType().add("x", DataTypes.createArrayType(DataTypes.FloatType, false), false)
                .add("label", DataTypes.LongType, false);
        Dataset<Row> df = spark.createDataFrame(rows, schema);
        ShardedData fromFrame = ShardedData.fromDataFrame(df, "x", "label", 4);
        try {
            assertEquals(N, fromFrame.size());
            DataParallelTrainer t = trainer();
            t.fitSteps(fromFrame, 5);
            assertEquals(losses4.subList(0, 5), t.stepLosses());
        } finally {
            fromFrame.unpersist();
        }
    }

    @Test
    void badSettingsAreRejected() {
        var parts = assertThrows(IllegalArgumentException.class, () -> ShardedData.of(spark, train, N + 1));
        assertTrue(parts.getMessage().contains("partitions 641"), parts.getMessage());
        var k = assertThrows(IllegalArgumentException.class, () -> trainer().averageEvery(0));
        assertTrue(k.getMessage().contains("averageEvery 0"), k.getMessage());
        Object notSerializable = new Object();
        var f = assertThrows(IllegalArgumentException.class, () -> new DataParallelTrainer(spark,
                () -> { notSerializable.hashCode(); return model(); }, p -> new Adam(p), CrossEntropyLoss::new));
        assertTrue(f.getMessage().contains("not serializable"), f.getMessage());
    }
}
