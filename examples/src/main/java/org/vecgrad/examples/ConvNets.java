package org.vecgrad.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.InferenceMode;
import org.vecgrad.nn.Module;
import org.vecgrad.nn.data.Datasets;
import org.vecgrad.nn.data.TensorDataset;
import org.vecgrad.nn.loss.CrossEntropyLoss;
import org.vecgrad.nn.optim.Adam;
import org.vecgrad.nn.optim.CosineAnnealingLR;
import org.vecgrad.nn.train.Accuracy;
import org.vecgrad.nn.train.Callback;
import org.vecgrad.nn.train.FitOptions;
import org.vecgrad.nn.train.History;
import org.vecgrad.nn.train.Trainer;

/**
 * What the convolutional examples ({@link LeNet}, {@link Inception}) share: the images (Fashion-MNIST, or the 8×8
 * digits when it is absent), training with the time of each epoch, the test accuracy and confusion matrix, and the
 * pictures (learning curves, first-layer filters, one image's feature maps, confusion matrix).
 */
public final class ConvNets {
    private ConvNets() {
    }

    /**
     * Training and test images {@code [n, 1, side, side]} with labels.
     *
     * @param fashion true for Fashion-MNIST, false for the digits fallback
     */
    public record Images(TensorDataset train, TensorDataset test, List<String> classes, boolean fashion, int side) {
    }

    /**
     * Fashion-MNIST from {@code --data-dir=DIR} (default {@link Datasets#FASHION_MNIST_DIR}), each set normalised
     * by the training pixels' mean and standard deviation; when the directory lacks it, the 8×8 digits (pixels / 16,
     * a stratified 80/20 split) as 1×8×8 images, with a printed note. {@code --train=N} and {@code --test=N} keep the
     * first N images of each set (quick runs: {@code quickTrain} and 256).
     */
    public static Images load(Options o, int quickTrain) {
        Path dir = Path.of(o.params().getOrDefault("data-dir", Datasets.FASHION_MNIST_DIR.toString()));
        TensorDataset train;
        TensorDataset test;
        List<String> classes;
        boolean fashion = Datasets.fashionMnistAvailable(dir);
        if (fashion) {
            try {
                Datasets.Split s = Datasets.fashionMnist(dir, true);
                train = s.train();
                test = s.test();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read Fashion-MNIST from " + dir, e);
            }
            classes = Datasets.FASHION_MNIST_CLASSES;
        } else {
            o.printf("NOTE: Fashion-MNIST is not in %s (Debian: apt-get install dataset-fashion-mnist, or"
                    + " --data-dir=DIR);%n      falling back to the 8x8 handwritten digits as 1x8x8 images.%n", dir);
            TensorDataset all = Datasets.digits();
            all = all.withFeatures(all.features().div(16.0)).reshapeFeatures(1, 8, 8);
            Datasets.Split s = Datasets.trainTestSplit(all, 0.2, true, o.seed());
            train = s.train();
            test = s.test();
            classes = new ArrayList<>();
            for (int c = 0; c < 10; c++) {
                classes.add(Integer.toString(c));
            }
        }
        train = first(train, o.intParam("train", train.size(), quickTrain));
        test = first(test, o.intParam("test", test.size(), 256));
        return new Images(train, test, classes, fashion, train.featureShape()[1]);
    }

    private static TensorDataset first(TensorDataset d, int n) {
        if (n >= d.size()) {
            return d;
        }
        int[] idx = new int[n];
        Arrays.setAll(idx, i -> i);
        return d.subset(idx);
    }

    /**
     * A trained network and what it did: the history, the seconds each epoch's training took (validation
     * excluded), the test accuracy and confusion matrix ([true][predicted]).
     */
    public record Trained(History history, double[] epochSeconds, double testAccuracy, int[][] confusion,
                          NdArray testLogits) {
        /** Mean training loss of the first and the last epoch. */
        public double firstLoss() {
            return history.get("loss").get(0);
        }

        public double lastLoss() {
            return history.last("loss");
        }
    }

    /** Times each epoch's batches: from the epoch's start to the end of its last batch. */
    private static final class EpochTimer implements Callback {
        final List<Double> seconds = new ArrayList<>();
        long start;
        long lastBatchEnd;

        @Override
        public void onEpochBegin(int epoch) {
            start = System.nanoTime();
        }

        @Override
        public void onBatchEnd(int batch, Map<String, Double> logs) {
            lastBatchEnd = System.nanoTime();
        }

        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs) {
            seconds.add((lastBatchEnd - start) / 1e9);
        }
    }

    /**
     * Trains {@code model} with softmax + cross-entropy and Adam (learning rate annealed along a cosine to 0), shuffling from the seed, watching the test set
     * after each epoch (never used to choose anything); prints each epoch and its time, the accuracy and the
     * confusion matrix.
     */
    public static Trained train(Options o, Module model, Images data, int epochs, int batch, double lr) {
        EpochTimer timer = new EpochTimer();
        Adam adam = new Adam(model.parameters(), lr);
        // the rate falls along a cosine to 0 over the run: late epochs refine instead of swinging around the optimum
        CosineAnnealingLR schedule = new CosineAnnealingLR(adam, epochs);
        Callback anneal = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                schedule.step();
            }
        };
        Trainer trainer = new Trainer(model, adam, new CrossEntropyLoss())
                .metrics(new Accuracy()).output(o.out()).verbose(2);
        History h = trainer.fit(data.train(), FitOptions.epochs(epochs).batchSize(batch).shuffle(o.seed())
                .validationData(data.test()).callbacks(timer, anneal));
        double[] secs = timer.seconds.stream().mapToDouble(Double::doubleValue).toArray();
        o.printf("time per epoch (training only, %d images, %d threads available): %s s; mean %.1f s%n",
                data.train().size(), Runtime.getRuntime().availableProcessors(),
                Arrays.stream(secs).mapToObj(s -> String.format(Locale.ROOT, "%.1f", s)).toList(),
                Arrays.stream(secs).average().orElse(0));
        model.eval();
        NdArray logits = model.predict(data.test().features(), 256);
        int[] pred = logits.argmax(1);
        int[] truth = data.test().labels();
        int k = data.classes().size();
        int[][] cm = new int[k][k];
        int right = 0;
        for (int i = 0; i < pred.length; i++) {
            cm[truth[i]][pred[i]]++;
            right += pred[i] == truth[i] ? 1 : 0;
        }
        double acc = right / (double) pred.length;
        o.printf("test accuracy: %.4f (%d of %d)%n", acc, right, pred.length);
        Digits.printConfusion(o, cm);
        return new Trained(h, secs, acc, cm, logits);
    }

    /** The confusion matrix as a PNG. */
    public static Path confusionPicture(String net, Images data, Trained t, Path file) {
        List<String> labels = data.classes().stream().map(c -> c.length() > 7 ? c.substring(0, 7) : c).toList();
        return Plots.confusionMatrix(String.format(Locale.ROOT, "%s: confusion matrix on %d test images (accuracy"
                + " %.3f)", net, data.test().size(), t.testAccuracy()), t.confusion(), labels, file);
    }

    /** The kernels of a convolution weight [out, in, kH, kW] (input channel 0 of each filter) as small maps. */
    public static Path filtersPicture(String title, Tensor weight, Path file) {
        NdArray w = weight.data().to(DType.F64);
        int[] s = w.shape();
        List<double[][]> maps = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (int f = 0; f < s[0]; f++) {
            maps.add(map(w, f, s[2], s[3]));
            captions.add("#" + f);
        }
        return Plots.maps(title, maps, captions, Math.min(8, s[0]), 60, file);
    }

    /**
     * One test image and, for each stage, its channels [1, C, H, W] as maps: {@code stages} are applied in turn
     * (inference mode) and each one's output drawn, at most 16 channels per stage.
     */
    public static Path featureMapsPicture(String title, NdArray image, List<String> names,
            List<UnaryOperator<Tensor>> stages,
            Path file) {
        List<double[][]> maps = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        int[] s = image.shape();
        maps.add(map(image.to(DType.F64), 0, s[2], s[3]));
        captions.add("input");
        int perRow = 8;
        // the input alone on the first row
        for (int i = 1; i < perRow; i++) {
            maps.add(null);
            captions.add("");
        }
        try (InferenceMode.Scope scope = InferenceMode.enter()) {
            Tensor x = Tensor.of(image);
            for (int st = 0; st < stages.size(); st++) {
                x = stages.get(st).apply(x);
                NdArray a = x.data().to(DType.F64);
                int[] as = a.shape();
                int channels = Math.min(16, as[1]);
                for (int c = 0; c < channels; c++) {
                    maps.add(map(a, c, as[2], as[3]));
                    captions.add(names.get(st) + " #" + c);
                }
                while (maps.size() % perRow != 0) {
                    maps.add(null);
                    captions.add("");
                }
            }
        }
        return Plots.maps(title, maps, captions, perRow, 84, file);
    }

    /** Plane {@code index} (of size h × w) of a contiguous F64 array whose last two axes are h, w. */
    private static double[][] map(NdArray a, int index, int h, int w) {
        double[] flat = a.toDoubleArray();
        double[][] m = new double[h][w];
        for (int r = 0; r < h; r++) {
            System.arraycopy(flat, index * h * w + r * w, m[r], 0, w);
        }
        return m;
    }
}
