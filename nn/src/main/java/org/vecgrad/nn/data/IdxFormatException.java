package org.vecgrad.nn.data;

import java.io.IOException;

/**
 * A file that is not a valid IDX file (or one larger than the reader was allowed to load). The message names the
 * file, the field (magic number, type code, a dimension, the data) and the values found.
 */
public final class IdxFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** A format error with a message naming the file, the field and the values. */
    public IdxFormatException(String message) {
        super(message);
    }

    /** A format error caused by {@code cause} (e.g. corrupt gzip data). */
    public IdxFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
