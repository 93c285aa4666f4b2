package org.vecgrad.nn.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;
import org.vecgrad.autodiff.GradCheck;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

class LossTest {
    static final SplittableRandom RNG = new SplittableRandom(17);

    static Tensor randn(int... shape) {
        return Tensor.randn(DType.F64, RNG, shape).requiresGrad(true);
    }

    static Tensor uniform(double lo, double hi, int... shape) {
        return Tensor.of(NdArray.uniform(DType.F64, RNG, lo, hi, shape)).requiresGrad(true);
    }

    /** Per-element reference of an elementwise loss, reduced three ways, against the loss's three reductions. */
    static void elementwise(String what, java.util.function.Function<Reduction, Loss> make, Tensor x, Tensor y,
            DoubleBinaryOperator ref) {
        double sum = 0;
        double[] each = new double[x.size()];
        for (int i = 0; i < x.size(); i++) {
            each[i] = ref.applyAsDouble(x.data().getFlat(i), y.data().getFlat(i));
            sum += each[i];
        }
        assertEquals(sum / x.size(), make.apply(Reduction.MEAN).forward(x, y).item(), 1e-12, what + " mean");
        assertEquals(sum, make.apply(Reduction.SUM).forward(x, y).item(), 1e-11, what + " sum");
        Tensor none = make.apply(Reduction.NONE).forward(x, y);
        assertArrayEquals(x.shape(), none.shape(), what + " none shape");
        assertArrayEquals(each, none.data().toDoubleArray(), 1e-12, what + " none");
        for (Reduction r : Reduction.values()) {
            GradCheck.Report rep = GradCheck.check(xs -> make.apply(r).forward(xs[0], xs[1]), x, y);
            assertTrue(rep.passed(), what + " " + r + "\n" + rep);
        }
    }

    @Test
    void regressionLosses() {
        Tensor x = randn(5, 3);
        Tensor y = randn(5, 3);
        elementwise("MSE", MSELoss::new, x, y, (a, b) -> (a - b) * (a - b));
        elementwise("L1", L1Loss::new, x, y, (a, b) -> Math.abs(a - b));
        for (double delta : new double[] {0.3, 1, 2}) {
            elementwise("Huber " + delta, r -> new HuberLoss(delta, r), x, y, (a, b) -> {
                double d = Math.abs(a - b);
                return d <= delta ? 0.5 * d * d : delta * (d - 0.5 * delta);
            });
        }
    }

    @Test
    void binaryCrossEntropy() {
        Tensor p = uniform(0.05, 0.95, 6, 1);
        Tensor y = uniform(0, 1, 6, 1);
        elementwise("BCE", BCELoss::new, p, y, (a, b) -> -(b * Math.log(a) + (1 - b) * Math.log(1 - a)));
        Tensor x = randn(6, 2).mul(3).detach().requiresGrad(true);
        Tensor t = uniform(0, 1, 6, 2);
        elementwise("BCEWithLogits", BCEWithLogitsLoss::new, x, t, (a, b) -> {
            double s = 1 / (1 + Math.exp(-a));
            return -(b * Math.log(s) + (1 - b) * Math.log(1 - s));
        });
    }

    @Test
    void bceClampsLogsAtMinus100LikePyTorch() {
        Tensor p = Tensor.of(0, 1, 0, 1).requiresGrad(true);
        Tensor y = Tensor.of(1, 0, 0, 1);
        Tensor l = new BCELoss(Reduction.NONE).forward(p, y);
        assertArrayEquals(new double[] {100, 100, 0, 0}, l.data().toDoubleArray(), 0);
        l.sum().backward();
        for (double g : p.grad().data().toDoubleArray()) {
            assertTrue(Double.isFinite(g), "finite gradient at p = 0 or 1: " + g);
        }
        var e = assertThrows(IllegalArgumentException.class,
                () -> new BCELoss().forward(Tensor.of(0.5, 1.5), Tensor.of(0, 1)));
        assertTrue(e.getMessage().contains("1.5") && e.getMessage().contains("BCEWithLogitsLoss"), e.getMessage());
    }

    @Test
    void logitLossesAreFiniteAt1e4() {
        Tensor x = Tensor.of(new double[][] {{1e4, -1e4, 0}, {-1e4, 1e4, 1e4}}).requiresGrad(true);
        Tensor l = new CrossEntropyLoss().forward(x, new int[] {1, 0});
        assertEquals(2e4 + Math.log(2) / 2, l.item(), 1e-9);     // lse 1e4 and 1e4 + ln 2, picked logits −1e4
        l.backward();
        assertAllFinite(x.grad().data());
        Tensor z = Tensor.of(1e4, -1e4, 1e4, -1e4).requiresGrad(true);
        Tensor b = new BCEWithLogitsLoss(Reduction.NONE).forward(z, Tensor.of(1, 0, 0, 1));
        assertArrayEquals(new double[] {0, 0, 1e4, 1e4}, b.data().toDoubleArray(), 1e-9);
        b.sum().backward();
        assertArrayEquals(new double[] {0, 0, 1, -1}, z.grad().data().toDoubleArray(), 0);
        Tensor f32 = Tensor.of(NdArray.of(new float[] {1e4f, -1e4f, 3f, 0f}, 2, 2)).requiresGrad(true);
        Tensor l32 = new CrossEntropyLoss().forward(f32, new int[] {1, 1});
        l32.backward();
        assertTrue(Double.isFinite(l32.item()), "F32 loss " + l32.item());
        assertAllFinite(f32.grad().data());
    }

    static void assertAllFinite(NdArray a) {
        for (int i = 0; i < a.size(); i++) {
            assertTrue(Double.isFinite(a.getFlat(i)), "element " + i + " = " + a.getFlat(i));
        }
    }

    @Test
    void crossEntropyWithLabels() {
        Tensor x = randn(5, 4);
        int[] labels = {3, 0, 1, 1, 2};
        double sum = 0;
        double[] each = new double[5];
        for (int i = 0; i < 5; i++) {
            double lse = 0;
            for (int j = 0; j < 4; j++) {
                lse += Math.exp(x.data().get(i, j));
            }
            each[i] = Math.log(lse) - x.data().get(i, labels[i]);
            sum += each[i];
        }
        assertEquals(sum / 5, new CrossEntropyLoss().forward(x, labels).item(), 1e-12);
        assertEquals(sum, new CrossEntropyLoss(Reduction.SUM).forward(x, labels).item(), 1e-12);
        assertArrayEquals(each, new CrossEntropyLoss(Reduction.NONE).forward(x, labels).data().toDoubleArray(), 1e-12);
        for (Reduction r : Reduction.values()) {
            GradCheck.Report rep = GradCheck.check(xs -> new CrossEntropyLoss(r).forward(xs[0], labels), x);
            assertTrue(rep.passed(), "CE labels " + r + "\n" + rep);
            GradCheck.Report second = GradCheck.gradgradcheck(xs -> new CrossEntropyLoss(r).forward(xs[0], labels), x);
            assertTrue(second.passed(), "CE labels second order " + r + "\n" + second);
            GradCheck.Report nll = GradCheck.check(xs -> new NLLLoss(r).forward(xs[0].logSoftmax(1), labels), x);
            assertTrue(nll.passed(), "NLL " + r + "\n" + nll);
            assertEquals(new CrossEntropyLoss(r).forward(x, labels).sum().item(),
                    new NLLLoss(r).forward(x.logSoftmax(1), labels).sum().item(), 1e-12, "NLL∘logSoftmax = CE");
        }
    }

    @Test
    void crossEntropyWithProbabilityTargets() {
        Tensor x = randn(4, 3);
        Tensor y = Tensor.of(NdArray.uniform(DType.F64, RNG, 0, 1, 4, 3)).softmax(1).detach().requiresGrad(true);
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            double lse = 0;
            for (int j = 0; j < 3; j++) {
                lse += Math.exp(x.data().get(i, j));
            }
            for (int j = 0; j < 3; j++) {
                sum -= y.data().get(i, j) * (x.data().get(i, j) - Math.log(lse));
            }
        }
        assertEquals(sum / 4, new CrossEntropyLoss().forward(x, y).item(), 1e-12);
        int[] labels = {2, 0, 1, 1};
        Tensor oneHot = Tensor.of(NdArray.zeros(DType.F64, 4, 3));
        for (int i = 0; i < 4; i++) {
            oneHot.data().set(1, i, labels[i]);
        }
        assertEquals(new CrossEntropyLoss().forward(x, labels).item(), new CrossEntropyLoss().forward(x, oneHot).item(),
                1e-12, "one-hot targets = labels");
        for (Reduction r : Reduction.values()) {
            GradCheck.Report rep = GradCheck.check(xs -> new CrossEntropyLoss(r).forward(xs[0], xs[1]), x, y);
            assertTrue(rep.passed(), "CE probabilities " + r + "\n" + rep);
            GradCheck.Report nll = GradCheck.check(xs -> new NLLLoss(r).forward(xs[0], xs[1]), x, y);
            assertTrue(nll.passed(), "NLL probabilities " + r + "\n" + nll);
        }
    }

    @Test
    void labelsAreValidatedWithTheBadLabelAndTheClassCount() {
        Tensor x = randn(3, 4);
        var e = assertThrows(IllegalArgumentException.class,
                () -> new CrossEntropyLoss().forward(x, new int[] {0, 4, 1}));
        assertTrue(e.getMessage().contains("label 4") && e.getMessage().contains("4 classes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new NLLLoss().forward(x, new int[] {0, -1, 1}));
        assertTrue(e.getMessage().contains("label -1") && e.getMessage().contains("4 classes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CrossEntropyLoss().forward(x, new int[] {0, 1}));
        assertTrue(e.getMessage().contains("2 labels for 3 samples"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MSELoss().forward(x, randn(4, 3)));
        assertTrue(e.getMessage().contains("[3, 4]") && e.getMessage().contains("[4, 3]"), e.getMessage());
    }

    @Test
    void integerLabelsAsTargetsForSingleOutputLosses() {
        Tensor p = uniform(0.1, 0.9, 3, 1);
        int[] labels = {1, 0, 1};
        Tensor y = Tensor.of(NdArray.of(new double[] {1, 0, 1}, 3, 1));
        assertEquals(new BCELoss().forward(p, y).item(), new BCELoss().forward(p, labels).item(), 0);
        assertThrows(IllegalArgumentException.class, () -> new BCELoss().forward(randn(3, 2), labels));
    }
}
