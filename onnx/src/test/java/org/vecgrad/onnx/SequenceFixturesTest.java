package org.vecgrad.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vecgrad.onnx.PyTorchFixturesTest.assertMatches;
import static org.vecgrad.onnx.PyTorchFixturesTest.fixture;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.io.SafeTensors;

/**
 * The sequence and padding fixtures of {@code src/test/fixtures/make_rnn_fixtures.py}: nn.LSTM, nn.GRU and nn.RNN
 * exported by PyTorch 1.13 (1 and 2 layers, bidirectional, batch_first, with and without initial states, tanh and
 * relu), a character model (Embedding + LSTM + Linear on INT64 token ids), F.pad in its modes; and single LSTM, GRU
 * and RNN nodes written with onnx.helper for what PyTorch does not export (sequence_lens against PyTorch's packed
 * sequences, direction = reverse, layout = 1) and Gelu at opset 20. Every graph input and output is compared on two
 * cases with different sequence lengths and batch sizes: |a − b| ≤ 1e-5·max(1, |b|) in F32.
 */
class SequenceFixturesTest {

    @ParameterizedTest
    @ValueSource(strings = {"lstm_op11", "lstm_2layer_bi_op13", "lstm_batch_first_op17", "gru_op11",
        "gru_2layer_bi_op14", "gru_batch_first_bi_op17", "rnn_tanh_op11", "rnn_relu_2layer_bi_op13",
        "rnn_tanh_batch_first_op17", "charmodel_op17", "pad_op11", "pad_op17", "lstm_lens_bi_op14",
        "gru_lens_reverse_layout1_op14", "rnn_relu_lens_op14", "lstm_lens_layout1_op17", "gelu_op20"})
    void matchesPyTorch(String name) throws Exception {
        OnnxModel model = OnnxModel.load(fixture(name + ".onnx"));
        String op = name.startsWith("charmodel") ? "LSTM" : name.substring(0, name.indexOf('_')).toUpperCase()
                .replace("PAD", "Pad").replace("GELU", "Gelu");
        assertTrue(model.operators().containsKey(op), name + " runs " + model.operators());
        Map<String, NdArray> t = SafeTensors.load(fixture(name + ".safetensors")).tensors();
        for (String sfx : new String[] {"", "2"}) {
            Map<String, NdArray> feeds = new HashMap<>();
            for (OnnxModel.Port p : model.inputs()) {
                NdArray x = t.get(p.name() + sfx);
                assertNotNull(x, name + ": no tensor " + p.name() + sfx);
                feeds.put(p.name(), p.dtype() == DType.F32 ? x : x.to(p.dtype()));
            }
            Map<String, NdArray> out = model.run(feeds);
            assertEquals(model.outputs().size(), out.size());
            for (OnnxModel.Port p : model.outputs()) {
                NdArray want = t.get(p.name() + sfx);
                assertNotNull(want, name + ": no tensor " + p.name() + sfx);
                assertMatches(want, out.get(p.name()), name + " " + p.name() + (sfx.isEmpty() ? "" : " case 2"));
            }
        }
    }

    @Test
    void fixturesAreSmall() throws Exception {
        for (String f : new String[] {"lstm_2layer_bi_op13.onnx", "charmodel_op17.onnx", "pad_op17.onnx",
            "gru_2layer_bi_op14.onnx", "lstm_lens_bi_op14.onnx", "gelu_op20.onnx"}) {
            assertTrue(Files.size(fixture(f)) < 16_384, f);
        }
    }
}
