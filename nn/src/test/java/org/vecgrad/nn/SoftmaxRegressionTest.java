package org.vecgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.data.Batch;
import org.vecgrad.nn.data.DataLoader;
import org.vecgrad.nn.data.Datasets;
import org.vecgrad.nn.data.StandardScaler;
import org.vecgrad.nn.data.TensorDataset;
import org.vecgrad.nn.init.Init;
import org.vecgrad.nn.optim.Adam;
import org.vecgrad.nn.optim.ArrayParameter;
import org.vecgrad.nn.optim.CosineAnnealingLR;
import org.vecgrad.nn.optim.Optimizer;
import org.vecgrad.nn.optim.Parameter;
import org.vecgrad.nn.optim.SGD;

/**
 * The pieces together, before autodiff exists: softmax regression on the digits data set with gradients written
 * by hand (∂L/∂z = softmax(z) − onehot(y), averaged over the batch), a seeded split, standardization fit on the
 * training set, Kaiming-initialized weights, a shuffling loader, an optimizer and a schedule.
 */
class SoftmaxRegressionTest {

    static final int D = 64;
    static final int K = 10;

    /** logits z = x·Wᵀ + b for one sample (W is [K, D], PyTorch's Linear layout). */
    static double[] logits(NdArray w, NdArray b, NdArray x, int row) {
        float[] wf = w.floatData();
        float[] xf = x.floatData();
        int xo = x.offset() + row * D;
        double[] z = new double[K];
        for (int k = 0; k < K; k++) {
            double s = b.getFlat(k);
            for (int j = 0; j < D; j++) {
                s += wf[w.offset() + k * D + j] * xf[xo + j];
            }
            z[k] = s;
        }
        return z;
    }

    static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[z.length];
        for (int k = 0; k < z.length; k++) {
            p[k] = Math.exp(z[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < z.length; k++) {
            p[k] /= sum;
        }
        return p;
    }

    static double accuracy(NdArray w, NdArray b, TensorDataset d) {
        int correct = 0;
        for (int i = 0; i < d.size(); i++) {
            double[] z = logits(w, b, d.features(), i);
            int best = 0;
            for (int k = 1; k < K; k++) {
                best = z[k] > z[best] ? k : best;
            }
            correct += best == d.labels()[i] ? 1 : 0;
        }
        return (double) correct / d.size();
    }

    static final TensorDataset DIGITS = Datasets.digits();

    static double train(Function<List<ArrayParameter>, Optimizer> makeOptimizer) {
        Datasets.Split split = Datasets.trainTestSplit(DIGITS, 0.2, true, 7);
        StandardScaler scaler = StandardScaler.fit(split.train().features());
        TensorDataset train = scaler.transform(split.train());
        TensorDataset test = scaler.transform(split.test());
        ArrayParameter w = Parameter.of("fc.weight", NdArray.zeros(DType.F32, K, D));
        ArrayParameter b = Parameter.of("fc.bias", NdArray.zeros(DType.F32, K));
        Init.kaimingUniform(w.data(), Init.generator(1));
        Init.standardUniform(b.data(), Init.Fans.of(K, D), Init.generator(2));
        Optimizer opt = makeOptimizer.apply(List.of(w, b));
        int epochs = 8;
        CosineAnnealingLR schedule = new CosineAnnealingLR(opt, epochs);
        DataLoader loader = new DataLoader(train, 32).shuffle(3);
        for (int e = 0; e < epochs; e++) {
            for (Batch batch : loader) {
                NdArray gw = NdArray.zeros(DType.F32, K, D);
                NdArray gb = NdArray.zeros(DType.F32, K);
                float[] gwf = gw.floatData();
                float[] xf = batch.x().floatData(); // a fresh [n, 64] array: offset 0
                int n = batch.size();
                for (int i = 0; i < n; i++) {
                    double[] p = softmax(logits(w.data(), b.data(), batch.x(), i));
                    p[batch.labels()[i]] -= 1; // ∂(−log pᵧ)/∂z = p − onehot(y)
                    for (int k = 0; k < K; k++) {
                        gb.setFlat(k, gb.getFlat(k) + p[k] / n);
                        for (int j = 0; j < D; j++) {
                            gwf[k * D + j] += (float) (p[k] * xf[i * D + j] / n);
                        }
                    }
                }
                opt.zeroGrad();
                w.setGrad(gw);
                b.setGrad(gb);
                opt.step();
            }
            schedule.step();
        }
        assertEquals(epochs * loader.numBatches(), opt.stepCount(w));
        return accuracy(w.data(), b.data(), test);
    }

    @Test
    void adamLearnsTheDigits() {
        double acc = train(ps -> new Adam(ps, 1e-2));
        System.out.println("softmax regression on digits, Adam: test accuracy " + acc);
        assertTrue(acc > 0.93, "test accuracy " + acc); // a linear model reaches about 0.95–0.97 on digits
    }

    @Test
    void sgdWithMomentumLearnsTheDigits() {
        double acc = train(ps -> new SGD(ps, 0.05).momentum(0.9));
        System.out.println("softmax regression on digits, SGD momentum: test accuracy " + acc);
        assertTrue(acc > 0.93, "test accuracy " + acc);
    }
}
