/**
 * Reading and writing named arrays in the <a href="https://github.com/huggingface/safetensors">safetensors</a>
 * format ({@link org.vecgrad.nn.io.SafeTensors}), the format PyTorch and Hugging Face use to exchange weights.
 *
 * <pre>{@code
 * SafeTensors.save(path, Map.of("fc.weight", w, "fc.bias", b), Map.of("epoch", "12"));
 * SafeTensors.Contents c = SafeTensors.load(path);
 * NdArray w2 = c.tensors().get("fc.weight");
 * }</pre>
 *
 * <ul>
 *   <li>Writes F32 and F64; reads F32, F64, F16 and BF16 (the last two widened to F32).</li>
 *   <li>Saving is atomic (temporary file, fsync, rename): a crash never leaves a half-written file.</li>
 *   <li>Reading is strict and defensive: every malformed file is rejected with a
 *       {@link org.vecgrad.nn.io.SafeTensorsFormatException} saying what and where, and memory use is bounded by
 *       the file's real size whatever its header claims.</li>
 * </ul>
 * Not here: memory-mapped or lazy loading, integer and 8-bit dtypes, writing F16/BF16.
 */
package org.vecgrad.nn.io;
