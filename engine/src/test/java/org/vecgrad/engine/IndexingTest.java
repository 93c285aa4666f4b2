package org.vecgrad.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** gather, indexSelect and where for every dtype against loops over multi-indices. */
class IndexingTest {

    /** A random I64 or I32 index array of {@code shape} with values in [0, bound). */
    static NdArray randomIndex(SplittableRandom rng, int bound, int... shape) {
        NdArray idx = NdArray.zeros(rng.nextBoolean() ? DType.I64 : DType.I32, shape);
        for (int i = 0; i < idx.size(); i++) {
            idx.setFlatLong(i, rng.nextInt(bound));
        }
        return idx;
    }

    /** An array of a random dtype and a random shape of rank 1..3 with dimensions 1..4. */
    static NdArray randomArray(SplittableRandom rng) {
        int[] shape = new int[1 + rng.nextInt(3)];
        for (int d = 0; d < shape.length; d++) {
            shape[d] = 1 + rng.nextInt(4);
        }
        return DTypeData.random(DTypeData.ALL[rng.nextInt(DTypeData.ALL.length)], rng, shape);
    }

    static void assertSameElement(NdArray x, int i, NdArray y, int j, String what) {
        assertTrue(x.storage().sameElement(x.offset() + i, y.storage(), y.offset() + j), what + ": " + x.getFlat(i)
                + " vs " + y.getFlat(j));
    }

    @Test
    void gatherMatchesTheLoopForEveryDtypeAxisAndIndexType() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom rng = new SplittableRandom(seed);
            NdArray x = DTypeData.offset(randomArray(rng), rng);
            DType dt = x.dtype();
            int[] xs = x.shape();
            int rank = xs.length;
            int ax = rng.nextInt(rank);
            int[] is = new int[rank];
            for (int d = 0; d < rank; d++) {
                is[d] = d == ax ? rng.nextInt(6) : 1 + rng.nextInt(xs[d]); // smaller than x off the axis
            }
            NdArray index = DTypeData.offset(randomIndex(rng, xs[ax], is), rng);
            NdArray out = x.gather(ax - (rng.nextBoolean() ? rank : 0), index);
            assertEquals(dt, out.dtype());
            assertArrayEquals(is, out.shape());
            for (int k = 0; k < out.size(); k++) {
                int[] at = DTypeData.unravel(k, is);
                at[ax] = (int) index.getFlatLong(k);
                assertSameElement(x, DTypeData.ravel(at, xs), out, k, dt + " gather axis " + ax + " at " + k);
            }
        });
    }

    @Test
    void indexSelectMatchesTheLoopForEveryDtypeAxisAndIndexType() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom rng = new SplittableRandom(seed);
            NdArray view = DTypeData.offset(randomArray(rng), rng);
            DType dt = view.dtype();
            int[] vs = view.shape();
            int ax = rng.nextInt(vs.length);
            NdArray index = DTypeData.offset(rng.nextInt(5) == 0 ? randomIndex(rng, vs[ax])
                    : randomIndex(rng, vs[ax], rng.nextInt(7)), rng);
            NdArray out = view.indexSelect(ax, index);
            int[] os = vs.clone();
            os[ax] = index.size();
            assertArrayEquals(os, out.shape());
            for (int k = 0; k < out.size(); k++) {
                int[] at = DTypeData.unravel(k, os);
                at[ax] = (int) index.getFlatLong(at[ax]);
                assertSameElement(view, DTypeData.ravel(at, vs), out, k, dt + " indexSelect axis " + ax);
            }
        });
    }

    @Test
    void whereBroadcastsAllThreeAndPicksPerElement() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom rng = new SplittableRandom(seed);
            DType dt = DTypeData.ALL[rng.nextInt(DTypeData.ALL.length)];
            int[][] ab = BroadcastTest.randomPair(rng);
            int[][] mc = BroadcastTest.randomPair(rng);
            int[] ms = rng.nextBoolean() ? mc[0] : Shapes.broadcast(ab[0], ab[1]);
            int[] os;
            try {
                os = Shapes.broadcast(Shapes.broadcast(ms, ab[0]), ab[1]);
            } catch (IllegalArgumentException e) {
                ms = new int[0]; // a rank-0 mask broadcasts with anything
                os = Shapes.broadcast(ab[0], ab[1]);
            }
            NdArray mask = DTypeData.offset(DTypeData.random(DType.BOOL, rng, ms), rng);
            NdArray a = DTypeData.offset(DTypeData.random(dt, rng, ab[0]), rng);
            NdArray b = DTypeData.offset(DTypeData.random(dt, rng, ab[1]), rng);
            NdArray out = NdArray.where(mask, a, b);
            assertEquals(dt, out.dtype());
            assertArrayEquals(os, out.shape());
            for (int k = 0; k < out.size(); k++) {
                int[] at = DTypeData.unravel(k, os);
                boolean pick = mask.getFlatLong(BroadcastTest.project(at, mask.shape())) == 1;
                NdArray src = pick ? a : b;
                assertSameElement(src, BroadcastTest.project(at, src.shape()), out, k, dt + " where");
            }
        });
    }

    @Test
    void gatherPicksTheLabelledLogitAsInALoss() {
        NdArray logits = NdArray.of(new float[] {0.1f, 0.9f, 0.0f, 0.3f, 0.2f, 0.5f}, 2, 3);
        NdArray labels = NdArray.of(new long[] {1, 2});
        assertEquals(NdArray.of(new float[] {0.9f, 0.5f}, 2, 1), logits.gather(1, labels.reshape(2, 1)));
        assertEquals(NdArray.of(new float[] {0.3f, 0.2f, 0.5f, 0.1f, 0.9f, 0.0f}, 2, 3),
                logits.indexSelect(0, NdArray.of(new int[] {1, 0})));
        assertEquals(NdArray.of(new float[] {1, -1}),
                NdArray.where(labels.eq(1), NdArray.scalar(DType.F32, 1), NdArray.scalar(DType.F32, -1)));
    }
}
