package org.vecgrad.spark;

import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.vecgrad.engine.DType;

/**
 * A Spark ML {@link Transformer} that appends a vecgrad model's output for each row's feature column: usable alone
 * or as a stage of a {@code Pipeline}.
 *
 * <pre>{@code
 * BatchPredictor p = BatchPredictor.load(spark, "file:///models/digits.safetensors", Digits::model);
 * // or an ONNX file: BatchPredictor.loadOnnx(spark, "file:///models/digits.onnx")
 * Dataset<Row> scored = new VecgradTransformer(p).setInputCol("features").setOutputCol("logits").transform(df);
 * }</pre>
 *
 * <ul>
 *   <li>Input column: {@code array<float>}, {@code array<double>} or an ML {@code Vector}; float arrays make F32
 *       batches, the others F64 (the model converts to its dtype, as {@code predict} does).</li>
 *   <li>Output column: {@code array<float>} for an F32 model (or ONNX output), {@code array<double>} for an F64
 *       one, or with {@link #setOutputVector(boolean) setOutputVector(true)} a dense ML {@code Vector}
 *       (doubles).</li>
 *   <li>Batching, the once-per-executor model and the GEMM threads per task are the {@link BatchPredictor}'s. The
 *       rows keep their order and every other column.</li>
 * </ul>
 */
public final class VecgradTransformer extends Transformer {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final BatchPredictor predictor;
    private String inputCol = "features";
    private String outputCol = "prediction";
    private boolean outputVector;

    /** A transformer scoring with {@code predictor}. */
    public VecgradTransformer(BatchPredictor predictor) {
        this(Identifiable$.MODULE$.randomUID("vecgrad"), predictor);
    }

    private VecgradTransformer(String uid, BatchPredictor predictor) {
        this.uid = uid;
        this.predictor = Objects.requireNonNull(predictor, "predictor");
    }

    @Override
    public String uid() {
        return uid;
    }

    /** The feature column (default "features"); returns this. */
    public VecgradTransformer setInputCol(String col) {
        this.inputCol = Objects.requireNonNull(col, "inputCol");
        return this;
    }

    /** The output column (default "prediction"); returns this. */
    public VecgradTransformer setOutputCol(String col) {
        this.outputCol = Objects.requireNonNull(col, "outputCol");
        return this;
    }

    /** Output a dense ML Vector instead of an array (default false); returns this. */
    public VecgradTransformer setOutputVector(boolean vector) {
        this.outputVector = vector;
        return this;
    }

    public String getInputCol() {
        return inputCol;
    }

    public String getOutputCol() {
        return outputCol;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        List<String> names = List.of(schema.fieldNames());
        if (!names.contains(inputCol)) {
            throw new IllegalArgumentException("VecgradTransformer: no input column '" + inputCol + "'; columns are "
                    + names);
        }
        if (names.contains(outputCol)) {
            throw new IllegalArgumentException("VecgradTransformer: output column '" + outputCol
                    + "' already exists");
        }
        DataType in = schema.apply(inputCol).dataType();
        if (kindOf(in) == null) {
            throw new IllegalArgumentException("VecgradTransformer: input column '" + inputCol + "' is "
                    + in.simpleString() + "; expected array<float>, array<double> or vector");
        }
        DataType out = outputVector ? SQLDataTypes.VectorType()
                : DataTypes.createArrayType(predictor.outputDType() == DType.F64 ? DataTypes.DoubleType
                        : DataTypes.FloatType, false);
        return schema.add(new StructField(outputCol, out, false, org.apache.spark.sql.types.Metadata.empty()));
    }

    /** 'f' for array<float>, 'd' for array<double>, 'v' for a vector, null otherwise. */
    static Character kindOf(DataType t) {
        if (t instanceof VectorUDT) {
            return 'v';
        }
        if (t instanceof ArrayType a) {
            if (a.elementType().equals(DataTypes.FloatType)) {
                return 'f';
            }
            if (a.elementType().equals(DataTypes.DoubleType)) {
                return 'd';
            }
        }
        return null;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        Dataset<Row> df = dataset.toDF();
        StructType outSchema = transformSchema(df.schema());
        int col = df.schema().fieldIndex(inputCol);
        boolean vector = outputVector;
        BatchPredictor p = predictor;
        String name = inputCol;
        JavaRDD<Row> scored = df.toJavaRDD().mapPartitions(rows -> p.score(rows, r -> features(r, col, name),
                (r, out) -> append(r, vector ? Vectors.dense(toDoubles(out)) : out)));
        return df.sparkSession().createDataFrame(scored, outSchema);
    }

    private static Object features(Row r, int col, String name) {
        if (r.isNullAt(col)) {
            throw new IllegalArgumentException("VecgradTransformer: null in input column '" + name + "'");
        }
        return featuresOf(r, col);
    }

    /** A row's feature column as a float[] (array&lt;float&gt;) or a double[] (array&lt;double&gt;, a Vector). */
    static Object featuresOf(Row r, int col) {
        Object f = r.get(col);
        if (f instanceof Vector v) {
            return v.toArray();
        }
        List<Object> list = r.getList(col);
        int n = list.size();
        if (n > 0 && list.get(0) instanceof Float) {
            float[] a = new float[n];
            for (int i = 0; i < n; i++) {
                a[i] = (Float) list.get(i);
            }
            return a;
        }
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = ((Number) list.get(i)).doubleValue();
        }
        return a;
    }

    private static double[] toDoubles(Object out) {
        if (out instanceof double[] d) {
            return d;
        }
        float[] f = (float[]) out;
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static Row append(Row r, Object value) {
        int n = r.length();
        Object[] values = new Object[n + 1];
        for (int i = 0; i < n; i++) {
            values[i] = r.get(i);
        }
        values[n] = value;
        return RowFactory.create(values);
    }

    @Override
    public VecgradTransformer copy(ParamMap extra) {
        VecgradTransformer t = new VecgradTransformer(uid, predictor);
        t.inputCol = inputCol;
        t.outputCol = outputCol;
        t.outputVector = outputVector;
        return t;
    }

    @Override
    public String toString() {
        return "VecgradTransformer(" + uid + ", " + inputCol + " -> " + outputCol + ")";
    }
}
