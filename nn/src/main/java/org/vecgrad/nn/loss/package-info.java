/**
 * Losses with PyTorch's names, formulas and {@link org.vecgrad.nn.loss.Reduction reductions} (mean by default):
 * {@link org.vecgrad.nn.loss.MSELoss}, {@link org.vecgrad.nn.loss.L1Loss}, {@link org.vecgrad.nn.loss.HuberLoss},
 * {@link org.vecgrad.nn.loss.BCELoss} (probabilities; logs clamped at −100 as PyTorch does),
 * {@link org.vecgrad.nn.loss.BCEWithLogitsLoss} (stable form), {@link org.vecgrad.nn.loss.CrossEntropyLoss}
 * (logits, fused log-softmax + NLL for integer labels, or probability targets) and
 * {@link org.vecgrad.nn.loss.NLLLoss}.
 *
 * <p>The classification losses are finite for logits up to ±10⁴ (and far beyond): they never form e^x of a large
 * x. Their gradients are written in closed form (σ(x) − y, softmax − one-hot), so they are exact, and they stay
 * differentiable a second time through tensor formulas when the backward pass records a graph.
 */
package org.vecgrad.nn.loss;
