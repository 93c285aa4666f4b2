package org.vecgrad.engine.kernel.simd;

import org.vecgrad.engine.kernel.math.VecMathF;
import org.vecgrad.engine.kernel.math.VecMathD;

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
 *
 * <p>No loop allocates: every loop lives in its own small method (one method holding all loops exceeds C2's
 * inlining budget, and a vector that crosses a call that was not inlined is boxed). The sources of the per-op
 * methods follow one pattern per kernel; F64 mirrors F32 line by line.
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
        if (op == UnaryOp.POW || op == UnaryOp.LOG) {
            // Math.pow has no vector form worth its cost here; the reference is exact and rarely hot. LOG: the
            // Vector API's lanewise(LOG) is SVML once compiled and Math.log in the interpreter, which differ in the
            // last bit (a fresh JVM trained to other bits); Math.log is the same code in both
            REF.unary(op, p0, p1, x, xOff, y, yOff, n);
            return;
        }
        final float a = (float) p0;
        final float b = (float) p1;
        final int bound = SF.loopBound(n);
        final int step = SF.length();
        if (op == UnaryOp.SWISH && a == 1f) {
            // SiLU, the usual swish: βx = x is exact, so plain σ serves (no rounding-error pair for βx)
            siluUnaryF(op, p0, p1, x, xOff, y, yOff, bound, step);
            REF.unary(op, p0, p1, x, xOff + bound, y, yOff + bound, n - bound);
            return;
        }
        // one loop per op: the switch runs once per call, each loop body inlines to straight vector code
        switch (op) {
            case NEG -> negUnaryF(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case ABS -> absUnaryF(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case EXP -> expUnaryF(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case SQRT -> sqrtUnaryF(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case SQUARE -> squareUnaryF(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case CLAMP -> clampUnaryF(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case STEP -> stepUnaryF(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case SIGMOID -> sigmoidUnaryF(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case TANH -> tanhUnaryF(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case RELU -> reluUnaryF(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case LEAKY_RELU -> leakyReluUnaryF(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case ELU -> eluUnaryF(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case SOFTPLUS -> softplusUnaryF(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case SWISH -> swishUnaryF(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case GELU -> geluUnaryF(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case GELU_TANH -> geluTanhUnaryF(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case HARD_SIGMOID -> hardSigmoidUnaryF(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case HARD_TANH -> hardTanhUnaryF(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            default -> throw new AssertionError(op);
        }
        // tail: fewer than one vector, by the reference
        REF.unary(op, p0, p1, x, xOff + bound, y, yOff + bound, n - bound);
    }

    private static void siluUnaryF(UnaryOp op, double p0, double p1, float[] x, int xOff, float[] y, int yOff,
            int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            FloatVector v = lf(x, xOff + i);
            FloatVector r = v.mul(VecMathF.sigmoid(v));
            if (r.test(VectorOperators.IS_NAN).anyTrue()) {
                patch(op, p0, p1, x, xOff + i, y, yOff + i);
            } else {
                r.intoArray(y, yOff + i);
            }
        }
    }

    /** Redoes one vector of lanes with the reference (a lane came out NaN: ±∞ input of swish/gelu, or NaN). */
    private static void patch(UnaryOp op, double p0, double p1, float[] x, int xOff, float[] y, int yOff) {
        REF.unary(op, p0, p1, x, xOff, y, yOff, SF.length());
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
        // each loop loads g first: a load parsed after a long vector expression can fall outside C2's inlining
        // budget (NodeCountInliningCutoff), and a vector that crosses a real call is boxed
        switch (op) {
            case IDENTITY -> identityBackwardF(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case NEG -> negBackwardF(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case ABS -> absBackwardF(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case EXP -> expBackwardF(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case LOG -> logBackwardF(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case SQRT -> sqrtBackwardF(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case SQUARE -> squareBackwardF(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case CLAMP -> clampBackwardF(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case STEP -> stepBackwardF(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case SIGMOID -> sigmoidBackwardF(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case TANH -> tanhBackwardF(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case RELU -> reluBackwardF(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case LEAKY_RELU -> leakyReluBackwardF(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound,
                    step);
            case ELU -> eluBackwardF(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case SOFTPLUS -> softplusBackwardF(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case SWISH -> swishBackwardF(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case GELU -> geluBackwardF(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case GELU_TANH -> geluTanhBackwardF(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound,
                    step);
            case HARD_SIGMOID -> hardSigmoidBackwardF(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound,
                    step);
            case HARD_TANH -> hardTanhBackwardF(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound,
                    step);
            default -> throw new AssertionError(op);
        }
        REF.unaryBackward(op, p0, p1, x, xOff + bound, y, yOff + bound, g, gOff + bound, out, outOff + bound,
                n - bound);
    }

    /** As {@link #patch}, for the backward rule (limits of the swish and gelu derivatives at ±∞). */
    private static void patchBackward(UnaryOp op, double p0, double p1, float[] x, int xOff, float[] y, int yOff,
                                      float[] g, int gOff, float[] out, int outOff) {
        REF.unaryBackward(op, p0, p1, x, xOff, y, yOff, g, gOff, out, outOff, SF.length());
    }

    @Override
    public void binary(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        final int bound = SF.loopBound(n);
        final int step = SF.length();
        switch (op) {
            case ADD -> addBinaryF(a, aOff, b, bOff, out, outOff, bound, step);
            case SUB -> subBinaryF(a, aOff, b, bOff, out, outOff, bound, step);
            case MUL -> mulBinaryF(a, aOff, b, bOff, out, outOff, bound, step);
            case DIV -> divBinaryF(a, aOff, b, bOff, out, outOff, bound, step);
            case MAX -> maxBinaryF(a, aOff, b, bOff, out, outOff, bound, step);
            case MIN -> minBinaryF(a, aOff, b, bOff, out, outOff, bound, step);
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
            case ADD -> addBinaryScalarF(a, aOff, vs, out, outOff, bound, step);
            case SUB -> subBinaryScalarF(a, aOff, vs, out, outOff, bound, step);
            case MUL -> mulBinaryScalarF(a, aOff, vs, out, outOff, bound, step);
            case DIV -> divBinaryScalarF(a, aOff, vs, out, outOff, bound, step);
            case MAX -> maxBinaryScalarF(a, aOff, vs, out, outOff, bound, step);
            case MIN -> minBinaryScalarF(a, aOff, vs, out, outOff, bound, step);
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
            case ADD -> addScalarBinaryF(vs, b, bOff, out, outOff, bound, step);
            case SUB -> subScalarBinaryF(vs, b, bOff, out, outOff, bound, step);
            case MUL -> mulScalarBinaryF(vs, b, bOff, out, outOff, bound, step);
            case DIV -> divScalarBinaryF(vs, b, bOff, out, outOff, bound, step);
            case MAX -> maxScalarBinaryF(vs, b, bOff, out, outOff, bound, step);
            case MIN -> minScalarBinaryF(vs, b, bOff, out, outOff, bound, step);
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

    // one method per op and kernel: small compilation units, so C2 inlines every vector operation (one big
    // method with all loops exceeds the inlining budget and the vectors end up boxed)

    private static void negUnaryF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff, float[] y,
            int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            lf(x, xOff + i).neg().intoArray(y, yOff + i);
        }
    }

    private static void absUnaryF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff, float[] y,
            int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            lf(x, xOff + i).abs().intoArray(y, yOff + i);
        }
    }

    private static void expUnaryF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff, float[] y,
            int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            VecMathF.exp(lf(x, xOff + i)).intoArray(y, yOff + i);
        }
    }

    private static void sqrtUnaryF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff, float[] y,
            int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            lf(x, xOff + i).sqrt().intoArray(y, yOff + i);
        }
    }

    private static void squareUnaryF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            FloatVector v = lf(x, xOff + i);
            v.mul(v).intoArray(y, yOff + i);
        }
    }

    private static void clampUnaryF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            lf(x, xOff + i).max(a).min(b).intoArray(y, yOff + i);
        }
    }

    private static void stepUnaryF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff, float[] y,
            int yOff, int bound, int step) {
        FloatVector zero = FloatVector.zero(SF);
        for (int i = 0; i < bound; i += step) {
            FloatVector v = lf(x, xOff + i);
            VecMathF.nanWhereNaN(zero.blend(1f, v.compare(VectorOperators.GT, 0f)), v).intoArray(y, yOff + i);
        }
    }

    private static void sigmoidUnaryF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            VecMathF.sigmoid(lf(x, xOff + i)).intoArray(y, yOff + i);
        }
    }

    private static void tanhUnaryF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff, float[] y,
            int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            VecMathF.tanh(lf(x, xOff + i)).intoArray(y, yOff + i);
        }
    }

    private static void reluUnaryF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff, float[] y,
            int yOff, int bound, int step) {
        // blend, not max: x ≤ 0 (incl. −0) → +0, NaN kept, as Math.max(x, 0)
        for (int i = 0; i < bound; i += step) {
            FloatVector v = lf(x, xOff + i);
            v.blend(0f, v.compare(VectorOperators.LE, 0f)).intoArray(y, yOff + i);
        }
    }

    private static void leakyReluUnaryF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            FloatVector v = lf(x, xOff + i);
            v.mul(a).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, yOff + i);
        }
    }

    private static void eluUnaryF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff, float[] y,
            int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            VecMathF.elu(lf(x, xOff + i), a).intoArray(y, yOff + i);
        }
    }

    private static void softplusUnaryF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            VecMathF.softplus(lf(x, xOff + i)).intoArray(y, yOff + i);
        }
    }

    private static void swishUnaryF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            FloatVector r = VecMathF.swish(lf(x, xOff + i), a);
            if (r.test(VectorOperators.IS_NAN).anyTrue()) {
                patch(op, p0, p1, x, xOff + i, y, yOff + i);
            } else {
                r.intoArray(y, yOff + i);
            }
        }
    }

    private static void geluUnaryF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff, float[] y,
            int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            FloatVector v = lf(x, xOff + i);
            FloatVector t = v.abs();
            // the common case, every lane within ±4.5 (NaN fails the test): the short form, no NaN check needed
            if (t.compare(VectorOperators.LE, VecMathF.GELU_CENTRAL_LIMIT).allTrue()) {
                VecMathF.geluCentral(v, t).intoArray(y, yOff + i);
                continue;
            }
            FloatVector r = VecMathF.gelu(v);
            if (r.test(VectorOperators.IS_NAN).anyTrue()) {
                patch(op, p0, p1, x, xOff + i, y, yOff + i);
            } else {
                r.intoArray(y, yOff + i);
            }
        }
    }

    private static void geluTanhUnaryF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            FloatVector r = VecMathF.geluTanh(lf(x, xOff + i));
            if (r.test(VectorOperators.IS_NAN).anyTrue()) {
                patch(op, p0, p1, x, xOff + i, y, yOff + i);
            } else {
                r.intoArray(y, yOff + i);
            }
        }
    }

    private static void hardSigmoidUnaryF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            lf(x, xOff + i).fma(0.25f, 0.5f).max(0f).min(1f).intoArray(y, yOff + i);
        }
    }

    private static void hardTanhUnaryF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            lf(x, xOff + i).max(-1f).min(1f).intoArray(y, yOff + i);
        }
    }

    private static void identityBackwardF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(SF);
        final FloatVector one = FloatVector.broadcast(SF, 1f);
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : lf(g, gOff + i);
            FloatVector d = VecMathF.nanWhereNaN(one, lf(x, xOff + i));
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void negBackwardF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(SF);
        final FloatVector one = FloatVector.broadcast(SF, 1f);
        FloatVector minusOne = one.neg();
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : lf(g, gOff + i);
            FloatVector d = VecMathF.nanWhereNaN(minusOne, lf(x, xOff + i));
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void absBackwardF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(SF);
        final FloatVector one = FloatVector.broadcast(SF, 1f);
        // sign(x), keeping x itself for ±0 and NaN (Math.signum)
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : lf(g, gOff + i);
            FloatVector v = lf(x, xOff + i);
            FloatVector d = v.blend(1f, v.compare(VectorOperators.GT, 0f)).blend(-1f, v.lt(0f));
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void expBackwardF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(SF);
        final FloatVector one = FloatVector.broadcast(SF, 1f);
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : lf(g, gOff + i);
            FloatVector d = lf(y, yOff + i);
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void logBackwardF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(SF);
        final FloatVector one = FloatVector.broadcast(SF, 1f);
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : lf(g, gOff + i);
            FloatVector d = one.div(lf(x, xOff + i));
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void sqrtBackwardF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(SF);
        final FloatVector one = FloatVector.broadcast(SF, 1f);
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : lf(g, gOff + i);
            FloatVector w = lf(y, yOff + i);
            FloatVector d = one.div(w.add(w));
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void squareBackwardF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(SF);
        final FloatVector one = FloatVector.broadcast(SF, 1f);
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : lf(g, gOff + i);
            FloatVector v = lf(x, xOff + i);
            FloatVector d = v.add(v);
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void clampBackwardF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(SF);
        final FloatVector one = FloatVector.broadcast(SF, 1f);
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : lf(g, gOff + i);
            FloatVector v = lf(x, xOff + i);
            VectorMask<Float> inside = v.compare(VectorOperators.GE, a).and(v.compare(VectorOperators.LE, b));
            FloatVector d = VecMathF.nanWhereNaN(zero.blend(one, inside), v);
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void stepBackwardF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(SF);
        final FloatVector one = FloatVector.broadcast(SF, 1f);
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : lf(g, gOff + i);
            FloatVector d = VecMathF.nanWhereNaN(zero, lf(x, xOff + i));
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void sigmoidBackwardF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(SF);
        final FloatVector one = FloatVector.broadcast(SF, 1f);
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : lf(g, gOff + i);
            FloatVector d = VecMathF.sigmoidDerivative(lf(x, xOff + i));
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void tanhBackwardF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(SF);
        final FloatVector one = FloatVector.broadcast(SF, 1f);
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : lf(g, gOff + i);
            FloatVector d = VecMathF.tanhDerivative(lf(x, xOff + i));
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void reluBackwardF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(SF);
        final FloatVector one = FloatVector.broadcast(SF, 1f);
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : lf(g, gOff + i);
            FloatVector v = lf(x, xOff + i);
            FloatVector d = VecMathF.nanWhereNaN(zero.blend(one, v.compare(VectorOperators.GT, 0f)), v);
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void leakyReluBackwardF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(SF);
        final FloatVector one = FloatVector.broadcast(SF, 1f);
        FloatVector slope = FloatVector.broadcast(SF, a);
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : lf(g, gOff + i);
            FloatVector v = lf(x, xOff + i);
            FloatVector d = VecMathF.nanWhereNaN(slope.blend(one, v.compare(VectorOperators.GT, 0f)), v);
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void eluBackwardF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(SF);
        final FloatVector one = FloatVector.broadcast(SF, 1f);
        // x ≤ 0 and NaN take αeˣ (NaN stays NaN); e^x may overflow where x > 0, and is replaced there
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : lf(g, gOff + i);
            FloatVector v = lf(x, xOff + i);
            FloatVector d = VecMathF.expNonPositive(v).mul(a).blend(one, v.compare(VectorOperators.GT, 0f));
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void softplusBackwardF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(SF);
        final FloatVector one = FloatVector.broadcast(SF, 1f);
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : lf(g, gOff + i);
            FloatVector d = VecMathF.sigmoid(lf(x, xOff + i));
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void swishBackwardF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(SF);
        final FloatVector one = FloatVector.broadcast(SF, 1f);
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : lf(g, gOff + i);
            FloatVector d = VecMathF.swishDerivative(lf(x, xOff + i), a);
            if (d.test(VectorOperators.IS_NAN).anyTrue()) {
                patchBackward(op, p0, p1, x, xOff + i, y, yOff + i, g, gOff + i, out, outOff + i);
            } else {
                (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
            }
        }
    }

    private static void geluBackwardF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(SF);
        final FloatVector one = FloatVector.broadcast(SF, 1f);
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : lf(g, gOff + i);
            FloatVector d = VecMathF.geluDerivative(lf(x, xOff + i));
            if (d.test(VectorOperators.IS_NAN).anyTrue()) {
                patchBackward(op, p0, p1, x, xOff + i, y, yOff + i, g, gOff + i, out, outOff + i);
            } else {
                (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
            }
        }
    }

    private static void geluTanhBackwardF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(SF);
        final FloatVector one = FloatVector.broadcast(SF, 1f);
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : lf(g, gOff + i);
            FloatVector d = VecMathF.geluTanhDerivative(lf(x, xOff + i));
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void hardSigmoidBackwardF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(SF);
        final FloatVector one = FloatVector.broadcast(SF, 1f);
        FloatVector quarter = FloatVector.broadcast(SF, 0.25f);
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : lf(g, gOff + i);
            FloatVector v = lf(x, xOff + i);
            VectorMask<Float> inside = v.compare(VectorOperators.GT, -2f).and(v.lt(2f));
            FloatVector d = VecMathF.nanWhereNaN(zero.blend(quarter, inside), v);
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void hardTanhBackwardF(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(SF);
        final FloatVector one = FloatVector.broadcast(SF, 1f);
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : lf(g, gOff + i);
            FloatVector v = lf(x, xOff + i);
            VectorMask<Float> inside = v.compare(VectorOperators.GT, -1f).and(v.lt(1f));
            FloatVector d = VecMathF.nanWhereNaN(zero.blend(one, inside), v);
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void addBinaryF(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            lf(a, aOff + i).add(lf(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void subBinaryF(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            lf(a, aOff + i).sub(lf(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void mulBinaryF(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            lf(a, aOff + i).mul(lf(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void divBinaryF(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            lf(a, aOff + i).div(lf(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void maxBinaryF(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            lf(a, aOff + i).max(lf(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void minBinaryF(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            lf(a, aOff + i).min(lf(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void addBinaryScalarF(float[] a, int aOff, FloatVector vs, float[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            lf(a, aOff + i).add(vs).intoArray(out, outOff + i);
        }
    }

    private static void subBinaryScalarF(float[] a, int aOff, FloatVector vs, float[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            lf(a, aOff + i).sub(vs).intoArray(out, outOff + i);
        }
    }

    private static void mulBinaryScalarF(float[] a, int aOff, FloatVector vs, float[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            lf(a, aOff + i).mul(vs).intoArray(out, outOff + i);
        }
    }

    private static void divBinaryScalarF(float[] a, int aOff, FloatVector vs, float[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            lf(a, aOff + i).div(vs).intoArray(out, outOff + i);
        }
    }

    private static void maxBinaryScalarF(float[] a, int aOff, FloatVector vs, float[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            lf(a, aOff + i).max(vs).intoArray(out, outOff + i);
        }
    }

    private static void minBinaryScalarF(float[] a, int aOff, FloatVector vs, float[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            lf(a, aOff + i).min(vs).intoArray(out, outOff + i);
        }
    }

    private static void addScalarBinaryF(FloatVector vs, float[] b, int bOff, float[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            vs.add(lf(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void subScalarBinaryF(FloatVector vs, float[] b, int bOff, float[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            vs.sub(lf(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void mulScalarBinaryF(FloatVector vs, float[] b, int bOff, float[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            vs.mul(lf(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void divScalarBinaryF(FloatVector vs, float[] b, int bOff, float[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            vs.div(lf(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void maxScalarBinaryF(FloatVector vs, float[] b, int bOff, float[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            vs.max(lf(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void minScalarBinaryF(FloatVector vs, float[] b, int bOff, float[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            vs.min(lf(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    // ================================================================== F64

    @Override
    public void unary(UnaryOp op, double p0, double p1, double[] x, int xOff, double[] y, int yOff, int n) {
        if (op == UnaryOp.IDENTITY) {
            System.arraycopy(x, xOff, y, yOff, n);
            return;
        }
        if (op == UnaryOp.POW || op == UnaryOp.LOG) {
            // Math.pow has no vector form worth its cost here; the reference is exact and rarely hot. LOG: the
            // Vector API's lanewise(LOG) is SVML once compiled and Math.log in the interpreter, which differ in the
            // last bit (a fresh JVM trained to other bits); Math.log is the same code in both
            REF.unary(op, p0, p1, x, xOff, y, yOff, n);
            return;
        }
        final double a = p0;
        final double b = p1;
        final int bound = SD.loopBound(n);
        final int step = SD.length();
        if (op == UnaryOp.SWISH && a == 1.0) {
            // SiLU, the usual swish: βx = x is exact, so plain σ serves (no rounding-error pair for βx)
            siluUnaryD(op, p0, p1, x, xOff, y, yOff, bound, step);
            REF.unary(op, p0, p1, x, xOff + bound, y, yOff + bound, n - bound);
            return;
        }
        // one loop per op: the switch runs once per call, each loop body inlines to straight vector code
        switch (op) {
            case NEG -> negUnaryD(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case ABS -> absUnaryD(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case EXP -> expUnaryD(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case SQRT -> sqrtUnaryD(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case SQUARE -> squareUnaryD(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case CLAMP -> clampUnaryD(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case STEP -> stepUnaryD(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case SIGMOID -> sigmoidUnaryD(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case TANH -> tanhUnaryD(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case RELU -> reluUnaryD(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case LEAKY_RELU -> leakyReluUnaryD(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case ELU -> eluUnaryD(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case SOFTPLUS -> softplusUnaryD(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case SWISH -> swishUnaryD(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case GELU -> geluUnaryD(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case GELU_TANH -> geluTanhUnaryD(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case HARD_SIGMOID -> hardSigmoidUnaryD(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case HARD_TANH -> hardTanhUnaryD(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            default -> throw new AssertionError(op);
        }
        // tail: fewer than one vector, by the reference
        REF.unary(op, p0, p1, x, xOff + bound, y, yOff + bound, n - bound);
    }

    private static void siluUnaryD(UnaryOp op, double p0, double p1, double[] x, int xOff, double[] y, int yOff,
            int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            DoubleVector v = ld(x, xOff + i);
            DoubleVector r = v.mul(VecMathD.sigmoid(v));
            if (r.test(VectorOperators.IS_NAN).anyTrue()) {
                patch(op, p0, p1, x, xOff + i, y, yOff + i);
            } else {
                r.intoArray(y, yOff + i);
            }
        }
    }

    /** Redoes one vector of lanes with the reference (a lane came out NaN: ±∞ input of swish/gelu, or NaN). */
    private static void patch(UnaryOp op, double p0, double p1, double[] x, int xOff, double[] y, int yOff) {
        REF.unary(op, p0, p1, x, xOff, y, yOff, SD.length());
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
        // each loop loads g first: a load parsed after a long vector expression can fall outside C2's inlining
        // budget (NodeCountInliningCutoff), and a vector that crosses a real call is boxed
        switch (op) {
            case IDENTITY -> identityBackwardD(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case NEG -> negBackwardD(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case ABS -> absBackwardD(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case EXP -> expBackwardD(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case LOG -> logBackwardD(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case SQRT -> sqrtBackwardD(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case SQUARE -> squareBackwardD(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case CLAMP -> clampBackwardD(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case STEP -> stepBackwardD(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case SIGMOID -> sigmoidBackwardD(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case TANH -> tanhBackwardD(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case RELU -> reluBackwardD(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case LEAKY_RELU -> leakyReluBackwardD(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound,
                    step);
            case ELU -> eluBackwardD(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case SOFTPLUS -> softplusBackwardD(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case SWISH -> swishBackwardD(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case GELU -> geluBackwardD(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case GELU_TANH -> geluTanhBackwardD(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound,
                    step);
            case HARD_SIGMOID -> hardSigmoidBackwardD(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound,
                    step);
            case HARD_TANH -> hardTanhBackwardD(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound,
                    step);
            default -> throw new AssertionError(op);
        }
        REF.unaryBackward(op, p0, p1, x, xOff + bound, y, yOff + bound, g, gOff + bound, out, outOff + bound,
                n - bound);
    }

    /** As {@link #patch}, for the backward rule (limits of the swish and gelu derivatives at ±∞). */
    private static void patchBackward(UnaryOp op, double p0, double p1, double[] x, int xOff, double[] y, int yOff,
                                      double[] g, int gOff, double[] out, int outOff) {
        REF.unaryBackward(op, p0, p1, x, xOff, y, yOff, g, gOff, out, outOff, SD.length());
    }

    @Override
    public void binary(BinaryOp op, double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        final int bound = SD.loopBound(n);
        final int step = SD.length();
        switch (op) {
            case ADD -> addBinaryD(a, aOff, b, bOff, out, outOff, bound, step);
            case SUB -> subBinaryD(a, aOff, b, bOff, out, outOff, bound, step);
            case MUL -> mulBinaryD(a, aOff, b, bOff, out, outOff, bound, step);
            case DIV -> divBinaryD(a, aOff, b, bOff, out, outOff, bound, step);
            case MAX -> maxBinaryD(a, aOff, b, bOff, out, outOff, bound, step);
            case MIN -> minBinaryD(a, aOff, b, bOff, out, outOff, bound, step);
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
            case ADD -> addBinaryScalarD(a, aOff, vs, out, outOff, bound, step);
            case SUB -> subBinaryScalarD(a, aOff, vs, out, outOff, bound, step);
            case MUL -> mulBinaryScalarD(a, aOff, vs, out, outOff, bound, step);
            case DIV -> divBinaryScalarD(a, aOff, vs, out, outOff, bound, step);
            case MAX -> maxBinaryScalarD(a, aOff, vs, out, outOff, bound, step);
            case MIN -> minBinaryScalarD(a, aOff, vs, out, outOff, bound, step);
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
            case ADD -> addScalarBinaryD(vs, b, bOff, out, outOff, bound, step);
            case SUB -> subScalarBinaryD(vs, b, bOff, out, outOff, bound, step);
            case MUL -> mulScalarBinaryD(vs, b, bOff, out, outOff, bound, step);
            case DIV -> divScalarBinaryD(vs, b, bOff, out, outOff, bound, step);
            case MAX -> maxScalarBinaryD(vs, b, bOff, out, outOff, bound, step);
            case MIN -> minScalarBinaryD(vs, b, bOff, out, outOff, bound, step);
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

    // one method per op and kernel: small compilation units, so C2 inlines every vector operation (one big
    // method with all loops exceeds the inlining budget and the vectors end up boxed)

    private static void negUnaryD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            ld(x, xOff + i).neg().intoArray(y, yOff + i);
        }
    }

    private static void absUnaryD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            ld(x, xOff + i).abs().intoArray(y, yOff + i);
        }
    }

    private static void expUnaryD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            VecMathD.exp(ld(x, xOff + i)).intoArray(y, yOff + i);
        }
    }

    private static void sqrtUnaryD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            ld(x, xOff + i).sqrt().intoArray(y, yOff + i);
        }
    }

    private static void squareUnaryD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            DoubleVector v = ld(x, xOff + i);
            v.mul(v).intoArray(y, yOff + i);
        }
    }

    private static void clampUnaryD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            ld(x, xOff + i).max(a).min(b).intoArray(y, yOff + i);
        }
    }

    private static void stepUnaryD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, int bound, int step) {
        DoubleVector zero = DoubleVector.zero(SD);
        for (int i = 0; i < bound; i += step) {
            DoubleVector v = ld(x, xOff + i);
            VecMathD.nanWhereNaN(zero.blend(1.0, v.compare(VectorOperators.GT, 0.0)), v).intoArray(y, yOff + i);
        }
    }

    private static void sigmoidUnaryD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            VecMathD.sigmoid(ld(x, xOff + i)).intoArray(y, yOff + i);
        }
    }

    private static void tanhUnaryD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            VecMathD.tanh(ld(x, xOff + i)).intoArray(y, yOff + i);
        }
    }

    private static void reluUnaryD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, int bound, int step) {
        // blend, not max: x ≤ 0 (incl. −0) → +0, NaN kept, as Math.max(x, 0)
        for (int i = 0; i < bound; i += step) {
            DoubleVector v = ld(x, xOff + i);
            v.blend(0.0, v.compare(VectorOperators.LE, 0.0)).intoArray(y, yOff + i);
        }
    }

    private static void leakyReluUnaryD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            DoubleVector v = ld(x, xOff + i);
            v.mul(a).blend(v, v.compare(VectorOperators.GT, 0.0)).intoArray(y, yOff + i);
        }
    }

    private static void eluUnaryD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            VecMathD.elu(ld(x, xOff + i), a).intoArray(y, yOff + i);
        }
    }

    private static void softplusUnaryD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            VecMathD.softplus(ld(x, xOff + i)).intoArray(y, yOff + i);
        }
    }

    private static void swishUnaryD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            DoubleVector r = VecMathD.swish(ld(x, xOff + i), a);
            if (r.test(VectorOperators.IS_NAN).anyTrue()) {
                patch(op, p0, p1, x, xOff + i, y, yOff + i);
            } else {
                r.intoArray(y, yOff + i);
            }
        }
    }

    private static void geluUnaryD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            DoubleVector r = VecMathD.gelu(ld(x, xOff + i));
            if (r.test(VectorOperators.IS_NAN).anyTrue()) {
                patch(op, p0, p1, x, xOff + i, y, yOff + i);
            } else {
                r.intoArray(y, yOff + i);
            }
        }
    }

    private static void geluTanhUnaryD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            DoubleVector r = VecMathD.geluTanh(ld(x, xOff + i));
            if (r.test(VectorOperators.IS_NAN).anyTrue()) {
                patch(op, p0, p1, x, xOff + i, y, yOff + i);
            } else {
                r.intoArray(y, yOff + i);
            }
        }
    }

    private static void hardSigmoidUnaryD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            ld(x, xOff + i).fma(0.25, 0.5).max(0.0).min(1.0).intoArray(y, yOff + i);
        }
    }

    private static void hardTanhUnaryD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            ld(x, xOff + i).max(-1.0).min(1.0).intoArray(y, yOff + i);
        }
    }

    private static void identityBackwardD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, double[] g, int gOff, double[] out, int outOff, int bound, int step) {
        final DoubleVector zero = DoubleVector.zero(SD);
        final DoubleVector one = DoubleVector.broadcast(SD, 1.0);
        for (int i = 0; i < bound; i += step) {
            DoubleVector gv = g == null ? null : ld(g, gOff + i);
            DoubleVector d = VecMathD.nanWhereNaN(one, ld(x, xOff + i));
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void negBackwardD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, double[] g, int gOff, double[] out, int outOff, int bound, int step) {
        final DoubleVector zero = DoubleVector.zero(SD);
        final DoubleVector one = DoubleVector.broadcast(SD, 1.0);
        DoubleVector minusOne = one.neg();
        for (int i = 0; i < bound; i += step) {
            DoubleVector gv = g == null ? null : ld(g, gOff + i);
            DoubleVector d = VecMathD.nanWhereNaN(minusOne, ld(x, xOff + i));
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void absBackwardD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, double[] g, int gOff, double[] out, int outOff, int bound, int step) {
        final DoubleVector zero = DoubleVector.zero(SD);
        final DoubleVector one = DoubleVector.broadcast(SD, 1.0);
        // sign(x), keeping x itself for ±0 and NaN (Math.signum)
        for (int i = 0; i < bound; i += step) {
            DoubleVector gv = g == null ? null : ld(g, gOff + i);
            DoubleVector v = ld(x, xOff + i);
            DoubleVector d = v.blend(1.0, v.compare(VectorOperators.GT, 0.0)).blend(-1.0, v.lt(0.0));
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void expBackwardD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, double[] g, int gOff, double[] out, int outOff, int bound, int step) {
        final DoubleVector zero = DoubleVector.zero(SD);
        final DoubleVector one = DoubleVector.broadcast(SD, 1.0);
        for (int i = 0; i < bound; i += step) {
            DoubleVector gv = g == null ? null : ld(g, gOff + i);
            DoubleVector d = ld(y, yOff + i);
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void logBackwardD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, double[] g, int gOff, double[] out, int outOff, int bound, int step) {
        final DoubleVector zero = DoubleVector.zero(SD);
        final DoubleVector one = DoubleVector.broadcast(SD, 1.0);
        for (int i = 0; i < bound; i += step) {
            DoubleVector gv = g == null ? null : ld(g, gOff + i);
            DoubleVector d = one.div(ld(x, xOff + i));
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void sqrtBackwardD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, double[] g, int gOff, double[] out, int outOff, int bound, int step) {
        final DoubleVector zero = DoubleVector.zero(SD);
        final DoubleVector one = DoubleVector.broadcast(SD, 1.0);
        for (int i = 0; i < bound; i += step) {
            DoubleVector gv = g == null ? null : ld(g, gOff + i);
            DoubleVector w = ld(y, yOff + i);
            DoubleVector d = one.div(w.add(w));
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void squareBackwardD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, double[] g, int gOff, double[] out, int outOff, int bound, int step) {
        final DoubleVector zero = DoubleVector.zero(SD);
        final DoubleVector one = DoubleVector.broadcast(SD, 1.0);
        for (int i = 0; i < bound; i += step) {
            DoubleVector gv = g == null ? null : ld(g, gOff + i);
            DoubleVector v = ld(x, xOff + i);
            DoubleVector d = v.add(v);
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void clampBackwardD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, double[] g, int gOff, double[] out, int outOff, int bound, int step) {
        final DoubleVector zero = DoubleVector.zero(SD);
        final DoubleVector one = DoubleVector.broadcast(SD, 1.0);
        for (int i = 0; i < bound; i += step) {
            DoubleVector gv = g == null ? null : ld(g, gOff + i);
            DoubleVector v = ld(x, xOff + i);
            VectorMask<Double> inside = v.compare(VectorOperators.GE, a).and(v.compare(VectorOperators.LE, b));
            DoubleVector d = VecMathD.nanWhereNaN(zero.blend(one, inside), v);
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void stepBackwardD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, double[] g, int gOff, double[] out, int outOff, int bound, int step) {
        final DoubleVector zero = DoubleVector.zero(SD);
        final DoubleVector one = DoubleVector.broadcast(SD, 1.0);
        for (int i = 0; i < bound; i += step) {
            DoubleVector gv = g == null ? null : ld(g, gOff + i);
            DoubleVector d = VecMathD.nanWhereNaN(zero, ld(x, xOff + i));
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void sigmoidBackwardD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, double[] g, int gOff, double[] out, int outOff, int bound, int step) {
        final DoubleVector zero = DoubleVector.zero(SD);
        final DoubleVector one = DoubleVector.broadcast(SD, 1.0);
        for (int i = 0; i < bound; i += step) {
            DoubleVector gv = g == null ? null : ld(g, gOff + i);
            DoubleVector d = VecMathD.sigmoidDerivative(ld(x, xOff + i));
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void tanhBackwardD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, double[] g, int gOff, double[] out, int outOff, int bound, int step) {
        final DoubleVector zero = DoubleVector.zero(SD);
        final DoubleVector one = DoubleVector.broadcast(SD, 1.0);
        for (int i = 0; i < bound; i += step) {
            DoubleVector gv = g == null ? null : ld(g, gOff + i);
            DoubleVector d = VecMathD.tanhDerivative(ld(x, xOff + i));
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void reluBackwardD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, double[] g, int gOff, double[] out, int outOff, int bound, int step) {
        final DoubleVector zero = DoubleVector.zero(SD);
        final DoubleVector one = DoubleVector.broadcast(SD, 1.0);
        for (int i = 0; i < bound; i += step) {
            DoubleVector gv = g == null ? null : ld(g, gOff + i);
            DoubleVector v = ld(x, xOff + i);
            DoubleVector d = VecMathD.nanWhereNaN(zero.blend(one, v.compare(VectorOperators.GT, 0.0)), v);
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void leakyReluBackwardD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, double[] g, int gOff, double[] out, int outOff, int bound, int step) {
        final DoubleVector zero = DoubleVector.zero(SD);
        final DoubleVector one = DoubleVector.broadcast(SD, 1.0);
        DoubleVector slope = DoubleVector.broadcast(SD, a);
        for (int i = 0; i < bound; i += step) {
            DoubleVector gv = g == null ? null : ld(g, gOff + i);
            DoubleVector v = ld(x, xOff + i);
            DoubleVector d = VecMathD.nanWhereNaN(slope.blend(one, v.compare(VectorOperators.GT, 0.0)), v);
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void eluBackwardD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, double[] g, int gOff, double[] out, int outOff, int bound, int step) {
        final DoubleVector zero = DoubleVector.zero(SD);
        final DoubleVector one = DoubleVector.broadcast(SD, 1.0);
        // x ≤ 0 and NaN take αeˣ (NaN stays NaN); e^x may overflow where x > 0, and is replaced there
        for (int i = 0; i < bound; i += step) {
            DoubleVector gv = g == null ? null : ld(g, gOff + i);
            DoubleVector v = ld(x, xOff + i);
            DoubleVector d = VecMathD.expNonPositive(v).mul(a).blend(one, v.compare(VectorOperators.GT, 0.0));
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void softplusBackwardD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, double[] g, int gOff, double[] out, int outOff, int bound, int step) {
        final DoubleVector zero = DoubleVector.zero(SD);
        final DoubleVector one = DoubleVector.broadcast(SD, 1.0);
        for (int i = 0; i < bound; i += step) {
            DoubleVector gv = g == null ? null : ld(g, gOff + i);
            DoubleVector d = VecMathD.sigmoid(ld(x, xOff + i));
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void swishBackwardD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, double[] g, int gOff, double[] out, int outOff, int bound, int step) {
        final DoubleVector zero = DoubleVector.zero(SD);
        final DoubleVector one = DoubleVector.broadcast(SD, 1.0);
        for (int i = 0; i < bound; i += step) {
            DoubleVector gv = g == null ? null : ld(g, gOff + i);
            DoubleVector d = VecMathD.swishDerivative(ld(x, xOff + i), a);
            if (d.test(VectorOperators.IS_NAN).anyTrue()) {
                patchBackward(op, p0, p1, x, xOff + i, y, yOff + i, g, gOff + i, out, outOff + i);
            } else {
                (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
            }
        }
    }

    private static void geluBackwardD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, double[] g, int gOff, double[] out, int outOff, int bound, int step) {
        final DoubleVector zero = DoubleVector.zero(SD);
        final DoubleVector one = DoubleVector.broadcast(SD, 1.0);
        for (int i = 0; i < bound; i += step) {
            DoubleVector gv = g == null ? null : ld(g, gOff + i);
            DoubleVector d = VecMathD.geluDerivative(ld(x, xOff + i));
            if (d.test(VectorOperators.IS_NAN).anyTrue()) {
                patchBackward(op, p0, p1, x, xOff + i, y, yOff + i, g, gOff + i, out, outOff + i);
            } else {
                (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
            }
        }
    }

    private static void geluTanhBackwardD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, double[] g, int gOff, double[] out, int outOff, int bound, int step) {
        final DoubleVector zero = DoubleVector.zero(SD);
        final DoubleVector one = DoubleVector.broadcast(SD, 1.0);
        for (int i = 0; i < bound; i += step) {
            DoubleVector gv = g == null ? null : ld(g, gOff + i);
            DoubleVector d = VecMathD.geluTanhDerivative(ld(x, xOff + i));
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void hardSigmoidBackwardD(UnaryOp op, double p0, double p1, double a, double b, double[] x,
            int xOff, double[] y, int yOff, double[] g, int gOff, double[] out, int outOff, int bound, int step) {
        final DoubleVector zero = DoubleVector.zero(SD);
        final DoubleVector one = DoubleVector.broadcast(SD, 1.0);
        DoubleVector quarter = DoubleVector.broadcast(SD, 0.25);
        for (int i = 0; i < bound; i += step) {
            DoubleVector gv = g == null ? null : ld(g, gOff + i);
            DoubleVector v = ld(x, xOff + i);
            VectorMask<Double> inside = v.compare(VectorOperators.GT, -2.0).and(v.lt(2.0));
            DoubleVector d = VecMathD.nanWhereNaN(zero.blend(quarter, inside), v);
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void hardTanhBackwardD(UnaryOp op, double p0, double p1, double a, double b, double[] x, int xOff,
            double[] y, int yOff, double[] g, int gOff, double[] out, int outOff, int bound, int step) {
        final DoubleVector zero = DoubleVector.zero(SD);
        final DoubleVector one = DoubleVector.broadcast(SD, 1.0);
        for (int i = 0; i < bound; i += step) {
            DoubleVector gv = g == null ? null : ld(g, gOff + i);
            DoubleVector v = ld(x, xOff + i);
            VectorMask<Double> inside = v.compare(VectorOperators.GT, -1.0).and(v.lt(1.0));
            DoubleVector d = VecMathD.nanWhereNaN(zero.blend(one, inside), v);
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void addBinaryD(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            ld(a, aOff + i).add(ld(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void subBinaryD(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            ld(a, aOff + i).sub(ld(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void mulBinaryD(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            ld(a, aOff + i).mul(ld(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void divBinaryD(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            ld(a, aOff + i).div(ld(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void maxBinaryD(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            ld(a, aOff + i).max(ld(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void minBinaryD(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            ld(a, aOff + i).min(ld(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void addBinaryScalarD(double[] a, int aOff, DoubleVector vs, double[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            ld(a, aOff + i).add(vs).intoArray(out, outOff + i);
        }
    }

    private static void subBinaryScalarD(double[] a, int aOff, DoubleVector vs, double[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            ld(a, aOff + i).sub(vs).intoArray(out, outOff + i);
        }
    }

    private static void mulBinaryScalarD(double[] a, int aOff, DoubleVector vs, double[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            ld(a, aOff + i).mul(vs).intoArray(out, outOff + i);
        }
    }

    private static void divBinaryScalarD(double[] a, int aOff, DoubleVector vs, double[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            ld(a, aOff + i).div(vs).intoArray(out, outOff + i);
        }
    }

    private static void maxBinaryScalarD(double[] a, int aOff, DoubleVector vs, double[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            ld(a, aOff + i).max(vs).intoArray(out, outOff + i);
        }
    }

    private static void minBinaryScalarD(double[] a, int aOff, DoubleVector vs, double[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            ld(a, aOff + i).min(vs).intoArray(out, outOff + i);
        }
    }

    private static void addScalarBinaryD(DoubleVector vs, double[] b, int bOff, double[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            vs.add(ld(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void subScalarBinaryD(DoubleVector vs, double[] b, int bOff, double[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            vs.sub(ld(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void mulScalarBinaryD(DoubleVector vs, double[] b, int bOff, double[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            vs.mul(ld(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void divScalarBinaryD(DoubleVector vs, double[] b, int bOff, double[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            vs.div(ld(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void maxScalarBinaryD(DoubleVector vs, double[] b, int bOff, double[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            vs.max(ld(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void minScalarBinaryD(DoubleVector vs, double[] b, int bOff, double[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            vs.min(ld(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    // ---------------------------------------------------------------------------------------- optimizer steps
    // (in SimdOptimizerSteps, one loop per optimizer and dtype)
}
