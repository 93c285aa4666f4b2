package org.vecgrad.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vecgrad.autodiff.GradCheck;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.autodiff.TensorFunction;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/** Embedding: lookup of ids of any shape, gradcheck and gradgradcheck, the padding row, bad ids. */
class EmbeddingTest {

    private static Tensor ids(int[] ids, int... shape) {
        NdArray a = NdArray.zeros(DType.F64, shape);
        for (int i = 0; i < ids.length; i++) {
            a.setFlat(i, ids[i]);
        }
        return Tensor.of(a);
    }

    @Test
    void rowsOfTheTableForIdsOfAnyShape() {
        Embedding e = new Embedding(7, 3, Integer.MIN_VALUE, 1);
        int[] id = {4, 0, 6, 4, 2, 1};
        Tensor y = e.forward(ids(id, 2, 3));
        assertArrayEquals(new int[] {2, 3, 3}, y.shape());
        for (int i = 0; i < id.length; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(e.weight().data().get(id[i], j), y.data().getFlat(i * 3 + j), 0);
            }
        }
        assertTrue(e.forward(id, 3, 2).data().reshape(2, 3, 3).allClose(y.data(), 0, 0, false), "int[] ids");
        for (DType dt : new DType[] {DType.I64, DType.I32}) {
            NdArray ints = NdArray.zeros(dt, 2, 3);
            for (int i = 0; i < id.length; i++) {
                ints.setFlat(i, id[i]);
            }
            assertTrue(e.forward(Tensor.of(ints)).data().allClose(y.data(), 0, 0, false), dt + " ids");
        }
    }

    @Test
    void gradcheckAndThePaddingRowGetsNoGradient() {
        for (int pad : new int[] {Integer.MIN_VALUE, 2, -1}) {
            Embedding e = new Embedding(5, 3, pad, 2);
            e.to(DType.F64);
            Tensor idx = ids(new int[] {2, 4, 2, 0, 4, 4}, 3, 2);
            Tensor w = e.weight().detach().requiresGrad(true);
            // the padding row's gradient is zero by design, not the derivative: check on ids without it
            Tensor other = ids(new int[] {1, 3, 1, 0, 3, 3}, 3, 2);
            TensorFunction f = xs -> e.functionalCall(Map.of("weight", xs[0]), other);
            GradCheck.Report r = GradCheck.check(f, w);
            assertTrue(r.passed(), "pad " + pad + "\n" + r);
            GradCheck.Report r2 = GradCheck.gradgradcheck(f, w);
            assertTrue(r2.passed(), "pad " + pad + " second order\n" + r2);
            e.weight().clearGrad();
            e.forward(idx).sum().backward();
            int p = e.paddingIdx();
            for (int row = 0; row < 5; row++) {
                double count = row == p ? 0 : row == 2 ? 2 : row == 4 ? 3 : row == 0 ? 1 : 0;
                assertEquals(count, e.weight().grad().data().get(row, 1), 0, "pad " + pad + " row " + row);
            }
            if (p >= 0) {
                assertEquals(0, e.weight().data().row(p).abs().sum(), 0, "the padding row starts at zero");
            }
        }
    }

    @Test
    void badIdsNameTheLayerTheIdAndTheRange() {
        Embedding e = new Embedding(5, 3);
        IndexOutOfBoundsException x = assertThrows(IndexOutOfBoundsException.class,
                () -> e.forward(ids(new int[] {1, 5}, 2)));
        assertTrue(x.getMessage().contains("Embedding(5, 3)") && x.getMessage().contains("id 5")
                && x.getMessage().contains("0..4"), x.getMessage());
        x = assertThrows(IndexOutOfBoundsException.class, () -> e.forward(new int[] {-1}));
        assertTrue(x.getMessage().contains("id -1"), x.getMessage());
        IllegalArgumentException y = assertThrows(IllegalArgumentException.class,
                () -> e.forward(Tensor.of(0.5, 1)));
        assertTrue(y.getMessage().contains("integers") && y.getMessage().contains("0.5"), y.getMessage());
        y = assertThrows(IllegalArgumentException.class, () -> new Embedding(5, 3, 5, 1));
        assertTrue(y.getMessage().contains("padding_idx = 5") && y.getMessage().contains("-5..4"), y.getMessage());
    }
}
