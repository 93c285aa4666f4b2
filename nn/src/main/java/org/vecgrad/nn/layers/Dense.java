package org.vecgrad.nn.layers;

import java.util.Objects;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;
import org.vecgrad.nn.Functional;
import org.vecgrad.nn.Module;
import org.vecgrad.nn.Rng;
import org.vecgrad.nn.init.Init;

/**
 * Keras's {@code Dense}: y = activation(x·K + b), with kernel K of shape [in, units] (Keras's layout) and bias b
 * of shape [units]. Input [n, in] (or [d₁, …, in]); output [n, units].
 *
 * <pre>{@code
 * Dense d = Dense.builder(64).activation("relu").inputDim(784).build();
 * Dense lazy = new Dense(10, "softmax");         // in is taken from the first input it sees
 * }</pre>
 *
 * <p>Defaults as Keras's: no activation ("linear"), a bias, kernel Glorot uniform U(±√(6/(in + units))), bias
 * zeros. Initializers are given the kernel's fans, fan_in = in and fan_out = units (the bias initializer too), so
 * He, LeCun and Glorot scale by the right fan in this [in, units] layout.
 *
 * <p>The input size is given ({@code inputDim}) or inferred at the first call, when the weights are drawn (in the
 * input's dtype) from a SplitMix64 generator seeded by {@code seed}, or by a seed taken from {@link Rng} when the
 * layer was constructed; either way the same seed gives the same weights. Build the model (a first call,
 * {@code inputDim}, {@link Module#build(int...)}, {@code Sequential.inputShape} or the functional API) before
 * creating its optimizer or loading weights into it. Concurrent first calls build the weights once.
 */
public class Dense extends Module {
    private final int units;
    private final boolean useBias;
    private final Initializer kernelInit;
    private final Initializer biasInit;
    private final long seed;
    private final Module activation;
    private final String activationName;
    /** The input size, -1 until built; written last by {@link #createWeights}, so a reader that sees it sees them. */
    private volatile int in = -1;

    /** {@code units} outputs, no activation, Keras's other defaults. */
    public Dense(int units) {
        this(builder(units));
    }

    /** {@code units} outputs and an activation by name ({@link Activation#of}). */
    public Dense(int units, String activation) {
        this(builder(units).activation(activation));
    }

    @SuppressWarnings("this-escape") // registration only fills this module's own maps; nothing overridable runs
    private Dense(Builder b) {
        if (b.units < 1) {
            throw new IllegalArgumentException("Dense: units " + b.units + " must be >= 1");
        }
        this.units = b.units;
        this.useBias = b.useBias;
        this.kernelInit = b.kernelInit;
        this.biasInit = b.biasInit;
        this.seed = b.seed != null ? b.seed : Rng.nextSeed();
        this.activationName = b.activationName;
        this.activation = b.activation == null || b.activation instanceof Identity ? null
                : register("activation", b.activation);
        if (b.inputDim > 0) {
            createWeights(b.inputDim, b.dtype);
        } else if (b.inputDim != -1) {
            throw new IllegalArgumentException("Dense: inputDim " + b.inputDim + " must be >= 1");
        }
    }

    /** A builder with Keras's defaults. */
    public static Builder builder(int units) {
        return new Builder(units);
    }

    /** Options of {@link Dense}, named as Keras's arguments. */
    public static final class Builder {
        private final int units;
        private Module activation;
        private String activationName = "linear";
        private boolean useBias = true;
        private Initializer kernelInit = Initializer.GLOROT_UNIFORM;
        private Initializer biasInit = Initializer.ZEROS;
        private int inputDim = -1;
        private Long seed;
        private DType dtype = DType.F32;

        private Builder(int units) {
            this.units = units;
        }

        /** An activation by name ("relu", "sigmoid", …; {@link Activation#of}). */
        public Builder activation(String name) {
            this.activation = Activation.of(name);
            this.activationName = name;
            return this;
        }

        /** An activation layer (e.g. {@code new LeakyReLU(0.2)}, or a learnable {@code PReLU}). */
        public Builder activation(Module activation) {
            this.activation = Objects.requireNonNull(activation, "activation");
            this.activationName = activation.getClass().getSimpleName();
            return this;
        }

        /** With (default) or without a bias. */
        public Builder useBias(boolean useBias) {
            this.useBias = useBias;
            return this;
        }

        /** How the kernel is drawn (default Glorot uniform). */
        public Builder kernelInitializer(Initializer init) {
            this.kernelInit = Objects.requireNonNull(init, "kernelInitializer");
            return this;
        }

        /** How the bias is drawn (default zeros). */
        public Builder biasInitializer(Initializer init) {
            this.biasInit = Objects.requireNonNull(init, "biasInitializer");
            return this;
        }

        /** The input size, to build the weights at once (else at the first call). */
        public Builder inputDim(int inputDim) {
            this.inputDim = inputDim;
            return this;
        }

        /** The seed of the weights (default: one drawn from {@link Rng} at construction). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The dtype of weights built from {@code inputDim} (default F32; lazily built weights take the input's). */
        public Builder dtype(DType dtype) {
            this.dtype = Objects.requireNonNull(dtype, "dtype");
            return this;
        }

        /** The layer. */
        public Dense build() {
            return new Dense(this);
        }
    }

    /** Draws the weights; called once, from the constructor or under this layer's lock by the first forward. */
    private void createWeights(int inputSize, DType dtype) {
        var rng = Init.generator(seed);
        Init.Fans fans = Init.Fans.ofKerasLayout(inputSize, units);          // the kernel is [in, units]
        registerParameter("kernel", Tensor.of(kernelInit.init(NdArray.zeros(dtype, inputSize, units), fans, rng)));
        if (useBias) {
            registerParameter("bias", Tensor.of(biasInit.init(NdArray.zeros(dtype, units), fans, rng)));
        }
        this.in = inputSize;
    }

    /** True once the weights exist. */
    @Override
    public boolean isBuilt() {
        return in > 0;
    }

    /** K, shape [in, units] (the layer must be built). */
    public Tensor kernel() {
        return param("kernel");
    }

    /** b, shape [units], or null without a bias. */
    public Tensor bias() {
        return useBias ? param("bias") : null;
    }

    /** The number of outputs. */
    public int units() {
        return units;
    }

    @Override
    public Tensor forward(Tensor x) {
        int in = this.in;
        if (in < 0) {
            in = buildFor(x);
        }
        if (x.rank() == 0 || x.shape(-1) != in) {
            throw new IllegalArgumentException("Dense(" + units + "): built for " + in + " input features, got input"
                    + " of shape " + Shapes.str(x.shape()));
        }
        Tensor y = Functional.dense(x, kernel(), bias());
        return activation == null ? y : activation.forward(y);
    }

    /** Builds the weights for x's last axis unless another thread has just done so; returns the input size. */
    private synchronized int buildFor(Tensor x) {
        if (in < 0) {
            if (x.rank() == 0) {
                throw new IllegalArgumentException("Dense: cannot infer the input size from a rank-0 input");
            }
            createWeights(x.shape(-1), x.dtype());
        }
        return in;
    }

    @Override
    public int[] inputShape() {
        return in > 0 ? new int[] {in} : null;
    }

    @Override
    protected String extraRepr() {
        return "units=" + units + ", in=" + (in > 0 ? in : "?") + ", activation=" + activationName
                + ", use_bias=" + useBias;
    }
}
