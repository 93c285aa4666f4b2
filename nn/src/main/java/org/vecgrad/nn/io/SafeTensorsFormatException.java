package org.vecgrad.nn.io;

import java.io.IOException;

/**
 * A file that is not a valid safetensors file (or one vecgrad cannot read). The message says what is wrong and
 * where: the header offset, the tensor name, or the byte range.
 */
public final class SafeTensorsFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** A format error with a message naming what is wrong and where. */
    public SafeTensorsFormatException(String message) {
        super(message);
    }

    /** A format error caused by {@code cause} (e.g. a UTF-8 decoding error). */
    public SafeTensorsFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
