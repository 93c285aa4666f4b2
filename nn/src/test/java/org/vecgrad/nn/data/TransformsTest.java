package org.vecgrad.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

class TransformsTest {

    /** An image [c, h, w] whose pixels are 1, 2, 3, … (distinct and non-zero, so a pixel says where it came from). */
    static NdArray image(DType dtype, int c, int h, int w) {
        return NdArray.arange(dtype, 1, 1 + c * h * w, 1).reshape(c, h, w);
    }

    /** The shifts (dy, dx), |dy|, |dx| ≤ p, with out[c, i, j] = x[c, i + dy, j + dx] inside x and 0 outside. */
    static List<int[]> shiftsExplaining(NdArray x, NdArray out, int p) {
        int[] s = x.shape();
        List<int[]> found = new ArrayList<>();
        for (int dy = -p; dy <= p; dy++) {
            for (int dx = -p; dx <= p; dx++) {
                boolean ok = true;
                for (int c = 0; c < s[0] && ok; c++) {
                    for (int i = 0; i < out.shape(1) && ok; i++) {
                        for (int j = 0; j < out.shape(2) && ok; j++) {
                            int y = i + dy;
                            int z = j + dx;
                            double want = y >= 0 && y < s[1] && z >= 0 && z < s[2] ? x.get(c, y, z) : 0;
                            ok = out.get(c, i, j) == want;
                        }
                    }
                }
                if (ok) {
                    found.add(new int[] {dy, dx});
                }
            }
        }
        return found;
    }

    // ------------------------------------------------------------------------------------------ crop

    @Test
    void cropMovesPixelsAsSpecified() {
        NdArray x = image(DType.F32, 1, 3, 3); // 1 2 3 / 4 5 6 / 7 8 9
        assertEquals(NdArray.of(new float[] {0, 0, 0, 2, 3, 0, 5, 6, 0}, 1, 3, 3), Transforms.crop(x, -1, 1, 3, 3));
        assertEquals(NdArray.of(new float[] {4, 5, 7, 8}, 1, 2, 2), Transforms.crop(x, 1, 0, 2, 2));
        assertEquals(NdArray.of(new float[] {0, 0, 0, 0, 1, 2}, 1, 2, 3), Transforms.crop(x, -1, -1, 2, 3));
        assertEquals(NdArray.zeros(DType.F32, 1, 2, 2), Transforms.crop(x, 3, 0, 2, 2)); // entirely below
        assertEquals(NdArray.zeros(DType.F32, 1, 2, 2), Transforms.crop(x, Integer.MAX_VALUE, Integer.MIN_VALUE, 2,
                2)); // extreme corners: no overflow
        NdArray two = image(DType.F64, 2, 2, 2); // channel 1 is 5 6 / 7 8
        assertEquals(NdArray.of(new double[] {2, 0, 6, 0}, 2, 1, 2), Transforms.crop(two, 0, 1, 1, 2));
        assertEquals(image(DType.F32, 1, 3, 3), x); // the input is untouched
    }

    @Test
    void randomCropKeepsTheShapeAndShiftsByAtMostThePadding() {
        qt().withExamples(200).forAll(integers().between(1, 3), integers().between(1, 7), integers().between(0, 3),
                longs().all()).checkAssert((c, side, p, seed) -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    int h = side;
                    int w = 1 + r.nextInt(7);
                    DType dtype = r.nextBoolean() ? DType.F32 : DType.F64;
                    NdArray x = image(dtype, c, h, w);
                    NdArray out = Transforms.randomCrop(h, w, p).apply(x, r);
                    assertArrayEquals(x.shape(), out.shape());
                    assertEquals(dtype, out.dtype());
                    assertFalse(shiftsExplaining(x, out, p).isEmpty(), "no shift within " + p + " explains the crop");
                    assertEquals(image(dtype, c, h, w), x);
                });
    }

    @Test
    void randomCropDrawsEveryShiftAndASmallerWindowStaysInside() {
        NdArray x = image(DType.F32, 1, 4, 4);
        Transform t = Transforms.randomCrop(4, 2);
        Set<List<Integer>> seen = new HashSet<>();
        for (long seed = 0; seed < 600; seed++) {
            List<int[]> shifts = shiftsExplaining(x, t.apply(x, new SplittableRandom(seed)), 2);
            assertEquals(1, shifts.size()); // 4×4 shifted by at most 2 keeps a 2×2 of distinct pixels: unique
            seen.add(List.of(shifts.get(0)[0], shifts.get(0)[1]));
        }
        assertEquals(25, seen.size()); // all (2p + 1)² shifts occur
        // without padding a 2×3 window lies inside the 4×4 image: its pixels are a block of consecutive rows
        for (long seed = 0; seed < 50; seed++) {
            NdArray out = Transforms.randomCrop(2, 3, 0).apply(x, new SplittableRandom(seed));
            assertArrayEquals(new int[] {1, 2, 3}, out.shape());
            double first = out.get(0, 0, 0);
            int top = (int) (first - 1) / 4;
            int left = (int) (first - 1) % 4;
            assertTrue(top <= 2 && left <= 1, "window at " + top + ", " + left);
            assertEquals(Transforms.crop(x, top, left, 2, 3), out);
        }
    }

    // ------------------------------------------------------------------------------------------ flip

    @Test
    void flipMirrorsAndTwiceIsTheIdentity() {
        qt().withExamples(100).forAll(integers().between(1, 3), integers().between(1, 6), integers().between(1, 9))
                .checkAssert((c, h, w) -> {
                    for (DType dtype : new DType[] {DType.F32, DType.F64}) {
                        NdArray x = image(dtype, c, h, w);
                        NdArray f = Transforms.hflip(x);
                        for (int k = 0; k < c; k++) {
                            for (int i = 0; i < h; i++) {
                                for (int j = 0; j < w; j++) {
                                    assertEquals(x.get(k, i, w - 1 - j), f.get(k, i, j));
                                }
                            }
                        }
                        assertEquals(x, Transforms.hflip(f));
                        assertEquals(image(dtype, c, h, w), x);
                    }
                });
    }

    @Test
    void randomHorizontalFlipFlipsWithProbabilityP() {
        NdArray x = image(DType.F32, 2, 3, 4);
        NdArray flipped = Transforms.hflip(x);
        int flips = 0;
        for (long seed = 0; seed < 2000; seed++) {
            assertEquals(flipped, Transforms.randomHorizontalFlip(1).apply(x, new SplittableRandom(seed)));
            assertSame(x, Transforms.randomHorizontalFlip(0).apply(x, new SplittableRandom(seed)));
            NdArray out = Transforms.randomHorizontalFlip().apply(x, new SplittableRandom(seed));
            if (out.equals(flipped)) {
                flips++;
            } else {
                assertEquals(x, out);
            }
        }
        assertTrue(flips > 900 && flips < 1100, flips + " flips in 2000 draws at p = 0.5"); // ±4.5 sd
    }

    // ------------------------------------------------------------------------------------------ normalize, compose

    @Test
    void normalizeIsPerChannelOrOneForAll() {
        NdArray x = image(DType.F64, 2, 1, 2); // channel 0: 1 2, channel 1: 3 4
        Transform perChannel = Transforms.normalize(new double[] {1, 3}, new double[] {2, 0.5});
        assertEquals(NdArray.of(new double[] {0, 0.5, 0, 2}, 2, 1, 2), perChannel.apply(x, null));
        Transform shared = Transforms.normalize(new double[] {1}, new double[] {2});
        assertEquals(NdArray.of(new double[] {0, 0.5, 1, 1.5}, 2, 1, 2), shared.apply(x, null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> perChannel.apply(image(DType.F64, 3, 1, 1), null));
        assertTrue(e.getMessage().contains("has 3 channels but 2 means"), e.getMessage());
    }

    @Test
    void composeAppliesLeftToRightSharingTheGenerator() {
        NdArray x = image(DType.F32, 1, 2, 3);
        Transform shiftDown = (img, random) -> Transforms.crop(img, -1, 0, 2, 3);
        assertEquals(Transforms.hflip(Transforms.crop(x, -1, 0, 2, 3)), Transform.compose(shiftDown,
                (img, random) -> Transforms.hflip(img)).apply(x, null));
        assertEquals(x, Transform.compose().apply(x, null));
        // two random transforms draw from the one generator in order: the same as applying them by hand
        Transform both = Transform.compose(Transforms.randomCrop(2, 3, 1), Transforms.randomHorizontalFlip());
        for (long seed = 0; seed < 20; seed++) {
            SplittableRandom byHand = new SplittableRandom(seed);
            NdArray expected = Transforms.randomHorizontalFlip().apply(Transforms.randomCrop(2, 3, 1).apply(x,
                    byHand), byHand);
            assertEquals(expected, both.apply(x, new SplittableRandom(seed)));
        }
    }

    // ------------------------------------------------------------------------------------------ in the loader

    static TensorDataset smallImages() {
        return Datasets.digits().subset(java.util.stream.IntStream.range(0, 40).toArray()).reshapeFeatures(1, 8, 8);
    }

    static List<Batch> batches(DataLoader loader, int epoch) {
        List<Batch> out = new ArrayList<>();
        loader.epoch(epoch).forEach(out::add);
        return out;
    }

    static final Transform AUGMENT = Transform.compose(Transforms.randomCrop(8, 2), Transforms.randomHorizontalFlip());

    @Test
    void theSameSeedGivesTheSameBatches() {
        TensorDataset data = smallImages();
        for (int epoch = 0; epoch < 3; epoch++) {
            List<Batch> a = batches(new DataLoader(data, 16).shuffle(3).transform(AUGMENT, 11), epoch);
            List<Batch> b = batches(new DataLoader(data, 16).shuffle(3).transform(AUGMENT, 11), epoch);
            List<Batch> other = batches(new DataLoader(data, 16).shuffle(3).transform(AUGMENT, 12), epoch);
            assertEquals(3, a.size());
            boolean differs = false;
            for (int k = 0; k < a.size(); k++) {
                assertEquals(a.get(k).x(), b.get(k).x());
                assertArrayEquals(a.get(k).labels(), b.get(k).labels());
                assertArrayEquals(new int[] {a.get(k).size(), 1, 8, 8}, a.get(k).x().shape());
                differs |= !a.get(k).x().equals(other.get(k).x());
            }
            assertTrue(differs, "another transform seed gives the same augmentation in epoch " + epoch);
        }
        DataLoader loader = new DataLoader(data, 40).transform(AUGMENT, 11);
        assertNotEquals(batches(loader, 0).get(0).x(), batches(loader, 1).get(0).x()); // each epoch draws anew
    }

    @Test
    void aSamplesAugmentationDependsOnlyOnSeedEpochAndIndex() {
        TensorDataset data = smallImages();
        DataLoader ordered = new DataLoader(data, 7).transform(AUGMENT, 5);
        DataLoader shuffled = new DataLoader(data, 16).shuffle(99).dropLast(true).transform(AUGMENT, 5);
        for (int epoch = 0; epoch < 2; epoch++) {
            NdArray[] byIndex = new NdArray[data.size()];
            int next = 0;
            for (Batch b : batches(ordered, epoch)) {
                for (int r = 0; r < b.size(); r++) {
                    byIndex[next++] = b.x().row(r);
                }
            }
            int[] order = shuffled.order(epoch);
            int pos = 0;
            for (Batch b : batches(shuffled, epoch)) {
                for (int r = 0; r < b.size(); r++) {
                    assertEquals(byIndex[order[pos++]], b.x().row(r));
                }
            }
            // and it is exactly the transform applied with the documented generator
            for (int i : new int[] {0, 17, 39}) {
                assertEquals(AUGMENT.apply(data.get(i).features(), DataLoader.sampleRandom(5, epoch, i)), byIndex[i]);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ bad input

    @Test
    void badInputIsRefusedWithTheRuleBroken() {
        record Case(Runnable call, String expected) {
        }
        NdArray flat = NdArray.zeros(DType.F32, 64);
        NdArray img = image(DType.F32, 1, 4, 4);
        for (Case c : List.of(
                new Case(() -> Transforms.randomCrop(0, 3, 1), "size 0×3 must be >= 1"),
                new Case(() -> Transforms.randomCrop(3, 3, -1), "padding -1 >= 0"),
                new Case(() -> Transforms.randomCrop(8, 1).apply(flat, new SplittableRandom(0)),
                        "randomCrop: a sample must be an image [C, H, W], got shape [64]"),
                new Case(() -> Transforms.randomCrop(7, 1).apply(img, new SplittableRandom(0)),
                        "a 7×7 window does not fit the image [1, 4, 4] padded by 1 (6×6)"),
                new Case(() -> Transforms.randomHorizontalFlip(1.5), "p 1.5 must be in [0, 1]"),
                new Case(() -> Transforms.randomHorizontalFlip(Double.NaN), "p NaN must be in [0, 1]"),
                new Case(() -> Transforms.hflip(flat), "hflip: a sample must be an image"),
                new Case(() -> Transforms.crop(img, 0, 0, -1, 2), "crop: size -1×2 must be >= 0"),
                new Case(() -> Transforms.normalize(new double[] {0}, new double[] {0}),
                        "channel 0 has mean 0.0 and std 0.0"),
                new Case(() -> Transforms.normalize(new double[] {0, 1}, new double[] {1}),
                        "mean has 2 values and std 1"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c.call()::run, c.expected());
            assertTrue(e.getMessage().contains(c.expected()), c.expected() + " not in " + e.getMessage());
        }
        // a transform whose outputs disagree in shape cannot make a batch
        Transform ragged = (x, random) -> random.nextBoolean() ? x : Transforms.crop(x, 0, 0, 2, 2);
        DataLoader loader = new DataLoader(smallImages(), 40).transform(ragged, 0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loader.iterator().next());
        assertTrue(e.getMessage().contains("a transform must give every sample one shape"), e.getMessage());
    }
}
