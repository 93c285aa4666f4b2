package org.vecgrad.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.data.TensorDataset;
import scala.Tuple2;

/**
 * A training set spread over P Spark partitions, cached on the executors, for {@link DataParallelTrainer}.
 * Sample i (its global index: its position in the data set or DataFrame) lives in partition {@code i mod P}, so the
 * layout depends only on the data and P, never on scheduling; each step's global batch is a list of global
 * indices, and every partition trains on the members of the batch it holds.
 */
public final class ShardedData {
    final JavaRDD<Shard> shards;
    private final int size;
    private final int partitions;

    private ShardedData(JavaRDD<Shard> shards, int size, int partitions) {
        this.shards = shards;
        this.size = size;
        this.partitions = partitions;
    }

    /** Samples in all. */
    public int size() {
        return size;
    }

    /** Partitions P. */
    public int partitions() {
        return partitions;
    }

    /** Drops the cached shards. */
    public void unpersist() {
        shards.unpersist(false);
    }

    /** {@code data} (held by the driver) spread over {@code partitions} partitions. */
    public static ShardedData of(SparkSession spark, TensorDataset data, int partitions) {
        Objects.requireNonNull(data, "data");
        checkPartitions(partitions, data.size());
        List<Shard> shards = new ArrayList<>();
        int n = data.size();
        for (int p = 0; p < partitions; p++) {
            int[] idx = new int[(n - p + partitions - 1) / partitions];
            for (int j = 0; j < idx.length; j++) {
                idx[j] = p + j * partitions;
            }
            var b = data.batch(idx);
            shards.add(new Shard(p, idx, b.x(), b.labels(), b.y()));
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return cached(sc.parallelize(shards, partitions), n, partitions);
    }

    /**
     * The rows of {@code df} spread over {@code partitions} partitions: features from {@code featuresCol}
     * ({@code array<float>} → F32; {@code array<double>} or an ML Vector → F64), class labels from
     * {@code labelCol}: an integral column, or a float/double one holding whole numbers (Spark ML's labels are
     * doubles). Column types are checked now, the values (nulls, fractional labels) as the shards are built, with
     * the column, its type and the row in the message. A row's global index is its position in {@code df} (so df's
     * order must be deterministic, as it is for a file read or a sorted frame).
     */
    public static ShardedData fromDataFrame(Dataset<Row> df, String featuresCol, String labelCol, int partitions) {
        Objects.requireNonNull(df, "df");
        int fc = df.schema().fieldIndex(featuresCol);
        int lc = df.schema().fieldIndex(labelCol);
        DataType ft = df.schema().apply(fc).dataType();
        if (VecgradTransformer.kindOf(ft) == null) {
            throw new IllegalArgumentException("ShardedData: features column '" + featuresCol + "' is "
                    + ft.simpleString() + "; expected array<float>, array<double> or vector");
        }
        DataType lt = df.schema().apply(lc).dataType();
        if (!LABEL_TYPES.contains(lt)) {
            throw new IllegalArgumentException("ShardedData: label column '" + labelCol + "' is " + lt.simpleString()
                    + "; expected an integral type (tinyint, smallint, int, bigint) or float/double holding whole"
                    + " numbers (as Spark ML's labels)");
        }
        String fName = featuresCol;
        String lName = labelCol;
        String lType = lt.simpleString();
        long count = df.count();
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("ShardedData: " + count + " rows; at most 2^31 - 1 are supported");
        }
        checkPartitions(partitions, (int) count);
        int p = partitions;
        JavaPairRDD<Long, Row> byIndex = df.toJavaRDD().zipWithIndex().mapToPair(t -> new Tuple2<>(t._2(), t._1()))
                .partitionBy(new ModuloPartitioner(p));
        JavaRDD<Shard> shards = byIndex.mapPartitionsWithIndex((part, it) ->
                List.of(shardOf(part, it, fc, lc, fName, lName, lType)).iterator(), true);
        return cached(shards, (int) count, partitions);
    }

    private static Shard shardOf(int part, Iterator<Tuple2<Long, Row>> it, int fc, int lc, String fName,
            String lName, String lType) {
        List<Tuple2<Long, Row>> rows = new ArrayList<>();
        it.forEachRemaining(rows::add);
        rows.sort((a, b) -> Long.compare(a._1(), b._1()));
        int n = rows.size();
        int[] idx = new int[n];
        int[] labels = new int[n];
        Object[] feats = new Object[n];
        int d = -1;
        boolean f32 = false;
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i)._2();
            idx[i] = Math.toIntExact(rows.get(i)._1());
            labels[i] = label(r.get(lc), lName, lType, idx[i]);
            if (r.isNullAt(fc)) {
                throw new IllegalArgumentException("ShardedData: null in features column '" + fName + "' at row "
                        + idx[i]);
            }
            Object a = VecgradTransformer.featuresOf(r, fc);
            int len = a instanceof float[] fa ? fa.length : ((double[]) a).length;
            if (i == 0) {
                d = len;
                f32 = a instanceof float[];
            } else if (len != d) {
                throw new IllegalArgumentException("ShardedData: row " + idx[i] + " has " + len + " features, row "
                        + idx[0] + " has " + d);
            }
            feats[i] = a;
        }
        NdArray x = NdArray.zeros(f32 ? DType.F32 : DType.F64, n, Math.max(d, 0));
        for (int i = 0; i < n; i++) {
            x.row(i).copyFrom(feats[i] instanceof float[] fa ? NdArray.wrap(fa, 0, d)
                    : NdArray.wrap((double[]) feats[i], 0, d).to(x.dtype()));
        }
        return new Shard(part, idx, x, labels, null);
    }

    private static final Set<DataType> LABEL_TYPES = Set.of(DataTypes.ByteType, DataTypes.ShortType,
            DataTypes.IntegerType, DataTypes.LongType, DataTypes.FloatType, DataTypes.DoubleType);

    /** A class label from an integral value, or from a float/double holding a whole number in int range. */
    private static int label(Object v, String col, String type, int row) {
        if (v == null) {
            throw new IllegalArgumentException("ShardedData: null in label column '" + col + "' at row " + row);
        }
        double d = ((Number) v).doubleValue();
        boolean floating = v instanceof Double || v instanceof Float;
        long l = floating ? (long) d : ((Number) v).longValue();
        if ((floating && d != Math.rint(d)) || l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("ShardedData: label column '" + col + "' ("
                    + type + ") has " + (floating ? Double.toString(d) : Long.toString(l))
                    + " at row " + row + "; class labels must be whole numbers in int range");
        }
        return (int) l;
    }

    private static ShardedData cached(JavaRDD<Shard> shards, int n, int partitions) {
        JavaRDD<Shard> c = shards.persist(StorageLevel.MEMORY_AND_DISK());
        c.count(); // materialise now, so the first training step does not pay for it
        return new ShardedData(c, n, partitions);
    }

    private static void checkPartitions(int partitions, int n) {
        if (partitions < 1 || partitions > n) {
            throw new IllegalArgumentException("ShardedData: partitions " + partitions + " must be in [1, " + n
                    + "] for " + n + " samples");
        }
    }

    /** Sends key k (a global index) to partition k mod P. */
    static final class ModuloPartitioner extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int partitions;

        ModuloPartitioner(int partitions) {
            this.partitions = partitions;
        }

        @Override
        public int numPartitions() {
            return partitions;
        }

        @Override
        public int getPartition(Object key) {
            return (int) Math.floorMod((Long) key, (long) partitions);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ModuloPartitioner m && m.partitions == partitions;
        }

        @Override
        public int hashCode() {
            return partitions;
        }
    }

    @Override
    public String toString() {
        return "ShardedData(" + size + " samples over " + partitions + " partitions)";
    }
}
