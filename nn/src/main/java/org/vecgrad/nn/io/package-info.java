/**
 * Reading and writing named arrays in the <a href="https://github.com/huggingface/safetensors">safetensors</a>
 * format ({@link org.vecgrad.nn.io.SafeTensors}), the format PyTorch and Hugging Face use to exchange weights.
 *
 * <pre>{@code
 * SafeTensors.save(path, Map.of("fc.weight", w, "fc.bias", b), Map.of("epoch", "12"));
 * SafeTensors.Contents c = SafeTensors.load(path);
 * NdArray w2 = c.tensors().get("fc.weight");
 * model.load(Path.of("resnet.safetensors"));          // a PyTorch state dict, by name (BatchNorm's I64 counters too)
 * SafeTensors.save(path, model.stateDict(), Map.of(), SafeTensors.floatsAs(FileDType.BF16));  // half the bytes
 * }</pre>
 *
 * <ul>
 *   <li>Reads every dtype a PyTorch or Hugging Face checkpoint uses: F64, F32, F16, BF16, F8_E4M3, F8_E5M2, I64, I32,
 *       I16, I8, U8, BOOL. The narrow floats widen exactly to F32 and I16, I8 and U8 to I32;
 *       {@link org.vecgrad.nn.io.SafeTensors.Contents#fileDTypes()} keeps what each tensor was in the file
 *       ({@link org.vecgrad.nn.io.FileDType} has the table).</li>
 *   <li>Writes F32, F64, I64, I32 and BOOL as they are, and floating-point tensors as F16 or BF16 on request
 *       ({@link org.vecgrad.nn.io.SafeTensors.StoreAs}), rounded to nearest even as PyTorch rounds
 *       ({@link org.vecgrad.nn.io.NarrowFloats}; from F64 rounded once, not through F32).</li>
 *   <li>Saving is atomic (temporary file, fsync, rename): a crash never leaves a half-written file.</li>
 *   <li>Reading is strict and defensive: every malformed file is rejected with a
 *       {@link org.vecgrad.nn.io.SafeTensorsFormatException} saying what and where, and memory use is bounded by
 *       the file's real size whatever its header claims.</li>
 * </ul>
 * Not here: memory-mapped or lazy loading; U16, U32, U64, C64, F8_E8M0 and the 4- and 6-bit floats (refused by
 * name); writing the 8-bit floats or the narrow integers.
 */
package org.vecgrad.nn.io;
