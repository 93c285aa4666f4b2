// Generated from engine/src/main/templates/org/vecgrad/engine/IntTypeStorage.java.template by the engine's codegen; do not edit.
package org.vecgrad.engine;

import java.util.Arrays;

/**
 * I32 storage: a {@code int[]}. Written once as a template for I64 ({@code long}) and I32 ({@code int}).
 */
final class I32Storage implements Storage {
    final int[] a;

    I32Storage(int[] a) {
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
        int[] d = ((I32Storage) dst).a;
        for (int k = 0; k < n; k++) {
            d[dstOff + k] = a[srcOff + idx[k]];
        }
    }
}
