/**
 * JMH benchmarks of the engine's elementwise and softmax kernels, measured in bytes moved per second against a
 * plain array copy (the bandwidth ceiling) in the same run, and {@link org.vecgrad.bench.elementwise.Report}, which
 * turns JMH's JSON result into a table with PASS/FAIL against the project's targets.
 *
 * <ul>
 *   <li>Every benchmark calls a kernel through the SPI ({@code Kernels.simd()} or {@code Kernels.scalar()}, chosen
 *       by the {@code path} parameter), so one run compares the two paths; nothing is allocated in a measured
 *       method (outputs go to arrays made in {@code @Setup}).</li>
 *   <li>Bytes per call = (number of input arrays + 1 output) · 4 · size: each element read and written once, as
 *       STREAM counts (write-allocate traffic not counted). The {@code bytes} secondary metric (a JMH
 *       {@code @AuxCounters} counter, see {@link org.vecgrad.bench.elementwise.ByteCounter}) is that figure per
 *       second.</li>
 *   <li>Sizes: 4 Ki elements (in L1), 256 Ki (1 MiB per array, L2) and 16 Mi (64 MiB per array, DRAM).</li>
 * </ul>
 *
 * <p>How to run and read it: {@code bench/README.md} and {@code bench/run-elementwise.sh}.
 */
package org.vecgrad.bench.elementwise;
