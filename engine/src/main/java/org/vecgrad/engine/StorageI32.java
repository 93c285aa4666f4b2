// Generated from engine/src/main/templates/org/vecgrad/engine/Storage-X.java.template
// by engine/src/test/java/org/vecgrad/engine/codegen/Codegen.java; do not edit.
package org.vecgrad.engine;

import java.util.Arrays;

/**
 * I32 storage: a {@code int[]} (see {@link Storage}).
 * One template gives the F32, F64, I64 and I32 storages; BOOL's is {@link StorageBool}.
 */
final class StorageI32 implements Storage {
    final int[] a;

    StorageI32(int[] a) {
        this.a = a;
    }

    @Override
    public DType dtype() {
        return DType.I32;
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
        a[i] = (int) v;
    }

    @Override
    public void setLong(int i, long v) {
        a[i] = (int) v; // keeps the low 32 bits
    }

    @Override
    public void fill(int from, int to, double v) {
        Arrays.fill(a, from, to, (int) v);
    }

    @Override
    public String format(int i) {
        return Integer.toString(a[i]);
    }

    @Override
    public void take(int srcOff, int[] idx, Storage dst, int dstOff, int n) {
        int[] d = ((StorageI32) dst).a;
        for (int k = 0; k < n; k++) {
            d[dstOff + k] = a[srcOff + idx[k]];
        }
    }
}
