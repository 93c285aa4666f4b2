package org.vecgrad.nn.data;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.vecgrad.nn.Rng;
import java.util.zip.GZIPInputStream;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/**
 * Ready-made datasets: synthetic 2-D classification problems (as in scikit-learn's {@code make_circles} and
 * {@code make_moons}, plus spirals and XOR), the bundled digits and iris data sets, Fashion-MNIST read from a local
 * copy ({@link #fashionMnist(Path, boolean)}), and a seeded {@link #trainTestSplit}.
 *
 * <p>Generators return F32 features {@code [n, 2]} and int labels, shuffled, reproducible from the seed
 * (SplitMix64, so the same seed gives the same points on every JDK; the streams differ from NumPy's).
 */
public final class Datasets {
    private Datasets() {
    }

    // ------------------------------------------------------------------------------------------ generators

    /**
     * Two concentric circles (scikit-learn's {@code make_circles}): ⌊n/2⌋ points on the unit circle (label 0) and
     * the rest on a circle of radius {@code factor} (label 1), at evenly spaced angles 2πk/m (endpoint excluded),
     * shuffled, then N(0, noise²) added to each coordinate.
     *
     * @param factor inner radius / outer radius, 0 ≤ factor &lt; 1
     */
    public static TensorDataset twoCircles(int n, double noise, double factor, long seed) {
        checkN(n, "twoCircles");
        checkNoise(noise);
        if (!(factor >= 0 && factor < 1)) {
            throw new IllegalArgumentException("twoCircles: factor " + factor + " must be in [0, 1)");
        }
        int nOut = n / 2;
        int nIn = n - nOut;
        double[][] pts = new double[n][];
        int[] labels = new int[n];
        for (int i = 0; i < nOut; i++) {
            double t = 2 * Math.PI * i / nOut;
            pts[i] = new double[] {Math.cos(t), Math.sin(t)};
        }
        for (int i = 0; i < nIn; i++) {
            double t = 2 * Math.PI * i / nIn;
            pts[nOut + i] = new double[] {factor * Math.cos(t), factor * Math.sin(t)};
            labels[nOut + i] = 1;
        }
        return shuffleAndNoise(pts, labels, noise, seed);
    }

    /**
     * Two interleaving half circles (scikit-learn's {@code make_moons}): ⌊n/2⌋ points (cos t, sin t), label 0,
     * and the rest (1 − cos t, 0.5 − sin t), label 1, for t evenly spaced over [0, π] (endpoints included),
     * shuffled, then N(0, noise²) added.
     */
    public static TensorDataset moons(int n, double noise, long seed) {
        checkN(n, "moons");
        checkNoise(noise);
        int nOut = n / 2;
        int nIn = n - nOut;
        double[][] pts = new double[n][];
        int[] labels = new int[n];
        for (int i = 0; i < nOut; i++) {
            double t = nOut == 1 ? 0 : Math.PI * i / (nOut - 1);
            pts[i] = new double[] {Math.cos(t), Math.sin(t)};
        }
        for (int i = 0; i < nIn; i++) {
            double t = nIn == 1 ? 0 : Math.PI * i / (nIn - 1);
            pts[nOut + i] = new double[] {1 - Math.cos(t), 1 - Math.sin(t) - 0.5};
            labels[nOut + i] = 1;
        }
        return shuffleAndNoise(pts, labels, noise, seed);
    }

    /**
     * {@code classes} interleaved spiral arms (the CS231n spiral): arm j has {@code perClass} points
     * r·(sin θ, cos θ) with r evenly spaced over [0, 1] and θ evenly spaced over [4j, 4(j + 1)] plus N(0, noise²)
     * (the noise perturbs the angle; 0.2 is the classic value). Shuffled.
     */
    public static TensorDataset spirals(int classes, int perClass, double noise, long seed) {
        if (classes < 1 || perClass < 1) {
            throw new IllegalArgumentException("spirals: classes " + classes + " and perClass " + perClass
                    + " must be >= 1");
        }
        checkNoise(noise);
        int n = Math.multiplyExact(classes, perClass);
        SplittableRandom r = new SplittableRandom(seed);
        double[][] pts = new double[n][];
        int[] labels = new int[n];
        for (int j = 0; j < classes; j++) {
            for (int i = 0; i < perClass; i++) {
                double s = perClass == 1 ? 0 : (double) i / (perClass - 1);
                double t = 4 * j + 4 * s + noise * r.nextGaussian();
                pts[j * perClass + i] = new double[] {s * Math.sin(t), s * Math.cos(t)};
                labels[j * perClass + i] = j;
            }
        }
        return shuffleAndNoise(pts, labels, 0, r.nextLong());
    }

    /**
     * XOR: n points uniform on [−1, 1]², label 1 when the coordinates have opposite signs (quadrants II and IV),
     * else 0; then N(0, noise²) added to each coordinate (labels are from the clean points).
     */
    public static TensorDataset xor(int n, double noise, long seed) {
        checkN(n, "xor");
        checkNoise(noise);
        SplittableRandom r = new SplittableRandom(seed);
        double[][] pts = new double[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double a = 2 * r.nextDouble() - 1;
            double b = 2 * r.nextDouble() - 1;
            pts[i] = new double[] {a, b};
            labels[i] = (a > 0) != (b > 0) ? 1 : 0;
        }
        return shuffleAndNoise(pts, labels, noise, r.nextLong());
    }

    private static TensorDataset shuffleAndNoise(double[][] pts, int[] labels, double noise, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = pts.length;
        for (int i = n - 1; i > 0; i--) { // Fisher–Yates on points and labels together
            int j = r.nextInt(i + 1);
            double[] tp = pts[i];
            pts[i] = pts[j];
            pts[j] = tp;
            int tl = labels[i];
            labels[i] = labels[j];
            labels[j] = tl;
        }
        NdArray x = NdArray.zeros(DType.F32, n, 2);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 2; k++) {
                x.set(pts[i][k] + (noise > 0 ? noise * r.nextGaussian() : 0), i, k);
            }
        }
        return TensorDataset.of(x, labels);
    }

    private static void checkN(int n, String name) {
        if (n < 1) {
            throw new IllegalArgumentException(name + ": n " + n + " must be >= 1");
        }
    }

    private static void checkNoise(double noise) {
        if (!(noise >= 0) || !Double.isFinite(noise)) {
            throw new IllegalArgumentException("noise " + noise + " must be finite and >= 0");
        }
    }

    // ------------------------------------------------------------------------------------------ bundled data

    private static final String RES = "/org/vecgrad/nn/data/";

    /** The iris species, in label order: label 0 = setosa, 1 = versicolor, 2 = virginica. */
    public static final List<String> IRIS_CLASSES = List.of("setosa", "versicolor", "virginica");

    /**
     * The handwritten digits data set (the UCI optical digits test set, as shipped with scikit-learn): 1797
     * samples, 64 F32 features (an 8×8 image, row-major, integer pixels 0..16), labels 0..9. See
     * {@code digits.rst} and {@code ATTRIBUTION} beside this class in the jar. As 1×8×8 images for a
     * convolutional network: {@code digits().reshapeFeatures(1, 8, 8)}.
     */
    public static TensorDataset digits() {
        try (InputStream raw = resource("digits.csv.gz");
                BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw),
                        StandardCharsets.UTF_8))) {
            TensorDataset d = new CsvReader().read(r, "digits.csv.gz");
            requireShape(d, 1797, 64, 10, "digits");
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled digits data set", e);
        }
    }

    /**
     * Fisher's iris data set (as shipped with scikit-learn): 150 samples, 4 F32 features (sepal length, sepal
     * width, petal length, petal width, in cm), labels 0..2 ({@link #IRIS_CLASSES}), 50 of each.
     */
    public static TensorDataset iris() {
        try (InputStream raw = resource("iris.csv");
                BufferedReader r = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8))) {
            // scikit-learn's first line: n_samples, n_features, class names
            String[] head = r.readLine().split(",");
            if (head.length != 5 || !List.of(head).subList(2, 5).equals(IRIS_CLASSES)) {
                throw new IOException("iris.csv: unexpected first line " + String.join(",", head));
            }
            TensorDataset d = new CsvReader().read(r, "iris.csv");
            requireShape(d, Integer.parseInt(head[0]), Integer.parseInt(head[1]), 3, "iris");
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled iris data set", e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = Datasets.class.getResourceAsStream(RES + name);
        if (in == null) {
            throw new IOException("resource " + RES + name + " is missing from the class path");
        }
        return in;
    }

    private static void requireShape(TensorDataset d, int n, int features, int classes, String name)
            throws IOException {
        if (d.size() != n || d.featureShape()[0] != features || d.numClasses() != classes) {
            throw new IOException(name + ": expected " + n + " samples × " + features + " features, " + classes
                    + " classes; found " + d);
        }
    }

    // ------------------------------------------------------------------------------------------ Fashion-MNIST

    /** Where Debian's package {@code dataset-fashion-mnist} installs Fashion-MNIST. */
    public static final Path FASHION_MNIST_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    /** The Fashion-MNIST classes, in label order (label 0 = T-shirt/top, …, 9 = Ankle boot). */
    public static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** The four files, without the ".gz" they are distributed with: train images and labels, test images and labels. */
    private static final List<String> FASHION_FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    private static final int FASHION_SIDE = 28;

    /** True when {@code dir} holds the four Fashion-MNIST files (each gzipped or not). */
    public static boolean fashionMnistAvailable(Path dir) {
        Objects.requireNonNull(dir, "dir");
        return FASHION_FILES.stream().allMatch(f -> fashionFile(dir, f) != null);
    }

    /** {@link #fashionMnist(Path, boolean) fashionMnist(FASHION_MNIST_DIR, false)}. */
    public static Split fashionMnist() throws IOException {
        return fashionMnist(FASHION_MNIST_DIR, false);
    }

    /** {@link #fashionMnist(Path, boolean) fashionMnist(dir, false)}. */
    public static Split fashionMnist(Path dir) throws IOException {
        return fashionMnist(dir, false);
    }

    /**
     * Zalando's Fashion-MNIST, read from {@code dir} (never downloaded): 60 000 training and 10 000 test images of
     * clothing, 28×28 grey levels, in 10 classes ({@link #FASHION_MNIST_CLASSES}). Features are F32 images
     * {@code [n, 1, 28, 28]} with pixel p / 255 ∈ [0, 1] (as torchvision's {@code ToTensor}), labels 0..9, in the
     * files' order. With {@code normalize}, both sets then have the training images' mean pixel subtracted and are
     * divided by their standard deviation (both over every pixel of the training set, in double precision; about
     * 0.286 and 0.353), so the training pixels have mean 0 and variance 1.
     *
     * <p>{@code dir} must hold {@code {train,t10k}-{images-idx3,labels-idx1}-ubyte.gz} (or the same names without
     * ".gz", unpacked), as Debian's package {@code dataset-fashion-mnist} installs them in
     * {@link #FASHION_MNIST_DIR}. Memory: 220 MB for the two sets, plus 47 MB while the training images are read.
     *
     * @throws FileNotFoundException when a file is missing; the message says how to get the data
     * @throws IdxFormatException    when a file is not a valid IDX file
     * @throws IOException           when a file holds something other than Fashion-MNIST (not 28×28 ubyte
     *                               images, labels outside 0..9, image and label counts that differ)
     */
    public static Split fashionMnist(Path dir, boolean normalize) throws IOException {
        Objects.requireNonNull(dir, "dir");
        List<String> missing = FASHION_FILES.stream().filter(f -> fashionFile(dir, f) == null).toList();
        if (!missing.isEmpty()) {
            throw new FileNotFoundException("Fashion-MNIST is not in " + dir + ": missing "
                    + String.join(", ", missing.stream().map(f -> f + ".gz").toList())
                    + ". Install it with `apt-get install dataset-fashion-mnist` (Debian; it puts the files in "
                    + FASHION_MNIST_DIR + "), or pass the directory that holds "
                    + "{train,t10k}-{images-idx3,labels-idx1}-ubyte.gz (gzipped or not). vecgrad never downloads data.");
        }
        TensorDataset train = fashionPart(fashionFile(dir, FASHION_FILES.get(0)), fashionFile(dir,
                FASHION_FILES.get(1)));
        TensorDataset test = fashionPart(fashionFile(dir, FASHION_FILES.get(2)), fashionFile(dir,
                FASHION_FILES.get(3)));
        if (normalize) {
            float[] x = train.features().floatData();
            double sum = 0;
            for (float v : x) {
                sum += v;
            }
            double mean = sum / x.length;
            double squares = 0;
            for (float v : x) { // two passes: no cancellation in E[x²] − E[x]²
                squares += (v - mean) * (v - mean);
            }
            double std = Math.sqrt(squares / x.length);
            if (!(std > 0)) {
                throw new IOException(dir + ": every training pixel is " + mean + "; cannot normalise by std 0");
            }
            for (TensorDataset d : List.of(train, test)) {
                float[] f = d.features().floatData();
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) ((f[i] - mean) / std);
                }
            }
        }
        return new Split(train, test);
    }

    /** {@code dir/name.gz}, else {@code dir/name}, whichever is a regular file; null when neither is. */
    private static Path fashionFile(Path dir, String name) {
        for (Path p : List.of(dir.resolve(name + ".gz"), dir.resolve(name))) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static TensorDataset fashionPart(Path imagesFile, Path labelsFile) throws IOException {
        Idx.Contents images = Idx.load(imagesFile);
        int[] s = images.shape();
        if (images.type() != Idx.Type.UBYTE || s.length != 3 || s[1] != FASHION_SIDE || s[2] != FASHION_SIDE) {
            throw new IOException(imagesFile + ": Fashion-MNIST images are ubyte [n, 28, 28], found " + images.type()
                    + " " + Arrays.toString(s));
        }
        Idx.Contents labelData = Idx.load(labelsFile);
        int[] ls = labelData.shape();
        if (labelData.type() != Idx.Type.UBYTE || ls.length != 1 || ls[0] != s[0]) {
            throw new IOException(labelsFile + ": expected ubyte labels [" + s[0] + "], one per image in "
                    + imagesFile.getFileName() + ", found " + labelData.type() + " " + Arrays.toString(ls));
        }
        int[] labels = labelData.toIntArray();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= FASHION_MNIST_CLASSES.size()) {
                throw new IOException(labelsFile + ": label " + labels[i] + " at index " + i + " is outside 0.."
                        + (FASHION_MNIST_CLASSES.size() - 1));
            }
        }
        float[] x = new float[images.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) images.get(i) / 255f; // float division, as torchvision's ToTensor
        }
        return TensorDataset.of(NdArray.wrap(x, 0, s[0], 1, FASHION_SIDE, FASHION_SIDE), labels);
    }

    // ------------------------------------------------------------------------------------------ splitting

    /** A train/test partition. */
    public record Split(TensorDataset train, TensorDataset test) {
    }

    /**
     * A seeded random split (scikit-learn's {@code train_test_split}): the test set has ⌈testFraction·n⌉ samples,
     * the train set the rest, each in random order. With {@code stratify}, every class keeps its proportion:
     * class c with n_c samples gets ⌊n_c·n_test/n⌋ test samples, and the samples still missing go to the classes
     * with the largest remainders (ties to the smaller class index).
     *
     * @param testFraction in (0, 1); both parts must be non-empty
     * @throws IllegalArgumentException when a part would be empty, or stratify is asked of a regression dataset
     */
    public static Split trainTestSplit(TensorDataset data, double testFraction, boolean stratify, long seed) {
        return split(data, testFraction, stratify, seed);
    }

    /**
     * {@link #trainTestSplit(TensorDataset, double, boolean, long)} with a seed taken from {@link Rng} (fixed by
     * {@code Rng.manualSeed}).
     */
    public static Split trainTestSplit(TensorDataset data, double testFraction, boolean stratify) {
        return split(data, testFraction, stratify, Rng.nextSeed());
    }

    private static Split split(TensorDataset data, double testFraction, boolean stratify, long seed) {
        Objects.requireNonNull(data, "data");
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction " + testFraction + " must be in (0, 1)");
        }
        int n = data.size();
        int nTest = (int) Math.ceil(testFraction * n);
        int nTrain = n - nTest;
        if (nTest < 1 || nTrain < 1) {
            throw new IllegalArgumentException("testFraction " + testFraction + " of " + n
                    + " samples leaves " + nTrain + " for training and " + nTest + " for testing; both must be >= 1");
        }
        SplittableRandom r = new SplittableRandom(seed);
        int[] test = new int[nTest];
        int[] train = new int[nTrain];
        if (!stratify) {
            int[] perm = permutation(n, r);
            System.arraycopy(perm, 0, test, 0, nTest);
            System.arraycopy(perm, nTest, train, 0, nTrain);
        } else {
            if (!data.hasLabels()) {
                throw new IllegalArgumentException("stratify needs class labels; this dataset has targets");
            }
            int[] labels = data.labels();
            int k = data.numClasses();
            int[] count = new int[k];
            for (int l : labels) {
                count[l]++;
            }
            int[] take = new int[k];
            long[] rem = new long[k];
            int assigned = 0;
            for (int c = 0; c < k; c++) {
                long num = (long) count[c] * nTest; // exact integer arithmetic: no rounding surprises
                take[c] = (int) (num / n);
                rem[c] = num % n;
                assigned += take[c];
            }
            for (; assigned < nTest; assigned++) {
                int best = -1;
                for (int c = 0; c < k; c++) {
                    if (take[c] < count[c] && (best < 0 || rem[c] > rem[best])) {
                        best = c;
                    }
                }
                take[best]++;
                rem[best] = -1;
            }
            int[][] byClass = new int[k][];
            int[] fill = new int[k];
            for (int c = 0; c < k; c++) {
                byClass[c] = new int[count[c]];
            }
            for (int i = 0; i < n; i++) {
                byClass[labels[i]][fill[labels[i]]++] = i;
            }
            int te = 0;
            int tr = 0;
            for (int c = 0; c < k; c++) {
                int[] p = permutation(count[c], r);
                for (int j = 0; j < count[c]; j++) {
                    if (j < take[c]) {
                        test[te++] = byClass[c][p[j]];
                    } else {
                        train[tr++] = byClass[c][p[j]];
                    }
                }
            }
            shuffle(test, r); // interleave the classes
            shuffle(train, r);
        }
        return new Split(data.subset(train), data.subset(test));
    }

    static int[] permutation(int n, SplittableRandom r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p, r);
        return p;
    }

    private static void shuffle(int[] a, SplittableRandom r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
