/**
 * Runnable examples of vecgrad, the programs students and users meet first. Run one with
 * {@code mvn -q -pl examples -am compile exec:exec -Dexample=NAME} ({@code -Dexample=--help} lists them; without
 * {@code -Dexample} the default, {@code circles}, runs). Pictures are PNG files written with XChart (a dependency of
 * this module only) or Java2D, and animated GIFs written with the JDK's javax.imageio, into {@code examples/out/}, or
 * {@code --out=DIR} given as {@code -Dexample.args="--out=DIR"}.
 *
 * <ul>
 *   <li>{@link org.vecgrad.examples.Circles circles} — two concentric circles, the 2-4-6-6-4-1 network, decision
 *       boundary, learning curves, and the boundary while it trains (an animated GIF);</li>
 *   <li>{@link org.vecgrad.examples.Digits digits} — an MLP on the 8×8 digits, confusion matrix, misclassified
 *       digits, safetensors round trip;</li>
 *   <li>{@link org.vecgrad.examples.Summaries summary} — Sequential, functional and subclassed models, and the
 *       parameter-count formula;</li>
 *   <li>{@link org.vecgrad.examples.Activations activations} — every activation and its derivative, with the
 *       saturation table, and the families side by side (Swish for several β, the ReLU family, the GELU forms);</li>
 *   <li>{@link org.vecgrad.examples.Descent descent} — SGD, momentum and Adam on two surfaces, the learning rate
 *       too small, right and too large (GIF and PNG);</li>
 *   <li>{@link org.vecgrad.examples.Approximation approximation} — universal approximation: one hidden layer of
 *       2 to 32 units fitting a curve;</li>
 *   <li>{@link org.vecgrad.examples.Backprop backprop} — a 2-3-1 network's forward and backward pass by hand and
 *       by autodiff;</li>
 *   <li>{@link org.vecgrad.examples.Softmax softmax} — softmax, and why the max is subtracted;</li>
 *   <li>{@link org.vecgrad.examples.GradCheckExample gradcheck} — gradient checking and the error of central
 *       differences as the step shrinks;</li>
 *   <li>{@link org.vecgrad.examples.GraphExample graph} — a computation graph with values and gradients;</li>
 *   <li>{@link org.vecgrad.examples.PlotModel plotmodel} — Keras's plot_model: models as boxes with shapes;</li>
 *   <li>{@link org.vecgrad.examples.Initializers initializers} — weight initializers, and signals and gradients
 *       through 10 layers.</li>
 * </ul>
 * Every example has a {@code run(Options)} method returning a result record, so the tests check its numbers rather
 * than its printout; {@link org.vecgrad.examples.Options#quiet} gives the small, silent settings the tests use.
 */
package org.vecgrad.examples;
