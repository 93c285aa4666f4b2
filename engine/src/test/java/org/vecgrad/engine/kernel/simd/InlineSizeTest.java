package org.vecgrad.engine.kernel.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Vector API helpers that a kernel calls once per row or per column vector must stay small enough for C2 to inline
 * them into their caller (its {@code FreqInlineSize}, 325 bytes of bytecode): one that is not inlined is compiled on
 * its own, and a run in which its first compile was a C1 one can keep it, running the Vector API's Java fallback
 * (the 3×3 depthwise forward and input gradient twice as slow, allocating as they go). Checked on the class files.
 */
class InlineSizeTest {
    /** HotSpot's default {@code -XX:FreqInlineSize} on x86-64. */
    private static final int FREQ_INLINE_SIZE = 325;

    /** The per-row and per-column-vector helpers of the 3×3 stencil and its weight gradient. */
    private static final List<String> HELPERS =
            List.of("stencilRow", "stencilColumn", "stencilDotRow", "stencilDotColumns");

    @Test
    void stencilHelpersFitC2InlineSize() throws IOException {
        for (Class<?> k : List.of(SimdTapsF32.class, SimdTapsF64.class)) {
            ClassModel model = parse(k);
            for (String name : HELPERS) {
                List<MethodModel> found = model.methods().stream()
                        .filter(m -> m.methodName().equalsString(name)).toList();
                assertEquals(1, found.size(), k.getSimpleName() + "." + name + ": expected one method");
                int bytes = found.get(0).findAttribute(Attributes.code()).orElseThrow().codeLength();
                assertTrue(bytes < FREQ_INLINE_SIZE, k.getSimpleName() + "." + name + " has " + bytes
                        + " bytes of bytecode; C2 inlines hot calls below " + FREQ_INLINE_SIZE);
            }
        }
    }

    /**
     * No method of the direct convolution's and the stencil's kernels takes or returns a vector or a mask, and no
     * elementwise loop takes one: each stays in the method that makes it. A vector handed to a call C2 does not
     * inline is boxed, an object and an array per call; C2 can leave even a small helper out once a big block has
     * spent its node budget ({@code NodeCountInliningCutoff}), as it did with the 8-tap weight-gradient block's eight
     * adds in double. (The elementwise loops' {@code load} returns a vector: a one-call accessor.)
     */
    @Test
    void kernelsPassNoVectorAcrossACall() throws IOException {
        List<Class<?>> whole = List.of(SimdConvTapsF32.class, SimdConvTapsF64.class, SimdTapsF32.class,
                SimdTapsF64.class);
        List<Class<?>> params = List.of(SimdElementwiseF32.class, SimdElementwiseF64.class);
        for (Class<?> k : concat(whole, params)) {
            List<String> crossing = parse(k).methods().stream()
                    .filter(m -> {
                        String type = m.methodType().stringValue();
                        String checked = whole.contains(k) ? type : type.substring(0, type.indexOf(')'));
                        return checked.contains("Ljdk/incubator/vector/");
                    })
                    .map(m -> m.methodName() + m.methodType().stringValue()).toList();
            assertEquals(List.of(), crossing, k.getSimpleName() + ": methods that pass a vector across a call");
        }
    }

    private static List<Class<?>> concat(List<Class<?>> a, List<Class<?>> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    private static ClassModel parse(Class<?> k) throws IOException {
        try (InputStream in = k.getResourceAsStream(k.getSimpleName() + ".class")) {
            return ClassFile.of().parse(in.readAllBytes());
        }
    }
}
