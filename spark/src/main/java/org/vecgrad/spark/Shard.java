package org.vecgrad.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.data.Batch;
import org.vecgrad.nn.io.SafeTensors;

/**
 * The samples of one partition of a {@link ShardedData}: their global indices (ascending), and their features and
 * targets as one safetensors blob (any dtype, compact on the wire), decoded once per JVM that holds the shard.
 */
final class Shard implements Serializable {
    private static final long serialVersionUID = 1L;

    final int partition;
    /** Global sample indices, ascending. */
    final int[] indices;
    /** Class labels in the order of {@link #indices}, or null when the data has targets. */
    final int[] labels;
    /** "x" (and "y" for targets) of the samples, in the order of {@link #indices}. */
    private final byte[] arrays;
    private transient NdArray x;
    private transient NdArray y;

    Shard(int partition, int[] indices, NdArray x, int[] labels, NdArray y) {
        this.partition = partition;
        this.indices = indices;
        this.labels = labels;
        Map<String, NdArray> m = new LinkedHashMap<>();
        m.put("x", x);
        if (y != null) {
            m.put("y", y);
        }
        this.arrays = SafeTensors.toBytes(m);
    }

    private void decode() {
        if (x == null) {
            Map<String, NdArray> m = Blobs.arrays(arrays);
            y = m.get("y");
            x = m.get("x");
        }
    }

    /**
     * The samples of this shard that belong to {@code globalBatch} (global indices), in the batch's order, or null
     * if none does.
     */
    synchronized Batch gather(int[] globalBatch) {
        int n = 0;
        int[] local = new int[globalBatch.length];
        for (int g : globalBatch) {
            int i = Arrays.binarySearch(indices, g);
            if (i >= 0) {
                local[n++] = i;
            }
        }
        if (n == 0) {
            return null;
        }
        decode();
        NdArray index = NdArray.wrap(Arrays.copyOf(local, n), 0, n);
        NdArray bx = x.indexSelect(0, index);
        if (labels != null) {
            int[] bl = new int[n];
            for (int i = 0; i < n; i++) {
                bl[i] = labels[local[i]];
            }
            return new Batch(bx, bl, null);
        }
        return new Batch(bx, null, y.indexSelect(0, index));
    }
}
