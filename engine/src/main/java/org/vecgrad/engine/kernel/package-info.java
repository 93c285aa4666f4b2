/**
 * The kernel SPI: the small interfaces every hot loop of the engine goes through, and the provider that picks one
 * implementation of them once, at start-up.
 *
 * <ul>
 *   <li>{@link org.vecgrad.engine.kernel.ElementwiseKernels}, {@link org.vecgrad.engine.kernel.ReductionKernels},
 *       {@link org.vecgrad.engine.kernel.GemmKernels}, {@link org.vecgrad.engine.kernel.OptimizerKernels}: what a
 *       backend provides, on flat {@code float[]} / {@code double[]} slices (array, offset, length).</li>
 *   <li>{@link org.vecgrad.engine.kernel.Kernels#active()}: the chosen {@link org.vecgrad.engine.kernel.Backend},
 *       decided once ({@code -Dvecgrad.kernels=auto|simd|scalar}); the rest of the engine only ever calls it.</li>
 *   <li>{@link org.vecgrad.engine.kernel.PackedMatrix}: a B operand packed once for many products, exported on
 *       purpose because users hold it. What users do with it: {@code Blas.spack}/{@code dpack} to make one,
 *       the packed {@code Blas.sgemm}/{@code dgemm} to use it. Its constructor, {@code kind()} and the element
 *       accessors {@code f32()}/{@code f64()} are for backends only (they live in {@code gemm}, which the engine
 *       module does not export, so these must be public); the constructor checks the length against the layout,
 *       and a product checks it against the length its backend reads before writing C.</li>
 * </ul>
 *
 * <p>Sub-packages, one subsystem each:
 * <ul>
 *   <li>{@code scalar}: the reference backend, plain Java loops. It is the test oracle for every SIMD kernel and the
 *       fallback when the Vector API is missing or would be slow.</li>
 *   <li>{@code simd}: the Vector API backend (elementwise, reductions, optimizer steps) and its species.</li>
 *   <li>{@code gemm}: matrix multiplication for both backends: the BLIS-style packed SIMD GEMM (blocking, register
 *       tiles, packing, the generated per-dtype kernels), the scalar reference GEMM, and the GEMM thread pool and
 *       team.</li>
 *   <li>{@code math}: the special functions shared by both backends (erf, erfcx, the vector polynomials of exp,
 *       log, tanh and friends).</li>
 * </ul>
 *
 * <p>F32 and F64: a kernel that exists for {@code float[]} and for {@code double[]} is written once, as a template
 * under {@code engine/src/main/templates}, and generated into a class per dtype ({@code ReduceSimdF32} and
 * {@code ReduceSimdF64}, {@code GemmF32} and {@code GemmF64}, …), as the JDK generates {@code FloatVector} and
 * {@code DoubleVector}. The classes that implement the SPI ({@code SimdReductions}, {@code ScalarElementwise}, …)
 * hand each overload to the class of its dtype. Edit the template, not the generated file; the templates' README
 * says how to regenerate, and a test fails when a generated file is stale.
 */
package org.vecgrad.engine.kernel;
