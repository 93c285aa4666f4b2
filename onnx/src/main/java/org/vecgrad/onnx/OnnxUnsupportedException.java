package org.vecgrad.onnx;

/**
 * A well-formed ONNX model that uses something vecgrad cannot run yet: an operator (named with its node, op type,
 * domain and opset), an opset outside the supported range, or a data type. A subclass of
 * {@link OnnxFormatException}, so one catch covers every refusal at load.
 */
public final class OnnxUnsupportedException extends OnnxFormatException {
    private static final long serialVersionUID = 1L;

    /** A refusal with a message naming what is not supported and where. */
    public OnnxUnsupportedException(String message) {
        super(message);
    }
}
