package org.vecgrad.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Broadcasting binary ops against an independent index-arithmetic oracle, for random shapes of rank 0..4. */
class BroadcastTest {

    /** The oracle: out[idx] = a[idx with broadcast axes at 0] ∘ b[...], one element at a time. */
    static double apply(BinaryOp op, double x, double y) {
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            case MAX -> Math.max(x, y);
            case MIN -> Math.min(x, y);
        };
    }

    static float applyF(BinaryOp op, float x, float y) {
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            case MAX -> Math.max(x, y);
            case MIN -> Math.min(x, y);
        };
    }

    static double oracle(BinaryOp op, NdArray a, NdArray b, int[] outShape, int flat, boolean f32) {
        int r = outShape.length;
        int[] idx = new int[r];
        for (int i = r - 1; i >= 0; i--) {
            idx[i] = flat % outShape[i];
            flat /= outShape[i];
        }
        double x = a.getFlat(project(idx, a.shape()));
        double y = b.getFlat(project(idx, b.shape()));
        return f32 ? applyF(op, (float) x, (float) y) : apply(op, x, y);
    }

    static int project(int[] outIdx, int[] shape) {
        int lead = outIdx.length - shape.length;
        int flat = 0;
        for (int i = 0; i < shape.length; i++) {
            int ix = shape[i] == 1 ? 0 : outIdx[lead + i];
            flat = flat * shape[i] + ix;
        }
        return flat;
    }

    /** Random out shape, then a and b each take each axis as full or 1, and may drop leading axes. */
    static int[][] randomPair(SplittableRandom rng) {
        int rank = rng.nextInt(5);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            out[i] = rng.nextInt(6) == 0 ? 1 : 1 + rng.nextInt(7);
        }
        int[] a = out.clone();
        int[] b = out.clone();
        for (int i = 0; i < rank; i++) {
            int choice = rng.nextInt(3);
            if (choice == 1) {
                a[i] = 1;
            } else if (choice == 2) {
                b[i] = 1;
            }
        }
        return new int[][] {java.util.Arrays.copyOfRange(a, rng.nextInt(rank + 1) == 0 ? rank : 0, rank),
            java.util.Arrays.copyOfRange(b, rng.nextInt(3) == 0 ? rng.nextInt(rank + 1) : 0, rank)};
    }

    @Test
    void broadcastMatchesOracleForRandomShapesOpsAndDtypes() {
        qt().withExamples(400).forAll(longs().all(), integers().between(0, BinaryOp.values().length - 1),
                integers().between(0, 1)).checkAssert((seed, opIndex, dt) -> {
                    SplittableRandom rng = new SplittableRandom(seed);
                    BinaryOp op = BinaryOp.values()[opIndex];
                    DType dtype = dt == 0 ? DType.F32 : DType.F64;
                    int[][] shapes = randomPair(rng);
                    NdArray a = NdArray.uniform(dtype, rng, -3, 3, shapes[0]);
                    NdArray b = NdArray.uniform(dtype, rng, 0.5, 3, shapes[1]);
                    NdArray out = a.binary(op, b);
                    int[] os = Shapes.broadcast(shapes[0], shapes[1]);
                    assertArrayEquals(os, out.shape());
                    for (int i = 0; i < out.size(); i++) {
                        double want = oracle(op, a, b, os, i, dtype == DType.F32);
                        assertEquals(want, out.getFlat(i), 0.0, () -> op + " " + Shapes.str(shapes[0]) + " and "
                                + Shapes.str(shapes[1]));
                    }
                });
    }

    @Test
    void inPlaceFormsWriteIntoThis() {
        NdArray m = NdArray.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        NdArray row = NdArray.of(new double[] {10, 20, 30});
        NdArray col = NdArray.of(new double[] {1, 2}, 2, 1);
        m.addInPlace(row).mulInPlace(col);
        assertEquals(NdArray.of(new double[][] {{11, 22, 33}, {28, 50, 72}}), m);
    }

    @Test
    void scalarOperandsOnEitherSide() {
        NdArray v = NdArray.of(new float[] {1, 2, 4});
        NdArray two = NdArray.scalar(DType.F32, 2);
        assertEquals(NdArray.of(new float[] {0.5f, 1, 2}), v.div(two));
        assertEquals(NdArray.of(new float[] {2, 1, 0.5f}), two.div(v));
        assertEquals(NdArray.of(new float[] {-1, 0, 2}), v.sub(2));
    }

    @Test
    void mismatchNamesBothShapesAndLeavesOutUntouched() {
        NdArray a = NdArray.zeros(DType.F32, 2, 3);
        NdArray b = NdArray.ones(DType.F32, 4);
        var e = assertThrows(IllegalArgumentException.class, () -> a.add(b));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4]"), e.getMessage());
        NdArray out = NdArray.full(DType.F32, 7, 3, 3);
        var e2 = assertThrows(IllegalArgumentException.class, () -> a.binary(BinaryOp.ADD, a, out));
        assertTrue(e2.getMessage().contains("[3, 3]"), e2.getMessage());
        assertEquals(NdArray.full(DType.F32, 7, 3, 3), out);
        var e3 = assertThrows(IllegalArgumentException.class, () -> a.addInPlace(NdArray.ones(DType.F32, 4, 2, 3)));
        assertTrue(e3.getMessage().contains("[4, 2, 3]"), e3.getMessage());
        assertEquals(NdArray.zeros(DType.F32, 2, 3), a);
    }

    @Test
    void dtypeMismatchIsRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> NdArray.zeros(DType.F32, 2).mul(NdArray.zeros(DType.F64, 2)));
        assertTrue(e.getMessage().contains("F32") && e.getMessage().contains("F64"), e.getMessage());
    }
}
