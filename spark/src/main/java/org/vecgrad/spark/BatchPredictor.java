package org.vecgrad.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.vecgrad.engine.Blas;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.Module;
import org.vecgrad.onnx.OnnxFormatException;
import org.vecgrad.onnx.OnnxModel;

/**
 * Scores rows with a vecgrad model on Spark executors: the plain {@code mapPartitions} route (RDDs, typed Datasets);
 * {@link VecgradTransformer} is the DataFrame route built on it.
 *
 * <pre>{@code
 * BatchPredictor p = BatchPredictor.load(spark, "hdfs:///models/digits.safetensors", DigitsModel::create);
 * BatchPredictor q = BatchPredictor.loadOnnx(spark, "hdfs:///models/resnet.onnx");  // architecture in the file
 * JavaRDD<float[]> scores = p.predict(featuresRdd);                        // one output row per input row, in order
 * JavaRDD<Scored> mine = rdd.mapPartitions(it -> p.score(it, Row::features, Scored::new));  // any row type
 * }</pre>
 *
 * <ul>
 *   <li>The weights file is read once, on the driver, through the session's Hadoop configuration (any URI the
 *       cluster can read), and reaches the executors as a Spark broadcast (fetched once per executor). The
 *       architecture reaches them as code: the {@link ModelFactory}. Or the model comes whole as an ONNX file
 *       ({@link #loadOnnx}): read and broadcast the same way, built once per executor JVM as an
 *       {@link OnnxModel}, whose {@code run} is safe from many threads at once.</li>
 *   <li>Each executor JVM builds and loads the model once ({@link ModelCache}: keyed by digests of the factory and
 *       the weights) and all its tasks share it; {@link Module#predict} is safe from many threads at once.</li>
 *   <li>Rows go through in batches of {@link #batchSize(int)} (default 256); the output of a row does not depend on
 *       the batch it lands in, so the results are bit-identical to {@code model.predict(x)} in one JVM.</li>
 *   <li>The GEMMs of a task use at most {@link #threadsPerTask(int)} threads (default 1): Spark already runs one
 *       task per core, so vecgrad's own pool would only oversubscribe them.</li>
 *   <li>A feature row is a {@code float[]} (an F32 batch) or a {@code double[]} (F64); the model converts the batch to
 *       its own dtype as {@code predict} does. An output row is a {@code float[]} for an F32 model, a
 *       {@code double[]} for an F64 one, flattened in row-major order when the model's output per row has several
 *       axes.</li>
 * </ul>
 *
 * Immutable and serializable: the setters return changed copies.
 */
public final class BatchPredictor implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Rows per batch unless set. */
    public static final int DEFAULT_BATCH_SIZE = 256;

    /** Builds the architecture; null for an ONNX model, which is whole in {@link #weights}. */
    private final ModelFactory factory;
    /** The safetensors weights, or the ONNX file. */
    private final Broadcast<byte[]> weights;
    private final String key;
    private final DType outputDType;
    private final int batchSize;
    private final int threadsPerTask;
    private final int[] sampleShape;

    private BatchPredictor(ModelFactory factory, Broadcast<byte[]> weights, String key, DType outputDType,
            int batchSize, int threadsPerTask, int[] sampleShape) {
        this.factory = factory;
        this.weights = weights;
        this.key = key;
        this.outputDType = outputDType;
        this.batchSize = batchSize;
        this.threadsPerTask = threadsPerTask;
        this.sampleShape = sampleShape;
    }

    /**
     * A predictor of the model {@code factory} builds with the weights of the safetensors file at {@code uri}
     * ({@link Module#save} writes one), read now through the session's Hadoop configuration and broadcast.
     */
    public static BatchPredictor load(SparkSession spark, String uri, ModelFactory factory) {
        return of(spark, read(spark, uri, "the weights"), factory);
    }

    /** The whole file at {@code uri}, read on the driver through the session's Hadoop configuration. */
    private static byte[] read(SparkSession spark, String uri, String what) {
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(uri, "uri");
        try {
            return HadoopFiles.read(HadoopFiles.conf(spark), uri);
        } catch (IOException e) {
            throw new UncheckedIOException("BatchPredictor: cannot read " + what + " " + uri, e);
        }
    }

    /** A predictor of the model {@code factory} builds with the weights of {@code model} (e.g. one just trained). */
    public static BatchPredictor of(SparkSession spark, Module model, ModelFactory factory) {
        Objects.requireNonNull(model, "model");
        return of(spark, Blobs.of(model.stateDict()), factory);
    }

    private static BatchPredictor of(SparkSession spark, byte[] safetensors, ModelFactory factory) {
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(factory, "factory");
        // check on the driver what every executor would otherwise find out: the factory and the file fit
        Module probe = factory.create();
        probe.loadStateDict(Blobs.arrays(safetensors));
        String key = ModelCache.digestOf(factory) + "/" + ModelCache.digestOf(safetensors);
        Broadcast<byte[]> b = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(safetensors);
        DType dt = probe.dtype();
        return new BatchPredictor(factory, b, key, dt == null ? DType.F32 : dt, DEFAULT_BATCH_SIZE, 1, null);
    }

    /**
     * A predictor of the ONNX model at {@code uri} (graph and weights in one file, e.g. exported from PyTorch or by
     * {@code OnnxExporter}; external data files are not read), read now on the driver through the session's
     * Hadoop configuration and broadcast; each executor JVM builds it once ({@link OnnxModel#fromBytes}) and its
     * tasks share it ({@link OnnxModel#run} keeps no state between calls). The model must have one input, whose
     * first axis is the batch, and a floating-point first output, which is what is scored.
     */
    public static BatchPredictor loadOnnx(SparkSession spark, String uri) {
        byte[] bytes = read(spark, uri, "the ONNX model");
        // check on the driver what every executor would otherwise find out
        OnnxModel probe = onnxOf(bytes, uri);
        if (probe.inputs().size() != 1) {
            throw new IllegalArgumentException("BatchPredictor: the ONNX model " + uri + " has "
                    + probe.inputs().size() + " inputs " + probe.inputs() + "; batch scoring feeds exactly one");
        }
        DType out = probe.outputs().get(0).dtype();
        if (out != DType.F32 && out != DType.F64) {
            throw new IllegalArgumentException("BatchPredictor: the ONNX model " + uri + "'s first output "
                    + probe.outputs().get(0) + " is " + out + "; F32 or F64 outputs are scored");
        }
        String key = "onnx/" + ModelCache.digestOf(bytes);
        Broadcast<byte[]> b = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(bytes);
        return new BatchPredictor(null, b, key, out, DEFAULT_BATCH_SIZE, 1, null);
    }

    static OnnxModel onnxOf(byte[] bytes, String what) {
        try {
            return OnnxModel.fromBytes(bytes);
        } catch (OnnxFormatException e) {
            throw new IllegalArgumentException("BatchPredictor: " + what + " is not an ONNX model vecgrad can run: "
                    + e.getMessage(), e);
        }
    }

    /** Rows per batch (≥ 1; default 256). */
    public BatchPredictor batchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("BatchPredictor: batchSize " + batchSize + " must be >= 1");
        }
        return new BatchPredictor(factory, weights, key, outputDType, batchSize, threadsPerTask, sampleShape);
    }

    /** GEMM threads per task (≥ 1; default 1, one per Spark task slot). */
    public BatchPredictor threadsPerTask(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("BatchPredictor: threadsPerTask " + threads + " must be >= 1");
        }
        return new BatchPredictor(factory, weights, key, outputDType, batchSize, threads, sampleShape);
    }

    /**
     * The shape of one sample as the model wants it (e.g. 1, 8, 8 for a convolutional network fed flat rows of
     * 64); by default a row of d numbers is a sample of shape [d].
     */
    public BatchPredictor sampleShape(int... shape) {
        int[] s = shape == null || shape.length == 0 ? null : shape.clone();
        if (s != null) {
            for (int d : s) {
                if (d < 1) {
                    throw new IllegalArgumentException("BatchPredictor: sampleShape " + Arrays.toString(s)
                            + " must have axes >= 1");
                }
            }
        }
        return new BatchPredictor(factory, weights, key, outputDType, batchSize, threadsPerTask, s);
    }

    /** Rows per batch. */
    public int batchSize() {
        return batchSize;
    }

    /**
     * This JVM's shared model (built and loaded on first use).
     *
     * @throws IllegalStateException for a predictor of an ONNX model, which is no vecgrad {@link Module}
     */
    public Module model() {
        if (factory == null) {
            throw new IllegalStateException("BatchPredictor: this predictor runs an ONNX model, not a vecgrad"
                    + " Module; load the file with OnnxModel.load to run it in one JVM");
        }
        return ModelCache.shared(key, factory, weights::value);
    }

    /**
     * The dtype of the outputs (the model's parameters', or the ONNX model's first output), which decides the
     * output type: F32 gives {@code float[]} rows, F64 {@code double[]}.
     */
    public DType outputDType() {
        return outputDType;
    }

    /**
     * Scores every row of {@code rows} (each a {@code float[]}); one output row per input row, in order. For an F32
     * model; an F64 model gives {@code double[]} rows: use {@link #score} with {@code float[]} features.
     */
    public JavaRDD<float[]> predict(JavaRDD<float[]> rows) {
        requireOutput(DType.F32, "predict (float[] rows out)", "score(rows, features, combine), whose outputs are"
                + " double[] for this model");
        BatchPredictor p = this;
        return rows.mapPartitions(it -> p.score(it, r -> r, (r, out) -> (float[]) out));
    }

    /**
     * Scores every row of {@code rows} (each a {@code double[]}); one output row per input row, in order. For an
     * F64 model; an F32 model gives {@code float[]} rows: use {@link #score}.
     */
    public JavaRDD<double[]> predictDoubles(JavaRDD<double[]> rows) {
        requireOutput(DType.F64, "predictDoubles (double[] rows out)", "predict for float[] features, or score(rows,"
                + " features, combine), whose outputs are float[] for this model");
        BatchPredictor p = this;
        return rows.mapPartitions(it -> p.score(it, r -> r, (r, out) -> (double[]) out));
    }

    private void requireOutput(DType want, String what, String instead) {
        if (outputDType != want) {
            throw new IllegalArgumentException("BatchPredictor." + what + " needs a model with " + want
                    + " outputs; this model's are " + outputDType + ": use " + instead);
        }
    }

    /**
     * The general form, for a {@code mapPartitions} of any row type: {@code features} gives a row's features (a
     * {@code float[]} or {@code double[]}), {@code combine} makes the result row from the input row and its output
     * (a {@code float[]} or {@code double[]}, see the class documentation). Lazy: batches are scored as the
     * returned iterator is consumed, so a partition is never held in memory whole.
     */
    public <T, R> Iterator<R> score(Iterator<T> rows, Function<? super T, Object> features,
            BiFunction<? super T, Object, ? extends R> combine) {
        Objects.requireNonNull(rows, "rows");
        UnaryOperator<NdArray> model = runner();
        return new Iterator<>() {
            private final List<T> batch = new ArrayList<>(Math.min(batchSize, 4096));
            private Object[] outputs = new Object[0];
            private int next;

            @Override
            public boolean hasNext() {
                if (next < batch.size()) {
                    return true;
                }
                if (!rows.hasNext()) {
                    return false;
                }
                batch.clear();
                while (batch.size() < batchSize && rows.hasNext()) {
                    batch.add(rows.next());
                }
                outputs = scoreBatch(model, batch, features);
                next = 0;
                return true;
            }

            @Override
            public R next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int i = next++;
                return combine.apply(batch.get(i), outputs[i]);
            }
        };
    }

    /** This JVM's shared model as a function of a batch: a Module's predict, or an ONNX model's run. */
    private UnaryOperator<NdArray> runner() {
        if (factory != null) {
            return model()::predict;
        }
        OnnxModel onnx = ModelCache.sharedOnnx(key, weights::value);
        DType in = onnx.inputs().get(0).dtype();
        // the batch in the input's declared dtype, as Module.predict converts to the model's
        return x -> onnx.run(x.dtype() == in || !in.isFloatingPoint() ? x : x.to(in));
    }

    private <T> Object[] scoreBatch(UnaryOperator<NdArray> model, List<T> rows, Function<? super T, Object> features) {
        NdArray x = stack(rows, features);
        NdArray[] y = new NdArray[1];
        Blas.withMaxThreads(threadsPerTask, () -> y[0] = model.apply(x));
        NdArray out = y[0];
        int n = rows.size();
        Object[] result = new Object[n];
        boolean f64 = out.dtype() == DType.F64;
        NdArray flat = out.reshape(n, out.size() / Math.max(1, n));
        for (int i = 0; i < n; i++) {
            NdArray r = flat.row(i);
            result[i] = f64 ? r.toDoubleArray() : r.to(DType.F32).toFloatArray();
        }
        return result;
    }

    /**
     * The rows' features as one [n, sample shape…] array: F32 if the first row is a float[], else F64. Not padded:
     * a row's output does not depend on the batch around it (for an ONNX model, {@code OnnxModel.run} is
     * batch-invariant), so a partition's short tail batch scores as any other.
     */
    private <T> NdArray stack(List<T> rows, Function<? super T, Object> features) {
        int n = rows.size();
        Object first = features.apply(rows.get(0));
        int d = length(first, 0);
        boolean f32 = first instanceof float[];
        float[] fs = f32 ? new float[n * d] : null;
        double[] ds = f32 ? null : new double[n * d];
        for (int i = 0; i < n; i++) {
            Object r = i == 0 ? first : features.apply(rows.get(i));
            if (length(r, i) != d) {
                throw new IllegalArgumentException("BatchPredictor: row " + i + " of a batch has " + length(r, i)
                        + " features, the batch's first row " + d);
            }
            if (f32) {
                if (r instanceof float[] a) {
                    System.arraycopy(a, 0, fs, i * d, d);
                } else {
                    double[] a = (double[]) r;
                    for (int j = 0; j < d; j++) {
                        fs[i * d + j] = (float) a[j];
                    }
                }
            } else if (r instanceof double[] a) {
                System.arraycopy(a, 0, ds, i * d, d);
            } else {
                float[] a = (float[]) r;
                for (int j = 0; j < d; j++) {
                    ds[i * d + j] = a[j];
                }
            }
        }
        int[] shape = shapeOf(n, d);
        return f32 ? NdArray.wrap(fs, 0, shape) : NdArray.wrap(ds, 0, shape);
    }

    private int[] shapeOf(int n, int d) {
        if (sampleShape == null) {
            return new int[] {n, d};
        }
        long size = 1;
        for (int s : sampleShape) {
            size *= s;
        }
        if (size != d) {
            throw new IllegalArgumentException("BatchPredictor: rows have " + d + " features but sampleShape "
                    + Arrays.toString(sampleShape) + " holds " + size);
        }
        int[] shape = new int[sampleShape.length + 1];
        shape[0] = n;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        return shape;
    }

    private static int length(Object row, int i) {
        if (row instanceof float[] a) {
            return a.length;
        }
        if (row instanceof double[] a) {
            return a.length;
        }
        throw new IllegalArgumentException("BatchPredictor: the features of row " + i + " are a "
                + (row == null ? "null" : row.getClass().getName()) + "; expected a float[] or a double[]");
    }
}
