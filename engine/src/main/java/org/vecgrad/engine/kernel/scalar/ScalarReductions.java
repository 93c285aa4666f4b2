package org.vecgrad.engine.kernel.scalar;

import org.vecgrad.engine.kernel.ReductionKernels;

/** Placeholder until the real kernels land. */
public final class ScalarReductions implements ReductionKernels {
    @Override
    public float sum(float[] x, int off, int n) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public double sum(double[] x, int off, int n) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public double dot(double[] a, int aOff, double[] b, int bOff, int n) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public float max(float[] x, int off, int n) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public double max(double[] x, int off, int n) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public float min(float[] x, int off, int n) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public double min(double[] x, int off, int n) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public int argmax(float[] x, int off, int n) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public int argmax(double[] x, int off, int n) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public int argmin(float[] x, int off, int n) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public int argmin(double[] x, int off, int n) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public void softmaxRows(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public void softmaxRows(double[] x, int xOff, double[] y, int yOff, int rows, int cols) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public void logSoftmaxRows(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public void logSoftmaxRows(double[] x, int xOff, double[] y, int yOff, int rows, int cols) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public void logSumExpRows(float[] x, int xOff, float[] out, int outOff, int rows, int cols) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public void logSumExpRows(double[] x, int xOff, double[] out, int outOff, int rows, int cols) {
        throw new UnsupportedOperationException("not yet implemented");
    }

}
