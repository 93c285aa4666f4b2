package org.vecgrad.nn.layers;

import java.util.random.RandomGenerator;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.init.Init;

/**
 * Fills a new weight in place from a seeded generator (Keras's {@code kernel_initializer}). The methods of
 * {@link Init} fit directly: {@code Init::heNormal}, {@code Init::glorotUniform}, ….
 */
@FunctionalInterface
public interface Initializer {
    /** Fills {@code w} and returns it. */
    NdArray init(NdArray w, RandomGenerator rng);

    /** Zeros (Keras's default bias initializer). */
    Initializer ZEROS = (w, rng) -> Init.zeros(w);
    /** Ones. */
    Initializer ONES = (w, rng) -> Init.ones(w);
    /** Glorot/Xavier uniform, U(±√(6/(fan_in + fan_out))) (Keras's default kernel initializer). */
    Initializer GLOROT_UNIFORM = Init::glorotUniform;
    /** He normal (Keras's, truncated). */
    Initializer HE_NORMAL = Init::heNormal;
    /** He/Kaiming uniform, U(±√(6/fan_in)). */
    Initializer HE_UNIFORM = Init::heUniform;

    /** Every element equal to {@code value}. */
    static Initializer constant(double value) {
        return (w, rng) -> Init.constant(w, value);
    }
}
