package org.vecgrad.spark;

import java.io.UncheckedIOException;
import java.util.Map;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.io.SafeTensors;
import org.vecgrad.nn.io.SafeTensorsFormatException;

/** Named arrays as safetensors bytes: how parameters, gradients, optimizer states and outputs travel. */
final class Blobs {
    private Blobs() {
    }

    static byte[] of(Map<String, NdArray> arrays) {
        return SafeTensors.toBytes(arrays);
    }

    static byte[] of(NdArray a) {
        return SafeTensors.toBytes(Map.of("a", a));
    }

    static SafeTensors.Contents contents(byte[] bytes) {
        try {
            return SafeTensors.fromBytes(bytes);
        } catch (SafeTensorsFormatException e) {
            throw new UncheckedIOException("a corrupt safetensors blob", e);
        }
    }

    static Map<String, NdArray> arrays(byte[] bytes) {
        return contents(bytes).tensors();
    }

    static NdArray array(byte[] bytes) {
        return arrays(bytes).get("a");
    }
}
