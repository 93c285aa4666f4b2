// Generated from engine/src/main/templates/org/vecgrad/engine/IntTypeStorage.java.template by the engine's codegen; do not edit.
package org.vecgrad.engine;

import java.util.Arrays;

/**
 * I64 storage: a {@code long[]}. Written once as a template for I64 ({@code long}) and I32 ({@code int}).
 */
final class I64Storage implements Storage {
    final long[] a;

    I64Storage(long[] a) {
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
        long[] d = ((I64Storage) dst).a;
        for (int k = 0; k < n; k++) {
            d[dstOff + k] = a[srcOff + idx[k]];
        }
    }
}
