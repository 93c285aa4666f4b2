// Generated from engine/src/main/templates/org/vecgrad/engine/Storage-X.java.template
// by engine/src/test/java/org/vecgrad/engine/codegen/Codegen.java; do not edit.
package org.vecgrad.engine;

import java.util.Arrays;

/**
 * F64 storage: a {@code double[]} (see {@link Storage}).
 * Also the bridge from that array to the {@code double[]} forms of the kernels (see {@link FloatStorage}).
 * One template gives the F32, F64, I64 and I32 storages; BOOL's is {@link StorageBool}.
 */
final class StorageF64 implements FloatStorage {
    final double[] a;

    StorageF64(double[] a) {
        this.a = a;
    }

    @Override
    public DType dtype() {
        return DType.F64;
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
        a[i] = v;
    }

    @Override
    public void setLong(int i, long v) {
        a[i] = v;
    }

    @Override
    public void fill(int from, int to, double v) {
        Arrays.fill(a, from, to, v);
    }

    @Override
    public String format(int i) {
        return Double.toString(a[i]);
    }

    @Override
    public void take(int srcOff, int[] idx, Storage dst, int dstOff, int n) {
        double[] d = ((StorageF64) dst).a;
        for (int k = 0; k < n; k++) {
            d[dstOff + k] = a[srcOff + idx[k]];
        }
    }

    @Override
    public void unary(UnaryOp op, double p0, double p1, int xOff, FloatStorage y, int yOff, int n) {
        FloatStorage.ew().unary(op, p0, p1, a, xOff, ((StorageF64) y).a, yOff, n);
    }

    @Override
    public void unaryBackward(UnaryOp op, double p0, double p1, int xOff, FloatStorage y, int yOff, FloatStorage g,
                              int gOff, FloatStorage out, int outOff, int n) {
        FloatStorage.ew().unaryBackward(op, p0, p1, a, xOff, ((StorageF64) y).a, yOff,
                g == null ? null : ((StorageF64) g).a, gOff, ((StorageF64) out).a, outOff, n);
    }

    @Override
    public void binary(BinaryOp op, int aOff, FloatStorage b, int bOff, FloatStorage out, int outOff, int n) {
        FloatStorage.ew().binary(op, a, aOff, ((StorageF64) b).a, bOff, ((StorageF64) out).a, outOff, n);
    }

    @Override
    public void binaryScalar(BinaryOp op, int aOff, double s, FloatStorage out, int outOff, int n) {
        FloatStorage.ew().binaryScalar(op, a, aOff, s, ((StorageF64) out).a, outOff, n);
    }

    @Override
    public void scalarBinary(BinaryOp op, double s, int bOff, FloatStorage out, int outOff, int n) {
        FloatStorage.ew().scalarBinary(op, s, a, bOff, ((StorageF64) out).a, outOff, n);
    }

    @Override
    public void axpy(double alpha, int xOff, FloatStorage y, int yOff, int n) {
        FloatStorage.ew().axpy(alpha, a, xOff, ((StorageF64) y).a, yOff, n);
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
        FloatStorage.red().softmaxRows(a, xOff, ((StorageF64) y).a, yOff, rows, cols);
    }

    @Override
    public void logSoftmaxRows(int xOff, FloatStorage y, int yOff, int rows, int cols) {
        FloatStorage.red().logSoftmaxRows(a, xOff, ((StorageF64) y).a, yOff, rows, cols);
    }

    @Override
    public void logSumExpRows(int xOff, FloatStorage out, int outOff, int rows, int cols) {
        FloatStorage.red().logSumExpRows(a, xOff, ((StorageF64) out).a, outOff, rows, cols);
    }
}
