package org.vecgrad.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.Module;
import org.vecgrad.nn.Sequential;
import org.vecgrad.nn.data.Datasets;
import org.vecgrad.nn.layers.Linear;
import org.vecgrad.nn.layers.ReLU;
import org.vecgrad.onnx.OnnxModel;
import org.vecgrad.onnx.export.ExportOptions;
import org.vecgrad.onnx.export.OnnxExporter;
import org.vecgrad.spark.examples.DigitsOnSpark;

/** Batch inference: the Transformer and the mapPartitions helper against {@code Module.predict} in one JVM. */
class ScoringTest {
    static SparkSession spark;
    /** The first 300 digits' features, scaled to 0..1, F32 [300, 64]. */
    static NdArray x;
    /** {@link #frame(NdArray)} of x. */
    static Dataset<Row> df;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        spark = DigitsOnSpark.localSession("local[2]", "ScoringTest");
        x = Datasets.digits().features().div(16.0).rows(0, 300);
        df = frame().cache();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** A digits MLP with weights from {@code seed}, saved to a file; the factory builds it with other weights. */
    static String saved(long seed, DType dtype) throws IOException {
        Module m = new Sequential(new Linear(64, 32, true, seed), new ReLU(), new Linear(32, 10, true, seed + 1));
        Path file = dir.resolve("mlp-" + seed + "-" + dtype + ".safetensors");
        m.to(dtype).save(file);
        return file.toUri().toString();
    }

    static ModelFactory factory(DType dtype) {
        return () -> new Sequential(new Linear(64, 32, true, 99), new ReLU(), new Linear(32, 10, true, 100))
                .to(dtype);
    }

    static Module loaded(String uri, ModelFactory f) throws IOException {
        Module m = f.create();
        m.load(Path.of(java.net.URI.create(uri)));
        return m;
    }

    /** Rows (id, f32 array, f64 array, vector) of x, in 4 partitions. */
    static Dataset<Row> frame() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < x.shape(0); i++) {
            float[] f = x.row(i).toFloatArray();
            Float[] fb = new Float[f.length];
            Double[] db = new Double[f.length];
            double[] d = new double[f.length];
            for (int j = 0; j < f.length; j++) {
                fb[j] = f[j];
                d[j] = f[j] + 1e-9 * j; // not exactly a float: the F64 path must convert as predict does
                db[j] = d[j];
            }
            rows.add(RowFactory.create(i, fb, db, Vectors.dense(d)));
        }
        StructType schema = new StructType().add("id", DataTypes.IntegerType, false)
                .add("f32", DataTypes.createArrayType(DataTypes.FloatType, false), false)
                .add("f64", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
                .add("vec", SQLDataTypes.VectorType(), false);
        return spark.createDataFrame(rows, schema).repartition(4);
    }

    /** The f64 column's values as one F64 array. */
    static NdArray doubles() {
        double[] d = new double[x.size()];
        float[] f = x.toFloatArray();
        for (int i = 0; i < d.length; i++) {
            d[i] = f[i] + 1e-9 * (i % 64);
        }
        return NdArray.wrap(d, 0, x.shape(0), 64);
    }

    @Test
    void transformerIsBitIdenticalToPredictForEveryInputType() throws IOException {
        ModelFactory f = factory(DType.F32);
        String uri = saved(1, DType.F32);
        Module reference = loaded(uri, f);
        float[] fromFloats = reference.predict(x).toFloatArray();
        float[] fromDoubles = reference.predict(doubles()).toFloatArray();
        BatchPredictor p = BatchPredictor.load(spark, uri, f).batchSize(37);
        for (String col : List.of("f32", "f64", "vec")) {
            List<Row> out = new VecgradTransformer(p).setInputCol(col).setOutputCol("y").transform(df)
                    .select("id", "y").collectAsList();
            assertEquals(x.shape(0), out.size(), col);
            assertRowsEqual(col.equals("f32") ? fromFloats : fromDoubles, out, col);
        }
    }

    /** Each row (id, array<float> of 10) of {@code out} equals row id of {@code expected} ([n, 10]) bit for bit. */
    static void assertRowsEqual(float[] expected, List<Row> out, String what) {
        for (Row r : out) {
            int id = r.getInt(0);
            List<Float> y = r.getList(1);
            float[] got = new float[y.size()];
            for (int j = 0; j < got.length; j++) {
                got[j] = y.get(j);
            }
            assertArrayEquals(Arrays.copyOfRange(expected, id * 10, id * 10 + 10), got, 0f, what + " row " + id);
        }
    }

    @Test
    void vectorOutputAndF64ModelsGiveDoubles() throws IOException {
        ModelFactory f = factory(DType.F64);
        String uri = saved(3, DType.F64);
        double[] expected = loaded(uri, f).predict(doubles()).toDoubleArray();
        BatchPredictor p = BatchPredictor.load(spark, uri, f);
        VecgradTransformer t = new VecgradTransformer(p).setInputCol("vec").setOutputCol("y");
        Dataset<Row> arrays = t.transform(df);
        assertEquals("array<double>", arrays.schema().apply("y").dataType().simpleString());
        Dataset<Row> vectors = t.copy(new org.apache.spark.ml.param.ParamMap()).setOutputVector(true).transform(df);
        for (Row r : vectors.select("id", "y").collectAsList()) {
            int id = r.getInt(0);
            assertArrayEquals(Arrays.copyOfRange(expected, id * 10, id * 10 + 10), ((Vector) r.get(1)).toArray(),
                    0.0, "row " + id);
        }
    }

    @Test
    void mapPartitionsHelperKeepsOrderAndBits() throws IOException {
        ModelFactory f = factory(DType.F32);
        String uri = saved(5, DType.F32);
        float[] expected = loaded(uri, f).predict(x).toFloatArray();
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < x.shape(0); i++) {
            rows.add(x.row(i).toFloatArray());
        }
        JavaRDD<float[]> in = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 3);
        List<float[]> out = BatchPredictor.load(spark, uri, f).batchSize(500).predict(in).collect();
        float[] got = new float[expected.length];
        for (int i = 0; i < out.size(); i++) {
            System.arraycopy(out.get(i), 0, got, i * 10, 10);
        }
        assertArrayEquals(expected, got, 0f);
    }

    @Test
    void theModelIsLoadedOncePerJvmWhateverTheTasks() throws IOException {
        String uri = saved(7, DType.F32);
        BatchPredictor p = BatchPredictor.load(spark, uri, factory(DType.F32)).batchSize(64);
        long before = ModelCache.loads();
        // df has 4 partitions: 4 tasks per transform, on 2 task slots
        new VecgradTransformer(p).setInputCol("f32").transform(df).count();
        new VecgradTransformer(p).setInputCol("f64").setOutputCol("z").transform(df).collectAsList();
        // a second predictor of the same file and factory shares the model too
        BatchPredictor again = BatchPredictor.load(spark, uri, factory(DType.F32));
        new VecgradTransformer(again).setInputCol("vec").transform(df).count();
        assertEquals(1, ModelCache.loads() - before);
    }

    @Test
    void badColumnsAreRejectedWithTheirNames() throws IOException {
        BatchPredictor p = BatchPredictor.load(spark, saved(9, DType.F32), factory(DType.F32));
        var missing = assertThrows(IllegalArgumentException.class,
                () -> new VecgradTransformer(p).setInputCol("pixels").transform(df));
        assertTrue(missing.getMessage().contains("'pixels'"), missing.getMessage());
        var wrongType = assertThrows(IllegalArgumentException.class,
                () -> new VecgradTransformer(p).setInputCol("id").transform(df));
        assertTrue(wrongType.getMessage().contains("int"), wrongType.getMessage());
        var taken = assertThrows(IllegalArgumentException.class,
                () -> new VecgradTransformer(p).setInputCol("f32").setOutputCol("vec").transform(df));
        assertTrue(taken.getMessage().contains("'vec' already exists"), taken.getMessage());
        var size = assertThrows(IllegalArgumentException.class, () -> p.batchSize(0));
        assertTrue(size.getMessage().contains("batchSize 0"), size.getMessage());
    }

    @Test
    void aFactoryThatDoesNotFitTheFileFailsOnTheDriver() throws IOException {
        String uri = saved(11, DType.F32);
        ModelFactory wrong = () -> new Sequential(new Linear(64, 16, true, 1), new ReLU(), new Linear(16, 10, true, 2));
        var e = assertThrows(IllegalArgumentException.class, () -> BatchPredictor.load(spark, uri, wrong));
        assertTrue(e.getMessage().contains("[16, 64]") || e.getMessage().contains("16"), e.getMessage());
    }

    @Test
    void onnxModelScoresBitIdenticallyToOnnxModelRun() throws Exception {
        Module m = new Sequential(new Linear(64, 32, true, 13), new ReLU(), new Linear(32, 10, true, 14));
        byte[] bytes = OnnxExporter.toBytes(m, new int[] {64}, ExportOptions.defaults());
        Path file = dir.resolve("mlp.onnx");
        Files.write(file, bytes);
        float[] expected = OnnxModel.fromBytes(bytes).run(x).toFloatArray();
        BatchPredictor p = BatchPredictor.loadOnnx(spark, file.toUri().toString()).batchSize(37);
        assertEquals(DType.F32, p.outputDType());
        long before = ModelCache.loads();
        for (String col : List.of("f32", "vec")) {
            List<Row> out = new VecgradTransformer(p).setInputCol(col).setOutputCol("y").transform(df)
                    .select("id", "y").collectAsList();
            assertEquals(x.shape(0), out.size(), col);
            float[] want = col.equals("f32") ? expected
                    : OnnxModel.fromBytes(bytes).run(doubles().to(DType.F32)).toFloatArray();
            assertRowsEqual(want, out, col);
        }
        // built once in this JVM (local mode: the executors are its threads), shared by both transforms' tasks
        assertEquals(1, ModelCache.loads() - before);
        var notOnnx = assertThrows(IllegalArgumentException.class,
                () -> BatchPredictor.loadOnnx(spark, saved(15, DType.F32)));
        assertTrue(notOnnx.getMessage().contains("not an ONNX model"), notOnnx.getMessage());
        var noModule = assertThrows(IllegalStateException.class, p::model);
        assertTrue(noModule.getMessage().contains("ONNX"), noModule.getMessage());
    }

    @Test
    void predictRefusesAModelWhoseOutputsAreNotItsRowType() throws IOException {
        BatchPredictor f64 = BatchPredictor.load(spark, saved(17, DType.F64), factory(DType.F64));
        assertEquals(DType.F64, f64.outputDType());
        JavaRDD<float[]> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(List.of(x.row(0).toFloatArray()), 1);
        var e = assertThrows(IllegalArgumentException.class, () -> f64.predict(rows));
        assertTrue(e.getMessage().contains("F64"), e.getMessage());
        BatchPredictor f32 = BatchPredictor.load(spark, saved(19, DType.F32), factory(DType.F32));
        JavaRDD<double[]> doubleRows = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(List.of(doubles().row(0).toDoubleArray()), 1);
        var d = assertThrows(IllegalArgumentException.class, () -> f32.predictDoubles(doubleRows));
        assertTrue(d.getMessage().contains("F32"), d.getMessage());
    }

    @Test
    void shardedDataChecksColumnTypesAndLabels() {
        var features = assertThrows(IllegalArgumentException.class, () -> ShardedData.fromDataFrame(df, "id", "id", 2));
        assertTrue(features.getMessage().contains("'id' is int"), features.getMessage());
        Dataset<Row> labelled = df.withColumn("name", functions.lit("seven")).withColumn("half",
                functions.col("id").cast("double").divide(2.0)).withColumn("whole", functions.col("id").cast("double"));
        var label = assertThrows(IllegalArgumentException.class,
                () -> ShardedData.fromDataFrame(labelled, "f32", "name", 2));
        assertTrue(label.getMessage().contains("'name' is string"), label.getMessage());
        // Spark ML's double labels: accepted when whole, refused with the column, type and row otherwise
        ShardedData whole = ShardedData.fromDataFrame(labelled.orderBy("id"), "f32", "whole", 2);
        assertEquals(x.shape(0), whole.size());
        whole.unpersist();
        Exception half = assertThrows(Exception.class,
                () -> ShardedData.fromDataFrame(labelled.orderBy("id"), "f32", "half", 2));
        String msg = String.valueOf(half.getMessage()) + " " + half.getCause();
        assertTrue(msg.contains("label column 'half' (double) has 0.5 at row 1"), msg);
    }
}
