/**
 * General matrix multiplication, {@code C = alpha·op(A)·op(B) + beta·C}, for both backends.
 *
 * <ul>
 *   <li>{@link org.vecgrad.engine.kernel.gemm.SimdGemm}: the Vector API GEMM, BLIS / Goto style. Five loops around
 *       a register-tiled micro-kernel (pc over kc depth, jc over nc columns: the packed B block in L3, ic over mc
 *       rows: the packed A block in L2, jr over NR columns: one B micro-panel in L2, ir over MR rows; ir outside jr
 *       when the whole B block fits half of L2, and always for the by-rows kernels, which read whole MR-row panels
 *       of untransposed A where it is stored); the other operands are packed so the micro-kernel reads contiguous,
 *       padded panels. No touch of the next C tile on 512-bit vectors ({@code GemmF32.TOUCH}), and there C is
 *       stored without being loaded first when beta = 0 ({@code GemmF32.LOAD_C_FIRST}), and a whole tile with
 *       alpha = 1 and beta = 0 goes from the micro-kernel's registers straight into C, not through the tile array
 *       and the update ({@code GemmF32.direct}). A ragged last column
 *       panel of at most 4 columns, in the p-major loops, runs {@code narrow8x4}: the MR rows in the lanes, two
 *       MR-row panels a call where a vector has 8 lanes, four (two to a vector) where it has 16; the same FMA chain
 *       per element as the MR × 1-vector kernel (same bits).
 *       The loops and kernels per dtype are {@code GemmF32} / {@code GemmF64}, generated from one template; block
 *       sizes come from {@link org.vecgrad.engine.kernel.gemm.GemmBlocking}, tile shapes from
 *       {@link org.vecgrad.engine.kernel.gemm.GemmTile}.</li>
 *   <li>Packed B ({@link org.vecgrad.engine.kernel.PackedMatrix}, {@code Blas.spack}/{@code dpack} and the
 *       {@code Blas.sgemm}/{@code dgemm} overloads that take one): a B that meets many A (a recurrent weight over
 *       the time steps, a served model's weight over its batches) is packed once, depth block by depth block (the kc
 *       the product uses for its k) into the micro-kernel's NR-column panels, and later products run the same loops
 *       without packB ({@code productPacked}). Per element the same operations as the unpacked product, so the same
 *       bits, for every thread count; a single row runs a GEMV over the panels ({@code gemvPanels}: B streamed
 *       once, A broadcast, two panels' accumulators in flight) with the same FMA chain, so a row's result does not
 *       depend on the rows around it. The packed operand records its NR and kc; a product on another tile,
 *       blocking or backend refuses it, and {@code SimdGemm} checks its length before C is written. The scalar
 *       backend copies B as stored (k × n, or n × k with the transposed flag) and runs its unpacked loops on it,
 *       so its packed product gives its unpacked bits too.</li>
 *   <li>{@link org.vecgrad.engine.kernel.gemm.ScalarGemm}: the reference GEMM (the test oracle and the scalar
 *       backend's product).</li>
 *   <li>{@link org.vecgrad.engine.kernel.gemm.GemmThreads} and {@code GemmTeam}: the thread pool, the rule that
 *       splits a product over it, and the team that shares packed B blocks. Depth is never split, so results are
 *       bit-identical for every thread count.</li>
 * </ul>
 */
package org.vecgrad.engine.kernel.gemm;
