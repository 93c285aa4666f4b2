package org.vecgrad.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.vecgrad.autodiff.GradMode;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.data.Datasets;
import org.vecgrad.nn.data.TensorDataset;
import org.vecgrad.nn.init.Init;
import org.vecgrad.nn.io.SafeTensors;
import org.vecgrad.nn.optim.Adam;

/**
 * A multi-layer perceptron 64 → 64 → 10 (ReLU, softmax + cross-entropy, Adam) on the handwritten digits data set
 * (1797 8×8 images, pixels 0..16 scaled to 0..1). Prints the test accuracy and the confusion matrix, draws the
 * matrix and a few misclassified digits, then saves the trained weights as safetensors, loads them into a fresh
 * network and checks that it predicts exactly the same.
 */
@SuppressWarnings("try")
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
                         Path confusionPicture, Path misclassifiedPicture, HandTraining.History history) {
    }

    public static Result run(Options o) {
        int epochs = o.intParam("epochs", 30, 8);
        int batch = o.intParam("batch", 32, 32);
        double lr = o.doubleParam("lr", 3e-3);
        TensorDataset all = Datasets.digits();
        TensorDataset scaled = all.withFeatures(all.features().div(16.0));
        Datasets.Split split = Datasets.trainTestSplit(scaled, 0.2, true, o.seed());
        TensorDataset test = split.test();
        SimpleMlp model = new SimpleMlp(SIZES, Tensor::relu, DType.F32, Init.generator(o.seed()));
        o.printf("Digits: %d images of 8x8 pixels, %d for training, %d for testing; network 64 -> 64 -> 10 (ReLU),"
                + " %d parameters; Adam(lr %.3g), batch %d, %d epochs.%n", all.size(), split.train().size(),
                test.size(), model.parameterCount(), lr, batch, epochs);
        HandTraining.History h = HandTraining.fit(o, HandTraining.Task.MULTICLASS, model,
                new Adam(model.parameters(), lr), split.train(), test, epochs, batch);

        NdArray logits;
        try (GradMode.Scope s = Tensor.noGrad()) {
            logits = model.forward(Tensor.of(test.features())).data();
        }
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
        double acc = HandTraining.accuracy(pred, truth);
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
            SafeTensors.save(file, model.stateDict(), Map.of("architecture", "mlp 64-64-10 relu",
                    "layout", "layers.i.weight [out, in], layers.i.bias [out]"));
            SafeTensors.Contents loaded = SafeTensors.load(file);
            SimpleMlp fresh = new SimpleMlp(SIZES, Tensor::relu, DType.F32, Init.generator(o.seed() + 1));
            fresh.loadStateDict(loaded.tensors());
            NdArray again;
            try (GradMode.Scope s = Tensor.noGrad()) {
                again = fresh.forward(Tensor.of(test.features())).data();
            }
            same = Arrays.equals(again.toFloatArray(), logits.toFloatArray())
                    && Arrays.equals(again.argmax(1), pred);
            o.printf("%nsaved the model to %s (%d tensors: %s);%nreloaded it into a fresh network: predictions on"
                    + " the test set %s%n", file, loaded.tensors().size(), loaded.tensors().keySet(),
                    same ? "identical (bit for bit)" : "DIFFER");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save or load " + file, e);
        }
        o.println("wrote " + cmPic);
        o.println("wrote " + wrongPic);
        return new Result(acc, cm, wrong, file, same, cmPic, wrongPic, h);
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
