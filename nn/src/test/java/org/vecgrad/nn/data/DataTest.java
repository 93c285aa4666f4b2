package org.vecgrad.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

class DataTest {

    static TensorDataset counting(int n, int d) {
        NdArray x = NdArray.zeros(DType.F64, n, d);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x.set(i * 100 + j, i, j); // row i is recognisable: x[i, j] = 100 i + j
            }
            labels[i] = i % 3;
        }
        return TensorDataset.of(x, labels);
    }

    // -------------------------------------------------------------------------------------------- TensorDataset

    @Test
    void tensorDatasetGetBatchSubset() {
        TensorDataset d = counting(5, 2);
        assertEquals(5, d.size());
        assertEquals(3, d.numClasses());
        assertArrayEquals(new int[] {2}, d.featureShape());
        Example e = d.get(4);
        assertEquals(NdArray.of(new double[] {400, 401}), e.features());
        assertEquals(1, e.label());
        assertNull(e.target());
        Batch b = d.batch(new int[] {3, 0, 3});
        assertEquals(NdArray.of(new double[][] {{300, 301}, {0, 1}, {300, 301}}), b.x());
        assertArrayEquals(new int[] {0, 0, 0}, b.labels());
        assertEquals(NdArray.of(new double[][] {{0}, {0}, {0}}).to(DType.F32), b.labelsAsColumn(DType.F32));
        TensorDataset s = d.subset(new int[] {2, 1});
        assertEquals(NdArray.of(new double[][] {{200, 201}, {100, 101}}), s.features());
        assertArrayEquals(new int[] {2, 1}, s.labels());
    }

    @Test
    void regressionDatasetAndDefaultBatchAgree() {
        NdArray x = NdArray.arange(DType.F32, 12).reshape(4, 3);
        NdArray y = NdArray.arange(DType.F32, 4).reshape(4, 1);
        TensorDataset d = TensorDataset.of(x, y);
        assertFalse(d.hasLabels());
        Dataset generic = new Dataset() { // uses the interface's default batch()
            @Override
            public int size() {
                return d.size();
            }

            @Override
            public Example get(int i) {
                return d.get(i);
            }
        };
        int[] idx = {3, 1};
        assertEquals(d.batch(idx).x(), generic.batch(idx).x());
        assertEquals(d.batch(idx).y(), generic.batch(idx).y());
        assertEquals(NdArray.of(new float[] {3, 1}, 2, 1), d.batch(idx).y());
        assertThrows(IllegalStateException.class, d::labels);
    }

    @Test
    void tensorDatasetValidates() {
        NdArray x = NdArray.zeros(DType.F32, 3, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TensorDataset.of(x, new int[] {0, 1}));
        assertTrue(e.getMessage().contains("3 rows") && e.getMessage().contains("2 labels"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TensorDataset.of(x, new int[] {0, -1, 0}));
        assertThrows(IllegalArgumentException.class, () -> TensorDataset.of(x, NdArray.zeros(DType.F32, 2, 1)));
    }

    // ----------------------------------------------------------------------------------------------- DataLoader

    @Test
    void loaderWithoutShuffleFollowsIndexOrder() {
        TensorDataset d = counting(10, 1);
        List<int[]> got = new ArrayList<>();
        for (Batch b : new DataLoader(d, 3)) {
            got.add(b.labels());
            assertEquals(b.labels().length, b.x().shape(0));
        }
        assertEquals(4, got.size());
        assertArrayEquals(new int[] {0, 1, 2}, got.get(0));
        assertArrayEquals(new int[] {0}, got.get(3)); // index 9
        DataLoader dl = new DataLoader(d, 3).dropLast(true);
        assertEquals(3, dl.numBatches());
        int count = 0;
        for (Batch b : dl) {
            assertEquals(3, b.size());
            count++;
        }
        assertEquals(3, count);
    }

    /** The first column of a batch from {@link #counting} is 100·index: recover the indices. */
    static int[] indices(Batch b) {
        int[] idx = new int[b.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = (int) (b.x().get(i, 0) / 100);
        }
        return idx;
    }

    static List<Integer> visit(Iterable<Batch> epoch) {
        List<Integer> seen = new ArrayList<>();
        for (Batch b : epoch) {
            for (int i : indices(b)) {
                seen.add(i);
            }
        }
        return seen;
    }

    @Test
    void shuffledEpochsArePermutationsOfRightSizes() {
        qt().withExamples(150).forAll(SourceDSL.integers().between(1, 60), SourceDSL.integers().between(1, 70),
                SourceDSL.booleans().all(), SourceDSL.longs().all()).checkAssert((n, bs, drop, seed) -> {
                    DataLoader dl = new DataLoader(counting(n, 1), bs).shuffle(seed).dropLast(drop);
                    int batches = 0;
                    Set<Integer> seen = new HashSet<>();
                    for (Batch b : dl) {
                        batches++;
                        assertTrue(b.size() == bs || (!drop && batches == dl.numBatches() && b.size() == n % bs));
                        for (int i : indices(b)) {
                            assertTrue(seen.add(i), "index " + i + " visited twice");
                        }
                    }
                    assertEquals(drop ? n / bs : (n + bs - 1) / bs, batches);
                    assertEquals(drop ? n / bs * bs : n, seen.size());
                });
    }

    @Test
    void shuffleIsReproducibleAndNewEachEpoch() {
        TensorDataset d = counting(50, 1);
        DataLoader a = new DataLoader(d, 7).shuffle(99);
        List<List<Integer>> run1 = new ArrayList<>();
        for (int e = 0; e < 4; e++) {
            run1.add(visit(a)); // iterator() advances the epoch
        }
        assertEquals(4, a.nextEpoch());
        assertEquals(4, new HashSet<>(run1).size(), "every epoch has a new order");
        DataLoader b = new DataLoader(d, 7).shuffle(99);
        assertEquals(run1.get(2), visit(b.epoch(2)), "epoch 2 can be replayed directly");
        b.setNextEpoch(3);
        assertEquals(run1.get(3), visit(b));
        DataLoader c = new DataLoader(d, 7).shuffle(100);
        assertFalse(run1.get(0).equals(visit(c)), "another seed, another order");
        List<Integer> sorted = new ArrayList<>(run1.get(0));
        sorted.sort(null);
        assertEquals(visit(new DataLoader(d, 7)), sorted);
    }

    // ----------------------------------------------------------------------------------------------- generators

    static double radius(NdArray x, int i, double cx, double cy) {
        return Math.hypot(x.get(i, 0) - cx, x.get(i, 1) - cy);
    }

    @Test
    void twoCirclesWithoutNoiseLieOnTheirCircles() {
        TensorDataset d = Datasets.twoCircles(101, 0, 0.4, 1);
        int[] l = d.labels();
        int ones = 0;
        for (int i = 0; i < d.size(); i++) {
            assertEquals(l[i] == 0 ? 1.0 : 0.4, radius(d.features(), i, 0, 0), 1e-6);
            ones += l[i];
        }
        assertEquals(51, ones, "n - n/2 inner points");
        assertEquals(DType.F32, d.features().dtype());
        assertEquals(d.features(), Datasets.twoCircles(101, 0, 0.4, 1).features());
    }

    @Test
    void noisyGeneratorsAreSeededAndNoisy() {
        TensorDataset a = Datasets.twoCircles(400, 0.1, 0.5, 7);
        assertEquals(a.features(), Datasets.twoCircles(400, 0.1, 0.5, 7).features());
        assertFalse(a.features().equals(Datasets.twoCircles(400, 0.1, 0.5, 8).features()));
        double dev = 0;
        int[] l = a.labels();
        for (int i = 0; i < a.size(); i++) {
            double r = radius(a.features(), i, 0, 0) - (l[i] == 0 ? 1.0 : 0.5);
            dev += r * r;
        }
        // radial deviation of 2-D N(0, 0.1²) noise has variance ≈ 0.01: allow a wide band
        assertEquals(0.01, dev / a.size(), 0.004);
        assertThrows(IllegalArgumentException.class, () -> Datasets.twoCircles(10, 0, 1.0, 1));
    }

    @Test
    void moonsWithoutNoiseLieOnTheirHalfCircles() {
        TensorDataset d = Datasets.moons(200, 0, 3);
        NdArray x = d.features();
        int[] l = d.labels();
        for (int i = 0; i < d.size(); i++) {
            if (l[i] == 0) {
                assertEquals(1, radius(x, i, 0, 0), 1e-6);
                assertTrue(x.get(i, 1) >= -1e-6);
            } else {
                assertEquals(1, radius(x, i, 1, 0.5), 1e-6);
                assertTrue(x.get(i, 1) <= 0.5 + 1e-6);
            }
        }
        assertEquals(100, Arrays.stream(l).sum());
    }

    @Test
    void spiralsAndXor() {
        TensorDataset s = Datasets.spirals(3, 100, 0.2, 5);
        assertEquals(300, s.size());
        int[] counts = new int[3];
        for (int i = 0; i < s.size(); i++) {
            counts[s.labels()[i]]++;
            assertTrue(radius(s.features(), i, 0, 0) <= 1 + 1e-6);
        }
        assertArrayEquals(new int[] {100, 100, 100}, counts);
        TensorDataset x = Datasets.xor(500, 0, 2);
        for (int i = 0; i < x.size(); i++) {
            boolean opposite = x.features().get(i, 0) * x.features().get(i, 1) < 0;
            assertEquals(opposite ? 1 : 0, x.labels()[i]);
        }
    }

    // ------------------------------------------------------------------------------------------------------ CSV

    @Test
    void csvWithHeaderAndNamedLabel() throws IOException {
        String csv = "a, \"label\" ,b\n1.5,2,-3e2\n\n  .5 ,0, 4\n";
        TensorDataset d = new CsvReader().header(true).labelColumn("label").read(new StringReader(csv), "t.csv");
        assertEquals(NdArray.of(new float[][] {{1.5f, -300f}, {0.5f, 4f}}), d.features());
        assertArrayEquals(new int[] {2, 0}, d.labels());
        TensorDataset byIndex = new CsvReader().header(true).labelColumn(1).dtype(DType.F64)
                .read(new StringReader(csv), "t.csv");
        assertEquals(NdArray.of(new double[][] {{1.5, -300}, {0.5, 4}}), byIndex.features());
        TensorDataset reg = new CsvReader().labelColumn(0).regression().separator(';')
                .read(new StringReader("0.25;1;2\n-1;3;4\n"), "r.csv");
        assertEquals(NdArray.of(new float[] {0.25f, -1f}, 2, 1), reg.targets());
        assertEquals(NdArray.of(new float[][] {{1, 2}, {3, 4}}), reg.features());
    }

    static void csvRejects(CsvReader r, String csv, String... fragments) {
        IOException e = assertThrows(CsvReader.CsvFormatException.class, () -> r.read(new StringReader(csv), "x.csv"));
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "\"" + e.getMessage() + "\" should mention " + f);
        }
    }

    @Test
    void csvErrorsNameLineAndColumn() {
        csvRejects(new CsvReader(), "1,2,0\n3,4\n", "line 2", "2 fields", "expected 3");
        csvRejects(new CsvReader(), "1,2,0\n3,abc,1\n", "line 2", "column 2", "\"abc\"");
        csvRejects(new CsvReader().header(true), "p,q,r\n1,2,0\n3,,1\n", "line 3", "column 2 (\"q\")", "empty");
        csvRejects(new CsvReader(), "1,2,0.5\n", "line 1", "column 3", "class index");
        csvRejects(new CsvReader(), "1,2,-1\n", "line 1", "class index");
        csvRejects(new CsvReader(), "1,NaN,1\n", "line 1", "not a decimal number");
        csvRejects(new CsvReader(), "1,2.0f,1\n", "not a decimal number");
        csvRejects(new CsvReader().header(true).labelColumn("z"), "p,q\n1,0\n", "no column named \"z\"");
        csvRejects(new CsvReader(), "", "no data rows");
        csvRejects(new CsvReader().labelColumn(5), "1,2\n", "label column 5");
        csvRejects(new CsvReader(), "1,1e999\n", "overflows");
    }

    // ----------------------------------------------------------------------------------------------- bundled

    @Test
    void digitsLoadsFromTheClassPath() {
        TensorDataset d = Datasets.digits();
        assertEquals(1797, d.size());
        assertArrayEquals(new int[] {64}, d.featureShape());
        assertEquals(10, d.numClasses());
        // the file's first line: 0,0,5,13,9,1,0,0,0,0,13,15,10,15,5,0,...,label 0
        assertArrayEquals(new float[] {0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0},
                Arrays.copyOf(d.features().row(0).toFloatArray(), 16));
        assertEquals(0, d.labels()[0]);
        for (float v : d.features().toFloatArray()) {
            assertTrue(v >= 0 && v <= 16 && v == Math.rint(v), "pixel " + v);
        }
        int[] counts = new int[10];
        for (int l : d.labels()) {
            counts[l]++;
        }
        for (int c : counts) {
            assertTrue(c > 150, "every digit is well represented: " + Arrays.toString(counts));
        }
    }

    @Test
    void irisMatchesItsDescription() {
        TensorDataset d = Datasets.iris();
        assertEquals(150, d.size());
        assertArrayEquals(new int[] {4}, d.featureShape());
        int[] counts = new int[3];
        for (int l : d.labels()) {
            counts[l]++;
        }
        assertArrayEquals(new int[] {50, 50, 50}, counts);
        // iris.rst's summary statistics: means 5.84, 3.05 (3.057 rounded down there), 3.76, 1.20
        double[] rstMeans = {5.84, 3.05, 3.76, 1.20};
        StandardScaler s = StandardScaler.fit(d.features());
        for (int j = 0; j < 4; j++) {
            assertEquals(rstMeans[j], s.mean()[j], 0.01, "mean of feature " + j);
        }
        assertEquals(NdArray.of(new float[] {5.1f, 3.5f, 1.4f, 0.2f}), d.features().row(0));
    }

    // ------------------------------------------------------------------------------------------------ split

    @Test
    void trainTestSplitPartitionsReproducibly() {
        TensorDataset d = counting(103, 2);
        Datasets.Split s = Datasets.trainTestSplit(d, 0.25, false, 11);
        assertEquals(26, s.test().size(), "ceil(0.25 * 103)");
        assertEquals(77, s.train().size());
        Set<Integer> all = new HashSet<>();
        for (TensorDataset part : List.of(s.train(), s.test())) {
            for (int i = 0; i < part.size(); i++) {
                int idx = (int) (part.features().get(i, 0) / 100);
                assertTrue(all.add(idx));
                assertEquals(idx % 3, part.labels()[i], "labels travel with their rows");
            }
        }
        assertEquals(103, all.size());
        assertEquals(s.test().features(), Datasets.trainTestSplit(d, 0.25, false, 11).test().features());
        assertFalse(s.test().features().equals(Datasets.trainTestSplit(d, 0.25, false, 12).test().features()));
    }

    @Test
    void stratifiedSplitKeepsClassProportions() {
        Datasets.Split s = Datasets.trainTestSplit(Datasets.iris(), 0.2, true, 3);
        int[] counts = new int[3];
        for (int l : s.test().labels()) {
            counts[l]++;
        }
        assertArrayEquals(new int[] {10, 10, 10}, counts);
        // 103 samples with classes of 35, 34, 34 (i % 3): n_test = ceil(0.3·103) = 31; 35·31/103 = 10.53,
        // 34·31/103 = 10.23 → floors 10, 10, 10 and the one left goes to class 0 (largest remainder)
        Datasets.Split t = Datasets.trainTestSplit(counting(103, 1), 0.3, true, 3);
        int[] c2 = new int[3];
        for (int l : t.test().labels()) {
            c2[l]++;
        }
        assertArrayEquals(new int[] {11, 10, 10}, c2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Datasets.trainTestSplit(counting(3, 1), 0.9, false, 1)); // ceil(2.7) = 3 leaves no train
        assertTrue(e.getMessage().contains("0 for training"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Datasets.trainTestSplit(
                TensorDataset.of(NdArray.zeros(DType.F32, 4, 1), NdArray.zeros(DType.F32, 4, 1)), 0.5, true, 1));
        assertThrows(IllegalArgumentException.class, () -> Datasets.trainTestSplit(counting(10, 1), 1.0, false, 1));
    }

    // ----------------------------------------------------------------------------------------- standardize

    @Test
    void standardScalerFitsOnTrainAndAppliesToTest() {
        NdArray train = NdArray.of(new double[][] {{1, 10, 5}, {3, 10, 5}, {5, 10, 5}});
        StandardScaler s = StandardScaler.fit(train);
        assertArrayEquals(new double[] {3, 10, 5}, s.mean());
        assertArrayEquals(new double[] {Math.sqrt(8.0 / 3), 1, 1}, s.scale(), 1e-15);
        NdArray z = s.transform(train);
        assertEquals(-2 / Math.sqrt(8.0 / 3), z.get(0, 0), 1e-15);
        assertEquals(0, z.get(1, 1)); // constant column → 0, not NaN
        NdArray test = NdArray.of(new double[][] {{7, 11, 5}});
        NdArray zt = s.transform(test);
        assertEquals(4 / Math.sqrt(8.0 / 3), zt.get(0, 0), 1e-15, "uses the train mean and scale");
        assertEquals(1, zt.get(0, 1));
        assertTrue(s.inverseTransform(zt).allClose(test, 0, 1e-12, false));
        assertThrows(IllegalArgumentException.class, () -> s.transform(NdArray.zeros(DType.F64, 2, 2)));
    }

    @Test
    void standardizedIrisHasZeroMeanUnitVariance() {
        Datasets.Split s = Datasets.trainTestSplit(Datasets.iris(), 0.3, true, 1);
        StandardScaler sc = StandardScaler.fit(s.train().features());
        StandardScaler again = StandardScaler.fit(sc.transform(s.train()).features());
        for (int j = 0; j < 4; j++) {
            assertEquals(0, again.mean()[j], 1e-6); // F32 features: float rounding
            assertEquals(1, again.scale()[j], 1e-6);
        }
    }
}
