package org.vecgrad.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.io.SafeTensors;

/**
 * Optimizer tests. The expected values are written out from the update equations in PyTorch's documentation,
 * step by step, in plain double arithmetic — not taken from a run of the code under test.
 */
class OptimizerTest {

    /** f(x) = Σ (x − 3)², so ∂f/∂x = 2(x − 3). */
    static double grad(double x) {
        return 2 * (x - 3);
    }

    static ArrayParameter param(double... x) {
        return Parameter.of("x", NdArray.of(x));
    }

    /** Sets the gradient of f at the parameter's current value and steps. */
    static void step(Optimizer opt, ArrayParameter p) {
        NdArray g = NdArray.zerosLike(p.data());
        for (int i = 0; i < g.size(); i++) {
            g.setFlat(i, grad(p.data().getFlat(i)));
        }
        p.setGrad(g);
        opt.step();
    }

    static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, 4e-16 * Math.max(1, Math.abs(expected)), what);
    }

    // ------------------------------------------------------------------------------------------ hand-checked steps

    @Test
    void sgdPlainIsThetaMinusLrTimesGrad() {
        ArrayParameter p = param(1.0, -2.0);
        SGD opt = new SGD(List.of(p), 0.1);
        step(opt, p);
        // x₁ = x₀ − 0.1·2(x₀ − 3): 1 − 0.1·(−4) = 1.4; −2 − 0.1·(−10) = −1
        assertEquals(1.4, p.data().getFlat(0), 1e-15);
        assertEquals(-1.0, p.data().getFlat(1), 1e-15);
        step(opt, p);
        // 1.4 − 0.1·(−3.2) = 1.72
        assertEquals(1.72, p.data().getFlat(0), 1e-15);
    }

    @Test
    void sgdMomentumDampeningWeightDecayThreeSteps() {
        ArrayParameter p = param(1.0);
        new SGD(List.of(p)); // defaults construct
        SGD opt = new SGD(List.of(p), 0.1).momentum(0.9).dampening(0.5).weightDecay(0.01);
        double lr = 0.1, mu = 0.9, tau = 0.5, wd = 0.01;
        double x = 1.0;
        // step 1: g = 2(x − 3) + wd·x; b = g (first step: no dampening); x −= lr·b
        double g1 = grad(x) + wd * x; // −4 + 0.01 = −3.99
        double b1 = g1;
        x = x - lr * b1; // 1.399
        step(opt, p);
        assertClose(x, p.data().getFlat(0), "step 1");
        assertEquals(1.399, x, 1e-12);
        // step 2: b = μb + (1 − τ)g
        double g2 = grad(x) + wd * x;
        double b2 = mu * b1 + (1 - tau) * g2;
        x = x - lr * b2;
        step(opt, p);
        assertClose(x, p.data().getFlat(0), "step 2");
        // step 3
        double g3 = grad(x) + wd * x;
        double b3 = mu * b2 + (1 - tau) * g3;
        x = x - lr * b3;
        step(opt, p);
        assertClose(x, p.data().getFlat(0), "step 3");
    }

    @Test
    void sgdNesterovTwoSteps() {
        ArrayParameter p = param(1.0);
        SGD opt = new SGD(List.of(p), 0.1).momentum(0.9).nesterov(true);
        double x = 1.0;
        // step 1: g = −4, b = −4, g ← g + μb = −7.6, x = 1 + 0.76 = 1.76
        double g1 = grad(x);
        double b1 = g1;
        x = x - 0.1 * (g1 + 0.9 * b1);
        assertEquals(1.76, x, 1e-15);
        step(opt, p);
        assertClose(x, p.data().getFlat(0), "step 1");
        double g2 = grad(x);
        double b2 = 0.9 * b1 + g2;
        x = x - 0.1 * (g2 + 0.9 * b2);
        step(opt, p);
        assertClose(x, p.data().getFlat(0), "step 2");
    }

    @Test
    void adamThreeStepsFromTheEquations() {
        ArrayParameter p = param(1.0);
        Adam opt = new Adam(List.of(p), 0.1);
        double b1 = 0.9, b2 = 0.999, eps = 1e-8, lr = 0.1;
        double x = 1.0;
        // step 1: g = −4; m = 0.1·(−4) = −0.4; v = 0.001·16 = 0.016; m̂ = −0.4/0.1 = −4; v̂ = 0.016/0.001 = 16;
        // x = 1 − 0.1·(−4)/(√16 + 1e-8) ≈ 1.1 (Adam's first step has size lr)
        double g = grad(x);
        double m = (1 - b1) * g;
        double v = (1 - b2) * g * g;
        double mHat = m / (1 - b1);
        double vHat = v / (1 - b2);
        x = x - lr * mHat / (Math.sqrt(vHat) + eps);
        assertEquals(1.1, x, 1e-9);
        step(opt, p);
        assertClose(x, p.data().getFlat(0), "step 1");
        // step 2: g ≈ −3.8; m = 0.9·m + 0.1·g ≈ −0.74; v = 0.999·v + 0.001·g² ≈ 0.030424;
        // m̂ = m/(1 − 0.81), v̂ = v/(1 − 0.998001)
        g = grad(x);
        m = b1 * m + (1 - b1) * g;
        v = b2 * v + (1 - b2) * g * g;
        assertEquals(-0.74, m, 1e-9);
        assertEquals(0.030424, v, 1e-9);
        mHat = m / (1 - b1 * b1);
        vHat = v / (1 - b2 * b2);
        x = x - lr * mHat / (Math.sqrt(vHat) + eps);
        step(opt, p);
        assertClose(x, p.data().getFlat(0), "step 2");
        // step 3
        g = grad(x);
        m = b1 * m + (1 - b1) * g;
        v = b2 * v + (1 - b2) * g * g;
        mHat = m / (1 - b1 * b1 * b1);
        vHat = v / (1 - b2 * b2 * b2);
        x = x - lr * mHat / (Math.sqrt(vHat) + eps);
        step(opt, p);
        assertClose(x, p.data().getFlat(0), "step 3");
        assertEquals(3, opt.stepCount(p));
    }

    @Test
    void adamWeightDecayIsCoupledAdamWDecoupled() {
        double lr = 0.1, wd = 0.5, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        // Adam: g ← g + λθ before the moments
        ArrayParameter p = param(1.0);
        Adam adam = new Adam(List.of(p), lr).weightDecay(wd);
        double x = 1.0;
        double g = grad(x) + wd * x; // −3.5
        double m = (1 - b1) * g;
        double v = (1 - b2) * g * g;
        x = x - lr * (m / (1 - b1)) / (Math.sqrt(v / (1 - b2)) + eps);
        step(adam, p);
        assertClose(x, p.data().getFlat(0), "Adam step 1");
        // AdamW: θ ← θ(1 − γλ), then the Adam step with the raw gradient
        ArrayParameter q = param(1.0);
        AdamW adamW = new AdamW(List.of(q), lr);
        assertEquals(AdamW.DEFAULT_WEIGHT_DECAY, adamW.weightDecay());
        adamW.weightDecay(wd);
        double y = 1.0;
        double gy = grad(y); // −4, from θ before the decay
        double my = (1 - b1) * gy;
        double vy = (1 - b2) * gy * gy;
        y = y * (1 - lr * wd); // 0.95
        y = y - lr * (my / (1 - b1)) / (Math.sqrt(vy / (1 - b2)) + eps); // ≈ 0.95 + 0.1
        assertEquals(1.05, y, 1e-9);
        step(adamW, q);
        assertClose(y, q.data().getFlat(0), "AdamW step 1");
        // two more AdamW steps
        for (int t = 2; t <= 3; t++) {
            gy = grad(y);
            my = b1 * my + (1 - b1) * gy;
            vy = b2 * vy + (1 - b2) * gy * gy;
            y = y * (1 - lr * wd);
            y = y - lr * (my / (1 - Math.pow(b1, t))) / (Math.sqrt(vy / (1 - Math.pow(b2, t))) + eps);
            step(adamW, q);
            assertClose(y, q.data().getFlat(0), "AdamW step " + t);
        }
    }

    @Test
    void adamWWithZeroGradientOnlyDecays() {
        ArrayParameter q = param(2.0);
        AdamW opt = new AdamW(List.of(q), 0.1);
        for (int t = 0; t < 5; t++) {
            q.setGrad(NdArray.zeros(DType.F64, 1));
            opt.step();
        }
        // m = v = 0 so the Adam part is 0/(0 + ε) = 0: θ₅ = 2·(1 − 0.1·0.01)⁵
        assertClose(2 * Math.pow(1 - 0.1 * 0.01, 5), q.data().getFlat(0), "decay only");
    }

    @Test
    void amsgradUsesTheRunningMaximumOfV() {
        ArrayParameter p = param(0.0);
        Adam opt = new Adam(List.of(p), 0.1).amsgrad(true);
        double[] grads = {10, 0.1, 0.1}; // v falls after step 1, so max(v) ≠ v at steps 2 and 3
        double b1 = 0.9, b2 = 0.999, eps = 1e-8;
        double x = 0, m = 0, v = 0, vMax = 0;
        for (int t = 1; t <= 3; t++) {
            double g = grads[t - 1];
            m = b1 * m + (1 - b1) * g;
            v = b2 * v + (1 - b2) * g * g;
            vMax = Math.max(vMax, v);
            x = x - 0.1 / (1 - Math.pow(b1, t)) * m / (Math.sqrt(vMax) / Math.sqrt(1 - Math.pow(b2, t)) + eps);
            p.setGrad(NdArray.of(new double[] {g}));
            opt.step();
            assertClose(x, p.data().getFlat(0), "step " + t);
        }
        assertEquals(0.1, vMax, 1e-15, "v₁ = 0.001·100 stays the maximum");
        assertTrue(v < vMax);
    }

    @Test
    void rmspropCenteredWithMomentumTwoSteps() {
        ArrayParameter p = param(1.0);
        RMSprop opt = new RMSprop(List.of(p), 0.01).alpha(0.9).momentum(0.5).centered(true).weightDecay(0.1);
        double lr = 0.01, alpha = 0.9, mu = 0.5, eps = 1e-8, wd = 0.1;
        double x = 1, v = 0, a = 0, b = 0;
        for (int t = 1; t <= 2; t++) {
            double g = grad(x) + wd * x;
            v = alpha * v + (1 - alpha) * g * g;
            a = alpha * a + (1 - alpha) * g;
            double d = Math.sqrt(v - a * a) + eps;
            b = mu * b + g / d;
            x = x - lr * b;
            step(opt, p);
            assertClose(x, p.data().getFlat(0), "step " + t);
            if (t == 1) {
                // by hand: g = −3.9, v = 1.521, a = −0.39, √(v − a²) = √1.3689 = 1.17, b = −3.9/1.17 = −3.333…
                assertEquals(1.0333333333, x, 1e-9);
            }
        }
    }

    @Test
    void rmspropPlainFirstStep() {
        ArrayParameter p = param(1.0);
        RMSprop opt = new RMSprop(List.of(p));
        // v = 0.01·16 = 0.16, x = 1 − 0.01·(−4)/(0.4 + 1e-8) ≈ 1.1
        double expected = 1 - 0.01 * -4 / (Math.sqrt(0.01 * 16) + 1e-8);
        step(opt, p);
        assertClose(expected, p.data().getFlat(0), "step 1");
        assertEquals(1.1, expected, 1e-7);
    }

    @Test
    void adagradWithDecayAndInitialAccumulatorTwoSteps() {
        ArrayParameter p = param(1.0);
        Adagrad opt = new Adagrad(List.of(p), 0.5).lrDecay(0.1).initialAccumulatorValue(0.25);
        double x = 1, s = 0.25;
        for (int t = 1; t <= 2; t++) {
            double clr = 0.5 / (1 + (t - 1) * 0.1);
            double g = grad(x);
            s = s + g * g;
            x = x - clr * g / (Math.sqrt(s) + 1e-10);
            step(opt, p);
            assertClose(x, p.data().getFlat(0), "step " + t);
        }
        // by hand, step 1: s = 0.25 + 16 = 16.25, x = 1 + 0.5·4/√16.25 = 1.4961389…
        assertEquals(1 + 2 / Math.sqrt(16.25), 1.4961389383568338, 1e-15);
    }

    @Test
    void f32ParametersAreUpdatedInFloatArithmetic() {
        ArrayParameter p = Parameter.of("w", NdArray.of(new float[] {1f}));
        SGD opt = new SGD(List.of(p), 0.3);
        p.setGrad(NdArray.of(new float[] {-3f}));
        opt.step();
        float expected = 1f - (float) 0.3 * -3f; // as PyTorch: lr rounded to float, each operation rounded to float
        assertEquals(expected, p.data().floatData()[0]);
        assertNotEquals((float) (1.0 - 0.3 * -3.0), expected, "this case tells float arithmetic from double rounded once");
    }

    // ------------------------------------------------------------------------------------------ convergence

    /** ½ Σ aᵢ(θᵢ − cᵢ)², aᵢ ∈ [0.5, 2]: minimised at c. */
    static double maxErrorAfter(Function<List<ArrayParameter>, Optimizer> make, int steps) {
        double[] a = {0.5, 1.0, 1.5, 2.0, 0.75};
        double[] c = {1.0, -0.5, 0.25, 0.8, -1.0};
        ArrayParameter p = Parameter.of("theta", NdArray.zeros(DType.F64, 5));
        Optimizer opt = make.apply(List.of(p));
        for (int s = 0; s < steps; s++) {
            NdArray g = NdArray.zeros(DType.F64, 5);
            for (int i = 0; i < 5; i++) {
                g.setFlat(i, a[i] * (p.data().getFlat(i) - c[i]));
            }
            p.setGrad(g);
            opt.step();
        }
        double err = 0;
        for (int i = 0; i < 5; i++) {
            err = Math.max(err, Math.abs(p.data().getFlat(i) - c[i]));
        }
        return err;
    }

    @Test
    void everyOptimizerConvergesOnAConvexQuadratic() {
        assertTrue(maxErrorAfter(ps -> new SGD(ps, 0.1), 500) < 1e-6);
        assertTrue(maxErrorAfter(ps -> new SGD(ps, 0.05).momentum(0.9), 500) < 1e-6);
        assertTrue(maxErrorAfter(ps -> new SGD(ps, 0.05).momentum(0.9).nesterov(true), 500) < 1e-6);
        assertTrue(maxErrorAfter(ps -> new Adam(ps, 0.05), 1000) < 1e-3);
        assertTrue(maxErrorAfter(ps -> new Adam(ps, 0.05).amsgrad(true), 1000) < 1e-3);
        assertTrue(maxErrorAfter(ps -> new AdamW(ps, 0.05).weightDecay(0), 1000) < 1e-3);
        assertTrue(maxErrorAfter(ps -> new RMSprop(ps, 0.01), 1000) < 0.05);
        assertTrue(maxErrorAfter(ps -> new RMSprop(ps, 0.01).centered(true).momentum(0.5), 1000) < 0.05);
        assertTrue(maxErrorAfter(ps -> new Adagrad(ps, 0.5), 1000) < 1e-4);
    }

    // ------------------------------------------------------------------------------------------ state

    static List<Function<List<ArrayParameter>, Optimizer>> configs() {
        return List.of(ps -> new SGD(ps, 0.05).momentum(0.9).nesterov(true).weightDecay(1e-3),
                ps -> new Adam(ps, 0.01).amsgrad(true).weightDecay(1e-2),
                ps -> new AdamW(ps, 0.01),
                ps -> new RMSprop(ps).centered(true).momentum(0.3),
                ps -> new Adagrad(ps, 0.1).lrDecay(0.01).initialAccumulatorValue(0.1));
    }

    static List<ArrayParameter> params(DType dtype) {
        SplittableRandom r = new SplittableRandom(5);
        NdArray w = NdArray.zeros(dtype, 3, 4);
        NdArray b = NdArray.zeros(dtype, 4);
        for (NdArray a : List.of(w, b)) {
            for (int i = 0; i < a.size(); i++) {
                a.setFlat(i, r.nextGaussian());
            }
        }
        return List.of(Parameter.of("fc.weight", w), Parameter.of("fc.bias", b));
    }

    /** Deterministic pseudo-gradients depending on the values and the step, so paths diverge if anything differs. */
    static void setGrads(List<ArrayParameter> ps, int step) {
        for (ArrayParameter p : ps) {
            NdArray g = NdArray.zerosLike(p.data());
            for (int i = 0; i < g.size(); i++) {
                g.setFlat(i, Math.sin(3 * p.data().getFlat(i) + step) + 0.1 * i);
            }
            p.setGrad(g);
        }
    }

    @Test
    void stateSaveRestoreContinuesBitIdentically() throws IOException {
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            for (Function<List<ArrayParameter>, Optimizer> make : configs()) {
                List<ArrayParameter> a = params(dtype);
                Optimizer optA = make.apply(a);
                for (int s = 0; s < 5; s++) {
                    setGrads(a, s);
                    optA.step();
                }
                // checkpoint: parameters and optimizer state through a safetensors file image
                Map<String, NdArray> ckpt = new java.util.LinkedHashMap<>();
                for (ArrayParameter p : a) {
                    ckpt.put("param." + p.name(), p.data());
                }
                byte[] state = SafeTensors.toBytes(optA.stateDict());
                byte[] weights = SafeTensors.toBytes(ckpt);
                for (int s = 5; s < 10; s++) {
                    setGrads(a, s);
                    optA.step();
                }
                List<ArrayParameter> b = params(dtype);
                Map<String, NdArray> w = SafeTensors.fromBytes(weights).tensors();
                for (ArrayParameter p : b) {
                    p.data().copyFrom(w.get("param." + p.name()));
                }
                Optimizer optB = make.apply(b);
                optB.loadStateDict(SafeTensors.fromBytes(state).tensors());
                for (int s = 5; s < 10; s++) {
                    setGrads(b, s);
                    optB.step();
                }
                for (int k = 0; k < a.size(); k++) {
                    assertEquals(a.get(k).data(), b.get(k).data(), optA + " " + dtype); // bitwise equals
                }
                assertEquals(optA.stepCount(a.get(0)), optB.stepCount(b.get(0)));
                assertEquals(10, optB.stepCount(b.get(0)));
            }
        }
    }

    @Test
    void stateDictKeysAndValidation() {
        List<ArrayParameter> ps = params(DType.F32);
        Adam opt = new Adam(ps, 0.01);
        assertEquals(Map.of("lr", NdArray.scalar(DType.F64, 0.01)), opt.stateDict());
        setGrads(ps, 0);
        opt.step();
        Map<String, NdArray> sd = opt.stateDict();
        assertEquals(List.of("lr", "fc.weight.step", "fc.weight.exp_avg", "fc.weight.exp_avg_sq", "fc.bias.step",
                "fc.bias.exp_avg", "fc.bias.exp_avg_sq"), List.copyOf(sd.keySet()));
        Adam other = new Adam(params(DType.F32), 0.5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> other.loadStateDict(Map.of("fc.weight.momentum", NdArray.zeros(DType.F32, 3, 4))));
        assertTrue(e.getMessage().contains("fc.weight.momentum"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> other.loadStateDict(Map.of("fc.weight.step",
                NdArray.scalar(DType.F64, 1), "fc.weight.exp_avg", NdArray.zeros(DType.F32, 4, 3))));
        assertTrue(e.getMessage().contains("[4, 3]") && e.getMessage().contains("[3, 4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> other.loadStateDict(Map.of("fc.bias.exp_avg", NdArray.zeros(DType.F32, 4))));
        assertTrue(e.getMessage().contains("fc.bias.step"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> other.loadStateDict(Map.of("fc.bias.step", NdArray.scalar(DType.F64, 1.5))));
        assertEquals(0.5, other.lr(), "failed loads change nothing");
        assertEquals(0, other.stepCount(other.parameters().get(0)));
    }

    // ------------------------------------------------------------------------------------------ failures

    @Test
    void failedStepLeavesParametersAndStateAsTheyWere() {
        List<ArrayParameter> ps = params(DType.F64);
        Adam opt = new Adam(ps, 0.1);
        setGrads(ps, 0);
        opt.step();
        Map<String, NdArray> stateBefore = opt.stateDict();
        NdArray w = ps.get(0).data().copy();
        NdArray b = ps.get(1).data().copy();
        ps.get(0).setGrad(NdArray.ones(DType.F64, 3, 4));
        // a gradient of the wrong shape on the SECOND parameter: the first must not have moved either
        ArrayParameter bias = ps.get(1);
        Parameter broken = new Parameter() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public NdArray data() {
                return bias.data();
            }

            @Override
            public NdArray grad() {
                return NdArray.ones(DType.F64, 5);
            }

            @Override
            public void zeroGrad() {
            }
        };
        Adam opt2 = new Adam(List.of(ps.get(0), broken), 0.1);
        opt2.loadStateDict(Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, opt2::step);
        assertTrue(e.getMessage().contains("broken") && e.getMessage().contains("[5]"), e.getMessage());
        assertEquals(w, ps.get(0).data());
        assertEquals(b, ps.get(1).data());
        assertEquals(0, opt2.stepCount(ps.get(0)));
        assertEquals(stateBefore, opt.stateDict());
    }

    @Test
    void nullGradientsAreSkippedAndZeroGradClears() {
        List<ArrayParameter> ps = params(DType.F64);
        SGD opt = new SGD(ps, 0.1).momentum(0.9);
        setGrads(ps, 0);
        opt.step();
        opt.zeroGrad();
        assertNull(ps.get(0).grad());
        NdArray before = ps.get(0).data().copy();
        ps.get(1).setGrad(NdArray.ones(DType.F64, 4));
        opt.step();
        assertEquals(before, ps.get(0).data());
        assertEquals(1, opt.stepCount(ps.get(0)));
        assertEquals(2, opt.stepCount(ps.get(1)));
    }

    static void rejects(Runnable r, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "\"" + e.getMessage() + "\" should mention " + f);
        }
    }

    @Test
    void hyperparametersAreValidatedWithValueAndRange() {
        List<ArrayParameter> ps = List.of(param(1));
        rejects(() -> new SGD(ps, -0.1), "SGD", "lr = -0.1", "[0, ∞)");
        rejects(() -> new Adam(ps, Double.NaN), "lr = NaN");
        rejects(() -> new SGD(ps).momentum(-0.5), "momentum = -0.5", "[0, 1)");
        rejects(() -> new SGD(ps).weightDecay(-1), "weightDecay = -1.0");
        rejects(() -> new Adam(ps).betas(1.0, 0.999), "beta1 = 1.0", "[0, 1)");
        rejects(() -> new Adam(ps).betas(0.9, -0.1), "beta2 = -0.1", "[0, 1)");
        rejects(() -> new Adam(ps).eps(0), "eps = 0.0", "(0, ∞)");
        rejects(() -> new AdamW(ps).weightDecay(-0.01), "AdamW", "weightDecay = -0.01");
        rejects(() -> new RMSprop(ps).alpha(1.5), "alpha = 1.5", "[0, 1]");
        rejects(() -> new RMSprop(ps).eps(-1), "eps = -1.0");
        rejects(() -> new Adagrad(ps).lrDecay(-1), "lrDecay = -1.0");
        rejects(() -> new Adagrad(ps).initialAccumulatorValue(-1), "initialAccumulatorValue = -1.0");
        rejects(() -> new SGD(List.of()), "empty parameter list");
        rejects(() -> new SGD(List.of(param(1), param(2))), "two parameters are named \"x\"");
        ArrayParameter p = param(1.0);
        SGD nesterovNoMomentum = new SGD(List.of(p), 0.1).nesterov(true);
        p.setGrad(NdArray.of(new double[] {1}));
        rejects(nesterovNoMomentum::step, "nesterov", "momentum = 0.0");
        assertEquals(1.0, p.data().getFlat(0), "the failed step changed nothing");
        SGD damped = new SGD(List.of(p), 0.1).momentum(0.9).dampening(0.1).nesterov(true);
        rejects(damped::step, "dampening = 0.1");
    }

    // ------------------------------------------------------------------------------------------ schedules

    @Test
    void stepLRHalvesEveryThreeEpochs() {
        SGD opt = new SGD(List.of(param(0)), 1.0);
        StepLR s = new StepLR(opt, 3, 0.5);
        double[] expected = {1, 1, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.125}; // epochs 1..9
        for (double e : expected) {
            s.step();
            assertEquals(e, opt.lr());
        }
        assertEquals(0.125, s.closedForm(9));
        s.setEpoch(3);
        assertEquals(0.5, opt.lr());
        assertEquals(3, s.lastEpoch());
    }

    @Test
    void exponentialLRMatchesItsClosedForm() {
        Adam opt = new Adam(List.of(param(0)), 0.1);
        ExponentialLR s = new ExponentialLR(opt, 0.9);
        double lr = 0.1;
        for (int e = 1; e <= 50; e++) {
            s.step();
            lr *= 0.9; // PyTorch's chainable form: multiply the current rate
            assertEquals(lr, opt.lr());
            assertEquals(0.1 * Math.pow(0.9, e), opt.lr(), 1e-15);
        }
    }

    @Test
    void cosineAnnealingFollowsTheCosineAndComesBack() {
        SGD opt = new SGD(List.of(param(0)), 0.1);
        CosineAnnealingLR s = new CosineAnnealingLR(opt, 10, 0.001);
        for (int e = 1; e <= 45; e++) {
            s.step();
            double closed = 0.001 + (0.1 - 0.001) * (1 + Math.cos(Math.PI * e / 10)) / 2;
            assertEquals(closed, opt.lr(), 1e-12, "epoch " + e);
            if (e == 5) {
                assertEquals(0.0505, opt.lr(), 1e-12); // halfway: (base + η_min)/2
            } else if (e == 10) {
                assertEquals(0.001, opt.lr(), 1e-12); // η_min at T_max
            } else if (e == 20) {
                assertEquals(0.1, opt.lr(), 1e-12); // back to base after 2·T_max
            }
        }
        rejects(() -> new CosineAnnealingLR(opt, 0), "tMax = 0");
        rejects(() -> new StepLR(opt, 2, -1), "gamma = -1.0");
    }

    // ------------------------------------------------------------------------------------------ clipping

    @Test
    void clipGradNormScalesAllGradientsTogether() {
        ArrayParameter a = Parameter.of("a", NdArray.zeros(DType.F64, 2)).setGrad(NdArray.of(new double[] {3, 4}));
        ArrayParameter b = Parameter.of("b", NdArray.zeros(DType.F64, 1)).setGrad(NdArray.of(new double[] {12}));
        ArrayParameter none = Parameter.of("c", NdArray.zeros(DType.F64, 1));
        List<ArrayParameter> ps = List.of(a, b, none);
        // total = √(9 + 16 + 144) = 13; coef = 6.5/(13 + 1e-6)
        double total = GradClip.clipGradNorm(ps, 6.5);
        assertEquals(13, total, 1e-15);
        double coef = 6.5 / (13 + 1e-6);
        assertArrayEquals(new double[] {3 * coef, 4 * coef}, a.grad().toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {12 * coef}, b.grad().toDoubleArray(), 1e-15);
        assertNull(none.grad());
        // under the limit: multiplied by exactly 1
        double[] before = a.grad().toDoubleArray();
        GradClip.clipGradNorm(ps, 100);
        assertArrayEquals(before, a.grad().toDoubleArray(), 0);
        // ∞-norm is the largest |g|
        b.setGrad(NdArray.of(new double[] {-12}));
        assertEquals(12, GradClip.clipGradNorm(ps, 100, Double.POSITIVE_INFINITY, false));
        assertEquals(0.0, GradClip.clipGradNorm(List.of(none), 1.0));
    }

    @Test
    void clipGradNormWithNonFiniteGradients() {
        ArrayParameter a = Parameter.of("a", NdArray.zeros(DType.F64, 2)).setGrad(NdArray.of(new double[] {Double.NaN,
                1}));
        assertThrows(ArithmeticException.class, () -> GradClip.clipGradNorm(List.of(a), 1, 2, true));
        assertEquals(1.0, a.grad().getFlat(1), "errorIfNonfinite leaves the gradients alone");
        assertTrue(Double.isNaN(GradClip.clipGradNorm(List.of(a), 1)));
        assertTrue(Double.isNaN(a.grad().getFlat(1)), "as PyTorch, the NaN spreads");
        rejects(() -> GradClip.clipGradNorm(List.of(a), -1), "maxNorm = -1.0");
    }

    @Test
    void clipGradValueClamps() {
        ArrayParameter a = Parameter.of("a", NdArray.zeros(DType.F32, 4))
                .setGrad(NdArray.of(new float[] {-5, 0.5f, 2, Float.NaN}));
        GradClip.clipGradValue(List.of(a), 1);
        assertArrayEquals(new float[] {-1, 0.5f, 1, Float.NaN}, a.grad().toFloatArray());
        rejects(() -> GradClip.clipGradValue(List.of(a), -1), "clipValue = -1.0");
    }
}
