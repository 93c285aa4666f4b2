package org.vecgrad.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.knowm.xchart.XYChart;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.Module;
import org.vecgrad.nn.data.Batch;
import org.vecgrad.nn.data.DataLoader;
import org.vecgrad.nn.data.Datasets;
import org.vecgrad.nn.data.TensorDataset;
import org.vecgrad.nn.layers.Linear;
import org.vecgrad.nn.loss.CrossEntropyLoss;
import org.vecgrad.nn.optim.Adam;
import org.vecgrad.nn.optim.GradClip;
import org.vecgrad.nn.optim.Optimizer;
import org.vecgrad.nn.rnn.GRU;
import org.vecgrad.nn.rnn.LSTM;

/**
 * Two sequence models trained by hand-written loops.
 * <ol>
 *   <li>The 8×8 digits read row by row: each image is a sequence of 8 steps of 8 pixels, an LSTM (hidden 64,
 *       batch_first) reads it and a Linear head classifies its final hidden state h_n.</li>
 *   <li>A forecast: a noisy sum of two sines; a GRU reads a window of past values and predicts the next one. It is
 *       scored on the held-out end of the series against the naive forecast (repeat the last value) and drawn
 *       against the truth.</li>
 * </ol>
 */
public final class Sequence {
    private Sequence() {
    }

    /** Hidden size of the digits LSTM. */
    public static final int HIDDEN = 64;
    /** Past values the forecaster sees. */
    public static final int WINDOW = 24;

    /**
     * @param testAccuracy  digits: accuracy on the held-out 20 %
     * @param digitsLoss    digits: mean training cross-entropy per epoch
     * @param forecastRmse  forecast: RMSE of the one-step forecast on the held-out end of the series
     * @param naiveRmse     forecast: RMSE of repeating the last observed value there
     * @param forecastLoss  forecast: mean training MSE per epoch
     * @param truth         forecast: the held-out (noisy) values
     * @param forecast      forecast: the model's one-step forecasts of them
     */
    public record Result(double testAccuracy, List<Double> digitsLoss, double forecastRmse, double naiveRmse,
                         List<Double> forecastLoss, double[] truth, double[] forecast, Path forecastPicture) {
    }

    /** The digits classifier: an LSTM over the 8 rows, a Linear head on h_n. */
    static final class RowReader extends Module {
        final LSTM lstm;
        final Linear head;

        @SuppressWarnings("this-escape")
        RowReader(long seed) {
            lstm = register("lstm", new LSTM(8, HIDDEN, 1, true, true, 0, false, seed));
            head = register("head", new Linear(HIDDEN, 10, true, seed + 1));
        }

        /** x [B, 8, 8] → logits [B, 10]. */
        @Override
        public Tensor forward(Tensor x) {
            Tensor hN = lstm.forward(x, null, null).hN();                        // [1, B, H]
            return head.forward(hN.reshape(x.shape(0), HIDDEN));
        }
    }

    /** The forecaster: a GRU over the window, a Linear head on h_n. */
    static final class Forecaster extends Module {
        final GRU gru;
        final Linear head;
        final int hidden;

        @SuppressWarnings("this-escape")
        Forecaster(int hidden, long seed) {
            this.hidden = hidden;
            gru = register("gru", new GRU(1, hidden, 1, true, true, 0, false, seed));
            head = register("head", new Linear(hidden, 1, true, seed + 1));
        }

        /** x [B, T, 1] → next value [B, 1]. */
        @Override
        public Tensor forward(Tensor x) {
            Tensor hN = gru.forward(x, null).hN();
            return head.forward(hN.reshape(x.shape(0), hidden));
        }
    }

    public static Result run(Options o) {
        o.println("1. The 8x8 digits read row by row by an LSTM");
        DigitsResult d = digits(o);
        o.println("");
        o.println("2. Forecasting a noisy sum of sines with a GRU");
        return forecast(o, d);
    }

    private record DigitsResult(double accuracy, List<Double> loss) {
    }

    private static DigitsResult digits(Options o) {
        int epochs = o.intParam("epochs", 30, 3);
        int batch = o.intParam("batch", 32, 32);
        double lr = o.doubleParam("lr", 1e-2);
        TensorDataset all = Datasets.digits();
        TensorDataset seqs = all.withFeatures(all.features().div(16.0).reshape(all.size(), 8, 8));
        Datasets.Split split = Datasets.trainTestSplit(seqs, 0.2, true, o.seed());
        TensorDataset train = split.train();
        TensorDataset test = o.quick() ? split.test().subset(range(120)) : split.test();
        RowReader model = new RowReader(o.seed());
        o.printf("%d images as sequences of 8 rows x 8 pixels (0..1); %d for training, %d for testing;"
                + " LSTM(8 -> %d, batch_first) + Linear(%d -> 10) on h_n, %d parameters; Adam(lr %.3g), batch %d,"
                + " %d epochs, gradients clipped to norm 1.%n", all.size(), train.size(), test.size(), HIDDEN,
                HIDDEN, model.numParameters(), lr, batch, epochs);
        Adam opt = new Adam(model.parameters(), lr);
        CrossEntropyLoss ce = new CrossEntropyLoss();
        DataLoader order = new DataLoader(train, batch).shuffle(o.seed());
        List<Double> losses = new ArrayList<>();
        double acc = Double.NaN;
        for (int e = 0; e < epochs; e++) {
            double mean = epoch(opt, train, order.order(e), batch,
                    b -> ce.forward(model.forward(Tensor.of(b.x())), b.labels()));
            losses.add(mean);
            acc = accuracy(model, test);
            o.printf("  epoch %2d  train loss %.4f  test accuracy %.4f%n", e + 1, mean, acc);
        }
        o.printf("digits read row by row: test accuracy %.4f%n", acc);
        return new DigitsResult(acc, List.copyOf(losses));
    }

    static double accuracy(Module model, TensorDataset test) {
        int[] pred;
        try (var _ = Tensor.noGrad()) {
            pred = model.forward(Tensor.of(test.features())).data().argmax(1);
        }
        int right = 0;
        for (int i = 0; i < pred.length; i++) {
            right += pred[i] == test.labels()[i] ? 1 : 0;
        }
        return right / (double) pred.length;
    }

    /** The series: sin(2πt/20) + 0.5 sin(2πt/7 + 1) + N(0, noise²), t = 0..n−1. */
    public static double[] series(int n, double noise, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = clean(t) + noise * gaussian(rng);
        }
        return y;
    }

    static double clean(double t) {
        return Math.sin(2 * Math.PI * t / 20) + 0.5 * Math.sin(2 * Math.PI * t / 7 + 1);
    }

    private static Result forecast(Options o, DigitsResult d) {
        int n = o.intParam("points", 1000, 400);
        int epochs = o.intParam("fepochs", 15, 3);
        int hidden = o.intParam("fhidden", 32, 16);
        double noise = 0.1;
        double[] y = series(n, noise, o.seed());
        int testStart = n * 4 / 5;
        // windows ending before testStart train; those predicting t >= testStart are scored
        int nTrain = testStart - WINDOW;
        int nTest = n - testStart;
        NdArray xTrain = windows(y, WINDOW, 0, nTrain);
        NdArray yTrain = NdArray.zeros(DType.F32, nTrain, 1);
        for (int i = 0; i < nTrain; i++) {
            yTrain.set(y[i + WINDOW], i, 0);
        }
        NdArray xTest = windows(y, WINDOW, testStart - WINDOW, nTest);
        Forecaster model = new Forecaster(hidden, o.seed() + 7);
        Adam opt = new Adam(model.parameters(), 1e-2);
        o.printf("%d points of sin(2 pi t/20) + 0.5 sin(2 pi t/7 + 1) + N(0, %.2f^2); windows of %d values predict"
                + " the next; %d windows train, the last %d values are held out; GRU(1 -> %d) + Linear, MSE,"
                + " Adam(lr 0.01), batch 32, %d epochs.%n", n, noise, WINDOW, nTrain, nTest, hidden, epochs);
        TensorDataset train = TensorDataset.of(xTrain, yTrain);
        DataLoader order = new DataLoader(train, 32).shuffle(o.seed() + 1);
        List<Double> losses = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            double mean = epoch(opt, train, order.order(e), 32,
                    b -> model.forward(Tensor.of(b.x())).sub(Tensor.of(b.y())).square().mean());
            losses.add(mean);
            o.printf("  epoch %2d  train MSE %.5f%n", e + 1, mean);
        }
        double[] pred;
        try (var _ = Tensor.noGrad()) {
            pred = model.forward(Tensor.of(xTest)).data().to(DType.F64).toDoubleArray();
        }
        double[] truth = java.util.Arrays.copyOfRange(y, testStart, n);
        double se = 0;
        double naive = 0;
        for (int i = 0; i < nTest; i++) {
            se += (pred[i] - truth[i]) * (pred[i] - truth[i]);
            double last = y[testStart + i - 1];
            naive += (last - truth[i]) * (last - truth[i]);
        }
        double rmse = Math.sqrt(se / nTest);
        double naiveRmse = Math.sqrt(naive / nTest);
        o.printf("forecast RMSE on the held-out %d values: %.4f (repeating the last value: %.4f; the noise alone:"
                + " %.2f)%n", nTest, rmse, naiveRmse, noise);

        XYChart c = Plots.xy(String.format(java.util.Locale.ROOT,
                "GRU one-step forecast on held-out data (RMSE %.3f, naive %.3f)", rmse, naiveRmse), "t", "value",
                900, 450);
        double[] ts = new double[nTest];
        double[] cl = new double[nTest];
        for (int i = 0; i < nTest; i++) {
            ts[i] = testStart + i;
            cl[i] = clean(testStart + i);
        }
        Plots.scatter(c, "observed (noisy truth)", ts, truth, Plots.PALETTE[0]);
        Plots.line(c, "noise-free signal", ts, cl, Plots.PALETTE[2], true);
        Plots.line(c, "forecast", ts, pred, Plots.PALETTE[1], false);
        Path pic = Plots.save(c, o.file("sequence_forecast.png"));
        o.println("wrote " + pic);
        return new Result(d.accuracy(), d.loss(), rmse, naiveRmse, List.copyOf(losses), truth, pred, pic);
    }

    /** count windows [WINDOW values] starting at first, first + 1, …: [count, window, 1] F32. */
    static NdArray windows(double[] y, int window, int first, int count) {
        NdArray x = NdArray.zeros(DType.F32, count, window, 1);
        for (int i = 0; i < count; i++) {
            for (int t = 0; t < window; t++) {
                x.set(y[first + i + t], i, t, 0);
            }
        }
        return x;
    }

    /** One pass over {@code train} in {@code order}, {@code batch} samples a step: the mean of the losses. */
    static double epoch(Optimizer opt, TensorDataset train, int[] order, int batch, Function<Batch, Tensor> loss) {
        double sum = 0;
        int steps = 0;
        for (int s = 0; s < order.length; s += batch) {
            Batch b = train.batch(Arrays.copyOfRange(order, s, Math.min(order.length, s + batch)));
            sum += step(opt, () -> loss.apply(b));
            steps++;
        }
        return sum / steps;
    }

    /** zero the gradients, compute the loss, backward, clip the gradients to norm 1, update: the loss. */
    static double step(Optimizer opt, Supplier<Tensor> loss) {
        opt.zeroGrad();
        Tensor l = loss.get();
        l.backward();
        GradClip.clipGradNorm(opt.parameters(), 1.0);
        opt.step();
        return l.item();
    }

    static int[] range(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
