package org.vecgrad.examples;

import java.util.ArrayList;
import java.util.List;
import org.vecgrad.autodiff.GradMode;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.data.Batch;
import org.vecgrad.nn.data.DataLoader;
import org.vecgrad.nn.data.TensorDataset;
import org.vecgrad.nn.optim.Optimizer;

/**
 * The training loop written out by hand on {@link Tensor} and an {@link Optimizer}: per batch zero the gradients,
 * forward, loss, backward, step; after each epoch evaluate on the training and the test set.
 */
@SuppressWarnings("try")
final class HandTraining {
    private HandTraining() {
    }

    /** Binary (one logit, sigmoid + binary cross-entropy) or multi-class (k logits, softmax + cross-entropy). */
    enum Task {
        BINARY, MULTICLASS
    }

    /** Loss and accuracy per epoch. */
    record History(List<Double> trainLoss, List<Double> trainAcc, List<Double> testLoss, List<Double> testAcc) {
        static History empty() {
            return new History(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }

        double finalTestAcc() {
            return testAcc.get(testAcc.size() - 1);
        }
    }

    /**
     * The mean loss of a batch. Binary: BCE of p = σ(z), −[y ln p + (1 − y) ln(1 − p)], computed from the logit z
     * as softplus(z) − y·z (the same value, without ln 0 when σ(z) rounds to 0 or 1). Multi-class: −ln softmax(z)_y
     * via log-softmax.
     */
    static Tensor loss(Task task, Tensor logits, int[] labels) {
        if (task == Task.BINARY) {
            NdArray y = NdArray.zeros(logits.dtype(), labels.length, 1);
            for (int i = 0; i < labels.length; i++) {
                y.setFlat(i, labels[i]);
            }
            return logits.softplus().sub(logits.mul(Tensor.of(y))).mean();
        }
        return logits.logSoftmax(1).gather(labels).mean().neg();
    }

    /** Predicted classes from logits: z > 0 (binary) or argmax (multi-class). */
    static int[] predict(Task task, NdArray logits) {
        if (task == Task.BINARY) {
            int[] p = new int[logits.shape(0)];
            for (int i = 0; i < p.length; i++) {
                p[i] = logits.getFlat(i) > 0 ? 1 : 0;
            }
            return p;
        }
        return logits.argmax(1);
    }

    static double accuracy(int[] pred, int[] labels) {
        int ok = 0;
        for (int i = 0; i < pred.length; i++) {
            ok += pred[i] == labels[i] ? 1 : 0;
        }
        return ok / (double) pred.length;
    }

    /** {loss, accuracy} of the model on a whole dataset, without recording a graph. */
    static double[] evaluate(Task task, SimpleMlp model, TensorDataset data) {
        try (GradMode.Scope s = Tensor.noGrad()) {
            Tensor logits = model.forward(Tensor.of(data.features()));
            double l = loss(task, logits, data.labels()).item();
            return new double[] {l, accuracy(predict(task, logits.data()), data.labels())};
        }
    }

    /** Trains for {@code epochs} epochs of shuffled mini-batches, printing a progress bar; returns the history. */
    static History fit(Options o, Task task, SimpleMlp model, Optimizer opt, TensorDataset train, TensorDataset test,
            int epochs, int batchSize) {
        DataLoader loader = new DataLoader(train, batchSize).shuffle(o.seed());
        ProgressBar bar = new ProgressBar(o, epochs, loader.numBatches());
        History h = History.empty();
        for (int e = 0; e < epochs; e++) {
            double sum = 0;
            int done = 0;
            for (Batch b : loader) {
                opt.zeroGrad();
                Tensor l = loss(task, model.forward(Tensor.of(b.x().to(DType.F32))), b.labels());
                l.backward();
                opt.step();
                sum += l.item();
                bar.batch(e, ++done, sum / done);
            }
            double[] tr = evaluate(task, model, train);
            double[] te = evaluate(task, model, test);
            h.trainLoss().add(tr[0]);
            h.trainAcc().add(tr[1]);
            h.testLoss().add(te[0]);
            h.testAcc().add(te[1]);
            bar.epochEnd(e, sum / done, String.format(java.util.Locale.ROOT, "acc %.3f  test_loss %.4f  test_acc %.3f",
                    tr[1], te[0], te[1]));
        }
        return h;
    }
}
