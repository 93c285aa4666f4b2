// Generated from engine/src/main/templates/org/vecgrad/engine/FloatTypeStorage.java.template by the engine's codegen; do not edit.
package org.vecgrad.engine;

import java.util.Arrays;

/**
 * F32 storage: a {@code float[]}, and the bridge from it to the {@code float[]} forms of the kernels (see
 * {@link FloatStorage}). Written once as a template for F32 ({@code float}) and F64 ({@code double}).
 */
final class F32Storage implements FloatStorage {
    final float[] a;

    F32Storage(float[] a) {
        this.a = a;
    }

    @Override
    public DType dtype() {
        return DType.F32;
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
        return (long) a[i];
    }

    @Override
    public void setDouble(int i, double v) {
        a[i] = narrow(v);
    }

    @Override
    public void setLong(int i, long v) {
        a[i] = v; // one rounding, from long straight to float
    }

    @Override
    public void fill(int from, int to, double v) {
        Arrays.fill(a, from, to, narrow(v));
    }

    /** {@code v} as a float: rounded to nearest for F32, unchanged for F64. */
    private static float narrow(double v) {
        return (float) v;
    }

    @Override
    public String format(int i) {
        return Float.toString(a[i]);
    }

    @Override
    public void take(int srcOff, int[] idx, Storage dst, int dstOff, int n) {
        float[] d = ((F32Storage) dst).a;
        for (int k = 0; k < n; k++) {
            d[dstOff + k] = a[srcOff + idx[k]];
        }
    }

    @Override
    public void unary(UnaryOp op, double p0, double p1, int xOff, FloatStorage y, int yOff, int n) {
        FloatStorage.ew().unary(op, p0, p1, a, xOff, ((F32Storage) y).a, yOff, n);
    }

    @Override
    public void unaryBackward(UnaryOp op, double p0, double p1, int xOff, FloatStorage y, int yOff, FloatStorage g,
                              int gOff, FloatStorage out, int outOff, int n) {
        FloatStorage.ew().unaryBackward(op, p0, p1, a, xOff, ((F32Storage) y).a, yOff,
                g == null ? null : ((F32Storage) g).a, gOff, ((F32Storage) out).a, outOff, n);
    }

    @Override
    public void binary(BinaryOp op, int aOff, FloatStorage b, int bOff, FloatStorage out, int outOff, int n) {
        FloatStorage.ew().binary(op, a, aOff, ((F32Storage) b).a, bOff, ((F32Storage) out).a, outOff, n);
    }

    @Override
    public void binaryScalar(BinaryOp op, int aOff, double s, FloatStorage out, int outOff, int n) {
        FloatStorage.ew().binaryScalar(op, a, aOff, narrow(s), ((F32Storage) out).a, outOff, n);
    }

    @Override
    public void scalarBinary(BinaryOp op, double s, int bOff, FloatStorage out, int outOff, int n) {
        FloatStorage.ew().scalarBinary(op, narrow(s), a, bOff, ((F32Storage) out).a, outOff, n);
    }

    @Override
    public void axpy(double alpha, int xOff, FloatStorage y, int yOff, int n) {
        FloatStorage.ew().axpy(narrow(alpha), a, xOff, ((F32Storage) y).a, yOff, n);
    }

    @Override
    public double sum(int off, int n) {
        return FloatStorage.red().sum(a, off, n);
    }

    @Override
    public double max(int off, int n) {
        return FloatStorage.red().max(a, off, n);
    }

    @Override
    public double min(int off, int n) {
        return FloatStorage.red().min(a, off, n);
    }

    @Override
    public int argmax(int off, int n) {
        return FloatStorage.red().argmax(a, off, n);
    }

    @Override
    public int argmin(int off, int n) {
        return FloatStorage.red().argmin(a, off, n);
    }

    @Override
    public void softmaxRows(int xOff, FloatStorage y, int yOff, int rows, int cols) {
        FloatStorage.red().softmaxRows(a, xOff, ((F32Storage) y).a, yOff, rows, cols);
    }

    @Override
    public void logSoftmaxRows(int xOff, FloatStorage y, int yOff, int rows, int cols) {
        FloatStorage.red().logSoftmaxRows(a, xOff, ((F32Storage) y).a, yOff, rows, cols);
    }

    @Override
    public void logSumExpRows(int xOff, FloatStorage out, int outOff, int rows, int cols) {
        FloatStorage.red().logSumExpRows(a, xOff, ((F32Storage) out).a, outOff, rows, cols);
    }
}
