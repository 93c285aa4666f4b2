package org.vecgrad.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.Sequential;
import org.vecgrad.nn.data.Datasets;
import org.vecgrad.nn.data.TensorDataset;
import org.vecgrad.nn.io.SafeTensors;
import org.vecgrad.nn.layers.Linear;
import org.vecgrad.nn.layers.ReLU;
import org.vecgrad.nn.loss.CrossEntropyLoss;
import org.vecgrad.nn.optim.Adam;
import org.vecgrad.nn.train.Accuracy;
import org.vecgrad.nn.train.FitOptions;
import org.vecgrad.nn.train.History;
import org.vecgrad.nn.train.Trainer;

/**
 * A multi-layer perceptron 64 → 64 → 10 (ReLU, softmax + cross-entropy, Adam) on the handwritten digits data set
 * (1797 8×8 images, pixels 0..16 scaled to 0..1). Prints the test accuracy and the confusion matrix, draws the
 * matrix and a few misclassified digits, then saves the trained weights as safetensors, loads them into a fresh
 * network and checks that it predicts exactly the same.
 */
public final class Digits {
    private Digits() {
    }

    /** Layer widths. */
    public static final int[] SIZES = {64, 64, 10};

    /**
     * @param testAccuracy   accuracy on the held-out 20 %
     * @param confusion      counts, [true class][predicted class]
     * @param misclassified  number of test images predicted wrongly
     * @param reloadedSame   the network loaded from the safetensors file gives bit-identical logits
     */
    public record Result(double testAccuracy, int[][] confusion, int misclassified, Path model, boolean reloadedSame,
                         Path confusionPicture, Path misclassifiedPicture, Path curvesPicture, History history) {
    }

    /** 64 → 64 → 10: Linear, ReLU, Linear (logits; the loss applies the softmax), PyTorch-initialised, seeded. */
    public static Sequential model(long seed) {
        return new Sequential(new Linear(SIZES[0], SIZES[1], true, seed), new ReLU(),
                new Linear(SIZES[1], SIZES[2], true, seed + 1));
    }

    public static Result run(Options o) {
        int epochs = o.intParam("epochs", 30, 5);
        int batch = o.intParam("batch", 32, 32);
        double lr = o.doubleParam("lr", 3e-3);
        TensorDataset all = Datasets.digits();
        TensorDataset scaled = all.withFeatures(all.features().div(16.0));
        Datasets.Split split = Datasets.trainTestSplit(scaled, 0.2, true, o.seed());
        TensorDataset test = split.test();
        Sequential model = model(o.seed());
        o.printf("Digits: %d images of 8x8 pixels (scaled to 0..1), %d for training, %d for testing; softmax +"
                + " cross-entropy, Adam(lr %.3g), batch %d, %d epochs.%n", all.size(), split.train().size(),
                test.size(), lr, batch, epochs);
        o.print(model.summary());
        Trainer trainer = new Trainer(model, new Adam(model.parameters(), lr), new CrossEntropyLoss())
                .metrics(new Accuracy()).output(o.out());
        // the test set is only watched (val_ columns, for the learning curves), never used to choose anything
        History h = trainer.fit(split.train(), FitOptions.epochs(epochs).batchSize(batch).shuffle(o.seed())
                .validationData(test));

        NdArray logits = model.predict(test.features(), 512);
        NdArray probs = logits.softmax(1);
        int[] pred = logits.argmax(1);
        int[] truth = test.labels();
        int[][] cm = new int[10][10];
        List<double[]> wrongPixels = new ArrayList<>();
        List<String> wrongCaptions = new ArrayList<>();
        int wrong = 0;
        for (int i = 0; i < pred.length; i++) {
            cm[truth[i]][pred[i]]++;
            if (pred[i] != truth[i]) {
                wrong++;
                if (wrongPixels.size() < 12) {
                    wrongPixels.add(test.features().row(i).to(DType.F64).toDoubleArray());
                    wrongCaptions.add(String.format(java.util.Locale.ROOT, "true %d, predicted %d%np = %.2f", truth[i],
                            pred[i], probs.get(i, pred[i])));
                }
            }
        }
        double acc = (pred.length - wrong) / (double) pred.length;
        o.printf("test accuracy: %.4f (%d of %d wrong)%n%n", acc, wrong, pred.length);
        printConfusion(o, cm);
        List<String> names = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            names.add(Integer.toString(c));
        }
        Path cmPic = Plots.confusionMatrix(String.format(java.util.Locale.ROOT,
                "Digits: confusion matrix on %d test images (accuracy %.3f)", pred.length, acc), cm, names,
                o.file("digits_confusion.png"));
        Path wrongPic = Plots.images("Misclassified test digits (" + wrong + " in all; first " + wrongPixels.size()
                + ")", wrongPixels, wrongCaptions, 8, 1.0, 6, o.file("digits_misclassified.png"));

        // save, reload into a fresh network, compare
        Path file = o.file("digits_mlp.safetensors");
        boolean same;
        try {
            model.save(file);
            SafeTensors.Contents loaded = SafeTensors.load(file);       // what is in the file
            Sequential fresh = model(o.seed() + 100);                   // different random weights...
            fresh.load(file);                                           // ...replaced by the saved ones
            NdArray again = fresh.predict(test.features(), 512);
            same = Arrays.equals(again.toFloatArray(), logits.toFloatArray())
                    && Arrays.equals(again.argmax(1), pred);
            o.printf("%nsaved the model to %s (%d tensors: %s);%nreloaded it into a fresh network: predictions on"
                    + " the test set %s%n", file, loaded.tensors().size(), loaded.tensors().keySet(),
                    same ? "identical (bit for bit)" : "DIFFER");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save or load " + file, e);
        }
        Path curves = Circles.learningCurves("Training the digits MLP", "cross-entropy", h,
                o.file("digits_curves.png"));
        o.println("wrote " + cmPic);
        o.println("wrote " + curves);
        o.println("wrote " + wrongPic);
        return new Result(acc, cm, wrong, file, same, cmPic, wrongPic, curves, h);
    }

    static void printConfusion(Options o, int[][] cm) {
        o.println("confusion matrix (rows: true digit, columns: predicted digit):");
        StringBuilder sb = new StringBuilder("      ");
        for (int j = 0; j < cm.length; j++) {
            sb.append(String.format("%4d", j));
        }
        o.println(sb.toString());
        for (int i = 0; i < cm.length; i++) {
            sb = new StringBuilder(String.format("  %2d |", i));
            for (int j = 0; j < cm.length; j++) {
                sb.append(cm[i][j] == 0 && i != j ? "   ." : String.format("%4d", cm[i][j]));
            }
            o.println(sb.toString());
        }
    }
}
