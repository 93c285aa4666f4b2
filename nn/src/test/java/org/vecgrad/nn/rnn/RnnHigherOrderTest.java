package org.vecgrad.nn.rnn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vecgrad.autodiff.Autograd;
import org.vecgrad.autodiff.GradCheck;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.autodiff.TensorFunction;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.Module;

/**
 * Whole recurrent layers beyond first order (F64): gradgradcheck with respect to the input and every parameter for
 * RNN (tanh, relu), LSTM and GRU with one or two layers, bidirectional, batch_first and per-sequence lengths; and
 * forward mode (Autograd.jvp) against central differences.
 */
class RnnHigherOrderTest {

    /** The layer run with fixed lengths; returns output, h_N and c_N flattened into one vector. */
    private static final class Probe extends Module {
        private final RNNBase rnn;
        private final int[] lengths;

        Probe(RNNBase rnn, int[] lengths) {
            this.rnn = register("rnn", rnn);
            this.lengths = lengths;
        }

        @Override
        public Tensor forward(Tensor x) {
            RNNBase.Result r = rnn.run(x, null, null, lengths);
            List<Tensor> parts = new ArrayList<>(List.of(r.output().flatten(), r.hN().flatten()));
            if (r.cN() != null) {
                parts.add(r.cN().flatten());
            }
            return Tensor.concat(0, parts.toArray(new Tensor[0]));
        }
    }

    /** f(x, parameters…) through functionalCall, and the inputs: x then the parameters, detached. */
    record Setup(TensorFunction f, Tensor[] inputs) {
    }

    /** The layer as a function of its input and parameters: output, h_N and c_N flattened; lengths may be null. */
    static Setup setup(String what, RNNBase layer, int[] lengths, int... xShape) {
        Probe m = new Probe(layer, lengths);
        m.to(DType.F64);
        SplittableRandom rng = new SplittableRandom(what.hashCode());
        Map<String, Tensor> params = m.namedParameters();
        List<String> names = new ArrayList<>(params.keySet());
        Tensor[] inputs = new Tensor[1 + names.size()];
        inputs[0] = Tensor.randn(DType.F64, rng, xShape).requiresGrad(true);
        for (int i = 0; i < names.size(); i++) {
            inputs[1 + i] = params.get(names.get(i)).detach().mul(2).requiresGrad(true);   // ±2/√H: not saturated
        }
        TensorFunction f = xs -> {
            Map<String, Tensor> p = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                p.put(names.get(i), xs[1 + i]);
            }
            return m.functionalCall(p, xs[0]);
        };
        return new Setup(f, inputs);
    }

    private static void gradgradcheck(String what, RNNBase layer, int[] lengths, int... xShape) {
        Setup s = setup(what, layer, lengths, xShape);
        GradCheck.Report r = GradCheck.gradgradcheck(s.f(), s.inputs());
        assertTrue(r.passed(), what + "\n" + r);
    }

    @Test
    void gradgradcheckRnnTanhTwoLayersBidirectionalWithLengths() {
        gradgradcheck("RNN tanh 2 layers bidirectional lengths", new RNN(2, 2, 2, "tanh", true, false, 0, true, 1),
                new int[] {3, 1}, 3, 2, 2);
    }

    @Test
    void gradgradcheckRnnRelu() {
        gradgradcheck("RNN relu bidirectional", new RNN(2, 3, 1, "relu", true, false, 0, true, 2), null, 3, 2, 2);
    }

    @Test
    void gradgradcheckLstmTwoLayersBidirectionalBatchFirstWithLengths() {
        gradgradcheck("LSTM 2 layers bidirectional batch_first lengths",
                new LSTM(2, 2, 2, true, true, 0, true, 3), new int[] {2, 3}, 2, 3, 2);
    }

    @Test
    void gradgradcheckGruTwoLayersWithLengths() {
        gradgradcheck("GRU 2 layers lengths", new GRU(2, 2, 2, true, false, 0, false, 4), new int[] {1, 3}, 3, 2, 2);
    }

    @Test
    void gradgradcheckGruBidirectionalNoBias() {
        gradgradcheck("GRU bidirectional no bias", new GRU(2, 2, 1, false, false, 0, true, 5), null, 3, 2, 2);
    }

    @Test
    void jvpEqualsCentralDifferencesForEveryLayerKind() {
        RNNBase[] layers = {new LSTM(3, 2, 2, true, false, 0, true, 6), new GRU(3, 2, 2, true, false, 0, true, 7),
            new RNN(3, 2, 2, "tanh", true, false, 0, true, 8), new RNN(3, 2, 1, "relu", true, false, 0, false, 9)};
        for (RNNBase layer : layers) {
            String what = layer.getClass().getSimpleName() + " layers=" + layer.numLayers() + " bidirectional="
                    + layer.bidirectional();
            Setup s = setup(what, layer, new int[] {3, 2}, 3, 2, 3);
            SplittableRandom rng = new SplittableRandom(what.hashCode() + 1);
            Tensor[] xs = new Tensor[s.inputs().length];
            Tensor[] us = new Tensor[xs.length];
            Tensor[] plus = new Tensor[xs.length];
            Tensor[] minus = new Tensor[xs.length];
            double eps = 1e-6;
            for (int i = 0; i < xs.length; i++) {
                xs[i] = s.inputs()[i].detach();
                us[i] = Tensor.randn(DType.F64, rng, xs[i].shape());
                plus[i] = Tensor.of(xs[i].data().add(us[i].data().mul(eps)));
                minus[i] = Tensor.of(xs[i].data().sub(us[i].data().mul(eps)));
            }
            NdArray ju = Autograd.jvp(s.f(), xs, us).derivatives()[0].data();
            NdArray fd;
            try (var off = Tensor.noGrad()) {
                fd = s.f().apply(plus).data().sub(s.f().apply(minus).data()).div(2 * eps);
            }
            assertTrue(ju.allClose(fd, 1e-3, 1e-5, false), what + ": jvp " + ju + "\ncentral differences " + fd);
        }
    }
}
