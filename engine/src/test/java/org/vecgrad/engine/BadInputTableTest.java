package org.vecgrad.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad input at every public entry point of the engine, as a table: each row is a call, the exception type it must
 * throw, the substrings its message must contain (the argument, the bad value, what was expected), and the
 * objects involved, which must compare equal (bitwise) before and after the failed call.
 */
class BadInputTableTest {

    record Row(String name, Class<? extends Throwable> type, Executable call, Supplier<?> state, String[] needles) {
    }

    private final List<Row> rows = new ArrayList<>();

    private void row(String name, Class<? extends Throwable> type, Executable call, Supplier<?> state,
                     String... needles) {
        rows.add(new Row(name, type, call, state, needles));
    }

    private void row(String name, Class<? extends Throwable> type, Executable call, String... needles) {
        row(name, type, call, () -> null, needles);
    }

    static Stream<DynamicTest> run(List<Row> rows) {
        return rows.stream().map(r -> DynamicTest.dynamicTest(r.name(), () -> {
            Object before = r.state().get();
            Throwable t = assertThrows(r.type(), r.call(), r.name());
            String msg = String.valueOf(t.getMessage());
            for (String n : r.needles()) {
                assertTrue(msg.contains(n), r.name() + ": message lacks \"" + n + "\": " + msg);
            }
            assertEquals(before, r.state().get(), r.name() + ": the failed call changed its arguments");
        }));
    }

    static NdArray a23() {
        return NdArray.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    }

    @TestFactory
    Stream<DynamicTest> ndArrayAndBlasRejectBadInputWithClearMessagesAndChangeNothing() {
        Class<IllegalArgumentException> iae = IllegalArgumentException.class;
        Class<NullPointerException> npe = NullPointerException.class;
        NdArray a = a23();
        NdArray d = NdArray.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Supplier<?> aState = () -> List.of(a.copy(), d.copy());
        // factories
        row("zeros negative size", iae, () -> NdArray.zeros(DType.F32, 2, -3), "-3", "[2, -3]");
        row("zeros int overflow", iae, () -> NdArray.zeros(DType.F32, 65536, 65536), "65536", "[65536, 65536]");
        row("zeros null dtype", npe, () -> NdArray.zeros(null, 2), "dtype");
        row("zeros null shape", npe, () -> NdArray.zeros(DType.F32, (int[]) null), "shape");
        row("of length vs shape", iae, () -> NdArray.of(new float[6], 4, 2), "6", "[4, 2]");
        row("of null data", npe, () -> NdArray.of((double[]) null), "data");
        row("of ragged rows", iae, () -> NdArray.of(new double[][] {{1, 2}, {3}}), "row 1", "1", "2");
        row("wrap offset past end", iae, () -> NdArray.wrap(new float[4], 3, 2), "offset", "3", "4");
        row("wrap negative offset", iae, () -> NdArray.wrap(new double[4], -1, 2), "offset", "-1");
        row("arange step 0", iae, () -> NdArray.arange(DType.F64, 0, 5, 0), "step=0.0", "non-zero");
        row("uniform lo > hi", iae, () -> NdArray.uniform(DType.F32, new SplittableRandom(1), 2, 1, 3),
                "2.0", "1.0");
        row("normal negative std", iae, () -> NdArray.normal(DType.F32, new SplittableRandom(1), 0, -1, 3),
                "std", "-1.0");
        // shape and views
        row("reshape size mismatch", iae, () -> a.reshape(4, 2), aState, "[2, 3]", "[4, 2]");
        row("reshape two -1", iae, () -> a.reshape(-1, -1), aState, "-1");
        row("reshape negative", iae, () -> a.reshape(-2, -3), aState, "-2");
        row("reshape int overflow", iae, () -> NdArray.zeros(DType.F32, 0).reshape(65536, 65536, 0, -1),
                "65536");
        row("row out of range", IndexOutOfBoundsException.class, () -> a.row(2), aState, "row(2)", "[2, 3]",
                "0 <= i < 2");
        row("rows reversed", IndexOutOfBoundsException.class, () -> a.rows(2, 1), aState, "rows(2, 1)", "[2, 3]",
                "from <= to");
        row("get bad index", IndexOutOfBoundsException.class, () -> a.get(0, 3), aState, "3", "[2, 3]");
        row("get wrong rank", iae, () -> a.get(0), aState, "1", "[2, 3]");
        row("set bad index leaves array", IndexOutOfBoundsException.class, () -> a.set(9, 2, 0), aState, "2",
                "[2, 3]");
        row("getFlat out of range", IndexOutOfBoundsException.class, () -> a.getFlat(6), aState, "6");
        row("item of non-scalar", IllegalStateException.class, () -> a.item(), aState, "item()", "[2, 3]",
                "exactly one element");
        row("permute repeated axis", iae, () -> a.permute(0, 0), aState, "[0, 0]");
        row("permute wrong rank", iae, () -> a.permute(0), aState, "[0]", "2");
        row("concat shape mismatch", iae, () -> NdArray.concat(0, a, NdArray.zeros(DType.F32, 2, 2)), aState,
                "[2, 3]", "[2, 2]");
        row("concat axis out of range", iae, () -> NdArray.concat(2, a, a), aState, "axis", "2");
        row("concat dtype mix", iae, () -> NdArray.concat(0, a, d), aState, "F32", "F64");
        // elementwise, broadcasting, in place
        row("add broadcast mismatch", iae, () -> a.add(NdArray.zeros(DType.F32, 4)), aState, "[2, 3]", "[4]");
        row("add dtype mix", iae, () -> a.add(d), aState, "F32", "F64");
        row("add null", npe, () -> a.add(null), aState, "b");
        row("addInPlace result not target shape", iae, () -> NdArray.zeros(DType.F32, 3).addInPlace(a), aState,
                "[3]", "[2, 3]");
        row("copyFrom shape mismatch", iae, () -> a.copyFrom(NdArray.zeros(DType.F32, 3, 2)), aState, "[2, 3]",
                "[3, 2]");
        NdArray out = NdArray.zeros(DType.F32, 3, 2);
        row("binary into wrong out", iae, () -> a.binary(BinaryOp.ADD, a, out),
                () -> List.of(a.copy(), out.copy()), "out", "[3, 2]", "[2, 3]");
        row("apply into wrong-dtype out", iae, () -> a.apply(UnaryOp.EXP, 0, 0, NdArray.zeros(DType.F64, 2, 3)),
                aState, "F64", "F32");
        row("apply null op", npe, () -> a.apply(null), aState, "op");
        row("clamp lo > hi", iae, () -> a.clamp(2, 1), aState, "2.0", "1.0");
        // reductions, softmax
        row("sum bad axis", iae, () -> a.sum(2, false), aState, "axis 2", "rank 2");
        row("mean negative axis out of range", iae, () -> a.mean(-3, true), aState, "axis -3", "rank 2");
        row("softmax bad axis", iae, () -> a.softmax(5), aState, "axis 5");
        row("argmax bad axis", iae, () -> a.argmax(-3), aState, "axis -3");
        row("max of empty", iae, () -> NdArray.zeros(DType.F32, 0).max(), "empty");
        row("argmax of empty axis", iae, () -> NdArray.zeros(DType.F32, 2, 0).argmax(1), "empty");
        // matmul and BLAS
        row("matmul inner mismatch", iae, () -> a.matmul(a), aState, "[2, 3]", "3", "2");
        row("matmul dtype mix", iae, () -> a.matmul(d.transpose()), aState, "F32", "F64");
        row("matmul rank 0", iae, () -> a.matmul(NdArray.scalar(DType.F32, 1)), aState, "2-D or 3-D", "b []");
        NdArray c22 = NdArray.zeros(DType.F32, 2, 2);
        Supplier<?> gState = () -> List.of(a.copy(), d.copy(), c22.copy());
        row("gemm inner mismatch", iae, () -> MatMul.gemm(false, false, 1, a, a, 0, c22), gState, "gemm",
                "[2, 3]", "inner");
        row("gemm c shape", iae, () -> MatMul.gemm(false, true, 1, a, a, 0, NdArray.zeros(DType.F32, 3, 2)),
                gState, "c must be 2 × 2", "[3, 2]");
        row("gemm dtype mix", iae, () -> MatMul.gemm(false, true, 1, a, a, 0, NdArray.zeros(DType.F64, 2, 2)),
                gState, "F32", "F64", "c is");
        row("gemm batch mismatch", iae, () -> MatMul.gemm(false, false, 1, NdArray.zeros(DType.F32, 2, 2, 3),
                NdArray.zeros(DType.F32, 3, 3, 2), 0, NdArray.zeros(DType.F32, 2, 2, 2)), "batch sizes 2, 3",
                "[2, 2, 3]", "[3, 3, 2]");
        row("gemm c overlaps a", iae, () -> MatMul.gemm(false, true, 1, a, a, 0,
                a.reshape(6).rows(0, 4).reshape(2, 2)), gState, "shares storage with a");
        row("gemm rank 1 c", iae, () -> MatMul.gemm(false, true, 1, a, a, 0, NdArray.zeros(DType.F32, 4)),
                gState, "2-D or 3-D", "[4]");
        float[] c = {1, 2, 3, 4};
        Supplier<?> cState = () -> java.util.Arrays.toString(c);
        row("sgemm negative m", iae, () -> Blas.sgemm(false, false, -1, 2, 2, 1, new float[4], 0, 2,
                new float[4], 0, 2, 0, c, 0, 2), cState, "m = -1");
        row("sgemm lda too small", iae, () -> Blas.sgemm(false, false, 2, 2, 3, 1, new float[6], 0, 2,
                new float[6], 0, 2, 0, c, 0, 2), cState, "lda = 2", "3");
        row("sgemm A too short", iae, () -> Blas.sgemm(false, false, 2, 2, 2, 1, new float[3], 0, 2,
                new float[4], 0, 2, 0, c, 0, 2), cState, "A", "3", "4");
        row("dgemm null C", iae, () -> Blas.dgemm(false, false, 2, 2, 2, 1, new double[4], 0, 2,
                new double[4], 0, 2, 0, null, 0, 2), "array c is null");
        row("dgemm negative offset", iae, () -> Blas.dgemm(false, false, 2, 2, 2, 1, new double[4], -1, 2,
                new double[4], 0, 2, 0, new double[4], 0, 2), "-1");
        row("setNumThreads 0", iae, () -> Blas.setNumThreads(0), "numThreads = 0");
        return run(rows);
    }
}
