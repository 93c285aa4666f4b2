package org.vecgrad.spark;

import java.io.Serializable;
import java.util.List;
import org.vecgrad.nn.optim.Optimizer;
import org.vecgrad.nn.optim.Parameter;

/**
 * Builds the optimizer over the parameters it is given: {@code params -> new Adam(params, 1e-3)}. Called on the
 * driver (synchronous training: the one optimizer) and, for local SGD, on the executors too.
 */
@FunctionalInterface
public interface OptimizerFactory extends Serializable {
    /** A new optimizer over {@code params}. */
    Optimizer create(List<? extends Parameter> params);
}
