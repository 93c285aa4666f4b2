/**
 * Machine ceilings that the performance report divides every kernel by: FMA peak per core ({@link
 * org.vecgrad.bench.ceiling.FmaPeakBench}, F32 and F64 on the species the kernels use) and memory bandwidth
 * ({@link org.vecgrad.bench.ceiling.MemoryBandwidthBench}, STREAM-style copy and triad on 256 MiB arrays).
 * Run with {@code -t 2} for the two-thread figures. This package imports {@code jdk.incubator.vector} directly (it
 * is a benchmark of the hardware, not engine code) but takes the species from {@code SimdSpecies}, so
 * {@code -Dvecgrad.vectorBits} applies here as it does to the kernels.
 */
package org.vecgrad.bench.ceiling;
