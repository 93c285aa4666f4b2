// Generated from engine/src/main/templates/org/vecgrad/engine/Storage-X.java.template
// by engine/src/test/java/org/vecgrad/engine/codegen/Codegen.java; do not edit.
package org.vecgrad.engine;

import java.util.Arrays;

/**
 * I64 storage: a {@code long[]} (see {@link Storage}).
 * One template gives the F32, F64, I64 and I32 storages; BOOL's is {@link StorageBool}.
 */
final class StorageI64 implements Storage {
    final long[] a;

    StorageI64(long[] a) {
        this.a = a;
    }

    @Override
    public DType dtype() {
        return DType.I64;
    }

    @Override
    public Object array() {
        return a;
    }

    @Override
    public double getDouble(int i) {
        return a[i];
    }

    @Override
    public long getLong(int i) {
        return a[i];
    }

    @Override
    public void setDouble(int i, double v) {
        a[i] = (long) v;
    }

    @Override
    public void setLong(int i, long v) {
        a[i] = v;
    }

    @Override
    public void fill(int from, int to, double v) {
        Arrays.fill(a, from, to, (long) v);
    }

    @Override
    public String format(int i) {
        return Long.toString(a[i]);
    }

    @Override
    public void take(int srcOff, int[] idx, Storage dst, int dstOff, int n) {
        long[] d = ((StorageI64) dst).a;
        for (int k = 0; k < n; k++) {
            d[dstOff + k] = a[srcOff + idx[k]];
        }
    }
}
