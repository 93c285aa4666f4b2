package org.vecgrad.examples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.init.Init;
import org.vecgrad.nn.optim.Parameter;

/**
 * A multi-layer perceptron written directly on {@link Tensor}: layer i computes h·Wᵢᵀ + bᵢ with Wᵢ of shape
 * [out, in] (PyTorch's layout), He-initialised for the ReLU that follows, biases zero; the hidden activation is
 * applied after every layer but the last, which returns logits.
 */
final class SimpleMlp {
    private final int[] sizes;
    private final List<Tensor> weights = new ArrayList<>();
    private final List<Tensor> biases = new ArrayList<>();
    private final UnaryOperator<Tensor> activation;

    SimpleMlp(int[] sizes, UnaryOperator<Tensor> activation, DType dtype, RandomGenerator rng) {
        this.sizes = sizes.clone();
        this.activation = activation;
        for (int i = 0; i + 1 < sizes.length; i++) {
            NdArray w = Init.kaimingNormal(NdArray.zeros(dtype, sizes[i + 1], sizes[i]), rng);
            weights.add(Tensor.of(w, true).name("layers." + i + ".weight"));
            biases.add(Tensor.of(NdArray.zeros(dtype, sizes[i + 1]), true).name("layers." + i + ".bias"));
        }
    }

    /** Logits for a batch x of shape [n, sizes[0]]. */
    Tensor forward(Tensor x) {
        Tensor h = x;
        for (int i = 0; i < weights.size(); i++) {
            h = h.matmul(weights.get(i).mT()).add(biases.get(i));
            if (i + 1 < weights.size()) {
                h = activation.apply(h);
            }
        }
        return h;
    }

    /** The weights and biases as optimizer parameters, named "layers.i.weight"/"layers.i.bias". */
    List<Parameter> parameters() {
        List<Parameter> ps = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            ps.add(new TensorParameter(weights.get(i).name(), weights.get(i)));
            ps.add(new TensorParameter(biases.get(i).name(), biases.get(i)));
        }
        return ps;
    }

    /** Number of scalars: Σ (inᵢ·outᵢ + outᵢ). */
    long parameterCount() {
        long n = 0;
        for (int i = 0; i + 1 < sizes.length; i++) {
            n += (long) sizes[i] * sizes[i + 1] + sizes[i + 1];
        }
        return n;
    }

    /** name → values (shared, not copied), the safetensors layout. */
    Map<String, NdArray> stateDict() {
        Map<String, NdArray> m = new LinkedHashMap<>();
        for (Parameter p : parameters()) {
            m.put(p.name(), p.data());
        }
        return m;
    }

    /** Copies the values of a state dict into this model's parameters (shapes must match). */
    void loadStateDict(Map<String, NdArray> dict) {
        for (Parameter p : parameters()) {
            NdArray v = dict.get(p.name());
            if (v == null) {
                throw new IllegalArgumentException("state dict has no '" + p.name() + "'; it has " + dict.keySet());
            }
            p.data().copyFrom(v);
        }
    }
}
