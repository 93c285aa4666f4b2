package org.vecgrad.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vecgrad.autodiff.GradCheck;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.nn.Input;
import org.vecgrad.nn.Model;
import org.vecgrad.nn.Module;
import org.vecgrad.nn.Sequential;
import org.vecgrad.nn.SymbolicTensor;

/**
 * GradCheck (F64, central differences) of every layer with respect to its input and to every parameter, through
 * {@link Module#functionalCall} so that the check's perturbed copies are the tensors the layer uses.
 */
class LayerGradCheckTest {

    /** Checks module m on an input of {@code shape} (standard normal times {@code scale}). */
    static void check(String what, Module m, double scale, int... shape) {
        check(what, m, null, scale, shape);
    }

    static void check(String what, Module m, Runnable beforeEachCall, double scale, int... shape) {
        check(what, m, beforeEachCall, false, scale, shape);
    }

    static void check(String what, Module m, Runnable beforeEachCall, boolean secondOrder, double scale,
            int... shape) {
        m.to(DType.F64);
        SplittableRandom rng = new SplittableRandom(what.hashCode());
        Tensor x = Tensor.randn(DType.F64, rng, shape).mul(scale).detach().requiresGrad(true);
        Map<String, Tensor> params = m.namedParameters();
        List<String> names = new ArrayList<>(params.keySet());
        Tensor[] inputs = new Tensor[1 + names.size()];
        inputs[0] = x;
        for (int i = 0; i < names.size(); i++) {
            inputs[1 + i] = params.get(names.get(i)).detach().requiresGrad(true);
        }
        org.vecgrad.autodiff.TensorFunction f = xs -> {
            Map<String, Tensor> p = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                p.put(names.get(i), xs[1 + i]);
            }
            if (beforeEachCall != null) {
                beforeEachCall.run();
            }
            Tensor y = m.functionalCall(p, xs[0]);
            // GradCheck keeps f's output values while it perturbs the input in place, so an output that shares the
            // input's storage (Identity, a Flatten view) would read as constant: copy it (mul(1) is exact).
            return y.data().doubleData() == xs[0].data().doubleData() ? y.mul(1.0) : y;
        };
        GradCheck.Report r = secondOrder ? GradCheck.gradgradcheck(f, inputs) : GradCheck.check(f, inputs);
        assertTrue(r.passed(), what + " " + names + "\n" + r);
    }

    @Test
    void linearAndDense() {
        check("Linear", new Linear(5, 3, true, 1), 1, 4, 5);
        check("Linear no bias", new Linear(5, 3, false, 1), 1, 4, 5);
        check("Linear rank 3", new Linear(5, 3, true, 1), 1, 2, 3, 5);
        check("Dense tanh", Dense.builder(3).activation("tanh").inputDim(5).seed(2).build(), 1, 4, 5);
        check("Dense no bias", Dense.builder(3).useBias(false).inputDim(5).seed(2).build(), 1, 4, 5);
    }

    @Test
    void fusedAffineMapsAreDifferentiableTwice() {
        // the createGraph branch of Functional.linear/dense: gradients recorded as tensor formulas
        check("Linear 2nd order", new Linear(4, 3, true, 1), null, true, 1, 3, 4);
        check("Dense tanh 2nd order", Dense.builder(3).activation("tanh").inputDim(4).seed(2).build(), null, true, 1,
                3, 4);
        check("Dense no bias 2nd order", Dense.builder(2).useBias(false).inputDim(4).seed(2).build(), null, true, 1,
                3, 4);
    }

    @Test
    void everyActivation() {
        for (String name : List.of("linear", "step", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus",
                "swish", "gelu", "gelu_tanh", "gelu_sigmoid", "hard_sigmoid", "hard_tanh", "softmax",
                "log_softmax")) {
            // scale 3 reaches the flat parts of hard sigmoid / hard tanh and both sides of every kink
            check(name, Activation.of(name), 3, 6, 7);
        }
        check("LeakyReLU(0.2)", new LeakyReLU(0.2), 3, 6, 7);
        check("ELU(0.5)", new ELU(0.5), 3, 6, 7);
        check("Softmax(0)", new Softmax(0), 3, 6, 7);
        check("Swish(1.7) fixed", new Swish(1.7), 3, 6, 7);
        check("GELU(mu 0.5, sigma 2)", new GELU(0.5, 2), 3, 6, 7);
        check("GELU(mu 0.5, sigma 2) 2nd order", new GELU(0.5, 2), null, true, 3, 6, 7);
    }

    @Test
    void learnableActivations() {
        check("PReLU shared", new PReLU(), 2, 6, 7);
        check("PReLU per channel", new PReLU(4, 0.1), 2, 5, 4);
        check("PReLU per channel rank 3", new PReLU(4, 0.3), 2, 3, 4, 5);
        check("Swish learnable beta", Swish.learnable(0.8), 2, 6, 7);
    }

    @Test
    void maxoutDropoutFlatten() {
        check("Maxout", new Maxout(5, 3, 4, 9), 1, 6, 5);
        Dropout d = new Dropout(0.3, 5);
        Map<String, long[]> state = d.randomStates();
        check("Dropout (train, fixed mask)", d, () -> d.setRandomStates(state), 1, 6, 7);
        check("Flatten", new Flatten(), 1, 2, 3, 4);
    }

    @Test
    void containersAndFunctionalModels() {
        check("Sequential", new Sequential(new Linear(4, 6, true, 1), new Tanh(), new Linear(6, 2, true, 2),
                new LogSoftmax()), 1, 3, 4);
        SymbolicTensor in = Input.of("x", 4);
        SymbolicTensor a = new Dense(3, "tanh").call(in);
        SymbolicTensor b = new Dense(3, "sigmoid").call(in);
        SymbolicTensor sum = new Add().call(a, b);
        SymbolicTensor cat = new Concatenate().call(sum, in);
        Model m = Model.of(in, new Dense(2).call(cat));
        check("functional Model (Add, Concatenate)", m, 1, 3, 4);
    }

    @Test
    void activationsByNameAndArgumentChecks() {
        assertEquals("ReLU", Activation.of("ReLU").getClass().getSimpleName());
        assertEquals("LeakyReLU", Activation.of("leaky-relu").getClass().getSimpleName());
        assertEquals("Identity", Activation.of(null).getClass().getSimpleName());
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Activation.of("relu6"));
        assertTrue(e.getMessage().contains("relu6") && e.getMessage().contains("gelu_tanh"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new GELU("erf"));
        assertTrue(e.getMessage().contains("erf"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new PReLU(0, 0.25));
        assertTrue(e.getMessage().contains("numParameters 0"), e.getMessage());
        Tensor x = Tensor.of(new double[][] {{-2, 0.5}, {3, -1}});
        assertEquals(x.relu().data(), new ReLU().forward(x).data());
        assertEquals(x.gelu().data(), new GELU().forward(x).data());
        assertEquals(x.geluTanh().data(), new GELU("tanh").forward(x).data());
        assertEquals(x.geluSigmoid().data(), new GELU("sigmoid").forward(x).data());
        assertEquals(x.gelu(-0.5, 1.5).data(), new GELU(-0.5, 1.5).forward(x).data());
        assertEquals("GELU(approximate='sigmoid')", Activation.of("gelu-sigmoid").toString());
        assertEquals("GELU(mu=-0.5, sigma=1.5)", new GELU(-0.5, 1.5).toString());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new GELU(0, -1));
        assertTrue(e.getMessage().contains("sigma = -1.0") && e.getMessage().contains("> 0"), e.getMessage());
        PReLU p = new PReLU();
        p.to(DType.F64);
        assertEquals(Tensor.of(new double[][] {{-0.5, 0.5}, {3, -0.25}}).data(), p.forward(x).data(), "slope 0.25");
    }

    @Test
    void dropoutIsInvertedSeededAndIdentityInEval() {
        Dropout d = new Dropout(0.25, 42);
        Tensor x = Tensor.ones(DType.F64, 200, 50);
        Tensor y = d.forward(x);
        double kept = 0;
        for (int i = 0; i < y.size(); i++) {
            double v = y.data().getFlat(i);
            assertTrue(v == 0 || Math.abs(v - 1 / 0.75) < 1e-12, "element " + v);
            kept += v == 0 ? 0 : 1;
        }
        assertEquals(0.75, kept / y.size(), 0.02);
        Dropout same = new Dropout(0.25, 42);
        assertEquals(y.data(), same.forward(x).data(), "same seed, same mask");
        assertTrue(!y.data().equals(d.forward(x).data()), "next call, new mask");
        d.eval();
        assertTrue(d.forward(x) == x, "identity in eval mode");
        for (double p : new double[] {-0.1, 1, 1.5, Double.NaN}) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new Dropout(p));
            assertTrue(e.getMessage().contains("[0, 1)"), e.getMessage());
        }
    }

}
