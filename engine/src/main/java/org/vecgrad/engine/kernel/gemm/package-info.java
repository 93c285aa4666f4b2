/**
 * General matrix multiplication, {@code C = alpha·op(A)·op(B) + beta·C}, for both backends.
 *
 * <ul>
 *   <li>{@link org.vecgrad.engine.kernel.gemm.SimdGemm}: the Vector API GEMM, BLIS / Goto style. Five loops around
 *       a register-tiled micro-kernel (pc over kc depth, jc over nc columns: the packed B block in L3, ic over mc
 *       rows: the packed A block in L2, jr over NR columns: one B micro-panel in L2, ir over MR rows); operands are
 *       packed so the micro-kernel reads contiguous, padded panels.
 *       The loops and kernels per dtype are {@code GemmF32} / {@code GemmF64}, generated from one template; block
 *       sizes come from {@link org.vecgrad.engine.kernel.gemm.GemmBlocking}, tile shapes from
 *       {@link org.vecgrad.engine.kernel.gemm.GemmTile}.</li>
 *   <li>{@link org.vecgrad.engine.kernel.gemm.ScalarGemm}: the reference GEMM (the test oracle and the scalar
 *       backend's product).</li>
 *   <li>{@link org.vecgrad.engine.kernel.gemm.GemmThreads} and {@code GemmTeam}: the thread pool, the rule that
 *       splits a product over it, and the team that shares packed B blocks. Depth is never split, so results are
 *       bit-identical for every thread count.</li>
 * </ul>
 */
package org.vecgrad.engine.kernel.gemm;
