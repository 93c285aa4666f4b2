/**
 * General matrix multiplication, {@code C = alpha·op(A)·op(B) + beta·C}, for both backends.
 *
 * <ul>
 *   <li>{@link org.vecgrad.engine.kernel.gemm.SimdGemm}: the Vector API GEMM, BLIS / Goto style. Five loops around
 *       a register-tiled micro-kernel (jc over nc columns for L3, pc over kc depth for L1/L2, ic over mc rows for L2,
 *       jr and ir over the register tile); operands are packed so the micro-kernel reads contiguous, padded panels.
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
