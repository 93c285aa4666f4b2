package org.vecgrad.nn.layers;

import java.util.Locale;
import org.vecgrad.nn.Module;

/**
 * Base of the elementwise (and softmax) activation layers, and Keras's lookup by name: {@code Activation.of("relu")}.
 * Every activation's formula and derivative, including the value used at kinks, is on its class and on
 * {@link org.vecgrad.engine.UnaryOp}.
 */
public abstract class Activation extends Module {
    /** For subclasses. */
    protected Activation() {
    }


    /**
     * A new activation layer by Keras/PyTorch name: "linear" (or "identity"), "step", "sigmoid", "tanh", "relu",
     * "leaky_relu", "prelu", "elu", "softplus", "swish" (or "silu"), "gelu", "gelu_tanh", "gelu_sigmoid",
     * "hard_sigmoid", "hard_tanh", "softmax", "log_softmax". Case and '-' vs '_' do not matter.
     */
    public static Module of(String name) {
        String n = name == null ? "linear" : name.toLowerCase(Locale.ROOT).replace('-', '_');
        return switch (n) {
            case "linear", "identity", "none" -> new Identity();
            case "step", "heaviside" -> new Step();
            case "sigmoid" -> new Sigmoid();
            case "tanh" -> new Tanh();
            case "relu" -> new ReLU();
            case "leaky_relu", "leakyrelu" -> new LeakyReLU();
            case "prelu" -> new PReLU();
            case "elu" -> new ELU();
            case "softplus" -> new Softplus();
            case "swish", "silu" -> new Swish();
            case "gelu" -> new GELU();
            case "gelu_tanh" -> new GELU("tanh");
            case "gelu_sigmoid" -> new GELU("sigmoid");
            case "hard_sigmoid", "hardsigmoid" -> new HardSigmoid();
            case "hard_tanh", "hardtanh" -> new HardTanh();
            case "softmax" -> new Softmax();
            case "log_softmax", "logsoftmax" -> new LogSoftmax();
            default -> throw new IllegalArgumentException("unknown activation '" + name + "'; known: linear, step, "
                    + "sigmoid, tanh, relu, leaky_relu, prelu, elu, softplus, swish, gelu, gelu_tanh, gelu_sigmoid, "
                    + "hard_sigmoid, hard_tanh, softmax, log_softmax");
        };
    }
}
