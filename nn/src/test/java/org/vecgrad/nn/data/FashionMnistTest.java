package org.vecgrad.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

class FashionMnistTest {

    @TempDir
    Path dir;

    /** The generated pixel of image i at (r, c): every grey level occurs, and images differ. */
    static int pixel(int i, int r, int c) {
        return (i * 7 + r * 28 + c) % 256;
    }

    static int label(int i) {
        return (i * 3) % 10;
    }

    /** Writes {@code prefix}-images-idx3-ubyte[.gz] and the labels file, n generated images of 28×28. */
    static void writePart(Path dir, String prefix, int n, boolean gzip) throws IOException {
        NdArray images = NdArray.zeros(DType.F64, n, 28, 28);
        NdArray labels = NdArray.zeros(DType.F64, n);
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < 28; r++) {
                for (int c = 0; c < 28; c++) {
                    images.set(pixel(i, r, c), i, r, c);
                }
            }
            labels.setFlat(i, label(i));
        }
        write(dir, prefix + "-images-idx3-ubyte", Idx.toBytes(Idx.Type.UBYTE, images), gzip);
        write(dir, prefix + "-labels-idx1-ubyte", Idx.toBytes(Idx.Type.UBYTE, labels), gzip);
    }

    static void write(Path dir, String name, byte[] raw, boolean gzip) throws IOException {
        Files.write(dir.resolve(gzip ? name + ".gz" : name), gzip ? IdxTest.gzip(raw) : raw);
    }

    @Test
    void generatedFilesLoadAsImagesScaledToZeroOne() throws IOException {
        assertFalse(Datasets.fashionMnistAvailable(dir));
        writePart(dir, "train", 12, true);
        writePart(dir, "t10k", 5, false); // unpacked copies load too
        assertTrue(Datasets.fashionMnistAvailable(dir));
        Datasets.Split s = Datasets.fashionMnist(dir);
        assertEquals(12, s.train().size());
        assertEquals(5, s.test().size());
        for (TensorDataset d : new TensorDataset[] {s.train(), s.test()}) {
            assertEquals(DType.F32, d.features().dtype());
            assertArrayEquals(new int[] {1, 28, 28}, d.featureShape());
            int[] labels = d.labels();
            for (int i = 0; i < d.size(); i++) {
                assertEquals(label(i), labels[i]);
                for (int r = 0; r < 28; r++) {
                    for (int c = 0; c < 28; c++) {
                        assertEquals(pixel(i, r, c) / 255f, (float) d.features().get(i, 0, r, c));
                    }
                }
            }
        }
        assertEquals(10, Datasets.FASHION_MNIST_CLASSES.size());
        assertEquals("T-shirt/top", Datasets.FASHION_MNIST_CLASSES.get(0));
        assertEquals("Ankle boot", Datasets.FASHION_MNIST_CLASSES.get(9));
    }

    @Test
    void normalizeUsesTheTrainingSetsMeanAndStdForBothSets() throws IOException {
        writePart(dir, "train", 9, true);
        writePart(dir, "t10k", 4, true);
        Datasets.Split raw = Datasets.fashionMnist(dir, false);
        Datasets.Split norm = Datasets.fashionMnist(dir, true);
        double mean = raw.train().features().to(DType.F64).mean();
        NdArray centred = raw.train().features().to(DType.F64).sub(mean);
        double std = Math.sqrt(centred.mul(centred).mean());
        assertEquals(0, norm.train().features().to(DType.F64).mean(), 1e-6);
        NdArray z = norm.train().features().to(DType.F64);
        assertEquals(1, z.mul(z).mean(), 1e-5);
        NdArray expected = raw.test().features().to(DType.F64).sub(mean).div(std);
        assertTrue(norm.test().features().to(DType.F64).allClose(expected, 1e-6, 1e-6, false));
    }

    @Test
    void missingFilesSayHowToGetTheData() throws IOException {
        Path nowhere = dir.resolve("nowhere");
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> Datasets.fashionMnist(nowhere));
        for (String part : new String[] {nowhere.toString(), "apt-get install dataset-fashion-mnist",
                "train-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "pass the directory"}) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' not in " + e.getMessage());
        }
        writePart(dir, "train", 2, true);
        e = assertThrows(FileNotFoundException.class, () -> Datasets.fashionMnist(dir));
        assertTrue(e.getMessage().contains("missing t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz."),
                e.getMessage());
    }

    @Test
    void filesThatAreNotFashionMnistAreRefused() throws IOException {
        writePart(dir, "t10k", 3, true);
        record Case(NdArray images, Idx.Type imageType, NdArray labels, String expected) {
        }
        NdArray ok = NdArray.zeros(DType.F64, 3, 28, 28);
        NdArray okLabels = NdArray.of(new double[] {0, 1, 9});
        for (Case c : new Case[] {
            new Case(NdArray.zeros(DType.F64, 3, 27, 28), Idx.Type.UBYTE, okLabels, "ubyte [n, 28, 28], found "
                    + "ubyte [3, 27, 28]"),
            new Case(ok, Idx.Type.FLOAT, okLabels, "found float [3, 28, 28]"),
            new Case(ok, Idx.Type.UBYTE, NdArray.of(new double[] {0, 1}), "expected ubyte labels [3], one per "
                    + "image in train-images-idx3-ubyte.gz, found ubyte [2]"),
            new Case(ok, Idx.Type.UBYTE, NdArray.of(new double[] {0, 10, 1}), "label 10 at index 1 is outside 0..9"),
        }) {
            write(dir, "train-images-idx3-ubyte", Idx.toBytes(c.imageType(), c.images()), true);
            write(dir, "train-labels-idx1-ubyte", Idx.toBytes(Idx.Type.UBYTE, c.labels()), true);
            IOException e = assertThrows(IOException.class, () -> Datasets.fashionMnist(dir));
            assertTrue(e.getMessage().contains(c.expected()), c.expected() + " not in " + e.getMessage());
            assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        }
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), new byte[] {0x1F, (byte) 0x8B, 8});
        assertThrows(IdxFormatException.class, () -> Datasets.fashionMnist(dir));
    }

    @Test
    void theInstalledDataSetHasItsDocumentedSizeAndLabels() throws IOException {
        assumeTrue(Datasets.fashionMnistAvailable(Datasets.FASHION_MNIST_DIR),
                "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
        Datasets.Split s = Datasets.fashionMnist();
        assertEquals(60_000, s.train().size());
        assertEquals(10_000, s.test().size());
        for (TensorDataset d : new TensorDataset[] {s.train(), s.test()}) {
            assertArrayEquals(new int[] {1, 28, 28}, d.featureShape());
            int[] perClass = new int[10];
            for (int l : d.labels()) {
                assertTrue(l >= 0 && l < 10, "label " + l);
                perClass[l]++;
            }
            for (int count : perClass) {
                assertEquals(d.size() / 10, count); // Fashion-MNIST is balanced: 6000 / 1000 per class
            }
            assertEquals(0, d.features().min());
            assertEquals(1, d.features().max());
        }
    }

    @Test
    void theDigitsAreAvailableAsOneByEightByEightImages() {
        TensorDataset flat = Datasets.digits();
        TensorDataset images = flat.reshapeFeatures(1, 8, 8);
        assertArrayEquals(new int[] {1797, 1, 8, 8}, images.features().shape());
        assertArrayEquals(flat.labels(), images.labels());
        for (int i : new int[] {0, 5, 1796}) {
            for (int r = 0; r < 8; r++) {
                for (int c = 0; c < 8; c++) {
                    assertEquals(flat.features().get(i, r * 8 + c), images.features().get(i, 0, r, c));
                }
            }
        }
        assertArrayEquals(new int[] {1, 8, 8}, flat.reshapeFeatures(1, -1, 8).featureShape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> flat.reshapeFeatures(3, 3));
        assertTrue(e.getMessage().contains("samples of shape [64] cannot become [3, 3]"), e.getMessage());
        // batches of images through the loader, augmented: [b, 1, 8, 8]
        DataLoader loader = new DataLoader(images, 100).transform(Transforms.randomCrop(8, 1), 1);
        for (Batch b : loader) {
            assertEquals(4, b.x().rank());
            assertArrayEquals(new int[] {1, 8, 8}, new int[] {b.x().shape(1), b.x().shape(2), b.x().shape(3)});
        }
    }
}
