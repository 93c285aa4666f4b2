package org.vecgrad.nn.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vecgrad.autodiff.GradCheck;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.autodiff.TensorFunction;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.io.SafeTensors;

/**
 * Scaled dot-product attention (gradcheck and gradgradcheck with additive and causal masks, causality itself),
 * MultiheadAttention against PyTorch 1.13 (F64, 1e-10; packed in_proj, out_proj, boolean attn_mask,
 * key_padding_mask; output, head-averaged weights and every gradient) and the sinusoidal encoding.
 */
class AttentionTest {

    private static void close(String what, NdArray expected, Tensor actual) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        for (int i = 0; i < expected.size(); i++) {
            double b = expected.getFlat(i);
            double a = actual.data().getFlat(i);
            assertTrue(Math.abs(a - b) <= 1e-10 * Math.max(1, Math.abs(b)), what + "[" + i + "]: " + a + " vs " + b);
        }
    }

    /** A fixture's 0/1 matrix as booleans. */
    private static boolean[][] bools(NdArray a) {
        boolean[][] b = new boolean[a.shape(0)][a.shape(1)];
        for (int i = 0; i < b.length; i++) {
            for (int j = 0; j < b[i].length; j++) {
                b[i][j] = a.get(i, j) != 0;
            }
        }
        return b;
    }

    @Test
    void gradcheckWithMasks() {
        SplittableRandom rng = new SplittableRandom(1);
        Tensor q = Tensor.randn(DType.F64, rng, 2, 3, 4).requiresGrad(true);
        Tensor k = Tensor.randn(DType.F64, rng, 2, 3, 4).requiresGrad(true);
        Tensor v = Tensor.randn(DType.F64, rng, 2, 3, 5).requiresGrad(true);
        Tensor bias = Tensor.randn(DType.F64, rng, 3, 3).requiresGrad(true);
        TensorFunction f = xs -> Attention.scaledDotProduct(xs[0], xs[1], xs[2], xs[3], true).output();
        assertTrue(GradCheck.check(f, q, k, v, bias).passed(), GradCheck.check(f, q, k, v, bias).toString());
        GradCheck.Report r2 = GradCheck.gradgradcheck(f, q, k, v, bias);
        assertTrue(r2.passed(), r2.toString());
    }

    @Test
    void causalAttentionIgnoresTheFuture() {
        SplittableRandom rng = new SplittableRandom(2);
        Tensor q = Tensor.randn(DType.F64, rng, 1, 4, 3);
        Tensor k = Tensor.randn(DType.F64, rng, 1, 4, 3);
        Tensor v = Tensor.randn(DType.F64, rng, 1, 4, 3);
        Attention.Result a = Attention.scaledDotProduct(q, k, v, null, true);
        NdArray k2 = k.data().copy();
        NdArray v2 = v.data().copy();
        for (int j = 0; j < 3; j++) {
            k2.set(7, 0, 3, j);                                           // change the last key and value only
            v2.set(-7, 0, 3, j);
        }
        Attention.Result b = Attention.scaledDotProduct(q, Tensor.of(k2), Tensor.of(v2), null, true);
        assertTrue(a.output().data().rows(0, 1).reshape(4, 3).rows(0, 3)
                .allClose(b.output().data().reshape(4, 3).rows(0, 3), 0, 1e-15, false), "rows 0..2 unchanged");
        assertEquals(0, a.weights().data().get(0, 1, 2), 0);
        assertEquals(1, a.weights().data().get(0, 0, 0), 1e-15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Attention.scaledDotProduct(q, k, v, Tensor.zeros(DType.F64, 4, 3), false));
        assertTrue(e.getMessage().contains("[4, 4]") && e.getMessage().contains("[4, 3]"), e.getMessage());
    }

    @Test
    void multiheadAttentionMatchesPyTorch() throws IOException {
        Map<String, NdArray> t;
        try (InputStream in = AttentionTest.class.getResourceAsStream("mha.safetensors")) {
            assertNotNull(in, "fixture mha (regenerate with nn/src/test/fixtures/make_rnn_fixtures.py)");
            t = SafeTensors.fromBytes(in.readAllBytes()).tensors();
        }
        MultiheadAttention m = new MultiheadAttention(6, 2, false, 1);
        m.to(DType.F64);
        Map<String, NdArray> state = new LinkedHashMap<>();
        for (String name : m.stateDict().keySet()) {
            state.put(name, t.get(name));
        }
        m.loadStateDict(state);
        Tensor q = Tensor.of(t.get("query").copy(), true);
        Tensor k = Tensor.of(t.get("key").copy(), true);
        Tensor v = Tensor.of(t.get("value").copy(), true);
        NdArray am = t.get("attn_mask");
        boolean[][] masked = bools(am);
        boolean[][] padding = bools(t.get("key_padding_mask"));
        MultiheadAttention.Result r = m.forward(q, k, v, Attention.booleanMask(DType.F64, masked), padding);
        close("output", t.get("output"), r.output());
        close("weights", t.get("weights"), r.weights());
        r.output().mul(Tensor.of(t.get("dout"))).sum().add(r.weights().mul(Tensor.of(t.get("dw"))).sum()).backward();
        close("grad query", t.get("grad.query"), q.grad());
        close("grad key", t.get("grad.key"), k.grad());
        close("grad value", t.get("grad.value"), v.grad());
        m.namedParameters().forEach((n, p) -> close("grad " + n, t.get("grad." + n), p.grad()));
        NdArray boolMask = NdArray.zeros(DType.BOOL, am.shape());
        for (int i = 0; i < am.size(); i++) {
            boolMask.setFlat(i, am.getFlat(i));
        }
        close("output with a BOOL attn_mask", t.get("output"),
                m.forward(q, k, v, Tensor.of(boolMask), padding).output());
        close("sinusoidal", t.get("sinusoidal"), Tensor.of(Attention.sinusoidalEncoding(DType.F64, 7, 6)));
    }

    @Test
    void transformerEncoderLayerMatchesPyTorch() throws IOException {
        for (String name : new String[] {"encoder_post_relu", "encoder_pre_gelu"}) {
            SafeTensors.Contents c;
            try (InputStream in = AttentionTest.class.getResourceAsStream(name + ".safetensors")) {
                assertNotNull(in, "fixture " + name);
                c = SafeTensors.fromBytes(in.readAllBytes());
            }
            Map<String, NdArray> t = c.tensors();
            Map<String, String> meta = c.metadata();
            TransformerEncoderLayer m = new TransformerEncoderLayer(Integer.parseInt(meta.get("d_model")),
                    Integer.parseInt(meta.get("nhead")), Integer.parseInt(meta.get("dim_feedforward")), 0,
                    meta.get("activation"), false, Boolean.parseBoolean(meta.get("norm_first").toLowerCase()), 1);
            m.to(DType.F64);
            Map<String, NdArray> state = new LinkedHashMap<>();
            for (String n : m.stateDict().keySet()) {
                state.put(n, t.get(n));
            }
            m.loadStateDict(state);
            Tensor x = Tensor.of(t.get("input").copy(), true);
            boolean[][] padding = bools(t.get("src_key_padding_mask"));
            Tensor y = m.forward(x, Attention.causalMask(DType.F64, x.shape(0)), padding);
            close(name + " output", t.get("output"), y);
            y.mul(Tensor.of(t.get("dout"))).sum().backward();
            close(name + " grad input", t.get("grad.input"), x.grad());
            m.namedParameters().forEach((n, p) -> close(name + " grad " + n, t.get("grad." + n), p.grad()));
        }
    }

    @Test
    void badShapesNameTheLayer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MultiheadAttention(10, 3));
        assertTrue(e.getMessage().contains("embed_dim = 10") && e.getMessage().contains("num_heads = 3"),
                e.getMessage());
        MultiheadAttention m = new MultiheadAttention(4, 2);
        e = assertThrows(IllegalArgumentException.class, () -> m.forward(Tensor.zeros(DType.F32, 3, 2, 5)));
        assertTrue(e.getMessage().contains("MultiheadAttention") && e.getMessage().contains("[3, 2, 5]"),
                e.getMessage());
        Tensor x = Tensor.zeros(DType.F32, 3, 2, 4);
        e = assertThrows(IllegalArgumentException.class,
                () -> m.forward(x, x, x, Tensor.zeros(DType.F32, 2, 3), null));
        assertTrue(e.getMessage().contains("attn_mask must be [3, 3]") && e.getMessage().contains("[2, 3]"),
                e.getMessage());
    }
}
