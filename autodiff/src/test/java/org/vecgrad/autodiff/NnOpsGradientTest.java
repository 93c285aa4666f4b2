package org.vecgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vecgrad.autodiff.OpGradientTest.Instance;
import org.vecgrad.autodiff.OpGradientTest.OpCase;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.nn.Padding;

/**
 * Every operation of {@link NnOps} on random shapes, strides, paddings, dilations and groups, in F64: gradcheck,
 * gradgradcheck (for all of them: the second derivative of max pooling and dropout is zero, and checked as such),
 * and forward mode against reverse mode (⟨J·u, w⟩ = ⟨u, Jᵀ·w⟩).
 */
class NnOpsGradientTest {

    static NdArray u(SplittableRandom r, int... shape) {
        return Gen.uniform(r, -1, 1, shape);
    }

    static int[] pair(SplittableRandom r, int lo, int hi) {
        return new int[] {r.nextInt(lo, hi), r.nextInt(lo, hi)};
    }

    static List<OpCase> ops() {
        List<OpCase> ops = new ArrayList<>();
        ops.add(new OpCase("conv2d", r -> {
            int groups = r.nextInt(1, 3);
            int cg = r.nextInt(1, 3);
            int og = r.nextInt(1, 3);
            int[] k = pair(r, 1, 4);
            int[] s = pair(r, 1, 3);
            int[] d = pair(r, 1, 3);
            Padding p = s[0] == 1 && s[1] == 1 && r.nextInt(3) == 0 ? Padding.SAME
                    : Padding.sides(r.nextInt(3), r.nextInt(3), r.nextInt(3), r.nextInt(3));
            int h = r.nextInt(d[0] * (k[0] - 1) + 1, 6);
            int w = r.nextInt(d[1] * (k[1] - 1) + 1, 6);
            NdArray x = u(r, r.nextInt(1, 3), groups * cg, h, w);
            NdArray wt = u(r, groups * og, cg, k[0], k[1]);
            if (r.nextBoolean()) {
                return new Instance(new NdArray[] {x, wt, u(r, groups * og)},
                        xs -> NnOps.conv2d(xs[0], xs[1], xs[2], s, p, d, groups));
            }
            return new Instance(new NdArray[] {x, wt}, xs -> NnOps.conv2d(xs[0], xs[1], null, s, p, d, groups));
        }));
        ops.add(new OpCase("conv2d direct", r -> {
            // the engine's direct kernels: one group, stride 1, padding within the reach, not 1x1 unpadded
            int[] k = {r.nextInt(1, 4), r.nextInt(2, 4)};
            int[] d = pair(r, 1, 3);
            int reachH = d[0] * (k[0] - 1);
            int reachW = d[1] * (k[1] - 1);
            int[] pad = {r.nextInt(reachH + 1), r.nextInt(reachH + 1), r.nextInt(reachW + 1), r.nextInt(reachW + 1)};
            Padding p = Padding.sides(pad[0], pad[1], pad[2], pad[3]);
            // inputs down to 1 pixel (smaller than the kernel when the padding makes up the difference)
            int h = r.nextInt(Math.max(1, reachH + 1 - pad[0] - pad[1]), reachH + 7);
            int w = r.nextInt(Math.max(1, reachW + 1 - pad[2] - pad[3]), reachW + 9);
            NdArray x = u(r, r.nextInt(4) == 0 ? 0 : r.nextInt(1, 3), r.nextInt(1, 4), h, w);
            NdArray wt = u(r, r.nextInt(1, 7), x.shape(1), k[0], k[1]);
            return new Instance(new NdArray[] {x, wt, u(r, wt.shape(0))},
                    xs -> NnOps.conv2d(xs[0], xs[1], xs[2], new int[] {1, 1}, p, d, 1));
        }));
        ops.add(new OpCase("conv2d direct, channels in lanes", r -> {
            // 4 to 16 output channels: one or two F64 vectors of 4 or 8 lanes, the engine's convLanes/convLanesDot
            int[] k = {r.nextInt(1, 4), r.nextInt(2, 4)};
            Padding p = Padding.sides(r.nextInt(k[0]), r.nextInt(k[0]), r.nextInt(k[1]), r.nextInt(k[1]));
            NdArray x = u(r, r.nextInt(1, 3), r.nextInt(1, 3), r.nextInt(k[0], k[0] + 3), r.nextInt(k[1], k[1] + 4));
            NdArray wt = u(r, r.nextInt(4, 17), x.shape(1), k[0], k[1]);
            return new Instance(new NdArray[] {x, wt, u(r, wt.shape(0))},
                    xs -> NnOps.conv2d(xs[0], xs[1], xs[2], new int[] {1, 1}, p, new int[] {1, 1}, 1));
        }));
        ops.add(new OpCase("conv2d 1x1", r -> {
            NdArray x = u(r, 2, 4, r.nextInt(1, 5), r.nextInt(1, 5));
            NdArray wt = u(r, 6, 2, 1, 1);
            return new Instance(new NdArray[] {x, wt, u(r, 6)},
                    xs -> NnOps.conv2d(xs[0], xs[1], xs[2], new int[] {1, 1}, Padding.VALID, new int[] {1, 1}, 2));
        }));
        ops.add(new OpCase("conv1d", r -> {
            int groups = r.nextInt(1, 3);
            int k = r.nextInt(1, 4);
            int s = r.nextInt(1, 3);
            int d = r.nextInt(1, 3);
            Padding p = s == 1 && r.nextBoolean() ? Padding.SAME : Padding.of1d(r.nextInt(3), r.nextInt(3));
            NdArray x = u(r, r.nextInt(1, 3), groups * r.nextInt(1, 3), r.nextInt(d * (k - 1) + 1, 9));
            NdArray wt = u(r, groups * r.nextInt(1, 3), x.shape(1) / groups, k);
            return new Instance(new NdArray[] {x, wt, u(r, wt.shape(0))},
                    xs -> NnOps.conv1d(xs[0], xs[1], xs[2], s, p, d, groups));
        }));
        ops.add(new OpCase("conv_transpose2d", r -> {
            int groups = r.nextInt(1, 3);
            int[] k = pair(r, 1, 4);
            int[] s = pair(r, 1, 3);
            int[] d = pair(r, 1, 3);
            int[] op = {r.nextInt(Math.max(s[0], d[0])), r.nextInt(Math.max(s[1], d[1]))};
            NdArray x = u(r, r.nextInt(1, 3), groups * r.nextInt(1, 3), r.nextInt(2, 5), r.nextInt(2, 5));
            int[] pad = new int[2];
            for (int a = 0; a < 2; a++) {                // padding may remove at most what the transpose produces
                int full = (x.shape(2 + a) - 1) * s[a] + d[a] * (k[a] - 1) + op[a] + 1;
                pad[a] = Math.min(r.nextInt(0, 2), (full - 1) / 2);
            }
            NdArray wt = u(r, x.shape(1), r.nextInt(1, 3), k[0], k[1]);
            NdArray b = u(r, wt.shape(1) * groups);
            return new Instance(new NdArray[] {x, wt, b},
                    xs -> NnOps.convTranspose2d(xs[0], xs[1], xs[2], s, pad, op, groups, d));
        }));
        ops.add(new OpCase("max_pool2d", r -> {
            int[] k = pair(r, 1, 4);
            int[] s = pair(r, 1, 3);
            int[] d = pair(r, 1, 3);
            int[] p = {r.nextInt(k[0] / 2 + 1), r.nextInt(k[1] / 2 + 1)};
            boolean ceil = r.nextBoolean();
            NdArray x = Gen.distinct(r, r.nextInt(1, 3), 2, r.nextInt(d[0] * (k[0] - 1) + 1, 7),
                    r.nextInt(d[1] * (k[1] - 1) + 1, 7));
            return new Instance(new NdArray[] {x}, xs -> NnOps.maxPool2d(xs[0], k, s, p, d, ceil));
        }));
        ops.add(new OpCase("max_pool1d", r -> {
            int k = r.nextInt(1, 4);
            int s = r.nextInt(1, 3);
            int d = r.nextInt(1, 3);
            int p = r.nextInt(k / 2 + 1);
            NdArray x = Gen.distinct(r, 2, 3, r.nextInt(d * (k - 1) + 1, 9));
            boolean ceil = r.nextBoolean();
            return new Instance(new NdArray[] {x}, xs -> NnOps.maxPool1d(xs[0], k, s, p, d, ceil));
        }));
        ops.add(new OpCase("avg_pool2d", r -> {
            int[] k = pair(r, 1, 4);
            int[] s = pair(r, 1, 3);
            int[] p = {r.nextInt(k[0] / 2 + 1), r.nextInt(k[1] / 2 + 1)};
            boolean ceil = r.nextBoolean();
            boolean countPad = r.nextBoolean();
            NdArray x = u(r, r.nextInt(1, 3), 2, r.nextInt(k[0], 7), r.nextInt(k[1], 7));
            return new Instance(new NdArray[] {x}, xs -> NnOps.avgPool2d(xs[0], k, s, p, ceil, countPad));
        }));
        ops.add(new OpCase("adaptive_avg_pool2d", r -> {
            NdArray x = u(r, r.nextInt(1, 3), 2, r.nextInt(1, 7), r.nextInt(1, 7));
            int oh = r.nextInt(1, 5);
            int ow = r.nextInt(1, 5);
            return new Instance(new NdArray[] {x}, xs -> NnOps.adaptiveAvgPool2d(xs[0], oh, ow));
        }));
        ops.add(new OpCase("batch_norm train", r -> {
            int[] shape = randomNc(r);
            int c = shape[1];
            NdArray x = Gen.distinct(r, shape);                   // spread values: no near-zero variance
            if (r.nextBoolean()) {
                return new Instance(new NdArray[] {x}, xs -> NnOps.batchNorm(xs[0], null, null, null, null, true,
                        0.1, 1e-5));
            }
            return new Instance(new NdArray[] {x, Gen.uniform(r, 0.5, 1.5, c), u(r, c)},
                    xs -> NnOps.batchNorm(xs[0], null, null, xs[1], xs[2], true, 0.1, 1e-5));
        }));
        ops.add(new OpCase("batch_norm eval", r -> {
            int[] shape = randomNc(r);
            int c = shape[1];
            NdArray rm = u(r, c);
            NdArray rv = Gen.uniform(r, 0.5, 2, c);
            return new Instance(new NdArray[] {u(r, shape), Gen.uniform(r, 0.5, 1.5, c), u(r, c)},
                    xs -> NnOps.batchNorm(xs[0], rm.to(xs[0].dtype()), rv.to(xs[0].dtype()), xs[1], xs[2], false,
                            0.1, 1e-5));
        }));
        ops.add(new OpCase("layer_norm", r -> {
            int[] shape = Gen.shape(r, 2, 4, 4);
            shape[shape.length - 1] = Math.max(2, shape[shape.length - 1]);
            int dims = r.nextInt(1, shape.length);
            int[] ns = java.util.Arrays.copyOfRange(shape, shape.length - dims, shape.length);
            if (r.nextBoolean()) {
                return new Instance(new NdArray[] {Gen.distinct(r, shape)},
                        xs -> NnOps.layerNorm(xs[0], ns, null, null, 1e-5));
            }
            return new Instance(new NdArray[] {Gen.distinct(r, shape), Gen.uniform(r, 0.5, 1.5, ns), u(r, ns)},
                    xs -> NnOps.layerNorm(xs[0], ns, xs[1], xs[2], 1e-5));
        }));
        ops.add(new OpCase("group_norm", r -> {
            int groups = r.nextInt(1, 3);
            int c = groups * r.nextInt(1, 3);
            int[] shape = r.nextBoolean() ? new int[] {r.nextInt(1, 3), c, r.nextInt(1, 4), r.nextInt(2, 4)}
                    : new int[] {r.nextInt(1, 3), c, r.nextInt(2, 5)};
            if (c / groups == 1 && shape.length == 3 && shape[2] == 1) {
                shape[2] = 2;
            }
            return new Instance(new NdArray[] {Gen.distinct(r, shape), Gen.uniform(r, 0.5, 1.5, c), u(r, c)},
                    xs -> NnOps.groupNorm(xs[0], groups, xs[1], xs[2], 1e-5));
        }));
        ops.add(new OpCase("dropout2d", r -> {
            long seed = r.nextLong();
            return new Instance(new NdArray[] {u(r, 2, 3, 2, 2)},
                    xs -> NnOps.dropout2d(xs[0], 0.4, true, new SplittableRandom(seed)));
        }));
        ops.add(new OpCase("flatten+cat", r -> new Instance(new NdArray[] {u(r, 2, 3, 2), u(r, 2, 1, 2)},
                xs -> NnOps.flatten(NnOps.cat(1, xs[0], xs[1]), 1, -1))));
        return ops;
    }

    /** [N, C], [N, C, L] or [N, C, H, W] with at least 2 values per channel. */
    private static int[] randomNc(SplittableRandom r) {
        int rank = r.nextInt(2, 5);
        int[] s = new int[rank];
        s[0] = r.nextInt(1, 4);
        s[1] = r.nextInt(1, 4);
        for (int i = 2; i < rank; i++) {
            s[i] = r.nextInt(1, 4);
        }
        if (rank == 2 || s[0] == 1) {
            s[0] = Math.max(s[0], 2);
        }
        return s;
    }

    static Tensor[] leaves(NdArray[] xs) {
        Tensor[] t = new Tensor[xs.length];
        for (int i = 0; i < xs.length; i++) {
            t[i] = Tensor.of(xs[i].copy(), true);
        }
        return t;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void gradcheck(OpCase op) {
        qt().withExamples(40).forAll(longs().all()).checkAssert(seed -> {
            Instance in = op.make().apply(new SplittableRandom(seed));
            GradCheck.check(in.f(), leaves(in.inputs())).assertPassed();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void gradgradcheck(OpCase op) {
        qt().withExamples(12).forAll(longs().all()).checkAssert(seed -> {
            Instance in = op.make().apply(new SplittableRandom(seed));
            GradCheck.gradgradcheck(in.f(), leaves(in.inputs())).assertPassed();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void forwardModeEqualsReverseMode(OpCase op) {
        qt().withExamples(20).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            Instance in = op.make().apply(r);
            NdArray[] x = in.inputs();
            NdArray[] t = ForwardModeTest.tangents(r, x, r.nextBoolean());
            NdArray ju = ForwardModeTest.forward(in.f(), x, t);
            NdArray w = Gen.uniform(r, -1, 1, ju.shape());
            double lhs = ju.mul(w).sum();
            double rhs = ForwardModeTest.reverse(in.f(), x, t, w);
            assertEquals(rhs, lhs, 1e-9 * (1 + Math.abs(rhs)), op.name() + ": wᵀJu forward vs reverse");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void recordedBackwardEqualsPlainBackward(OpCase op) {
        // the rules take two routes: engine kernels in a plain pass, tensor formulas when the pass records a graph
        qt().withExamples(12).forAll(longs().all()).checkAssert(seed -> {
            Instance in = op.make().apply(new SplittableRandom(seed));
            NdArray w = null;
            Tensor[][] grads = new Tensor[2][];
            for (int route = 0; route < 2; route++) {
                Tensor[] xs = leaves(in.inputs());
                Tensor y = in.f().apply(xs);
                if (w == null) {
                    w = Gen.uniform(new SplittableRandom(seed), -1, 1, y.shape());
                }
                grads[route] = Autograd.grad(new Tensor[] {y}, xs, new Tensor[] {Tensor.of(w)}, route == 1,
                        route == 1);
            }
            for (int i = 0; i < grads[0].length; i++) {
                ForwardModeTest.assertClose(grads[0][i].data(), grads[1][i].data(), 1e-12, 1e-10,
                        op.name() + " input " + i);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void f32FollowsF64(OpCase op) {
        qt().withExamples(10).forAll(longs().all()).checkAssert(seed -> {
            Instance in = op.make().apply(new SplittableRandom(seed));
            Tensor[] x64 = leaves(in.inputs());
            Tensor[] x32 = new Tensor[x64.length];
            for (int i = 0; i < x64.length; i++) {
                x32[i] = Tensor.of(in.inputs()[i].to(DType.F32), true);
            }
            Tensor y64 = in.f().apply(x64);
            Tensor y32 = in.f().apply(x32);
            assertEquals(DType.F32, y32.dtype());
            NdArray w = Gen.uniform(new SplittableRandom(seed), -1, 1, y64.shape());
            y64.backward(Tensor.of(w));
            y32.backward(Tensor.of(w.to(DType.F32)));
            ForwardModeTest.assertClose(y64.data(), y32.data().to(DType.F64), 1e-4, 1e-4, op.name() + " value");
            for (int i = 0; i < x64.length; i++) {
                ForwardModeTest.assertClose(x64[i].grad().data(), x32[i].grad().data().to(DType.F64), 1e-3, 1e-3,
                        op.name() + " grad " + i);
            }
        });
    }
}
