package org.vecgrad.nn.init;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;

/**
 * Weight initializers, named as in PyTorch's {@code torch.nn.init} and Keras's {@code keras.initializers}. Each
 * fills its array in place, element by element in row-major order, from the {@link RandomGenerator} it is given,
 * and returns the array; the same seed gives the same weights on every run and every machine (use
 * {@link #generator(long)} or any seeded generator whose algorithm is fixed).
 *
 * <h2>Fans</h2>
 * Every fan-based initializer has two forms. The form with a {@link Fans} argument uses the fans it is given: a
 * layer passes its weight's fans, computed from its own layout (a {@code Dense} kernel {@code [in, units]} has
 * fan_in = in: {@link Fans#ofKerasLayout}), and a bias gets its weight's fans. This is what layers and their
 * {@code Initializer}s use, so the fans are right whatever the layout. The form without reads the fans from the
 * weight's shape in PyTorch's layout ({@link Fans#of}): a Linear weight is {@code [out, in]} (fan_in = in,
 * fan_out = out), a convolution weight {@code [out, in/groups, k₁, …]} (fan_in = in/groups·k₁·…, fan_out =
 * out·k₁·…, as PyTorch computes them); on a weight stored in another layout it would scale by the wrong fan.
 *
 * <h2>PyTorch names and Keras names</h2>
 * Every fan-based initializer is {@link #varianceScaling}(scale, mode, distribution) with:
 * <pre>
 *   name                      scale          mode     distribution        std or limit
 *   xavierUniform, glorotUniform  gain²      FAN_AVG  UNIFORM             limit gain·√(6/(fan_in+fan_out))
 *   xavierNormal              gain²          FAN_AVG  NORMAL              std gain·√(2/(fan_in+fan_out))
 *   glorotNormal (Keras)      1              FAN_AVG  TRUNCATED_NORMAL    std √(2/(fan_in+fan_out))
 *   kaimingUniform, heUniform 2/(1+a²)       fan_in   UNIFORM             limit √(6/fan_in) for a = 0
 *   kaimingNormal (PyTorch)   2/(1+a²)       fan_in   NORMAL              std √(2/fan_in) for a = 0
 *   heNormal (Keras)          2              FAN_IN   TRUNCATED_NORMAL    std √(2/fan_in)
 *   lecunUniform              1              FAN_IN   UNIFORM             limit √(3/fan_in)
 *   lecunNormal (Keras)       1              FAN_IN   TRUNCATED_NORMAL    std √(1/fan_in)
 *   standardUniform           1/3            FAN_IN   UNIFORM             limit 1/√fan_in
 * </pre>
 * The PyTorch-named normals draw a plain normal; the Keras-named ones draw Keras's truncated normal (redraw
 * anything beyond 2 standard deviations) with the standard deviation divided by 0.87962566103423978, the standard
 * deviation of a unit normal truncated to [−2, 2], so that the values' actual standard deviation is the one in the
 * table.
 */
public final class Init {
    private Init() {
    }

    /**
     * The standard deviation of N(0, 1) truncated to [−2, 2]: √(1 − 4φ(2)/(Φ(2) − Φ(−2))). Keras divides by it
     * so that a truncated normal keeps the requested standard deviation.
     */
    public static final double TRUNCATED_STD_CORRECTION = 0.87962566103423978;

    /** A generator with a fixed, documented algorithm (SplitMix64): same seed, same stream on every JDK. */
    public static RandomGenerator generator(long seed) {
        return new SplittableRandom(seed);
    }

    // --------------------------------------------------------------------------------------------------- fans

    /**
     * fan_in and fan_out of a weight: the number of inputs and outputs each weight connects.
     *
     * @param fanIn  inputs per output unit (times the receptive field of a convolution)
     * @param fanOut outputs per input unit (times the receptive field)
     */
    public record Fans(long fanIn, long fanOut) {
        public Fans {
            if (fanIn < 0 || fanOut < 0) {
                throw new IllegalArgumentException("fans must be >= 0, got fanIn=" + fanIn + ", fanOut=" + fanOut);
            }
        }

        /**
         * PyTorch's layout: {@code [out, in, k₁, …]}; fan_in = in·∏k, fan_out = out·∏k. A Linear weight
         * {@code [out, in]} has fan_in = in, fan_out = out; a grouped convolution's {@code [out, in/groups, k₁, …]}
         * has fan_in = (in/groups)·∏k and fan_out = out·∏k, as PyTorch's {@code _calculate_fan_in_and_fan_out}.
         *
         * @throws IllegalArgumentException for rank below 2 (a bias has no fans of its own)
         */
        public static Fans of(int... shape) {
            requireMatrix(shape, "[out, in, k...]");
            long receptive = 1;
            for (int i = 2; i < shape.length; i++) {
                receptive *= shape[i];
            }
            return new Fans(shape[1] * receptive, shape[0] * receptive);
        }

        /**
         * Keras's layout: {@code [in, out]} (Dense) or {@code [k₁, …, in, out]} (convolutions); fan_in = in·∏k,
         * fan_out = out·∏k.
         */
        public static Fans ofKerasLayout(int... shape) {
            requireMatrix(shape, "[k..., in, out]");
            int r = shape.length;
            long receptive = 1;
            for (int i = 0; i < r - 2; i++) {
                receptive *= shape[i];
            }
            return new Fans(shape[r - 2] * receptive, shape[r - 1] * receptive);
        }

        private static void requireMatrix(int[] shape, String layout) {
            Objects.requireNonNull(shape, "shape");
            Shapes.size(shape); // rejects negative dims
            if (shape.length < 2) {
                throw new IllegalArgumentException("fan_in and fan_out need a weight of rank >= 2 (layout " + layout
                        + "), got shape " + Arrays.toString(shape) + "; for a bias pass its weight's Fans");
            }
        }
    }

    /** Which fan the variance is scaled by. */
    public enum Mode {
        /** fan_in: preserves the variance of activations in the forward pass. */
        FAN_IN,
        /** fan_out: preserves the variance of gradients in the backward pass. */
        FAN_OUT,
        /** (fan_in + fan_out)/2: Glorot and Bengio's compromise. */
        FAN_AVG
    }

    /** What {@link #varianceScaling} draws from. */
    public enum Distribution {
        /** Keras's truncated normal: redraw beyond 2 std; std corrected by {@link #TRUNCATED_STD_CORRECTION}. */
        TRUNCATED_NORMAL,
        /** A plain normal N(0, scale/n). */
        NORMAL,
        /** U(−limit, limit) with limit = √(3·scale/n), whose variance is scale/n. */
        UNIFORM
    }

    /** The gain PyTorch's {@code calculate_gain} recommends for a nonlinearity. */
    public enum Nonlinearity {
        /** 1 (also for conv and sigmoid). */
        LINEAR,
        /** 1. */
        SIGMOID,
        /** 5/3. */
        TANH,
        /** √2. */
        RELU,
        /** √(2/(1 + a²)) for negative slope a. */
        LEAKY_RELU,
        /** 3/4 (PyTorch's choice for self-normalising networks). */
        SELU;

        /** The gain; {@code negativeSlope} is used by LEAKY_RELU only. */
        public double gain(double negativeSlope) {
            return switch (this) {
                case LINEAR, SIGMOID -> 1.0;
                case TANH -> 5.0 / 3.0;
                case RELU -> Math.sqrt(2.0);
                case LEAKY_RELU -> Math.sqrt(2.0 / (1 + negativeSlope * negativeSlope));
                case SELU -> 0.75;
            };
        }
    }

    // ---------------------------------------------------------------------------------------------- constants

    /** w = 0. */
    public static NdArray zeros(NdArray w) {
        return constant(w, 0.0);
    }

    /** w = 1. */
    public static NdArray ones(NdArray w) {
        return constant(w, 1.0);
    }

    /** w = value (rounded to F32 for F32 arrays). */
    public static NdArray constant(NdArray w, double value) {
        return Objects.requireNonNull(w, "w").fill(value);
    }

    // ----------------------------------------------------------------------------------------------- plain draws

    /** w ~ U(a, b), a ≤ b finite. */
    public static NdArray uniform(NdArray w, double a, double b, RandomGenerator rng) {
        check(w, rng);
        if (!(a <= b) || !Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("uniform(a=" + a + ", b=" + b + "): expected finite a <= b");
        }
        for (int i = 0; i < w.size(); i++) {
            w.setFlat(i, a + (b - a) * rng.nextDouble());
        }
        return w;
    }

    /** w ~ N(mean, std²), std ≥ 0 finite. */
    public static NdArray normal(NdArray w, double mean, double std, RandomGenerator rng) {
        check(w, rng);
        checkNormal("normal", mean, std);
        for (int i = 0; i < w.size(); i++) {
            w.setFlat(i, mean + std * rng.nextGaussian());
        }
        return w;
    }

    /**
     * Keras's truncated normal: w ~ N(mean, std²), redrawing every value more than 2·std from the mean. The values'
     * actual standard deviation is std·{@link #TRUNCATED_STD_CORRECTION}.
     */
    public static NdArray truncatedNormal(NdArray w, double mean, double std, RandomGenerator rng) {
        check(w, rng);
        checkNormal("truncatedNormal", mean, std);
        for (int i = 0; i < w.size(); i++) {
            double z;
            do {
                z = rng.nextGaussian();
            } while (Math.abs(z) > 2.0); // acceptance 95.4%: about 1.05 draws per value
            w.setFlat(i, mean + std * z);
        }
        return w;
    }

    // --------------------------------------------------------------------------------------------- fan-based

    /**
     * Keras's VarianceScaling: draws with variance scale/n, where n = max(1, fan) for the chosen {@code mode}:
     * TRUNCATED_NORMAL std √(scale/n)/0.8796…, NORMAL std √(scale/n), UNIFORM limit √(3·scale/n).
     */
    public static NdArray varianceScaling(NdArray w, double scale, Mode mode, Distribution distribution, Fans fans,
            RandomGenerator rng) {
        check(w, rng);
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(distribution, "distribution");
        Objects.requireNonNull(fans, "fans");
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("varianceScaling: scale " + scale + " must be finite and > 0");
        }
        double n = switch (mode) {
            case FAN_IN -> fans.fanIn();
            case FAN_OUT -> fans.fanOut();
            case FAN_AVG -> (fans.fanIn() + fans.fanOut()) / 2.0;
        };
        double variance = scale / Math.max(1.0, n);
        return switch (distribution) {
            case TRUNCATED_NORMAL -> truncatedNormal(w, 0, Math.sqrt(variance) / TRUNCATED_STD_CORRECTION, rng);
            case NORMAL -> normal(w, 0, Math.sqrt(variance), rng);
            case UNIFORM -> {
                double limit = Math.sqrt(3 * variance);
                yield uniform(w, -limit, limit, rng);
            }
        };
    }

    /**
     * PyTorch's default for Linear and Conv weights: U(−1/√fan_in, 1/√fan_in) (what {@code kaiming_uniform_} with
     * a = √5 gives). For a bias use the same bound with its weight's fan_in: {@link #standardUniform(NdArray,
     * Fans, RandomGenerator)}.
     */
    public static NdArray standardUniform(NdArray w, RandomGenerator rng) {
        return standardUniform(w, Fans.of(w.shape()), rng);
    }

    /** U(−1/√fan_in, 1/√fan_in) with explicit fans (e.g. a bias with its weight's fans). */
    public static NdArray standardUniform(NdArray w, Fans fans, RandomGenerator rng) {
        return varianceScaling(w, 1.0 / 3.0, Mode.FAN_IN, Distribution.UNIFORM, fans, rng);
    }

    /** Glorot/Xavier uniform: U(−limit, limit), limit = gain·√(6/(fan_in + fan_out)). */
    public static NdArray xavierUniform(NdArray w, double gain, RandomGenerator rng) {
        return xavierUniform(w, gain, fans(w), rng);
    }

    /** {@link #xavierUniform(NdArray, double, RandomGenerator)} with the fans given by the layer. */
    public static NdArray xavierUniform(NdArray w, double gain, Fans fans, RandomGenerator rng) {
        return varianceScaling(w, checkGain(gain), Mode.FAN_AVG, Distribution.UNIFORM, fans, rng);
    }

    /** {@link #xavierUniform(NdArray, double, RandomGenerator)} with gain 1. */
    public static NdArray xavierUniform(NdArray w, RandomGenerator rng) {
        return xavierUniform(w, 1.0, rng);
    }

    /** Glorot/Xavier normal (PyTorch): N(0, std²), std = gain·√(2/(fan_in + fan_out)). */
    public static NdArray xavierNormal(NdArray w, double gain, RandomGenerator rng) {
        return xavierNormal(w, gain, fans(w), rng);
    }

    /** {@link #xavierNormal(NdArray, double, RandomGenerator)} with the fans given by the layer. */
    public static NdArray xavierNormal(NdArray w, double gain, Fans fans, RandomGenerator rng) {
        return varianceScaling(w, checkGain(gain), Mode.FAN_AVG, Distribution.NORMAL, fans, rng);
    }

    /** {@link #xavierNormal(NdArray, double, RandomGenerator)} with gain 1. */
    public static NdArray xavierNormal(NdArray w, RandomGenerator rng) {
        return xavierNormal(w, 1.0, rng);
    }

    /** Keras's GlorotUniform: the same as {@link #xavierUniform(NdArray, RandomGenerator)}. */
    public static NdArray glorotUniform(NdArray w, RandomGenerator rng) {
        return glorotUniform(w, fans(w), rng);
    }

    /** {@link #glorotUniform(NdArray, RandomGenerator)} with the fans given by the layer. */
    public static NdArray glorotUniform(NdArray w, Fans fans, RandomGenerator rng) {
        return xavierUniform(w, 1.0, fans, rng);
    }

    /** Keras's GlorotNormal: truncated normal with actual std √(2/(fan_in + fan_out)). */
    public static NdArray glorotNormal(NdArray w, RandomGenerator rng) {
        return glorotNormal(w, fans(w), rng);
    }

    /** {@link #glorotNormal(NdArray, RandomGenerator)} with the fans given by the layer. */
    public static NdArray glorotNormal(NdArray w, Fans fans, RandomGenerator rng) {
        return varianceScaling(w, 1.0, Mode.FAN_AVG, Distribution.TRUNCATED_NORMAL, fans, rng);
    }

    /**
     * He/Kaiming uniform (PyTorch): U(−limit, limit), limit = √(6/((1 + a²)·fan)), fan per {@code mode} (FAN_IN
     * or FAN_OUT); a is the negative slope of the leaky ReLU that follows (0 for ReLU).
     */
    public static NdArray kaimingUniform(NdArray w, double a, Mode mode, RandomGenerator rng) {
        return kaimingUniform(w, a, mode, fans(w), rng);
    }

    /** {@link #kaimingUniform(NdArray, double, Mode, RandomGenerator)} with the fans given by the layer. */
    public static NdArray kaimingUniform(NdArray w, double a, Mode mode, Fans fans, RandomGenerator rng) {
        return varianceScaling(w, kaimingScale(a), kaimingMode(mode), Distribution.UNIFORM, fans, rng);
    }

    /** PyTorch's defaults (a = 0, FAN_IN): limit √(6/fan_in). */
    public static NdArray kaimingUniform(NdArray w, RandomGenerator rng) {
        return kaimingUniform(w, 0.0, Mode.FAN_IN, rng);
    }

    /** He/Kaiming normal (PyTorch, a plain normal): std = √(2/((1 + a²)·fan)). */
    public static NdArray kaimingNormal(NdArray w, double a, Mode mode, RandomGenerator rng) {
        return kaimingNormal(w, a, mode, fans(w), rng);
    }

    /** {@link #kaimingNormal(NdArray, double, Mode, RandomGenerator)} with the fans given by the layer. */
    public static NdArray kaimingNormal(NdArray w, double a, Mode mode, Fans fans, RandomGenerator rng) {
        return varianceScaling(w, kaimingScale(a), kaimingMode(mode), Distribution.NORMAL, fans, rng);
    }

    /** PyTorch's defaults (a = 0, FAN_IN): std √(2/fan_in). */
    public static NdArray kaimingNormal(NdArray w, RandomGenerator rng) {
        return kaimingNormal(w, 0.0, Mode.FAN_IN, rng);
    }

    /** Keras's HeUniform: limit √(6/fan_in) (= {@link #kaimingUniform(NdArray, RandomGenerator)}). */
    public static NdArray heUniform(NdArray w, RandomGenerator rng) {
        return heUniform(w, fans(w), rng);
    }

    /** {@link #heUniform(NdArray, RandomGenerator)} with the fans given by the layer. */
    public static NdArray heUniform(NdArray w, Fans fans, RandomGenerator rng) {
        return varianceScaling(w, 2.0, Mode.FAN_IN, Distribution.UNIFORM, fans, rng);
    }

    /**
     * Keras's HeNormal: truncated normal (redraw beyond 2 std) with std √(2/fan_in)/0.87962566103423978, so the
     * values' actual std is √(2/fan_in).
     */
    public static NdArray heNormal(NdArray w, RandomGenerator rng) {
        return heNormal(w, fans(w), rng);
    }

    /** {@link #heNormal(NdArray, RandomGenerator)} with the fans given by the layer. */
    public static NdArray heNormal(NdArray w, Fans fans, RandomGenerator rng) {
        return varianceScaling(w, 2.0, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL, fans, rng);
    }

    /** LeCun uniform (Keras): limit √(3/fan_in). */
    public static NdArray lecunUniform(NdArray w, RandomGenerator rng) {
        return lecunUniform(w, fans(w), rng);
    }

    /** {@link #lecunUniform(NdArray, RandomGenerator)} with the fans given by the layer. */
    public static NdArray lecunUniform(NdArray w, Fans fans, RandomGenerator rng) {
        return varianceScaling(w, 1.0, Mode.FAN_IN, Distribution.UNIFORM, fans, rng);
    }

    /** LeCun normal (Keras): truncated normal with actual std √(1/fan_in), the SELU initializer. */
    public static NdArray lecunNormal(NdArray w, RandomGenerator rng) {
        return lecunNormal(w, fans(w), rng);
    }

    /** {@link #lecunNormal(NdArray, RandomGenerator)} with the fans given by the layer. */
    public static NdArray lecunNormal(NdArray w, Fans fans, RandomGenerator rng) {
        return varianceScaling(w, 1.0, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL, fans, rng);
    }

    // ----------------------------------------------------------------------------------------------- helpers

    private static Fans fans(NdArray w) {
        return Fans.of(Objects.requireNonNull(w, "w").shape());
    }

    private static void check(NdArray w, RandomGenerator rng) {
        Objects.requireNonNull(w, "w");
        Objects.requireNonNull(rng, "rng");
    }

    private static void checkNormal(String name, double mean, double std) {
        if (!(std >= 0) || !Double.isFinite(std) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException(name + "(mean=" + mean + ", std=" + std
                    + "): expected a finite mean and a finite std >= 0");
        }
    }

    private static double checkGain(double gain) {
        if (!(gain > 0) || !Double.isFinite(gain)) {
            throw new IllegalArgumentException("gain " + gain + " must be finite and > 0");
        }
        return gain * gain;
    }

    private static double kaimingScale(double a) {
        if (!Double.isFinite(a)) {
            throw new IllegalArgumentException("negative slope a = " + a + " must be finite");
        }
        return 2.0 / (1 + a * a);
    }

    private static Mode kaimingMode(Mode mode) {
        if (mode == Mode.FAN_AVG) {
            throw new IllegalArgumentException("kaiming: mode must be FAN_IN or FAN_OUT, got FAN_AVG");
        }
        return Objects.requireNonNull(mode, "mode");
    }
}
