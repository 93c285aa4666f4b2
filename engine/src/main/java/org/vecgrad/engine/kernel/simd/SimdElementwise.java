package org.vecgrad.engine.kernel.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.vecgrad.engine.BinaryOp;
import org.vecgrad.engine.UnaryOp;
import org.vecgrad.engine.kernel.ElementwiseKernels;
import org.vecgrad.engine.kernel.scalar.ScalarElementwise;

/**
 * Elementwise kernels on the Vector API ({@link SimdSpecies}). Each call dispatches on the op once and runs one loop
 * per op over whole vectors up to {@code species.loopBound(n)}; the remaining tail (fewer than one vector) goes to
 * the scalar reference {@link ScalarElementwise}, as do POW (Math.pow has no cheap vector form) and the rare vector
 * in which swish/gelu produced a NaN (an infinite input, where the reference returns the limit).
 *
 * <p>Accuracy against the reference: ops that are exact arithmetic (neg, abs, square, sqrt, relu, leaky relu,
 * clamp, step, hard sigmoid/tanh, every BinaryOp, axpy through FMA) are bit-identical; transcendental ones use
 * {@link VecMathF} / {@link VecMathD} and are within 2e-6 relative in F32 (computed in float) and 1e-14 relative in
 * F64. The saturating functions are exact at the extremes (σ(−1000) = 0, softplus(1000) = 1000, tanh(±50) = ±1).
 * The F32 forms round the parameters of LEAKY_RELU, ELU, SWISH, CLAMP to float, as the reference does.
 */
public final class SimdElementwise implements ElementwiseKernels {

    private static final VectorSpecies<Float> SF = SimdSpecies.F;
    private static final VectorSpecies<Double> SD = SimdSpecies.D;
    private static final ScalarElementwise REF = new ScalarElementwise();

    // ================================================================== F32

    @Override
    public void unary(UnaryOp op, double p0, double p1, float[] x, int xOff, float[] y, int yOff, int n) {
        if (op == UnaryOp.IDENTITY) {
            System.arraycopy(x, xOff, y, yOff, n);
            return;
        }
        if (op == UnaryOp.POW) {
            // Math.pow has no vector form worth its cost here; the reference is exact and rarely hot
            REF.unary(op, p0, p1, x, xOff, y, yOff, n);
            return;
        }
        final float a = (float) p0;
        final float b = (float) p1;
        final int bound = SF.loopBound(n);
        final int step = SF.length();
        // one loop per op: the switch runs once per call, each loop body inlines to straight vector code
        switch (op) {
            case NEG -> {
                for (int i = 0; i < bound; i += step) {
                    lf(x, xOff + i).neg().intoArray(y, yOff + i);
                }
            }
            case ABS -> {
                for (int i = 0; i < bound; i += step) {
                    lf(x, xOff + i).abs().intoArray(y, yOff + i);
                }
            }
            case EXP -> {
                for (int i = 0; i < bound; i += step) {
                    VecMathF.exp(lf(x, xOff + i)).intoArray(y, yOff + i);
                }
            }
            case LOG -> {
                for (int i = 0; i < bound; i += step) {
                    lf(x, xOff + i).lanewise(VectorOperators.LOG).intoArray(y, yOff + i);
                }
            }
            case SQRT -> {
                for (int i = 0; i < bound; i += step) {
                    lf(x, xOff + i).sqrt().intoArray(y, yOff + i);
                }
            }
            case SQUARE -> {
                for (int i = 0; i < bound; i += step) {
                    FloatVector v = lf(x, xOff + i);
                    v.mul(v).intoArray(y, yOff + i);
                }
            }
            case CLAMP -> {
                for (int i = 0; i < bound; i += step) {
                    lf(x, xOff + i).max(a).min(b).intoArray(y, yOff + i);
                }
            }
            case STEP -> {
                FloatVector zero = FloatVector.zero(SF);
                for (int i = 0; i < bound; i += step) {
                    FloatVector v = lf(x, xOff + i);
                    VecMathF.nanWhereNaN(zero.blend(1f, v.compare(VectorOperators.GT, 0f)), v).intoArray(y, yOff + i);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < bound; i += step) {
                    VecMathF.sigmoid(lf(x, xOff + i)).intoArray(y, yOff + i);
                }
            }
            case TANH -> {
                for (int i = 0; i < bound; i += step) {
                    VecMathF.tanh(lf(x, xOff + i)).intoArray(y, yOff + i);
                }
            }
            case RELU -> {
                // blend, not max: x ≤ 0 (incl. −0) → +0, NaN kept, as Math.max(x, 0)
                for (int i = 0; i < bound; i += step) {
                    FloatVector v = lf(x, xOff + i);
                    v.blend(0f, v.compare(VectorOperators.LE, 0f)).intoArray(y, yOff + i);
                }
            }
            case LEAKY_RELU -> {
                for (int i = 0; i < bound; i += step) {
                    FloatVector v = lf(x, xOff + i);
                    v.mul(a).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, yOff + i);
                }
            }
            case ELU -> {
                for (int i = 0; i < bound; i += step) {
                    VecMathF.elu(lf(x, xOff + i), a).intoArray(y, yOff + i);
                }
            }
            case SOFTPLUS -> {
                for (int i = 0; i < bound; i += step) {
                    VecMathF.softplus(lf(x, xOff + i)).intoArray(y, yOff + i);
                }
            }
            case SWISH -> {
                for (int i = 0; i < bound; i += step) {
                    storeOrPatch(op, p0, p1, VecMathF.swish(lf(x, xOff + i), a), x, xOff + i, y, yOff + i);
                }
            }
            case GELU -> {
                for (int i = 0; i < bound; i += step) {
                    storeOrPatch(op, p0, p1, VecMathF.gelu(lf(x, xOff + i)), x, xOff + i, y, yOff + i);
                }
            }
            case GELU_TANH -> {
                for (int i = 0; i < bound; i += step) {
                    storeOrPatch(op, p0, p1, VecMathF.geluTanh(lf(x, xOff + i)), x, xOff + i, y, yOff + i);
                }
            }
            case HARD_SIGMOID -> {
                for (int i = 0; i < bound; i += step) {
                    lf(x, xOff + i).fma(0.25f, 0.5f).max(0f).min(1f).intoArray(y, yOff + i);
                }
            }
            case HARD_TANH -> {
                for (int i = 0; i < bound; i += step) {
                    lf(x, xOff + i).max(-1f).min(1f).intoArray(y, yOff + i);
                }
            }
            default -> throw new AssertionError(op);
        }
        // tail: fewer than one vector, by the reference
        REF.unary(op, p0, p1, x, xOff + bound, y, yOff + bound, n - bound);
    }

    /** Stores r, unless a lane is NaN (±∞ input of swish/gelu, or NaN): then the reference redoes these lanes. */
    private static void storeOrPatch(UnaryOp op, double p0, double p1, FloatVector r, float[] x, int xOff,
                                     float[] y, int yOff) {
        if (r.test(VectorOperators.IS_NAN).anyTrue()) {
            REF.unary(op, p0, p1, x, xOff, y, yOff, SF.length());
        } else {
            r.intoArray(y, yOff);
        }
    }

    @Override
    public void unaryBackward(UnaryOp op, double p0, double p1, float[] x, int xOff, float[] y, int yOff,
                              float[] g, int gOff, float[] out, int outOff, int n) {
        if (op == UnaryOp.POW) {
            REF.unaryBackward(op, p0, p1, x, xOff, y, yOff, g, gOff, out, outOff, n);
            return;
        }
        final float a = (float) p0;
        final float b = (float) p1;
        final int bound = SF.loopBound(n);
        final int step = SF.length();
        final FloatVector zero = FloatVector.zero(SF);
        final FloatVector one = FloatVector.broadcast(SF, 1f);
        switch (op) {
            case IDENTITY -> {
                for (int i = 0; i < bound; i += step) {
                    grad(VecMathF.nanWhereNaN(one, lf(x, xOff + i)), g, gOff + i, out, outOff + i);
                }
            }
            case NEG -> {
                FloatVector minusOne = one.neg();
                for (int i = 0; i < bound; i += step) {
                    grad(VecMathF.nanWhereNaN(minusOne, lf(x, xOff + i)), g, gOff + i, out, outOff + i);
                }
            }
            case ABS -> {
                // sign(x), keeping x itself for ±0 and NaN (Math.signum)
                for (int i = 0; i < bound; i += step) {
                    FloatVector v = lf(x, xOff + i);
                    FloatVector d = v.blend(1f, v.compare(VectorOperators.GT, 0f)).blend(-1f, v.lt(0f));
                    grad(d, g, gOff + i, out, outOff + i);
                }
            }
            case EXP -> {
                for (int i = 0; i < bound; i += step) {
                    grad(lf(y, yOff + i), g, gOff + i, out, outOff + i);
                }
            }
            case LOG -> {
                for (int i = 0; i < bound; i += step) {
                    grad(one.div(lf(x, xOff + i)), g, gOff + i, out, outOff + i);
                }
            }
            case SQRT -> {
                for (int i = 0; i < bound; i += step) {
                    FloatVector w = lf(y, yOff + i);
                    grad(one.div(w.add(w)), g, gOff + i, out, outOff + i);
                }
            }
            case SQUARE -> {
                for (int i = 0; i < bound; i += step) {
                    FloatVector v = lf(x, xOff + i);
                    grad(v.add(v), g, gOff + i, out, outOff + i);
                }
            }
            case CLAMP -> {
                for (int i = 0; i < bound; i += step) {
                    FloatVector v = lf(x, xOff + i);
                    VectorMask<Float> inside = v.compare(VectorOperators.GE, a).and(v.compare(VectorOperators.LE, b));
                    grad(VecMathF.nanWhereNaN(zero.blend(one, inside), v), g, gOff + i, out, outOff + i);
                }
            }
            case STEP -> {
                for (int i = 0; i < bound; i += step) {
                    grad(VecMathF.nanWhereNaN(zero, lf(x, xOff + i)), g, gOff + i, out, outOff + i);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < bound; i += step) {
                    grad(VecMathF.sigmoidDerivative(lf(x, xOff + i)), g, gOff + i, out, outOff + i);
                }
            }
            case TANH -> {
                for (int i = 0; i < bound; i += step) {
                    grad(VecMathF.tanhDerivative(lf(x, xOff + i)), g, gOff + i, out, outOff + i);
                }
            }
            case RELU -> {
                for (int i = 0; i < bound; i += step) {
                    FloatVector v = lf(x, xOff + i);
                    grad(VecMathF.nanWhereNaN(zero.blend(one, v.compare(VectorOperators.GT, 0f)), v),
                            g, gOff + i, out, outOff + i);
                }
            }
            case LEAKY_RELU -> {
                FloatVector slope = FloatVector.broadcast(SF, a);
                for (int i = 0; i < bound; i += step) {
                    FloatVector v = lf(x, xOff + i);
                    grad(VecMathF.nanWhereNaN(slope.blend(one, v.compare(VectorOperators.GT, 0f)), v),
                            g, gOff + i, out, outOff + i);
                }
            }
            case ELU -> {
                // x ≤ 0 and NaN take αeˣ (NaN stays NaN); e^x may overflow where x > 0, and is replaced there
                for (int i = 0; i < bound; i += step) {
                    FloatVector v = lf(x, xOff + i);
                    grad(VecMathF.exp(v).mul(a).blend(one, v.compare(VectorOperators.GT, 0f)),
                            g, gOff + i, out, outOff + i);
                }
            }
            case SOFTPLUS -> {
                for (int i = 0; i < bound; i += step) {
                    grad(VecMathF.sigmoid(lf(x, xOff + i)), g, gOff + i, out, outOff + i);
                }
            }
            case SWISH -> {
                for (int i = 0; i < bound; i += step) {
                    gradOrPatch(op, p0, p1, VecMathF.swishDerivative(lf(x, xOff + i), a),
                            x, xOff + i, y, yOff + i, g, gOff + i, out, outOff + i);
                }
            }
            case GELU -> {
                for (int i = 0; i < bound; i += step) {
                    gradOrPatch(op, p0, p1, VecMathF.geluDerivative(lf(x, xOff + i)),
                            x, xOff + i, y, yOff + i, g, gOff + i, out, outOff + i);
                }
            }
            case GELU_TANH -> {
                for (int i = 0; i < bound; i += step) {
                    grad(VecMathF.geluTanhDerivative(lf(x, xOff + i)), g, gOff + i, out, outOff + i);
                }
            }
            case HARD_SIGMOID -> {
                FloatVector quarter = FloatVector.broadcast(SF, 0.25f);
                for (int i = 0; i < bound; i += step) {
                    FloatVector v = lf(x, xOff + i);
                    VectorMask<Float> inside = v.compare(VectorOperators.GT, -2f).and(v.lt(2f));
                    grad(VecMathF.nanWhereNaN(zero.blend(quarter, inside), v), g, gOff + i, out, outOff + i);
                }
            }
            case HARD_TANH -> {
                for (int i = 0; i < bound; i += step) {
                    FloatVector v = lf(x, xOff + i);
                    VectorMask<Float> inside = v.compare(VectorOperators.GT, -1f).and(v.lt(1f));
                    grad(VecMathF.nanWhereNaN(zero.blend(one, inside), v), g, gOff + i, out, outOff + i);
                }
            }
            default -> throw new AssertionError(op);
        }
        REF.unaryBackward(op, p0, p1, x, xOff + bound, y, yOff + bound, g, gOff + bound, out, outOff + bound,
                n - bound);
    }

    /** out = g·d, or d when there is no g. */
    private static void grad(FloatVector d, float[] g, int gOff, float[] out, int outOff) {
        (g == null ? d : d.mul(lf(g, gOff))).intoArray(out, outOff);
    }

    /** As {@link #grad}, but lanes that came out NaN are redone by the reference (limits at ±∞). */
    private static void gradOrPatch(UnaryOp op, double p0, double p1, FloatVector d, float[] x, int xOff,
                                    float[] y, int yOff, float[] g, int gOff, float[] out, int outOff) {
        if (d.test(VectorOperators.IS_NAN).anyTrue()) {
            REF.unaryBackward(op, p0, p1, x, xOff, y, yOff, g, gOff, out, outOff, SF.length());
        } else {
            grad(d, g, gOff, out, outOff);
        }
    }

    @Override
    public void binary(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        final int bound = SF.loopBound(n);
        final int step = SF.length();
        switch (op) {
            case ADD -> {
                for (int i = 0; i < bound; i += step) {
                    lf(a, aOff + i).add(lf(b, bOff + i)).intoArray(out, outOff + i);
                }
            }
            case SUB -> {
                for (int i = 0; i < bound; i += step) {
                    lf(a, aOff + i).sub(lf(b, bOff + i)).intoArray(out, outOff + i);
                }
            }
            case MUL -> {
                for (int i = 0; i < bound; i += step) {
                    lf(a, aOff + i).mul(lf(b, bOff + i)).intoArray(out, outOff + i);
                }
            }
            case DIV -> {
                for (int i = 0; i < bound; i += step) {
                    lf(a, aOff + i).div(lf(b, bOff + i)).intoArray(out, outOff + i);
                }
            }
            case MAX -> {
                for (int i = 0; i < bound; i += step) {
                    lf(a, aOff + i).max(lf(b, bOff + i)).intoArray(out, outOff + i);
                }
            }
            case MIN -> {
                for (int i = 0; i < bound; i += step) {
                    lf(a, aOff + i).min(lf(b, bOff + i)).intoArray(out, outOff + i);
                }
            }
            default -> throw new AssertionError(op);
        }
        REF.binary(op, a, aOff + bound, b, bOff + bound, out, outOff + bound, n - bound);
    }

    @Override
    public void binaryScalar(BinaryOp op, float[] a, int aOff, float s, float[] out, int outOff, int n) {
        final int bound = SF.loopBound(n);
        final int step = SF.length();
        final FloatVector vs = FloatVector.broadcast(SF, s);
        switch (op) {
            case ADD -> {
                for (int i = 0; i < bound; i += step) {
                    lf(a, aOff + i).add(vs).intoArray(out, outOff + i);
                }
            }
            case SUB -> {
                for (int i = 0; i < bound; i += step) {
                    lf(a, aOff + i).sub(vs).intoArray(out, outOff + i);
                }
            }
            case MUL -> {
                for (int i = 0; i < bound; i += step) {
                    lf(a, aOff + i).mul(vs).intoArray(out, outOff + i);
                }
            }
            case DIV -> {
                for (int i = 0; i < bound; i += step) {
                    lf(a, aOff + i).div(vs).intoArray(out, outOff + i);
                }
            }
            case MAX -> {
                for (int i = 0; i < bound; i += step) {
                    lf(a, aOff + i).max(vs).intoArray(out, outOff + i);
                }
            }
            case MIN -> {
                for (int i = 0; i < bound; i += step) {
                    lf(a, aOff + i).min(vs).intoArray(out, outOff + i);
                }
            }
            default -> throw new AssertionError(op);
        }
        REF.binaryScalar(op, a, aOff + bound, s, out, outOff + bound, n - bound);
    }

    @Override
    public void scalarBinary(BinaryOp op, float s, float[] b, int bOff, float[] out, int outOff, int n) {
        final int bound = SF.loopBound(n);
        final int step = SF.length();
        final FloatVector vs = FloatVector.broadcast(SF, s);
        switch (op) {
            case ADD -> {
                for (int i = 0; i < bound; i += step) {
                    vs.add(lf(b, bOff + i)).intoArray(out, outOff + i);
                }
            }
            case SUB -> {
                for (int i = 0; i < bound; i += step) {
                    vs.sub(lf(b, bOff + i)).intoArray(out, outOff + i);
                }
            }
            case MUL -> {
                for (int i = 0; i < bound; i += step) {
                    vs.mul(lf(b, bOff + i)).intoArray(out, outOff + i);
                }
            }
            case DIV -> {
                for (int i = 0; i < bound; i += step) {
                    vs.div(lf(b, bOff + i)).intoArray(out, outOff + i);
                }
            }
            case MAX -> {
                for (int i = 0; i < bound; i += step) {
                    vs.max(lf(b, bOff + i)).intoArray(out, outOff + i);
                }
            }
            case MIN -> {
                for (int i = 0; i < bound; i += step) {
                    vs.min(lf(b, bOff + i)).intoArray(out, outOff + i);
                }
            }
            default -> throw new AssertionError(op);
        }
        REF.scalarBinary(op, s, b, bOff + bound, out, outOff + bound, n - bound);
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        final int bound = SF.loopBound(n);
        final int step = SF.length();
        final FloatVector va = FloatVector.broadcast(SF, alpha);
        // fma: one rounding per element, bit-identical to Math.fma in the reference
        for (int i = 0; i < bound; i += step) {
            lf(x, xOff + i).fma(va, lf(y, yOff + i)).intoArray(y, yOff + i);
        }
        REF.axpy(alpha, x, xOff + bound, y, yOff + bound, n - bound);
    }

    private static FloatVector lf(float[] a, int off) {
        return FloatVector.fromArray(SF, a, off);
    }

    // ================================================================== F64

    @Override
    public void unary(UnaryOp op, double p0, double p1, double[] x, int xOff, double[] y, int yOff, int n) {
        if (op == UnaryOp.IDENTITY) {
            System.arraycopy(x, xOff, y, yOff, n);
            return;
        }
        if (op == UnaryOp.POW) {
            // Math.pow has no vector form worth its cost here; the reference is exact and rarely hot
            REF.unary(op, p0, p1, x, xOff, y, yOff, n);
            return;
        }
        final double a = p0;
        final double b = p1;
        final int bound = SD.loopBound(n);
        final int step = SD.length();
        // one loop per op: the switch runs once per call, each loop body inlines to straight vector code
        switch (op) {
            case NEG -> {
                for (int i = 0; i < bound; i += step) {
                    ld(x, xOff + i).neg().intoArray(y, yOff + i);
                }
            }
            case ABS -> {
                for (int i = 0; i < bound; i += step) {
                    ld(x, xOff + i).abs().intoArray(y, yOff + i);
                }
            }
            case EXP -> {
                for (int i = 0; i < bound; i += step) {
                    VecMathD.exp(ld(x, xOff + i)).intoArray(y, yOff + i);
                }
            }
            case LOG -> {
                for (int i = 0; i < bound; i += step) {
                    ld(x, xOff + i).lanewise(VectorOperators.LOG).intoArray(y, yOff + i);
                }
            }
            case SQRT -> {
                for (int i = 0; i < bound; i += step) {
                    ld(x, xOff + i).sqrt().intoArray(y, yOff + i);
                }
            }
            case SQUARE -> {
                for (int i = 0; i < bound; i += step) {
                    DoubleVector v = ld(x, xOff + i);
                    v.mul(v).intoArray(y, yOff + i);
                }
            }
            case CLAMP -> {
                for (int i = 0; i < bound; i += step) {
                    ld(x, xOff + i).max(a).min(b).intoArray(y, yOff + i);
                }
            }
            case STEP -> {
                DoubleVector zero = DoubleVector.zero(SD);
                for (int i = 0; i < bound; i += step) {
                    DoubleVector v = ld(x, xOff + i);
                    VecMathD.nanWhereNaN(zero.blend(1.0, v.compare(VectorOperators.GT, 0.0)), v).intoArray(y, yOff + i);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < bound; i += step) {
                    VecMathD.sigmoid(ld(x, xOff + i)).intoArray(y, yOff + i);
                }
            }
            case TANH -> {
                for (int i = 0; i < bound; i += step) {
                    VecMathD.tanh(ld(x, xOff + i)).intoArray(y, yOff + i);
                }
            }
            case RELU -> {
                // blend, not max: x ≤ 0 (incl. −0) → +0, NaN kept, as Math.max(x, 0)
                for (int i = 0; i < bound; i += step) {
                    DoubleVector v = ld(x, xOff + i);
                    v.blend(0.0, v.compare(VectorOperators.LE, 0.0)).intoArray(y, yOff + i);
                }
            }
            case LEAKY_RELU -> {
                for (int i = 0; i < bound; i += step) {
                    DoubleVector v = ld(x, xOff + i);
                    v.mul(a).blend(v, v.compare(VectorOperators.GT, 0.0)).intoArray(y, yOff + i);
                }
            }
            case ELU -> {
                for (int i = 0; i < bound; i += step) {
                    VecMathD.elu(ld(x, xOff + i), a).intoArray(y, yOff + i);
                }
            }
            case SOFTPLUS -> {
                for (int i = 0; i < bound; i += step) {
                    VecMathD.softplus(ld(x, xOff + i)).intoArray(y, yOff + i);
                }
            }
            case SWISH -> {
                for (int i = 0; i < bound; i += step) {
                    storeOrPatch(op, p0, p1, VecMathD.swish(ld(x, xOff + i), a), x, xOff + i, y, yOff + i);
                }
            }
            case GELU -> {
                for (int i = 0; i < bound; i += step) {
                    storeOrPatch(op, p0, p1, VecMathD.gelu(ld(x, xOff + i)), x, xOff + i, y, yOff + i);
                }
            }
            case GELU_TANH -> {
                for (int i = 0; i < bound; i += step) {
                    storeOrPatch(op, p0, p1, VecMathD.geluTanh(ld(x, xOff + i)), x, xOff + i, y, yOff + i);
                }
            }
            case HARD_SIGMOID -> {
                for (int i = 0; i < bound; i += step) {
                    ld(x, xOff + i).fma(0.25, 0.5).max(0.0).min(1.0).intoArray(y, yOff + i);
                }
            }
            case HARD_TANH -> {
                for (int i = 0; i < bound; i += step) {
                    ld(x, xOff + i).max(-1.0).min(1.0).intoArray(y, yOff + i);
                }
            }
            default -> throw new AssertionError(op);
        }
        // tail: fewer than one vector, by the reference
        REF.unary(op, p0, p1, x, xOff + bound, y, yOff + bound, n - bound);
    }

    /** Stores r, unless a lane is NaN (±∞ input of swish/gelu, or NaN): then the reference redoes these lanes. */
    private static void storeOrPatch(UnaryOp op, double p0, double p1, DoubleVector r, double[] x, int xOff,
                                     double[] y, int yOff) {
        if (r.test(VectorOperators.IS_NAN).anyTrue()) {
            REF.unary(op, p0, p1, x, xOff, y, yOff, SD.length());
        } else {
            r.intoArray(y, yOff);
        }
    }

    @Override
    public void unaryBackward(UnaryOp op, double p0, double p1, double[] x, int xOff, double[] y, int yOff,
                              double[] g, int gOff, double[] out, int outOff, int n) {
        if (op == UnaryOp.POW) {
            REF.unaryBackward(op, p0, p1, x, xOff, y, yOff, g, gOff, out, outOff, n);
            return;
        }
        final double a = p0;
        final double b = p1;
        final int bound = SD.loopBound(n);
        final int step = SD.length();
        final DoubleVector zero = DoubleVector.zero(SD);
        final DoubleVector one = DoubleVector.broadcast(SD, 1.0);
        switch (op) {
            case IDENTITY -> {
                for (int i = 0; i < bound; i += step) {
                    grad(VecMathD.nanWhereNaN(one, ld(x, xOff + i)), g, gOff + i, out, outOff + i);
                }
            }
            case NEG -> {
                DoubleVector minusOne = one.neg();
                for (int i = 0; i < bound; i += step) {
                    grad(VecMathD.nanWhereNaN(minusOne, ld(x, xOff + i)), g, gOff + i, out, outOff + i);
                }
            }
            case ABS -> {
                // sign(x), keeping x itself for ±0 and NaN (Math.signum)
                for (int i = 0; i < bound; i += step) {
                    DoubleVector v = ld(x, xOff + i);
                    DoubleVector d = v.blend(1.0, v.compare(VectorOperators.GT, 0.0)).blend(-1.0, v.lt(0.0));
                    grad(d, g, gOff + i, out, outOff + i);
                }
            }
            case EXP -> {
                for (int i = 0; i < bound; i += step) {
                    grad(ld(y, yOff + i), g, gOff + i, out, outOff + i);
                }
            }
            case LOG -> {
                for (int i = 0; i < bound; i += step) {
                    grad(one.div(ld(x, xOff + i)), g, gOff + i, out, outOff + i);
                }
            }
            case SQRT -> {
                for (int i = 0; i < bound; i += step) {
                    DoubleVector w = ld(y, yOff + i);
                    grad(one.div(w.add(w)), g, gOff + i, out, outOff + i);
                }
            }
            case SQUARE -> {
                for (int i = 0; i < bound; i += step) {
                    DoubleVector v = ld(x, xOff + i);
                    grad(v.add(v), g, gOff + i, out, outOff + i);
                }
            }
            case CLAMP -> {
                for (int i = 0; i < bound; i += step) {
                    DoubleVector v = ld(x, xOff + i);
                    VectorMask<Double> inside = v.compare(VectorOperators.GE, a).and(v.compare(VectorOperators.LE, b));
                    grad(VecMathD.nanWhereNaN(zero.blend(one, inside), v), g, gOff + i, out, outOff + i);
                }
            }
            case STEP -> {
                for (int i = 0; i < bound; i += step) {
                    grad(VecMathD.nanWhereNaN(zero, ld(x, xOff + i)), g, gOff + i, out, outOff + i);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < bound; i += step) {
                    grad(VecMathD.sigmoidDerivative(ld(x, xOff + i)), g, gOff + i, out, outOff + i);
                }
            }
            case TANH -> {
                for (int i = 0; i < bound; i += step) {
                    grad(VecMathD.tanhDerivative(ld(x, xOff + i)), g, gOff + i, out, outOff + i);
                }
            }
            case RELU -> {
                for (int i = 0; i < bound; i += step) {
                    DoubleVector v = ld(x, xOff + i);
                    grad(VecMathD.nanWhereNaN(zero.blend(one, v.compare(VectorOperators.GT, 0.0)), v),
                            g, gOff + i, out, outOff + i);
                }
            }
            case LEAKY_RELU -> {
                DoubleVector slope = DoubleVector.broadcast(SD, a);
                for (int i = 0; i < bound; i += step) {
                    DoubleVector v = ld(x, xOff + i);
                    grad(VecMathD.nanWhereNaN(slope.blend(one, v.compare(VectorOperators.GT, 0.0)), v),
                            g, gOff + i, out, outOff + i);
                }
            }
            case ELU -> {
                // x ≤ 0 and NaN take αeˣ (NaN stays NaN); e^x may overflow where x > 0, and is replaced there
                for (int i = 0; i < bound; i += step) {
                    DoubleVector v = ld(x, xOff + i);
                    grad(VecMathD.exp(v).mul(a).blend(one, v.compare(VectorOperators.GT, 0.0)),
                            g, gOff + i, out, outOff + i);
                }
            }
            case SOFTPLUS -> {
                for (int i = 0; i < bound; i += step) {
                    grad(VecMathD.sigmoid(ld(x, xOff + i)), g, gOff + i, out, outOff + i);
                }
            }
            case SWISH -> {
                for (int i = 0; i < bound; i += step) {
                    gradOrPatch(op, p0, p1, VecMathD.swishDerivative(ld(x, xOff + i), a),
                            x, xOff + i, y, yOff + i, g, gOff + i, out, outOff + i);
                }
            }
            case GELU -> {
                for (int i = 0; i < bound; i += step) {
                    gradOrPatch(op, p0, p1, VecMathD.geluDerivative(ld(x, xOff + i)),
                            x, xOff + i, y, yOff + i, g, gOff + i, out, outOff + i);
                }
            }
            case GELU_TANH -> {
                for (int i = 0; i < bound; i += step) {
                    grad(VecMathD.geluTanhDerivative(ld(x, xOff + i)), g, gOff + i, out, outOff + i);
                }
            }
            case HARD_SIGMOID -> {
                DoubleVector quarter = DoubleVector.broadcast(SD, 0.25);
                for (int i = 0; i < bound; i += step) {
                    DoubleVector v = ld(x, xOff + i);
                    VectorMask<Double> inside = v.compare(VectorOperators.GT, -2.0).and(v.lt(2.0));
                    grad(VecMathD.nanWhereNaN(zero.blend(quarter, inside), v), g, gOff + i, out, outOff + i);
                }
            }
            case HARD_TANH -> {
                for (int i = 0; i < bound; i += step) {
                    DoubleVector v = ld(x, xOff + i);
                    VectorMask<Double> inside = v.compare(VectorOperators.GT, -1.0).and(v.lt(1.0));
                    grad(VecMathD.nanWhereNaN(zero.blend(one, inside), v), g, gOff + i, out, outOff + i);
                }
            }
            default -> throw new AssertionError(op);
        }
        REF.unaryBackward(op, p0, p1, x, xOff + bound, y, yOff + bound, g, gOff + bound, out, outOff + bound,
                n - bound);
    }

    /** out = g·d, or d when there is no g. */
    private static void grad(DoubleVector d, double[] g, int gOff, double[] out, int outOff) {
        (g == null ? d : d.mul(ld(g, gOff))).intoArray(out, outOff);
    }

    /** As {@link #grad}, but lanes that came out NaN are redone by the reference (limits at ±∞). */
    private static void gradOrPatch(UnaryOp op, double p0, double p1, DoubleVector d, double[] x, int xOff,
                                    double[] y, int yOff, double[] g, int gOff, double[] out, int outOff) {
        if (d.test(VectorOperators.IS_NAN).anyTrue()) {
            REF.unaryBackward(op, p0, p1, x, xOff, y, yOff, g, gOff, out, outOff, SD.length());
        } else {
            grad(d, g, gOff, out, outOff);
        }
    }

    @Override
    public void binary(BinaryOp op, double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        final int bound = SD.loopBound(n);
        final int step = SD.length();
        switch (op) {
            case ADD -> {
                for (int i = 0; i < bound; i += step) {
                    ld(a, aOff + i).add(ld(b, bOff + i)).intoArray(out, outOff + i);
                }
            }
            case SUB -> {
                for (int i = 0; i < bound; i += step) {
                    ld(a, aOff + i).sub(ld(b, bOff + i)).intoArray(out, outOff + i);
                }
            }
            case MUL -> {
                for (int i = 0; i < bound; i += step) {
                    ld(a, aOff + i).mul(ld(b, bOff + i)).intoArray(out, outOff + i);
                }
            }
            case DIV -> {
                for (int i = 0; i < bound; i += step) {
                    ld(a, aOff + i).div(ld(b, bOff + i)).intoArray(out, outOff + i);
                }
            }
            case MAX -> {
                for (int i = 0; i < bound; i += step) {
                    ld(a, aOff + i).max(ld(b, bOff + i)).intoArray(out, outOff + i);
                }
            }
            case MIN -> {
                for (int i = 0; i < bound; i += step) {
                    ld(a, aOff + i).min(ld(b, bOff + i)).intoArray(out, outOff + i);
                }
            }
            default -> throw new AssertionError(op);
        }
        REF.binary(op, a, aOff + bound, b, bOff + bound, out, outOff + bound, n - bound);
    }

    @Override
    public void binaryScalar(BinaryOp op, double[] a, int aOff, double s, double[] out, int outOff, int n) {
        final int bound = SD.loopBound(n);
        final int step = SD.length();
        final DoubleVector vs = DoubleVector.broadcast(SD, s);
        switch (op) {
            case ADD -> {
                for (int i = 0; i < bound; i += step) {
                    ld(a, aOff + i).add(vs).intoArray(out, outOff + i);
                }
            }
            case SUB -> {
                for (int i = 0; i < bound; i += step) {
                    ld(a, aOff + i).sub(vs).intoArray(out, outOff + i);
                }
            }
            case MUL -> {
                for (int i = 0; i < bound; i += step) {
                    ld(a, aOff + i).mul(vs).intoArray(out, outOff + i);
                }
            }
            case DIV -> {
                for (int i = 0; i < bound; i += step) {
                    ld(a, aOff + i).div(vs).intoArray(out, outOff + i);
                }
            }
            case MAX -> {
                for (int i = 0; i < bound; i += step) {
                    ld(a, aOff + i).max(vs).intoArray(out, outOff + i);
                }
            }
            case MIN -> {
                for (int i = 0; i < bound; i += step) {
                    ld(a, aOff + i).min(vs).intoArray(out, outOff + i);
                }
            }
            default -> throw new AssertionError(op);
        }
        REF.binaryScalar(op, a, aOff + bound, s, out, outOff + bound, n - bound);
    }

    @Override
    public void scalarBinary(BinaryOp op, double s, double[] b, int bOff, double[] out, int outOff, int n) {
        final int bound = SD.loopBound(n);
        final int step = SD.length();
        final DoubleVector vs = DoubleVector.broadcast(SD, s);
        switch (op) {
            case ADD -> {
                for (int i = 0; i < bound; i += step) {
                    vs.add(ld(b, bOff + i)).intoArray(out, outOff + i);
                }
            }
            case SUB -> {
                for (int i = 0; i < bound; i += step) {
                    vs.sub(ld(b, bOff + i)).intoArray(out, outOff + i);
                }
            }
            case MUL -> {
                for (int i = 0; i < bound; i += step) {
                    vs.mul(ld(b, bOff + i)).intoArray(out, outOff + i);
                }
            }
            case DIV -> {
                for (int i = 0; i < bound; i += step) {
                    vs.div(ld(b, bOff + i)).intoArray(out, outOff + i);
                }
            }
            case MAX -> {
                for (int i = 0; i < bound; i += step) {
                    vs.max(ld(b, bOff + i)).intoArray(out, outOff + i);
                }
            }
            case MIN -> {
                for (int i = 0; i < bound; i += step) {
                    vs.min(ld(b, bOff + i)).intoArray(out, outOff + i);
                }
            }
            default -> throw new AssertionError(op);
        }
        REF.scalarBinary(op, s, b, bOff + bound, out, outOff + bound, n - bound);
    }

    @Override
    public void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
        final int bound = SD.loopBound(n);
        final int step = SD.length();
        final DoubleVector va = DoubleVector.broadcast(SD, alpha);
        // fma: one rounding per element, bit-identical to Math.fma in the reference
        for (int i = 0; i < bound; i += step) {
            ld(x, xOff + i).fma(va, ld(y, yOff + i)).intoArray(y, yOff + i);
        }
        REF.axpy(alpha, x, xOff + bound, y, yOff + bound, n - bound);
    }

    private static DoubleVector ld(double[] a, int off) {
        return DoubleVector.fromArray(SD, a, off);
    }
}
