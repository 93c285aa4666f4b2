package org.vecgrad.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;

/**
 * Turns a stored {@link OnnxProto.Tensor} into a {@link Value}: checks that the declared shape's element count
 * matches the data (raw bytes, a typed field, or an external file) before allocating anything, and decodes the
 * little-endian bytes. External data follows ONNX's convention (keys {@code location}, {@code offset},
 * {@code length}): the location must be a relative path that stays inside the model's folder (no absolute path,
 * no {@code ..}, no symbolic link leading out), the range must lie inside the file, and the total over the model is
 * capped. External bytes are streamed in 64 KiB chunks straight into the array, and inline raw_data is decoded
 * from the mapped model file ({@code OnnxModel.load}), so no file is held twice.
 */
final class TensorData {
    private static final int CHUNK = 1 << 16;

    /** Where external data may come from, and how much of it is still allowed. */
    static final class External {
        private final Path folder; // null: the model came from bytes and has no folder
        private long budget;

        External(Path folder, long maxBytes) {
            this.folder = folder;
            this.budget = maxBytes;
        }
    }

    private TensorData() {
    }

    /** Bytes per element of a data type vecgrad reads, or 0 for one it does not. */
    static int elementSize(int dataType) {
        return switch (dataType) {
            case OnnxProto.FLOAT, OnnxProto.INT32 -> 4;
            case OnnxProto.DOUBLE, OnnxProto.INT64 -> 8;
            case OnnxProto.INT16 -> 2;
            case OnnxProto.INT8, OnnxProto.UINT8, OnnxProto.BOOL -> 1;
            default -> 0;
        };
    }

    static String typeName(int dataType) {
        String[] names = {"UNDEFINED", "FLOAT", "UINT8", "INT8", "UINT16", "INT16", "INT32", "INT64", "STRING",
            "BOOL", "FLOAT16", "DOUBLE", "UINT32", "UINT64", "COMPLEX64", "COMPLEX128", "BFLOAT16"};
        return dataType >= 0 && dataType < names.length ? names[dataType] : "data type " + dataType;
    }

    /** The shape as ints, each dim in [0, 2^31) and the element count below 2^31. */
    static int[] shape(OnnxProto.Tensor t) throws OnnxFormatException {
        int[] shape = new int[t.dims().length];
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            long d = t.dims()[i];
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw fail(t, "dims[" + i + "] = " + d + " is outside 0.." + Integer.MAX_VALUE);
            }
            shape[i] = (int) d;
            n *= d; // both below 2^31: no overflow
            if (n > Integer.MAX_VALUE - 8) {
                throw fail(t, "dims " + Arrays.toString(t.dims()) + " hold more than "
                        + (Integer.MAX_VALUE - 8) + " elements");
            }
        }
        return shape;
    }

    private static OnnxFormatException fail(OnnxProto.Tensor t, String what) {
        return new OnnxFormatException(t.path() + " ('" + t.name() + "', at byte " + t.offset() + "): " + what);
    }

    static Value toValue(OnnxProto.Tensor t, ByteBuffer file, External ext) throws OnnxFormatException {
        int[] shape = shape(t);
        int n = Shapes.size(shape);
        int size = elementSize(t.dataType());
        if (size == 0) {
            throw new OnnxUnsupportedException(t.path() + " ('" + t.name() + "'): " + typeName(t.dataType())
                    + " tensors are not supported (FLOAT, DOUBLE, INT64, INT32, INT16, INT8, UINT8, BOOL are)");
        }
        int sources = (t.hasRaw() ? 1 : 0) + (t.external() ? 1 : 0) + (t.floatData().length > 0 ? 1 : 0)
                + (t.doubleData().length > 0 ? 1 : 0) + (t.int64Data().length > 0 ? 1 : 0)
                + (t.int32Data().length > 0 ? 1 : 0);
        if (sources > 1) {
            throw fail(t, "data in " + sources + " places (raw_data, external data or typed fields); one expected");
        }
        long bytes = (long) n * size;
        // every branch checks that the data is there before allocating the tensor: the shape alone may claim 2³¹
        // elements, and a hostile file must get an exception, not an OutOfMemoryError
        Object target;
        if (t.external()) {
            target = readExternal(t, ext, bytes, n);
        } else if (t.hasRaw()) {
            int len = t.rawTo() - t.rawFrom();
            if (len != bytes) {
                throw fail(t, "raw_data has " + len + " bytes but " + typeName(t.dataType()) + " "
                        + Arrays.toString(shape) + " needs " + n + " × " + size + " = " + bytes);
            }
            target = newTarget(t.dataType(), n);
            decode(file.slice(t.rawFrom(), len).order(ByteOrder.LITTLE_ENDIAN), t.dataType(), target, 0,
                    n);
        } else {
            int have = typedCount(t);
            if (have != n) {
                throw fail(t, typedField(t.dataType()) + " has " + have + " elements but the shape "
                        + Arrays.toString(shape) + " needs " + n);
            }
            target = newTarget(t.dataType(), n);
            copyTyped(t, target);
        }
        return target instanceof long[] ints ? new Value.Ints(ints, shape)
                : target instanceof float[] f ? new Value.Floats(NdArray.wrap(f, 0, shape))
                : new Value.Floats(NdArray.wrap((double[]) target, 0, shape));
    }

    private static Object newTarget(int dataType, int n) {
        return switch (dataType) {
            case OnnxProto.FLOAT -> new float[n];
            case OnnxProto.DOUBLE -> new double[n];
            default -> new long[n];
        };
    }

    private static String typedField(int dataType) {
        return switch (dataType) {
            case OnnxProto.FLOAT -> "float_data";
            case OnnxProto.DOUBLE -> "double_data";
            case OnnxProto.INT64 -> "int64_data";
            default -> "int32_data";
        };
    }

    private static int typedCount(OnnxProto.Tensor t) {
        return switch (t.dataType()) {
            case OnnxProto.FLOAT -> t.floatData().length;
            case OnnxProto.DOUBLE -> t.doubleData().length;
            case OnnxProto.INT64 -> t.int64Data().length;
            default -> t.int32Data().length;
        };
    }

    private static void copyTyped(OnnxProto.Tensor t, Object target) {
        switch (t.dataType()) {
            case OnnxProto.FLOAT -> System.arraycopy(t.floatData(), 0, target, 0, t.floatData().length);
            case OnnxProto.DOUBLE -> System.arraycopy(t.doubleData(), 0, target, 0, t.doubleData().length);
            case OnnxProto.INT64 -> System.arraycopy(t.int64Data(), 0, target, 0, t.int64Data().length);
            default -> {
                long[] out = (long[]) target;
                for (int i = 0; i < out.length; i++) {
                    out[i] = narrow(t.dataType(), t.int32Data()[i]);
                }
            }
        }
    }

    /** An int32_data entry as the value of the narrower type it carries (varints of negatives are 64-bit). */
    private static long narrow(int dataType, long v) {
        return switch (dataType) {
            case OnnxProto.INT16 -> (short) v;
            case OnnxProto.INT8 -> (byte) v;
            case OnnxProto.UINT8 -> v & 0xFF;
            case OnnxProto.BOOL -> v != 0 ? 1 : 0;
            default -> (int) v;
        };
    }

    /** Decodes {@code count} little-endian elements from {@code src} into {@code target[from, from + count)}. */
    private static void decode(ByteBuffer src, int dataType, Object target, int from, int count) {
        switch (dataType) {
            case OnnxProto.FLOAT -> src.asFloatBuffer().get((float[]) target, from, count);
            case OnnxProto.DOUBLE -> src.asDoubleBuffer().get((double[]) target, from, count);
            default -> {
                long[] out = (long[]) target;
                for (int i = 0; i < count; i++) {
                    out[from + i] = switch (dataType) {
                        case OnnxProto.INT64 -> src.getLong();
                        case OnnxProto.INT32 -> src.getInt();
                        case OnnxProto.INT16 -> src.getShort();
                        default -> narrow(dataType, src.get());
                    };
                }
            }
        }
    }

    /** Reads n elements of external data into a new array, allocated once the range is checked against the file. */
    private static Object readExternal(OnnxProto.Tensor t, External ext, long bytes, int n)
            throws OnnxFormatException {
        if (ext.folder == null) {
            throw fail(t, "external data, but the model was read from bytes and has no folder to read it from");
        }
        Map<String, String> kv = t.externalData();
        String location = kv.get("location");
        if (location == null || location.isEmpty()) {
            throw fail(t, "external data without a location");
        }
        long offset = number(t, kv, "offset", 0);
        long length = number(t, kv, "length", bytes);
        if (length != bytes) {
            throw fail(t, "external length " + length + " but the shape needs " + bytes + " bytes");
        }
        Path file = confined(t, ext.folder, location);
        if (bytes > ext.budget) {
            throw fail(t, "external data of " + bytes + " bytes exceeds what is left of the model's cap ("
                    + ext.budget + " bytes)");
        }
        ext.budget -= bytes;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = ch.size();
            if (offset > fileSize || bytes > fileSize - offset) {
                throw fail(t, "external range [" + offset + ", " + (offset + bytes) + ") lies outside '" + location
                        + "' (" + fileSize + " bytes)");
            }
            int size = elementSize(t.dataType());
            Object target = newTarget(t.dataType(), n);
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            int perChunk = CHUNK / size;
            long pos = offset;
            for (int from = 0; from < n; from += perChunk) {
                int count = Math.min(perChunk, n - from);
                chunk.clear().limit(count * size);
                while (chunk.hasRemaining()) {
                    int read = ch.read(chunk, pos);
                    if (read < 0) {
                        throw fail(t, "'" + location + "' ended at byte " + pos + " while reading it");
                    }
                    pos += read;
                }
                chunk.flip();
                decode(chunk, t.dataType(), target, from, count);
            }
            return target;
        } catch (IOException e) {
            if (e instanceof OnnxFormatException f) {
                throw f;
            }
            throw new OnnxFormatException(t.path() + " ('" + t.name() + "'): cannot read external data '"
                    + location + "': " + e, e);
        }
    }

    private static long number(OnnxProto.Tensor t, Map<String, String> kv, String key, long dflt)
            throws OnnxFormatException {
        String s = kv.get(key);
        if (s == null) {
            return dflt;
        }
        try {
            long v = Long.parseLong(s);
            if (v < 0) {
                throw fail(t, "external " + key + " " + v + " is negative");
            }
            return v;
        } catch (NumberFormatException e) {
            throw fail(t, "external " + key + " '" + s + "' is not a number");
        }
    }

    /** The external file, refused unless it is a regular file inside {@code folder}. */
    private static Path confined(OnnxProto.Tensor t, Path folder, String location) throws OnnxFormatException {
        Path rel;
        try {
            rel = folder.getFileSystem().getPath(location);
        } catch (RuntimeException e) {
            throw fail(t, "external location '" + location + "' is not a path");
        }
        if (rel.isAbsolute() || location.startsWith("/") || location.startsWith("\\")) {
            throw fail(t, "external location '" + location + "' is absolute; it must be relative to the model's "
                    + "folder");
        }
        for (Path part : rel) {
            if (part.toString().equals("..")) {
                throw fail(t, "external location '" + location + "' leaves the model's folder ('..')");
            }
        }
        try {
            Path base = folder.toRealPath();
            Path real = base.resolve(rel).toRealPath();
            if (!real.startsWith(base) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                throw fail(t, "external location '" + location + "' resolves to " + real
                        + ", not a regular file inside " + base);
            }
            return real;
        } catch (IOException e) {
            if (e instanceof OnnxFormatException f) {
                throw f;
            }
            throw fail(t, "external location '" + location + "' cannot be opened: " + e);
        }
    }
}
