package org.vecgrad.nn.layers;

import java.util.random.RandomGenerator;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.init.Init;
import org.vecgrad.nn.init.Init.Fans;

/**
 * Fills a new weight in place from a seeded generator (Keras's {@code kernel_initializer}). The layer gives the
 * weight's fans, computed from its own layout (a {@code Dense} kernel {@code [in, units]} has fan_in = in; a bias
 * gets its weight's fans), so a fan-based initializer scales by the right fan whatever the layout. The fan forms
 * of {@link Init} fit directly: {@code Init::heNormal}, {@code Init::glorotUniform}, ….
 */
@FunctionalInterface
public interface Initializer {
    /** Fills {@code w}, a weight with fan_in and fan_out {@code fans}, and returns it. */
    NdArray init(NdArray w, Fans fans, RandomGenerator rng);

    /** Zeros (Keras's default bias initializer). */
    Initializer ZEROS = (w, fans, rng) -> Init.zeros(w);
    /** Ones. */
    Initializer ONES = (w, fans, rng) -> Init.ones(w);
    /** Glorot/Xavier uniform, U(±√(6/(fan_in + fan_out))) (Keras's default kernel initializer). */
    Initializer GLOROT_UNIFORM = Init::glorotUniform;
    /** Glorot normal (Keras's, truncated), std √(2/(fan_in + fan_out)). */
    Initializer GLOROT_NORMAL = Init::glorotNormal;
    /** He normal (Keras's, truncated), std √(2/fan_in). */
    Initializer HE_NORMAL = Init::heNormal;
    /** He/Kaiming uniform, U(±√(6/fan_in)). */
    Initializer HE_UNIFORM = Init::heUniform;
    /** LeCun normal (Keras's, truncated), std √(1/fan_in). */
    Initializer LECUN_NORMAL = Init::lecunNormal;
    /** LeCun uniform, U(±√(3/fan_in)). */
    Initializer LECUN_UNIFORM = Init::lecunUniform;
    /** PyTorch's Linear default, U(±1/√fan_in). */
    Initializer STANDARD_UNIFORM = Init::standardUniform;

    /** Every element equal to {@code value}. */
    static Initializer constant(double value) {
        return (w, fans, rng) -> Init.constant(w, value);
    }
}
