package org.vecgrad.spark.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.Module;
import org.vecgrad.nn.Sequential;
import org.vecgrad.nn.data.Datasets;
import org.vecgrad.nn.data.TensorDataset;
import org.vecgrad.nn.layers.Linear;
import org.vecgrad.nn.layers.ReLU;
import org.vecgrad.nn.loss.CrossEntropyLoss;
import org.vecgrad.nn.optim.Adam;
import org.vecgrad.nn.train.Accuracy;
import org.vecgrad.nn.train.History;
import org.vecgrad.spark.BatchPredictor;
import org.vecgrad.spark.DataParallelTrainer;
import org.vecgrad.spark.ModelFactory;
import org.vecgrad.spark.ShardedData;
import org.vecgrad.spark.VecgradTransformer;

/**
 * The digits MLP (64 → 64 → 10, as vecgrad's {@code Digits} example) trained with synchronous data parallelism on
 * Spark, 4 partitions on {@code local[2]}, then the test images scored as a DataFrame by a {@link VecgradTransformer}
 * loaded from the saved weights. Prints the accuracy and the training time against 1 partition: on 2 cores expect
 * little speed-up; the point is that both runs train the same model (up to float summation order) and what each
 * step's aggregation costs.
 *
 * <pre>
 * mvn -q -pl spark -am compile exec:exec                                   # local[2]
 * mvn -q -pl spark -am compile exec:exec -Dspark.example.args="local[*] 10"   # master, epochs
 * </pre>
 */
public final class DigitsOnSpark {
    private DigitsOnSpark() {
    }

    /** The model: seeded, so every JVM's factory call builds the same architecture (and the same start weights). */
    public static Module model() {
        return new Sequential(new Linear(64, 64, true, 1), new ReLU(), new Linear(64, 10, true, 2));
    }

    /** What {@link #run} measured. */
    public record Result(double accuracy, double accuracyOnePartition, double seconds, double secondsOnePartition,
                         History history) {
    }

    public static void main(String[] args) {
        String master = args.length > 0 ? args[0] : "local[2]";
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        SparkSession spark = localSession(master, "vecgrad digits");
        try {
            run(spark, epochs, 4, System.out);
        } finally {
            spark.stop();
        }
    }

    /**
     * A session for the examples and tests: no web UI, no console progress bar; on a {@code local…} master also
     * bound to the loopback address (on a cluster the executors must reach the driver, so the address stays
     * Spark's choice or yours). The Vector API flag is appended to the executors' Java options the user set, if
     * they lack it. On a cluster, spark-submit makes the session instead (see docs/spark.md).
     */
    public static SparkSession localSession(String master, String appName) {
        SparkSession.Builder b = SparkSession.builder().master(master).appName(appName)
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.shuffle.partitions", "4");
        if (master.startsWith("local")) {
            b.config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1");
        }
        // executors that are JVMs of their own (a cluster, local-cluster) need the Vector API too
        String options = withVectorApi(new SparkConf().get("spark.executor.extraJavaOptions", ""));
        return b.config("spark.executor.extraJavaOptions", options).getOrCreate();
    }

    /** The executors' Java options {@code userOptions} with the Vector API module added, unless they have it. */
    static String withVectorApi(String userOptions) {
        String options = userOptions.trim();
        if (options.contains("jdk.incubator.vector")) {
            return options;
        }
        return (options.isEmpty() ? "" : options + " ") + "--add-modules=jdk.incubator.vector";
    }

    /** Trains on P = {@code partitions} and on 1 partition, scores the test set; prints and returns the results. */
    public static Result run(SparkSession spark, int epochs, int partitions, PrintStream out) {
        TensorDataset all = Datasets.digits();
        TensorDataset scaled = all.withFeatures(all.features().div(16.0));
        Datasets.Split split = Datasets.trainTestSplit(scaled, 0.2, true, 42);
        ModelFactory factory = DigitsOnSpark::model;
        int batch = 64;
        out.printf(Locale.ROOT, "Digits on Spark (%s): %d training images, %d test images, global batch %d, %d"
                + " epochs%n", spark.sparkContext().master(), split.train().size(), split.test().size(), batch,
                epochs);

        // untimed warm-up, so that neither timed run pays for the JIT and Spark's first jobs
        ShardedData warm = ShardedData.of(spark, split.train(), partitions);
        new DataParallelTrainer(spark, factory, p -> new Adam(p, 3e-3), CrossEntropyLoss::new).batchSize(batch)
                .fitSteps(warm, 10);
        warm.unpersist();

        double[] seconds = new double[2];
        double[] accuracy = new double[2];
        History history = null;
        int[] ps = {partitions, 1};
        for (int i = 0; i < 2; i++) {
            ShardedData data = ShardedData.of(spark, split.train(), ps[i]);
            DataParallelTrainer t = new DataParallelTrainer(spark, factory, p -> new Adam(p, 3e-3),
                    CrossEntropyLoss::new).batchSize(batch).shuffle(42).metrics(new Accuracy());
            long t0 = System.nanoTime();
            History h = t.fit(data, epochs);
            seconds[i] = (System.nanoTime() - t0) / 1e9;
            data.unpersist();
            accuracy[i] = score(spark, t.model(), factory, split.test(), i == 0 ? out : null);
            out.printf(Locale.ROOT, "%d partition%s: %.2f s for %d steps (%.1f ms/step, %.0f samples/s), final"
                    + " training loss %.4f, test accuracy %.4f%n", ps[i], ps[i] == 1 ? " " : "s", seconds[i],
                    t.step(), 1e3 * seconds[i] / t.step(), (double) epochs * split.train().size() / seconds[i],
                    h.last("loss"), accuracy[i]);
            if (i == 0) {
                history = h;
            }
        }
        return new Result(accuracy[0], accuracy[1], seconds[0], seconds[1], history);
    }

    /** Saves the model, loads it into a Transformer and scores the test set as a DataFrame; the accuracy. */
    private static double score(SparkSession spark, Module trained, ModelFactory factory, TensorDataset test,
            PrintStream out) {
        Path file;
        try {
            file = Files.createTempFile("digits-", ".safetensors");
            trained.save(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            BatchPredictor p = BatchPredictor.load(spark, file.toUri().toString(), factory).batchSize(128);
            Dataset<Row> df = frame(spark, test);
            Dataset<Row> scored = new VecgradTransformer(p).setInputCol("pixels").setOutputCol("logits")
                    .transform(df);
            int right = 0;
            List<Row> rows = scored.select("label", "logits").collectAsList();
            for (Row r : rows) {
                List<Float> logits = r.getList(1);
                int best = 0;
                for (int c = 1; c < logits.size(); c++) {
                    if (logits.get(c) > logits.get(best)) {
                        best = c;
                    }
                }
                right += best == r.getInt(0) ? 1 : 0;
            }
            if (out != null) {
                out.println("scored " + rows.size() + " test images as a DataFrame " + scored.schema().simpleString());
            }
            return right / (double) rows.size();
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file; nothing to do
            }
        }
    }

    /** The data set as a DataFrame (pixels: array<float>, label: int) in 4 partitions. */
    static Dataset<Row> frame(SparkSession spark, TensorDataset data) {
        NdArray x = data.features();
        int[] labels = data.labels();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            float[] f = x.row(i).toFloatArray();
            Float[] boxed = new Float[f.length];
            for (int j = 0; j < f.length; j++) {
                boxed[j] = f[j];
            }
            rows.add(RowFactory.create(boxed, labels[i]));
        }
        StructType schema = new StructType()
                .add("pixels", DataTypes.createArrayType(DataTypes.FloatType, false), false)
                .add("label", DataTypes.IntegerType, false);
        return spark.createDataFrame(rows, schema).repartition(4);
    }
}
