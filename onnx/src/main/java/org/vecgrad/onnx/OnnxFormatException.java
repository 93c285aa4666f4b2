package org.vecgrad.onnx;

import java.io.IOException;

/**
 * A file that is not a valid ONNX model, or one vecgrad refuses to load. The message says what is wrong and where:
 * the field path (for example {@code graph.node[3].attribute[0].t.dims}) and the byte offset in the file, or the
 * node's name and operator.
 */
public class OnnxFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** A format error with a message naming what is wrong and where. */
    public OnnxFormatException(String message) {
        super(message);
    }

    /** A format error caused by {@code cause} (e.g. an I/O error reading external data). */
    public OnnxFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
