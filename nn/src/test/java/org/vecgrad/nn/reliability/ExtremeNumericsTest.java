package org.vecgrad.nn.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.Sequential;
import org.vecgrad.nn.layers.Linear;
import org.vecgrad.nn.layers.Tanh;
import org.vecgrad.nn.loss.BCELoss;
import org.vecgrad.nn.loss.BCEWithLogitsLoss;
import org.vecgrad.nn.loss.CrossEntropyLoss;
import org.vecgrad.nn.loss.HuberLoss;
import org.vecgrad.nn.loss.L1Loss;
import org.vecgrad.nn.loss.MSELoss;
import org.vecgrad.nn.loss.NLLLoss;

/**
 * Numerics at the extremes, as properties over random inputs (QuickTheories; every example in F32 and F64):
 * logits anywhere in [−1e4, 1e4] including exactly ±1e4 and 0, probabilities exactly 0 and 1, activations at
 * ±1e30 (F32) and ±1e300 (F64), huge (1e15) and tiny (1e-30) weights. Wherever the mathematical value is finite,
 * the loss and every gradient must be finite (no exp overflow, no 0·∞, no log 0 leaking through).
 */
class ExtremeNumericsTest {
    static final List<DType> DTYPES = List.of(DType.F32, DType.F64);

    /** Logit-like value: exactly ±1e4 or 0, a tiny or subnormal value, or uniform in [−1e4, 1e4] or [−10, 10]. */
    static double logit(SplittableRandom r) {
        return switch (r.nextInt(7)) {
            case 0 -> 1e4;
            case 1 -> -1e4;
            case 2 -> 0;
            case 3 -> r.nextBoolean() ? 1e-30 : -Float.MIN_VALUE;
            case 4, 5 -> r.nextDouble(-1e4, 1e4);
            default -> r.nextDouble(-10, 10);
        };
    }

    /** Probability: exactly 0 or 1 half the time, else uniform in [0, 1]. */
    static double probability(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> 1;
            default -> r.nextDouble();
        };
    }

    static Tensor leaf(DType dt, int rows, int cols, SplittableRandom r, Function<SplittableRandom, Double> g) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = g.apply(r);
        }
        return Tensor.of(NdArray.of(v, rows, cols).to(dt)).requiresGrad(true);
    }

    static void assertFinite(String what, NdArray a) {
        for (int i = 0; i < a.size(); i++) {
            double v = a.getFlat(i);
            assertTrue(Double.isFinite(v), what + ": element " + i + " = " + v + " in " + a);
        }
    }

    /** Loss finite and ≥ 0 (up to rounding), input gradient finite. */
    static void check(String what, Tensor input, Tensor loss) {
        assertFinite(what + " loss", loss.data());
        assertTrue(loss.item() >= -1e-3 * Math.max(1, Math.abs(loss.item())), what + " loss " + loss.item());
        loss.backward();
        assertFinite(what + " gradient", input.grad().data());
    }

    @Test
    void crossEntropyAndNllAreFiniteForLogitsUpTo1e4() {
        qt().withExamples(300).forAll(SourceDSL.longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int b = 1 + r.nextInt(6);
            int c = 2 + r.nextInt(9);
            int[] labels = r.ints(b, 0, c).toArray();
            for (DType dt : DTYPES) {
                Tensor x = leaf(dt, b, c, r, ExtremeNumericsTest::logit);
                check(dt + " CE " + x.data(), x, new CrossEntropyLoss().forward(x, labels));
                // softmax − one-hot: each gradient row sums to 0
                NdArray g = x.grad().data();
                for (int i = 0; i < b; i++) {
                    double s = 0;
                    for (int j = 0; j < c; j++) {
                        s += g.getFlat(i * c + j);
                    }
                    assertTrue(Math.abs(s) <= 1e-5 * c, dt + " CE gradient row " + i + " sums to " + s);
                }
                Tensor y = leaf(dt, b, c, r, ExtremeNumericsTest::logit);
                check(dt + " NLL(logSoftmax) " + y.data(), y, new NLLLoss().forward(y.logSoftmax(1), labels));
            }
        });
    }

    @Test
    void crossEntropyWithProbabilityTargetsThatAreExactlyZeroOrOne() {
        qt().withExamples(300).forAll(SourceDSL.longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int b = 1 + r.nextInt(6);
            int c = 2 + r.nextInt(9);
            for (DType dt : DTYPES) {
                Tensor x = leaf(dt, b, c, r, ExtremeNumericsTest::logit);
                double[] t = new double[b * c];
                for (int i = 0; i < b; i++) {
                    if (r.nextBoolean()) {
                        t[i * c + r.nextInt(c)] = 1;              // one-hot: exact 0s and one exact 1
                    } else {
                        double s = 0;
                        for (int j = 0; j < c; j++) {
                            t[i * c + j] = probability(r) * (r.nextBoolean() ? 1 : 0);
                            s += t[i * c + j];
                        }
                        if (s == 0) {
                            t[i * c] = 1;
                            s = 1;
                        }
                        for (int j = 0; j < c; j++) {
                            t[i * c + j] /= s;
                        }
                    }
                }
                Tensor target = Tensor.of(NdArray.of(t, b, c).to(dt));
                check(dt + " CE(probabilities) " + x.data(), x, new CrossEntropyLoss().forward(x, target));
            }
        });
    }

    @Test
    void binaryLossesAreFiniteAtLogitsOf1e4AndProbabilitiesOfExactlyZeroAndOne() {
        qt().withExamples(300).forAll(SourceDSL.longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int b = 1 + r.nextInt(8);
            for (DType dt : DTYPES) {
                Tensor target = leaf(dt, b, 1, r, ExtremeNumericsTest::probability).detach();
                Tensor z = leaf(dt, b, 1, r, ExtremeNumericsTest::logit);
                check(dt + " BCEWithLogits " + z.data() + " vs " + target.data(), z,
                        new BCEWithLogitsLoss().forward(z, target));
                Tensor p = leaf(dt, b, 1, r, ExtremeNumericsTest::probability);
                check(dt + " BCE " + p.data() + " vs " + target.data(), p, new BCELoss().forward(p, target));
            }
        });
    }

    @Test
    void activationsAndTheirGradientsAreFiniteAtHugeAndTinyInputs() {
        Map<String, Function<Tensor, Tensor>> ops = new java.util.LinkedHashMap<>();
        ops.put("sigmoid", Tensor::sigmoid);
        ops.put("tanh", Tensor::tanh);
        ops.put("softplus", Tensor::softplus);
        ops.put("gelu", Tensor::gelu);
        ops.put("geluTanh", Tensor::geluTanh);
        ops.put("elu", t -> t.elu(1.0));
        ops.put("silu", Tensor::silu);
        ops.put("swish(1.5)", t -> t.swish(1.5));
        ops.put("softmax", t -> t.softmax(1));
        ops.put("logSoftmax", t -> t.logSoftmax(1));
        ops.put("logSumExp", t -> t.logSumExp(1, false));
        qt().withExamples(150).forAll(SourceDSL.longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int c = 1 + r.nextInt(9);
            for (DType dt : DTYPES) {
                double big = dt == DType.F32 ? 1e30 : 1e300;
                Function<SplittableRandom, Double> g = rr -> switch (rr.nextInt(6)) {
                    case 0 -> big;
                    case 1 -> -big;
                    case 2 -> rr.nextBoolean() ? 1e-30 : -1e-30;
                    case 3 -> 0.0;
                    default -> logit(rr);
                };
                Tensor x0 = leaf(dt, 2, c, r, g);
                for (var op : ops.entrySet()) {
                    Tensor x = Tensor.of(x0.data().copy()).requiresGrad(true);
                    Tensor y = op.getValue().apply(x);
                    assertFinite(dt + " " + op.getKey() + " of " + x.data(), y.data());
                    y.backward(Tensor.of(NdArray.full(dt, 1, y.shape())));
                    assertFinite(dt + " " + op.getKey() + "' of " + x.data(), x.grad().data());
                }
            }
        });
    }

    @Test
    void hugeAndTinyWeightsGiveFiniteLossesAndGradients() {
        qt().withExamples(40).forAll(SourceDSL.longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            double scale = r.nextBoolean() ? 1e15 : 1e-30;
            for (DType dt : DTYPES) {
                Sequential m = new Sequential(new Linear(4, 6, true, r.nextLong()), new Tanh(),
                        new Linear(6, 3, true, r.nextLong()));
                m.to(dt);
                for (Tensor p : m.namedParameters().values()) {
                    NdArray d = p.data();
                    for (int i = 0; i < d.size(); i++) {
                        d.setFlat(i, d.getFlat(i) * scale);
                    }
                }
                Tensor x = leaf(dt, 5, 4, r, rr -> rr.nextGaussian() * 3);
                int[] labels = r.ints(5, 0, 3).toArray();
                String what = dt + " weights × " + scale;
                List<Function<Tensor, Tensor>> losses = List.of(
                        out -> new CrossEntropyLoss().forward(out, labels),
                        out -> new MSELoss().forward(out, Tensor.of(NdArray.full(dt, 0.5, 5, 3))),
                        out -> new HuberLoss().forward(out, Tensor.of(NdArray.full(dt, 0.5, 5, 3))),
                        out -> new L1Loss().forward(out, Tensor.of(NdArray.full(dt, 0.5, 5, 3))));
                for (Function<Tensor, Tensor> loss : losses) {
                    m.zeroGrad();
                    x.zeroGrad();
                    Tensor l = loss.apply(m.forward(x));
                    check(what, x, l);
                    for (var p : m.namedParameters().entrySet()) {
                        assertFinite(what + " d/d" + p.getKey(), p.getValue().grad().data());
                    }
                }
            }
        });
    }
}
