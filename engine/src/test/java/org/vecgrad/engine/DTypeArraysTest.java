package org.vecgrad.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Creation, element access, views, copies, equality and printing for every dtype. */
class DTypeArraysTest {

    @Test
    void dtypePropertiesMatchPyTorchs() {
        assertArrayEquals(new int[] {4, 8, 8, 4, 1},
                java.util.Arrays.stream(DType.values()).mapToInt(DType::byteSize).toArray());
        for (DType dt : DType.values()) {
            boolean fp = dt == DType.F32 || dt == DType.F64;
            assertEquals(fp, dt.isFloatingPoint(), dt.name());
            assertEquals(dt == DType.I64 || dt == DType.I32, dt.isIntegral(), dt.name());
            assertEquals(dt != DType.BOOL, dt.isSigned(), dt.name());
        }
    }

    @Test
    void theClassDocExampleDoesWhatItSays() {
        NdArray x = NdArray.of(new float[] {0.2f, 1.5f, -3f, 0.7f}, 2, 2);
        NdArray labels = NdArray.of(new long[] {1, 0});
        NdArray pred = x.argmax(1, false);
        assertEquals(NdArray.of(new long[] {1, 1}), pred);
        assertEquals(NdArray.of(new boolean[] {true, false}), pred.eq(labels));
        assertEquals(0.5, pred.eq(labels).sum() / labels.size());
        assertEquals(NdArray.of(new float[] {1.5f, -3f}, 2, 1), x.gather(1, labels.reshape(2, 1)));
        assertEquals(NdArray.of(new float[] {0.2f, 1.5f, -3f * 0.1f, 0.7f}, 2, 2),
                NdArray.where(x.gt(0), x, x.mul(0.1)));
    }

    @Test
    void factoriesMakeEveryDtype() {
        NdArray l = NdArray.of(new long[] {1, Long.MIN_VALUE, 3, 4}, 2, 2);
        assertEquals(DType.I64, l.dtype());
        assertArrayEquals(new int[] {2, 2}, l.shape());
        assertEquals(Long.MIN_VALUE, l.getFlatLong(1));
        NdArray i = NdArray.of(new int[] {5, -6});
        assertEquals(DType.I32, i.dtype());
        assertArrayEquals(new int[] {5, -6}, i.toIntArray());
        NdArray b = NdArray.of(new boolean[] {true, false, true});
        assertEquals(DType.BOOL, b.dtype());
        assertArrayEquals(new boolean[] {true, false, true}, b.toBooleanArray());
        assertArrayEquals(new long[] {0, 1, 2, 3, 4}, NdArray.arange(DType.I64, 5).toLongArray());
        assertArrayEquals(new int[] {-3, -3, -3}, NdArray.full(DType.I32, -3.9, 3).toIntArray());
        assertArrayEquals(new boolean[] {true, true}, NdArray.ones(DType.BOOL, 2).toBooleanArray());
        assertArrayEquals(new boolean[] {false, false}, NdArray.zeros(DType.BOOL, 2).toBooleanArray());
        assertArrayEquals(new long[] {1, 2, 3, 4, 5, 6}, NdArray.of(new long[][] {{1, 2, 3}, {4, 5, 6}})
                .toLongArray());
        assertEquals(7L, NdArray.scalar(DType.I64, 7).itemLong());
    }

    @Test
    void ofCopiesAndWrapSharesForEveryDtype() {
        long[] l = {1, 2, 3};
        NdArray copied = NdArray.of(l);
        NdArray shared = NdArray.wrap(l, 1, 2);
        l[1] = 20;
        assertEquals(2, copied.getFlatLong(1));
        assertEquals(20, shared.getFlatLong(0));
        assertSame(l, shared.longData());
        assertEquals(1, shared.offset());
        int[] i = {1, 2};
        NdArray wi = NdArray.wrap(i, 0, 2);
        wi.setFlatLong(1, -9);
        assertEquals(-9, i[1]);
        boolean[] z = {false};
        NdArray.wrap(z, 0).setFlat(0, 3.5);
        assertTrue(z[0]);
    }

    @Test
    void elementAccessConvertsAsDocumented() {
        NdArray l = NdArray.zeros(DType.I64, 4);
        l.setFlat(0, 2.7);
        l.setFlat(1, -2.7);
        l.setFlatLong(2, Long.MAX_VALUE);
        l.set(-0.0, 3);
        assertArrayEquals(new long[] {2, -2, Long.MAX_VALUE, 0}, l.toLongArray());
        assertEquals(0x1p63, l.getFlat(2)); // rounds to the nearest double
        NdArray f = NdArray.zeros(DType.F32, 1);
        f.setFlatLong(0, (1L << 24) + 1); // one rounding from long: ties to even gives 2^24
        assertEquals(0x1p24, f.getFlat(0));
        f.setFlatLong(0, Long.MAX_VALUE);
        assertEquals(0x1p63f, f.floatData()[0]);
        NdArray b = NdArray.zeros(DType.BOOL, 3);
        b.setFlat(0, Double.NaN);
        b.setFlat(1, -0.0);
        b.setFlatLong(2, -5);
        assertArrayEquals(new boolean[] {true, false, true}, b.toBooleanArray());
        assertEquals(1.0, b.getFlat(0));
        assertEquals(0L, b.getFlatLong(1));
        assertEquals(-3L, NdArray.of(new double[] {-3.99}).getFlatLong(0));
        assertEquals(-3L, NdArray.of(new double[] {-3.99}).itemLong());
    }

    @Test
    void storageAccessorsShareOrRefuseWithTheRightName() {
        NdArray i = NdArray.of(new int[] {1, 2});
        assertSame(i.intData(), i.reshape(2, 1).intData());
        IllegalStateException e = assertThrows(IllegalStateException.class, i::floatData);
        assertTrue(e.getMessage().contains("intData()") && e.getMessage().contains("to(F32)"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> NdArray.zeros(DType.F32, 1).booleanData());
        assertTrue(e.getMessage().contains("floatData()") && e.getMessage().contains("to(BOOL)"), e.getMessage());
    }

    @Test
    void viewsCopiesPermuteAndConcatWorkForEveryDtype() {
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom rng = new SplittableRandom(seed);
            for (DType dt : DTypeData.ALL) {
                NdArray x = DTypeData.random(dt, rng, 2, 3, 4);
                NdArray snapshot = x.copy();
                assertEquals(x, snapshot, dt.name());
                NdArray row = x.row(1);
                NdArray rows = x.rows(1, 2).reshape(3, 4);
                assertEquals(row, rows, dt.name());
                NdArray flat = x.reshape(-1);
                for (int k = 0; k < 12; k++) {
                    assertTrue(row.storage().sameElement(row.offset() + k, flat.storage(), flat.offset() + 12 + k));
                }
                // writes through a view show in the array; the copy is independent
                row.copyFrom(x.row(0));
                assertEquals(x.row(0), x.row(1), dt.name());
                assertEquals(snapshot.row(1), snapshot.row(1).copy());
                x.copyFrom(snapshot);
                assertEquals(snapshot, x, dt.name());
                // a random permutation against index arithmetic, and back
                int[] perm = {0, 1, 2};
                for (int i = 2; i > 0; i--) {
                    int j = rng.nextInt(i + 1);
                    int t = perm[i];
                    perm[i] = perm[j];
                    perm[j] = t;
                }
                NdArray p = DTypeData.offset(x, rng).permute(perm);
                int[] inverse = new int[3];
                for (int i = 0; i < 3; i++) {
                    assertEquals(x.shape(perm[i]), p.shape(i));
                    inverse[perm[i]] = i;
                }
                for (int k = 0; k < p.size(); k++) {
                    int[] o = DTypeData.unravel(k, p.shape());
                    int[] at = new int[3];
                    for (int i = 0; i < 3; i++) {
                        at[perm[i]] = o[i];
                    }
                    int src = DTypeData.ravel(at, x.shape());
                    assertTrue(p.storage().sameElement(k, x.storage(), x.offset() + src), dt + " permute " + k);
                }
                assertEquals(x, p.permute(inverse), dt.name());
                NdArray c = NdArray.concat(1, x, snapshot);
                assertArrayEquals(new int[] {2, 6, 4}, c.shape());
                assertEquals(x, c.indexSelect(1, NdArray.of(new int[] {0, 1, 2})), dt.name());
                assertEquals(snapshot, c.indexSelect(-2, NdArray.of(new long[] {3, 4, 5})), dt.name());
            }
        });
    }

    @Test
    void equalityIsPerDtypeAndBitwise() {
        assertNotEquals(NdArray.of(new long[] {1}), NdArray.of(new int[] {1}));
        assertNotEquals(NdArray.of(new long[] {Long.MAX_VALUE}), NdArray.of(new long[] {Long.MAX_VALUE - 1}));
        assertEquals(NdArray.of(new long[] {Long.MAX_VALUE}).hashCode(), NdArray.of(new long[] {Long.MAX_VALUE})
                .hashCode());
        assertEquals(NdArray.of(new float[] {Float.NaN}), NdArray.of(new float[] {Float.intBitsToFloat(0x7fc00001)}));
        assertNotEquals(NdArray.of(new float[] {0f}), NdArray.of(new float[] {-0f}));
        assertFalse(NdArray.of(new boolean[] {true}).equals(NdArray.of(new boolean[] {false})));
        assertTrue(NdArray.of(new int[] {1, 2}).allClose(NdArray.of(new long[] {1, 2})));
    }

    @Test
    void toStringPrintsEachDtypeAsJavaPrintsIt() {
        assertEquals("NdArray(I64 [2]) [7, -9223372036854775808]",
                NdArray.of(new long[] {7, Long.MIN_VALUE}).toString());
        assertEquals("NdArray(I32 [1, 2]) [[1, -2]]", NdArray.of(new int[] {1, -2}, 1, 2).toString());
        assertEquals("NdArray(BOOL [2]) [true, false]", NdArray.of(new boolean[] {true, false}).toString());
        assertEquals("NdArray(F32 []) 0.1", NdArray.scalar(DType.F32, 0.1).toString());
    }
}
