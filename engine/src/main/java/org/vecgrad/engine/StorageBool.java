package org.vecgrad.engine;

import java.util.Arrays;

/** BOOL storage: a {@code boolean[]}; as a number an element is 1 (true) or 0 (false). */
final class StorageBool implements Storage {
    final boolean[] a;

    StorageBool(boolean[] a) {
        this.a = a;
    }

    @Override
    public DType dtype() {
        return DType.BOOL;
    }

    @Override
    public Object array() {
        return a;
    }

    @Override
    public double getDouble(int i) {
        return a[i] ? 1 : 0;
    }

    @Override
    public long getLong(int i) {
        return a[i] ? 1 : 0;
    }

    @Override
    public void setDouble(int i, double v) {
        a[i] = v != 0; // NaN != 0: true, as PyTorch's bool(nan)
    }

    @Override
    public void setLong(int i, long v) {
        a[i] = v != 0;
    }

    @Override
    public void fill(int from, int to, double v) {
        Arrays.fill(a, from, to, v != 0);
    }

    @Override
    public String format(int i) {
        return Boolean.toString(a[i]);
    }

    @Override
    public void take(int srcOff, int[] idx, Storage dst, int dstOff, int n) {
        boolean[] d = ((StorageBool) dst).a;
        for (int k = 0; k < n; k++) {
            d[dstOff + k] = a[srcOff + idx[k]];
        }
    }
}
