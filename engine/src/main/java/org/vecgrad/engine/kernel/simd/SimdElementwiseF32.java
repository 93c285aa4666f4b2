// Generated from engine/src/main/templates/org/vecgrad/engine/kernel/simd/SimdElementwise-X.java.template
// by engine/src/test/java/org/vecgrad/engine/codegen/Codegen.java; do not edit.
package org.vecgrad.engine.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.vecgrad.engine.BinaryOp;
import org.vecgrad.engine.UnaryOp;
import org.vecgrad.engine.kernel.math.VecMathF;
import org.vecgrad.engine.kernel.scalar.ScalarElementwise;

/**
 * The F32 elementwise kernels of {@link SimdElementwise}, which states what they compute and how accurately. Each
 * call dispatches on the op once and runs one loop per op over whole vectors up to {@code S.loopBound(n)}; the tail
 * goes to the reference. Generated with its twin from {@code SimdElementwise-X.java.template}; the twins differ only
 * in the parameters' rounding (F32 rounds them to float) and in GELU's short central form, which only F32 has.
 */
final class SimdElementwiseF32 {

    private static final VectorSpecies<Float> S = SimdSpecies.F;
    private static final ScalarElementwise REF = new ScalarElementwise();

    private SimdElementwiseF32() {
    }

    static void unary(UnaryOp op, double p0, double p1, float[] x, int xOff, float[] y, int yOff, int n) {
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
        final int bound = S.loopBound(n);
        final int step = S.length();
        if (op == UnaryOp.SWISH && a == 1f) {
            // SiLU, the usual swish: βx = x is exact, so plain σ serves (no rounding-error pair for βx)
            siluUnary(op, p0, p1, x, xOff, y, yOff, bound, step);
            REF.unary(op, p0, p1, x, xOff + bound, y, yOff + bound, n - bound);
            return;
        }
        // one loop per op: the switch runs once per call, each loop body inlines to straight vector code
        switch (op) {
            case NEG -> negUnary(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case ABS -> absUnary(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case EXP -> expUnary(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case SQRT -> sqrtUnary(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case SQUARE -> squareUnary(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case CLAMP -> clampUnary(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case STEP -> stepUnary(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case SIGMOID -> sigmoidUnary(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case TANH -> tanhUnary(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case RELU -> reluUnary(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case LEAKY_RELU -> leakyReluUnary(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case ELU -> eluUnary(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case SOFTPLUS -> softplusUnary(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case SWISH -> swishUnary(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case GELU -> geluUnary(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case GELU_TANH -> geluTanhUnary(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case HARD_SIGMOID -> hardSigmoidUnary(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            case HARD_TANH -> hardTanhUnary(op, p0, p1, a, b, x, xOff, y, yOff, bound, step);
            default -> throw new AssertionError(op);
        }
        // tail: fewer than one vector, by the reference
        REF.unary(op, p0, p1, x, xOff + bound, y, yOff + bound, n - bound);
    }

    private static void siluUnary(UnaryOp op, double p0, double p1, float[] x, int xOff, float[] y, int yOff,
            int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            FloatVector v = load(x, xOff + i);
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
        REF.unary(op, p0, p1, x, xOff, y, yOff, S.length());
    }

    static void unaryBackward(UnaryOp op, double p0, double p1, float[] x, int xOff, float[] y, int yOff,
                              float[] g, int gOff, float[] out, int outOff, int n) {
        if (op == UnaryOp.POW) {
            REF.unaryBackward(op, p0, p1, x, xOff, y, yOff, g, gOff, out, outOff, n);
            return;
        }
        final float a = (float) p0;
        final float b = (float) p1;
        final int bound = S.loopBound(n);
        final int step = S.length();
        // each loop loads g first: a load parsed after a long vector expression can fall outside C2's inlining
        // budget (NodeCountInliningCutoff), and a vector that crosses a real call is boxed
        switch (op) {
            case IDENTITY -> identityBackward(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case NEG -> negBackward(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case ABS -> absBackward(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case EXP -> expBackward(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case LOG -> logBackward(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case SQRT -> sqrtBackward(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case SQUARE -> squareBackward(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case CLAMP -> clampBackward(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case STEP -> stepBackward(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case SIGMOID -> sigmoidBackward(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case TANH -> tanhBackward(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case RELU -> reluBackward(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case LEAKY_RELU -> leakyReluBackward(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound,
                    step);
            case ELU -> eluBackward(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case SOFTPLUS -> softplusBackward(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case SWISH -> swishBackward(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case GELU -> geluBackward(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound, step);
            case GELU_TANH -> geluTanhBackward(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound,
                    step);
            case HARD_SIGMOID -> hardSigmoidBackward(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound,
                    step);
            case HARD_TANH -> hardTanhBackward(op, p0, p1, a, b, x, xOff, y, yOff, g, gOff, out, outOff, bound,
                    step);
            default -> throw new AssertionError(op);
        }
        REF.unaryBackward(op, p0, p1, x, xOff + bound, y, yOff + bound, g, gOff + bound, out, outOff + bound,
                n - bound);
    }

    /** As {@link #patch}, for the backward rule (limits of the swish and gelu derivatives at ±∞). */
    private static void patchBackward(UnaryOp op, double p0, double p1, float[] x, int xOff, float[] y, int yOff,
                                      float[] g, int gOff, float[] out, int outOff) {
        REF.unaryBackward(op, p0, p1, x, xOff, y, yOff, g, gOff, out, outOff, S.length());
    }

    static void binary(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        final int bound = S.loopBound(n);
        final int step = S.length();
        switch (op) {
            case ADD -> addBinary(a, aOff, b, bOff, out, outOff, bound, step);
            case SUB -> subBinary(a, aOff, b, bOff, out, outOff, bound, step);
            case MUL -> mulBinary(a, aOff, b, bOff, out, outOff, bound, step);
            case DIV -> divBinary(a, aOff, b, bOff, out, outOff, bound, step);
            case MAX -> maxBinary(a, aOff, b, bOff, out, outOff, bound, step);
            case MIN -> minBinary(a, aOff, b, bOff, out, outOff, bound, step);
            default -> throw new AssertionError(op);
        }
        REF.binary(op, a, aOff + bound, b, bOff + bound, out, outOff + bound, n - bound);
    }

    static void binaryScalar(BinaryOp op, float[] a, int aOff, float s, float[] out, int outOff, int n) {
        final int bound = S.loopBound(n);
        final int step = S.length();
        switch (op) {                                                   // each loop broadcasts s itself
            case ADD -> addBinaryScalar(a, aOff, s, out, outOff, bound, step);
            case SUB -> subBinaryScalar(a, aOff, s, out, outOff, bound, step);
            case MUL -> mulBinaryScalar(a, aOff, s, out, outOff, bound, step);
            case DIV -> divBinaryScalar(a, aOff, s, out, outOff, bound, step);
            case MAX -> maxBinaryScalar(a, aOff, s, out, outOff, bound, step);
            case MIN -> minBinaryScalar(a, aOff, s, out, outOff, bound, step);
            default -> throw new AssertionError(op);
        }
        REF.binaryScalar(op, a, aOff + bound, s, out, outOff + bound, n - bound);
    }

    static void scalarBinary(BinaryOp op, float s, float[] b, int bOff, float[] out, int outOff, int n) {
        final int bound = S.loopBound(n);
        final int step = S.length();
        switch (op) {                                                   // each loop broadcasts s itself
            case ADD -> addScalarBinary(s, b, bOff, out, outOff, bound, step);
            case SUB -> subScalarBinary(s, b, bOff, out, outOff, bound, step);
            case MUL -> mulScalarBinary(s, b, bOff, out, outOff, bound, step);
            case DIV -> divScalarBinary(s, b, bOff, out, outOff, bound, step);
            case MAX -> maxScalarBinary(s, b, bOff, out, outOff, bound, step);
            case MIN -> minScalarBinary(s, b, bOff, out, outOff, bound, step);
            default -> throw new AssertionError(op);
        }
        REF.scalarBinary(op, s, b, bOff + bound, out, outOff + bound, n - bound);
    }

    static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        final int bound = S.loopBound(n);
        final int step = S.length();
        final FloatVector va = FloatVector.broadcast(S, alpha);
        // fma: one rounding per element, bit-identical to Math.fma in the reference
        for (int i = 0; i < bound; i += step) {
            load(x, xOff + i).fma(va, load(y, yOff + i)).intoArray(y, yOff + i);
        }
        if (bound < n) {                                                // the tail: one masked vector
            VectorMask<Float> m = S.indexInRange(bound, n);
            FloatVector.fromArray(S, x, xOff + bound, m).fma(va, FloatVector.fromArray(S, y, yOff + bound, m))
                    .intoArray(y, yOff + bound, m);
        }
    }

    /** Whole vectors of each row, then its tail as one masked vector (the mask made once per call). */
    static void addRows(float[] x, int xOff, int ldx, float[] y, int yOff, int ldy, int len, int rows) {
        final int bound = S.loopBound(len);
        final int step = S.length();
        VectorMask<Float> m = S.indexInRange(bound, len);
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * ldx;
            int yr = yOff + r * ldy;
            for (int t = 0; t < bound; t += step) {
                load(y, yr + t).add(load(x, xr + t)).intoArray(y, yr + t);
            }
            if (bound < len) {
                FloatVector.fromArray(S, y, yr + bound, m).add(FloatVector.fromArray(S, x, xr + bound, m))
                        .intoArray(y, yr + bound, m);
            }
        }
    }

    /**
     * Whole vectors of each row, the last one ending at the row's end and overlapping the one before (y is
     * written, not updated, so the overlap writes the same values again: no masked tail, whose out-of-range path
     * at the end of y would reach the JDK's shared profile); rows shorter than a vector by the reference.
     */
    static void biasRows(float[] x, int xOff, int ldx, float b, boolean relu, float[] y, int yOff, int ldy,
                         int len, int rows) {
        if (len < S.length()) {
            REF.biasRows(x, xOff, ldx, b, relu, y, yOff, ldy, len, rows);
            return;
        }
        final int step = S.length();
        FloatVector vb = FloatVector.broadcast(S, b);
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * ldx;
            int yr = yOff + r * ldy;
            for (int t = 0; t < len; t += step) {
                int c = Math.min(t, len - step);
                FloatVector v = load(x, xr + c).add(vb);
                if (relu) {                                                 // blend, not max: as reluUnary
                    v = v.blend((float) 0, v.compare(VectorOperators.LE, (float) 0));
                }
                v.intoArray(y, yr + c);
            }
        }
    }

    /**
     * Per column o, vectors of L positions gathered down the column (one gather through the lane offsets i·ldx),
     * the last vector ending at n and overlapping the one before (y is written, so the overlap writes the same
     * values again); fewer than L positions by the reference.
     */
    static void transposeBias(float[] x, int xOff, int ldx, int outs, float[] b, int bOff, boolean relu,
                              float[] y, int yOff, int ldy, int n) {
        if (n < S.length()) {
            REF.transposeBias(x, xOff, ldx, outs, b, bOff, relu, y, yOff, ldy, n);
            return;
        }
        int[] map = laneOffsets(ldx);
        for (int o = 0; o < outs; o++) {
            transposeColumn(x, xOff + o, map, b == null ? 0 : b[bOff + o], relu, y, yOff + o * ldy, n);
        }
    }

    /** The last lane-offset table, i·ldx for i &lt; L (immutable, so any thread may read the one it sees). */
    private static volatile int[] laneOffsets = new int[0];

    private static int[] laneOffsets(int ldx) {
        int[] map = laneOffsets;
        if (map.length != S.length() || map[S.length() - 1] != (S.length() - 1) * ldx) {
            map = new int[S.length()];
            for (int i = 0; i < map.length; i++) {
                map[i] = i * ldx;
            }
            laneOffsets = map;
        }
        return map;
    }

    /** y[yo + q] = act(x[xo + q·ldx] + b) for q &lt; n ≥ L, ldx in the map: gathers down the column. */
    private static void transposeColumn(float[] x, int xo, int[] map, float b, boolean relu, float[] y, int yo,
                                        int n) {
        final int step = S.length();
        int ldx = map[1];
        FloatVector vb = FloatVector.broadcast(S, b);
        for (int t = 0; t < n; t += step) {
            int c = Math.min(t, n - step);
            FloatVector v = FloatVector.fromArray(S, x, xo + c * ldx, map, 0).add(vb);
            if (relu) {
                v = v.blend((float) 0, v.compare(VectorOperators.LE, (float) 0));
            }
            v.intoArray(y, yo + c);
        }
    }

    private static FloatVector load(float[] a, int off) {
        return FloatVector.fromArray(S, a, off);
    }

    // one method per op and kernel: small compilation units, so C2 inlines every vector operation (one big
    // method with all loops exceeds the inlining budget and the vectors end up boxed); no vector is passed to them
    // (one that C2 does not inline would receive it boxed: an object and an array per call)

    private static void negUnary(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            load(x, xOff + i).neg().intoArray(y, yOff + i);
        }
    }

    private static void absUnary(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            load(x, xOff + i).abs().intoArray(y, yOff + i);
        }
    }

    private static void expUnary(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            VecMathF.exp(load(x, xOff + i)).intoArray(y, yOff + i);
        }
    }

    private static void sqrtUnary(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            load(x, xOff + i).sqrt().intoArray(y, yOff + i);
        }
    }

    private static void squareUnary(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            FloatVector v = load(x, xOff + i);
            v.mul(v).intoArray(y, yOff + i);
        }
    }

    private static void clampUnary(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            load(x, xOff + i).max(a).min(b).intoArray(y, yOff + i);
        }
    }

    private static void stepUnary(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, int bound, int step) {
        FloatVector zero = FloatVector.zero(S);
        for (int i = 0; i < bound; i += step) {
            FloatVector v = load(x, xOff + i);
            VecMathF.nanWhereNaN(zero.blend(1f, v.compare(VectorOperators.GT, 0f)), v).intoArray(y, yOff + i);
        }
    }

    private static void sigmoidUnary(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            VecMathF.sigmoid(load(x, xOff + i)).intoArray(y, yOff + i);
        }
    }

    private static void tanhUnary(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            VecMathF.tanh(load(x, xOff + i)).intoArray(y, yOff + i);
        }
    }

    private static void reluUnary(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, int bound, int step) {
        // blend, not max: x ≤ 0 (incl. −0) → +0, NaN kept, as Math.max(x, 0)
        for (int i = 0; i < bound; i += step) {
            FloatVector v = load(x, xOff + i);
            v.blend(0f, v.compare(VectorOperators.LE, 0f)).intoArray(y, yOff + i);
        }
    }

    private static void leakyReluUnary(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            FloatVector v = load(x, xOff + i);
            v.mul(a).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, yOff + i);
        }
    }

    private static void eluUnary(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            VecMathF.elu(load(x, xOff + i), a).intoArray(y, yOff + i);
        }
    }

    private static void softplusUnary(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            VecMathF.softplus(load(x, xOff + i)).intoArray(y, yOff + i);
        }
    }

    private static void swishUnary(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            FloatVector r = VecMathF.swish(load(x, xOff + i), a);
            if (r.test(VectorOperators.IS_NAN).anyTrue()) {
                patch(op, p0, p1, x, xOff + i, y, yOff + i);
            } else {
                r.intoArray(y, yOff + i);
            }
        }
    }

    private static void geluUnary(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            FloatVector v = load(x, xOff + i);
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

    private static void geluTanhUnary(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            FloatVector r = VecMathF.geluTanh(load(x, xOff + i));
            if (r.test(VectorOperators.IS_NAN).anyTrue()) {
                patch(op, p0, p1, x, xOff + i, y, yOff + i);
            } else {
                r.intoArray(y, yOff + i);
            }
        }
    }

    private static void hardSigmoidUnary(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            load(x, xOff + i).fma(0.25f, 0.5f).max(0f).min(1f).intoArray(y, yOff + i);
        }
    }

    private static void hardTanhUnary(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, int bound, int step) {
        for (int i = 0; i < bound; i += step) {
            load(x, xOff + i).max(-1f).min(1f).intoArray(y, yOff + i);
        }
    }

    private static void identityBackward(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(S);
        final FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : load(g, gOff + i);
            FloatVector d = VecMathF.nanWhereNaN(one, load(x, xOff + i));
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void negBackward(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(S);
        final FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector minusOne = one.neg();
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : load(g, gOff + i);
            FloatVector d = VecMathF.nanWhereNaN(minusOne, load(x, xOff + i));
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void absBackward(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(S);
        final FloatVector one = FloatVector.broadcast(S, 1f);
        // sign(x), keeping x itself for ±0 and NaN (Math.signum)
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : load(g, gOff + i);
            FloatVector v = load(x, xOff + i);
            FloatVector d = v.blend(1f, v.compare(VectorOperators.GT, 0f)).blend(-1f, v.lt(0f));
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void expBackward(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(S);
        final FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : load(g, gOff + i);
            FloatVector d = load(y, yOff + i);
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void logBackward(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(S);
        final FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : load(g, gOff + i);
            FloatVector d = one.div(load(x, xOff + i));
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void sqrtBackward(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(S);
        final FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : load(g, gOff + i);
            FloatVector w = load(y, yOff + i);
            FloatVector d = one.div(w.add(w));
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void squareBackward(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(S);
        final FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : load(g, gOff + i);
            FloatVector v = load(x, xOff + i);
            FloatVector d = v.add(v);
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void clampBackward(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(S);
        final FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : load(g, gOff + i);
            FloatVector v = load(x, xOff + i);
            VectorMask<Float> inside = v.compare(VectorOperators.GE, a).and(v.compare(VectorOperators.LE, b));
            FloatVector d = VecMathF.nanWhereNaN(zero.blend(one, inside), v);
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void stepBackward(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(S);
        final FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : load(g, gOff + i);
            FloatVector d = VecMathF.nanWhereNaN(zero, load(x, xOff + i));
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void sigmoidBackward(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(S);
        final FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : load(g, gOff + i);
            FloatVector d = VecMathF.sigmoidDerivative(load(x, xOff + i));
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void tanhBackward(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(S);
        final FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : load(g, gOff + i);
            FloatVector d = VecMathF.tanhDerivative(load(x, xOff + i));
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void reluBackward(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(S);
        final FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : load(g, gOff + i);
            FloatVector v = load(x, xOff + i);
            FloatVector d = VecMathF.nanWhereNaN(zero.blend(one, v.compare(VectorOperators.GT, 0f)), v);
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void leakyReluBackward(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(S);
        final FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector slope = FloatVector.broadcast(S, a);
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : load(g, gOff + i);
            FloatVector v = load(x, xOff + i);
            FloatVector d = VecMathF.nanWhereNaN(slope.blend(one, v.compare(VectorOperators.GT, 0f)), v);
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void eluBackward(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(S);
        final FloatVector one = FloatVector.broadcast(S, 1f);
        // x ≤ 0 and NaN take αeˣ (NaN stays NaN); e^x may overflow where x > 0, and is replaced there
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : load(g, gOff + i);
            FloatVector v = load(x, xOff + i);
            FloatVector d = VecMathF.expNonPositive(v).mul(a).blend(one, v.compare(VectorOperators.GT, 0f));
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void softplusBackward(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(S);
        final FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : load(g, gOff + i);
            FloatVector d = VecMathF.sigmoid(load(x, xOff + i));
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void swishBackward(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(S);
        final FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : load(g, gOff + i);
            FloatVector d = VecMathF.swishDerivative(load(x, xOff + i), a);
            if (d.test(VectorOperators.IS_NAN).anyTrue()) {
                patchBackward(op, p0, p1, x, xOff + i, y, yOff + i, g, gOff + i, out, outOff + i);
            } else {
                (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
            }
        }
    }

    private static void geluBackward(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(S);
        final FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : load(g, gOff + i);
            FloatVector d = VecMathF.geluDerivative(load(x, xOff + i));
            if (d.test(VectorOperators.IS_NAN).anyTrue()) {
                patchBackward(op, p0, p1, x, xOff + i, y, yOff + i, g, gOff + i, out, outOff + i);
            } else {
                (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
            }
        }
    }

    private static void geluTanhBackward(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(S);
        final FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : load(g, gOff + i);
            FloatVector d = VecMathF.geluTanhDerivative(load(x, xOff + i));
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void hardSigmoidBackward(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(S);
        final FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector quarter = FloatVector.broadcast(S, 0.25f);
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : load(g, gOff + i);
            FloatVector v = load(x, xOff + i);
            VectorMask<Float> inside = v.compare(VectorOperators.GT, -2f).and(v.lt(2f));
            FloatVector d = VecMathF.nanWhereNaN(zero.blend(quarter, inside), v);
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void hardTanhBackward(UnaryOp op, double p0, double p1, float a, float b, float[] x, int xOff,
            float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int bound, int step) {
        final FloatVector zero = FloatVector.zero(S);
        final FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < bound; i += step) {
            FloatVector gv = g == null ? null : load(g, gOff + i);
            FloatVector v = load(x, xOff + i);
            VectorMask<Float> inside = v.compare(VectorOperators.GT, -1f).and(v.lt(1f));
            FloatVector d = VecMathF.nanWhereNaN(zero.blend(one, inside), v);
            (g == null ? d : d.mul(gv)).intoArray(out, outOff + i);
        }
    }

    private static void addBinary(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            load(a, aOff + i).add(load(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void subBinary(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            load(a, aOff + i).sub(load(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void mulBinary(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            load(a, aOff + i).mul(load(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void divBinary(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            load(a, aOff + i).div(load(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void maxBinary(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            load(a, aOff + i).max(load(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void minBinary(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int bound,
            int step) {
        for (int i = 0; i < bound; i += step) {
            load(a, aOff + i).min(load(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void addBinaryScalar(float[] a, int aOff, float s, float[] out, int outOff, int bound,
            int step) {
        FloatVector vs = FloatVector.broadcast(S, s);
        for (int i = 0; i < bound; i += step) {
            load(a, aOff + i).add(vs).intoArray(out, outOff + i);
        }
    }

    private static void subBinaryScalar(float[] a, int aOff, float s, float[] out, int outOff, int bound,
            int step) {
        FloatVector vs = FloatVector.broadcast(S, s);
        for (int i = 0; i < bound; i += step) {
            load(a, aOff + i).sub(vs).intoArray(out, outOff + i);
        }
    }

    private static void mulBinaryScalar(float[] a, int aOff, float s, float[] out, int outOff, int bound,
            int step) {
        FloatVector vs = FloatVector.broadcast(S, s);
        for (int i = 0; i < bound; i += step) {
            load(a, aOff + i).mul(vs).intoArray(out, outOff + i);
        }
    }

    private static void divBinaryScalar(float[] a, int aOff, float s, float[] out, int outOff, int bound,
            int step) {
        FloatVector vs = FloatVector.broadcast(S, s);
        for (int i = 0; i < bound; i += step) {
            load(a, aOff + i).div(vs).intoArray(out, outOff + i);
        }
    }

    private static void maxBinaryScalar(float[] a, int aOff, float s, float[] out, int outOff, int bound,
            int step) {
        FloatVector vs = FloatVector.broadcast(S, s);
        for (int i = 0; i < bound; i += step) {
            load(a, aOff + i).max(vs).intoArray(out, outOff + i);
        }
    }

    private static void minBinaryScalar(float[] a, int aOff, float s, float[] out, int outOff, int bound,
            int step) {
        FloatVector vs = FloatVector.broadcast(S, s);
        for (int i = 0; i < bound; i += step) {
            load(a, aOff + i).min(vs).intoArray(out, outOff + i);
        }
    }

    private static void addScalarBinary(float s, float[] b, int bOff, float[] out, int outOff, int bound,
            int step) {
        FloatVector vs = FloatVector.broadcast(S, s);
        for (int i = 0; i < bound; i += step) {
            vs.add(load(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void subScalarBinary(float s, float[] b, int bOff, float[] out, int outOff, int bound,
            int step) {
        FloatVector vs = FloatVector.broadcast(S, s);
        for (int i = 0; i < bound; i += step) {
            vs.sub(load(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void mulScalarBinary(float s, float[] b, int bOff, float[] out, int outOff, int bound,
            int step) {
        FloatVector vs = FloatVector.broadcast(S, s);
        for (int i = 0; i < bound; i += step) {
            vs.mul(load(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void divScalarBinary(float s, float[] b, int bOff, float[] out, int outOff, int bound,
            int step) {
        FloatVector vs = FloatVector.broadcast(S, s);
        for (int i = 0; i < bound; i += step) {
            vs.div(load(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void maxScalarBinary(float s, float[] b, int bOff, float[] out, int outOff, int bound,
            int step) {
        FloatVector vs = FloatVector.broadcast(S, s);
        for (int i = 0; i < bound; i += step) {
            vs.max(load(b, bOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void minScalarBinary(float s, float[] b, int bOff, float[] out, int outOff, int bound,
            int step) {
        FloatVector vs = FloatVector.broadcast(S, s);
        for (int i = 0; i < bound; i += step) {
            vs.min(load(b, bOff + i)).intoArray(out, outOff + i);
        }
    }
}
