package org.vecgrad.spark;

import java.io.Serializable;
import org.vecgrad.nn.Module;

/**
 * Builds the model's architecture on whichever JVM needs it (the driver and every executor): the code travels with
 * the job, the weights come from a file or from the driver. It must give the same architecture (names, shapes,
 * dtypes) on every call, fully built (no lazily sized layer left unbuilt), and seed its random layers explicitly
 * (a Dropout seeded from {@link org.vecgrad.nn.Rng} would draw a seed that depends on what else that JVM created).
 * The initial weights it gives matter only on the driver, where training starts from them.
 *
 * <pre>{@code
 * ModelFactory digits = () -> new Sequential(new Linear(64, 64, true, 1), new ReLU(), new Linear(64, 10, true, 2));
 * }</pre>
 *
 * A lambda is serializable when its target type is; what it captures must be serializable too.
 */
@FunctionalInterface
public interface ModelFactory extends Serializable {
    /** A new model. */
    Module create();
}
