/**
 * Reverse-mode automatic differentiation on top of the engine's {@link org.vecgrad.engine.NdArray}: tensors that
 * record the operations applied to them, and a backward pass that turns that record into gradients.
 *
 * <pre>{@code
 * var rng = new java.util.Random(0);
 * Tensor w = Tensor.randn(DType.F64, rng, 3, 1).requiresGrad(true);        // a leaf we want ∂loss/∂w for
 * Tensor b = Tensor.zeros(DType.F64, 1).requiresGrad(true);
 * Tensor x = Tensor.randn(DType.F64, rng, 8, 3);                           // data: no grad needed
 * Tensor t = Tensor.randn(DType.F64, rng, 8, 1);
 * for (int step = 0; step < 100; step++) {
 *     Tensor loss = x.matmul(w).add(b).sub(t).square().mean();          // records a graph of 6 nodes
 *     w.zeroGrad();
 *     b.zeroGrad();
 *     loss.backward();                                                  // fills w.grad(), b.grad(); frees the graph
 *     try (var g = Tensor.noGrad()) {                                    // the update is not part of any graph
 *         w.data().addScaledInPlace(-0.1, w.grad().data());
 *         b.data().addScaledInPlace(-0.1, b.grad().data());
 *     }
 * }
 * }</pre>
 *
 * <h2>Key ideas</h2>
 * <ul>
 *   <li>A {@link org.vecgrad.autodiff.Tensor} wraps an {@code NdArray} (F32 or F64). Operations never modify their
 *       inputs; each returns a new tensor.</li>
 *   <li>Each operation is written once, in {@code Tensor}, as its forward computation followed by one
 *       {@linkplain org.vecgrad.autodiff.BackwardRule backward rule} per input, so every rule can be checked against
 *       the chain rule by eye (micrograd's layout).</li>
 *   <li>Rules are written with {@code Tensor} operations, so the backward pass is itself differentiable: gradients of
 *       gradients and Hessian-vector products come for free ({@link org.vecgrad.autodiff.Autograd}).</li>
 *   <li>Next to its backward rules each operation has a forward-mode (jvp) rule: inside a
 *       {@linkplain org.vecgrad.autodiff.ForwardAD dual level} a tensor may carry a tangent ẋ, and every operation
 *       computes its result's tangent J·ẋ in the same forward pass ({@code Autograd.jvp}). One forward pass per input
 *       direction versus one backward pass per output: see <a href="#Modes">forward and reverse mode</a>.</li>
 *   <li>{@link org.vecgrad.autodiff.GradCheck} checks any rule, built in or {@linkplain
 *       org.vecgrad.autodiff.Tensor#custom custom}, against finite differences.</li>
 * </ul>
 *
 * <h2><a id="Leaves">Leaves and requiresGrad</a></h2>
 * A <em>leaf</em> is a tensor made by a factory ({@code Tensor.of}, {@code zeros}, {@code randn}, …) or by
 * {@link org.vecgrad.autodiff.Tensor#detach()}; a <em>result</em> is made by an operation. Leaves are where
 * gradients are collected: call {@code requiresGrad(true)} on the parameters you train. A result requires grad when
 * any of its inputs does (and the operation ran outside a no-grad scope); only then is a graph node recorded, so
 * arithmetic on plain data costs nothing extra. Only a leaf's flag can be set; to stop gradients at a result, use
 * {@code detach()}, which shares the values and has no history.
 *
 * <h2><a id="Accumulation">When gradients accumulate</a></h2>
 * {@code backward()} <em>adds</em> ∂loss/∂leaf into {@code leaf.grad()} (as PyTorch does), so gradients from
 * several backward passes (several losses, or micro-batches) sum up until you call {@code zeroGrad()} (fills the
 * buffer with zeros, reusing it) or {@code clearGrad()} (drops it). A training loop therefore zeroes the grads once
 * per step. Within one pass, a tensor used several times receives the sum of the gradients of all its uses, and is
 * visited once: the pass is a topological sort, not a recursion over paths. Results keep no gradient unless
 * {@link org.vecgrad.autodiff.Tensor#retainGrad()} was called. {@link org.vecgrad.autodiff.Autograd#grad
 * Autograd.grad} returns gradients instead of storing them and touches no {@code grad()}. Every {@code grad()} is its
 * own buffer: when it was empty (after {@code clearGrad()}), a plain pass stores the gradient a rule has just
 * allocated as it is (matmul's Aᵀ·G, say: no copy), and copies any other (the caller's upstream, a gradient passed
 * on to several inputs).
 *
 * <h2><a id="Release">When the graph is released</a></h2>
 * A backward pass releases the graph it walked: each node drops its backward rules, the values they captured and
 * its links to its inputs, so a loss kept for logging holds no intermediate arrays. A second backward through any
 * released node throws an {@code IllegalStateException} that says so. Pass {@code retainGraph = true} to keep the
 * graph (also to {@linkplain org.vecgrad.autodiff.Autograd#toDot print} it after the pass);
 * {@code Autograd.grad(…, createGraph = true)} retains it by default, as PyTorch does. Before a pass, the graph is
 * ordinary garbage: it lives as long as the output tensor is reachable.
 *
 * <h2><a id="NoGrad">No-grad scopes</a></h2>
 * Inside {@code try (var g = Tensor.noGrad()) { … }} no graph is recorded: use it for evaluation, for parameter
 * updates and for anything you will never differentiate. {@link org.vecgrad.autodiff.GradMode#enableGrad()} opens
 * the opposite scope inside it. A backward pass runs its rules in a no-grad scope unless {@code createGraph} is set,
 * in which case the backward computation is recorded and can be differentiated again. In the plain case the
 * elementwise functions use the engine's fused derivative kernels (g·f'(x) in one pass) instead of the tensor
 * formulas; a test checks both give the same gradients for every operation. The affine op (matmul, addmm, affine,
 * and nn's Linear and Dense) needs no second form: its backward products are the affine op again, with GEMM's
 * transpose flags instead of transposed copies, recorded or not as the pass is.
 *
 * <h2><a id="Broadcasting">Broadcasting and dtypes</a></h2>
 * Binary operations broadcast as NumPy does; the gradient for a broadcast operand is summed over the axes it was
 * broadcast along ({@link org.vecgrad.autodiff.Tensor#sumToShape}), so it always has the operand's shape. Operands
 * must share a dtype: mixing F32 and F64 is an error that names the operation and both operands; convert with
 * {@link org.vecgrad.autodiff.Tensor#to}, which is differentiable (the gradient converts back). A leaf's gradient
 * has the leaf's dtype.
 *
 * <h2><a id="Kinks">Kinks and ties</a></h2>
 * At a point where a function is not differentiable the rule uses the value documented on
 * {@link org.vecgrad.engine.UnaryOp} (ReLU'(0) = 0, |x|'(0) = 0, …). {@code maximum}/{@code minimum} split the
 * gradient equally on a tie; {@code max}/{@code min} over an axis send it to the first extreme element.
 *
 * <h2><a id="Modes">Forward and reverse mode</a></h2>
 * For f: ℝⁿ → ℝᵐ with Jacobian J, reverse mode ({@code backward}, {@code Autograd.vjp}) gives vᵀ·J, a row of J per
 * pass, and must keep the graph of the forward pass; forward mode ({@link org.vecgrad.autodiff.ForwardAD},
 * {@code Autograd.jvp}) gives J·u, a column per pass, keeps nothing and needs no graph. Both cost a small multiple of
 * one evaluation of f, so the whole Jacobian costs m reverse passes or n forward passes: a loss (m = 1) over many
 * weights wants reverse mode, a few parameters driving many outputs want forward mode.
 * <pre>{@code
 * try (var level = ForwardAD.dualLevel()) {
 *     Tensor x = ForwardAD.makeDual(Tensor.of(0.5), Tensor.of(1.0));       // the direction ẋ = 1
 *     double slope = ForwardAD.unpackDual(x.tanh()).tangent().item();      // 1 − tanh²(0.5)
 * }
 * }</pre>
 * Forward mode works inside no-grad scopes too (it needs no graph), and an operation on tensors that carry no
 * tangent pays one null check per input for it.
 *
 * <h2><a id="Debugging">Debugging</a></h2>
 * {@link org.vecgrad.autodiff.Autograd#setDetectAnomaly anomaly mode} names the first operation whose forward result
 * or backward gradient contains NaN or ±∞ (with where its forward ran); {@link org.vecgrad.autodiff.Tensor#toDot()}
 * prints the graph for Graphviz; {@link org.vecgrad.autodiff.GradCheck} compares rules with finite differences and
 * prints a table of the worst elements.
 *
 * <h2><a id="Threads">Thread safety</a></h2>
 * Grad mode and anomaly mode are per thread. A backward pass keeps its working state (visited set, pending
 * gradients) to itself, so graphs built on different threads can be differentiated concurrently even when they share
 * parameter leaves; the final addition into a leaf's {@code grad()} is synchronised on the leaf. A single graph, and
 * a single tensor's {@code zeroGrad()}/{@code requiresGrad(…)}, must not be used from two threads at once without
 * external synchronisation, and changing a leaf's values while another thread runs a pass that reads them is a data
 * race, as for any {@code NdArray}.
 *
 * <h2><a id="NnOps">Operations of convolutional networks</a></h2>
 * {@link org.vecgrad.autodiff.NnOps} holds them with PyTorch's functional names: {@code conv1d}, {@code conv2d},
 * {@code convTranspose2d}, {@code maxPool1d}/{@code maxPool2d}, {@code avgPool2d}, {@code adaptiveAvgPool2d},
 * {@code batchNorm}, {@code layerNorm}, {@code groupNorm}, {@code dropout2d}, {@code flatten}, {@code cat}. They
 * follow the same two-route rule: a plain backward pass runs the engine's kernels ({@code org.vecgrad.engine.nn}),
 * a recorded one (createGraph) runs operations that are themselves differentiable — a convolution's three products
 * (output, input gradient, weight gradient) differentiate into one another, pooling's forward and backward are each
 * other's adjoint, and the normalizations' backward is written as a tensor formula.
 *
 * <h2><a id="NotHere">What this package is not</a></h2>
 * No layers, losses or optimisers (those live in {@code org.vecgrad.nn}), no in-place operations on tensors that
 * are part of a graph, and no kernels: all arithmetic is the engine's.
 */
package org.vecgrad.autodiff;
