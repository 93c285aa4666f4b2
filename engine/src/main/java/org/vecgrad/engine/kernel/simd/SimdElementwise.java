package org.vecgrad.engine.kernel.simd;

import org.vecgrad.engine.BinaryOp;
import org.vecgrad.engine.UnaryOp;
import org.vecgrad.engine.kernel.ElementwiseKernels;

/** Placeholder until the real kernels land. */
public final class SimdElementwise implements ElementwiseKernels {
    @Override
    public void unary(UnaryOp op, double p0, double p1, float[] x, int xOff, float[] y, int yOff, int n) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public void unary(UnaryOp op, double p0, double p1, double[] x, int xOff, double[] y, int yOff, int n) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public void unaryBackward(UnaryOp op, double p0, double p1, float[] x, int xOff, float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int n) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public void unaryBackward(UnaryOp op, double p0, double p1, double[] x, int xOff, double[] y, int yOff, double[] g, int gOff, double[] out, int outOff, int n) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public void binary(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public void binary(BinaryOp op, double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public void binaryScalar(BinaryOp op, float[] a, int aOff, float s, float[] out, int outOff, int n) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public void binaryScalar(BinaryOp op, double[] a, int aOff, double s, double[] out, int outOff, int n) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public void scalarBinary(BinaryOp op, float s, float[] b, int bOff, float[] out, int outOff, int n) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public void scalarBinary(BinaryOp op, double s, double[] b, int bOff, double[] out, int outOff, int n) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
        throw new UnsupportedOperationException("not yet implemented");
    }

}
