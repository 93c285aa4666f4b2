package org.vecgrad.examples;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecgrad.autodiff.GradCheck;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.nn.ModelGraph;

/** Every example, run headless at small sizes; its numeric claims asserted on the returned result. */
class ExamplesTest {

    @TempDir
    Path dir;

    private Options quick() {
        return Options.quiet(dir);
    }

    /** The file exists and decodes as an image of a sensible size. */
    static void assertPng(Path file) throws IOException {
        assertNotNull(file, "no picture");
        assertTrue(Files.isRegularFile(file), file + " missing");
        BufferedImage img = ImageIO.read(file.toFile());
        assertNotNull(img, file + " does not decode");
        assertTrue(img.getWidth() >= 300 && img.getHeight() >= 200, file + ": " + img.getWidth() + "x"
                + img.getHeight());
    }

    @Test
    void activations() throws IOException {
        Activations.Result r = Activations.run(quick());
        Activations.Row sig = r.row("sigmoid");
        Activations.Row tanh = r.row("tanh");
        Activations.Row relu = r.row("relu");
        assertAll(
                // σ' peaks at σ(0)(1 − σ(0)) = 1/4, tanh' at 1 − tanh²(0) = 1, both at the grid point x = 0
                () -> assertEquals(0.25, sig.dMax(), 1e-12),
                () -> assertEquals(1.0, tanh.dMax(), 1e-12),
                () -> assertTrue(sig.flatLeft() && sig.flatRight(), "sigmoid saturates on both sides"),
                () -> assertTrue(tanh.flatLeft() && tanh.flatRight(), "tanh saturates on both sides"),
                () -> assertTrue(relu.flatLeft() && !relu.flatRight(), "relu: flat left only"),
                () -> assertEquals(0.0, relu.fMin()),
                () -> assertFalse(r.row("leaky_relu").flatLeft() || r.row("leaky_relu").flatRight()),
                () -> assertEquals(1.0, r.row("step").flatShare()),
                () -> assertTrue(sig.fMin() > 0 && sig.fMax() < 1, "sigmoid stays inside (0, 1)"));
        for (Activations.Row row : r.rows()) {
            assertTrue(row.kernelDiff() < 1e-12, row.name() + ": autodiff and the derivative kernel differ by "
                    + row.kernelDiff());
        }
        assertEquals(Activations.all().size(), r.rows().size());
        assertPng(r.picture());
        assertEquals(0.0, r.row("step").f0(), "step(0) = 0: the convention the javadoc states");
        assertEquals(0.0, r.row("relu").f0());

        Activations.Families f = r.families();
        // the tanh form is far closer to exact GELU than the sigmoid form: ~5e-4 against ~2e-2
        assertTrue(f.geluTanhMaxDiff() > 1e-4 && f.geluTanhMaxDiff() < 1e-3, "tanh: " + f.geluTanhMaxDiff());
        assertTrue(f.geluSigmoidMaxDiff() > 0.015 && f.geluSigmoidMaxDiff() < 0.021, "sigmoid: "
                + f.geluSigmoidMaxDiff());
        assertTrue(f.geluNormalMaxDiff() < 1e-15, "general form at mu 0, sigma 1: " + f.geluNormalMaxDiff());
        // beta = 10 is nearly ReLU; beta = 0.1 is nearly the line x/2 near 0, far from ReLU there
        assertTrue(f.swishSteepVsRelu() < 0.03, "swish(10) vs relu: " + f.swishSteepVsRelu());
        assertTrue(f.swishFlatVsLinear() < 0.03 && f.swishFlatVsRelu() > 0.4, f.toString());
        assertPng(f.picture());
    }

    @Test
    void softmax() throws IOException {
        Softmax.Result r = Softmax.run(quick());
        int argmaxLogit = 0;
        for (int i = 1; i < Softmax.LOGITS.length; i++) {
            if (Softmax.LOGITS[i] > Softmax.LOGITS[argmaxLogit]) {
                argmaxLogit = i;
            }
        }
        assertEquals(1.0, r.sum(), 1e-6);
        assertEquals(1.0, Arrays.stream(r.probs()).sum(), 1e-6);
        assertEquals(argmaxLogit, r.predicted(), "softmax is monotone: the largest logit wins");
        assertEquals(r.largeLogits().length, r.naiveNaNs(), "every naive exp(z + 100) overflows F32 to Inf");
        assertEquals(1.0, r.stableSum(), 1e-6);
        for (int i = 0; i < r.probs().length; i++) {
            assertTrue(Double.isFinite(r.stable()[i]));
            // softmax(z + c) = softmax(z): only the F32 rounding of z + 100 differs
            assertEquals(r.probs()[i], r.stable()[i], 1e-5, "class " + i);
        }
        assertPng(r.picture());
    }

    @Test
    void gradcheck() throws IOException {
        GradCheckExample.Result r = GradCheckExample.run(quick());
        assertTrue(r.network().passed(), r.network().toString());
        assertFalse(r.wrongRule().passed(), "the wrong rule 3x for d(x^3)/dx must be caught");
        assertTrue(r.fixedRule().passed(), r.fixedRule().toString());
        assertTrue(r.forwardVsReverse() < 1e-12, "forward vs reverse mode: " + r.forwardVsReverse());
        assertTrue(r.bestEpsF64() >= 1e-7 && r.bestEpsF64() <= 1e-4, "F64 minimum at eps = " + r.bestEpsF64());
        assertTrue(r.bestEpsF32() > r.bestEpsF64(), "F32 needs a larger step: " + r.bestEpsF32());
        double min64 = Arrays.stream(r.errF64()).min().orElseThrow();
        double min32 = Arrays.stream(r.errF32()).min().orElseThrow();
        assertTrue(min32 > 100 * min64, "F32 is far less accurate: " + min32 + " vs " + min64);
        // the V: both ends of the F64 sweep are much worse than its minimum
        assertTrue(r.errF64()[0] > 1e3 * min64 && r.errF64()[r.eps().length - 1] > 1e3 * min64);
        assertEquals(1e-1, r.eps()[0], 1e-15);
        assertEquals(1e-12, r.eps()[r.eps().length - 1], 1e-24);
        assertPng(r.picture());
    }

    @Test
    void wrongRuleIsCaughtForEveryInputSeed() {
        // not luck of one random cotangent: the check catches the rule for other seeds too
        for (long seed = 1; seed <= 5; seed++) {
            Tensor v = Tensor.of(1.5, -0.5, 2.0).requiresGrad(true);
            GradCheck.Report rep = GradCheck.options().seed(seed).run(in -> GradCheckExample.cube(in[0], false), v);
            assertFalse(rep.passed(), "seed " + seed);
        }
    }

    @Test
    void graph() throws IOException {
        GraphExample.Result r = GraphExample.run(quick());
        double[] x = {2, -1};
        double[] w = {0.5, 1.5};
        double b = 0.25;
        double t = 0.8;
        double y = Math.tanh(w[0] * x[0] + w[1] * x[1] + b);
        double dz = 2 * (y - t) * (1 - y * y);
        assertEquals((y - t) * (y - t), r.loss(), 1e-12);
        assertArrayEquals(new double[] {dz * x[0], dz * x[1]}, r.gradW(), 1e-12);
        assertEquals(dz, r.gradB(), 1e-12);
        assertTrue(r.dotSource().startsWith("digraph"));
        assertTrue(r.dotSource().contains("grad"), "values and gradients are in the labels");
        assertTrue(r.dotSource().contains("tanh"), r.dotSource());
        assertTrue(Files.readString(r.dot()).equals(r.dotSource()));
        if (GraphExample.findOnPath("dot") == null) {
            assertNull(r.png());
        } else {
            assertPng(r.png());
        }
        assertPng(r.sketch());
    }

    @Test
    void plotModel() throws IOException {
        PlotModel.Result r = PlotModel.run(quick().with("renderer", "java"));
        assertEquals(4, r.drawings().size());
        for (PlotModel.Drawing d : r.drawings()) {
            assertFalse(d.byGraphviz(), "--renderer=java");
            assertEquals(d.graph().toDot(true), Files.readString(d.dot()));
            assertPng(d.png());
            // every box is in the picture's layout, one row further down per layer
            Map<String, Integer> rows = DotPicture.rows(Files.readString(d.dot()));
            assertEquals(d.graph().nodes().size(), rows.size(), d.name());
            for (var e : d.graph().edges()) {
                assertTrue(rows.get(e.to()) > rows.get(e.from()), d.name() + ": " + e);
            }
        }
        ModelGraph seq = r.drawing("sequential").graph();
        assertEquals(Circles.SIZES.length, seq.nodes().size(), "the input and one box per Dense");
        for (int i = 0; i < Circles.SIZES.length; i++) {
            assertEquals("(None, " + Circles.SIZES[i] + ")", seq.nodes().get(i).outputShape());
        }
        ModelGraph fun = r.drawing("functional").graph();
        assertEquals(List.of("wide_input", "hidden2"), fun.inputsOf("concat"), "the wide path skips the hidden layers");
        assertEquals(List.of("hidden2"), fun.inputsOf("aux_output"), "a second output branches off");
        ModelGraph inc = r.drawing("inception").graph();
        assertEquals(List.of("b1_1x1", "b2_3x3", "b3_5x5", "b4_proj"), inc.inputsOf("concat"), "four branches join");
        for (String branch : List.of("b1_1x1", "b2_reduce", "b3_reduce", "b4_pool")) {
            assertEquals(List.of("stem_pool"), inc.inputsOf(branch), branch + " starts at the stem");
        }
        assertEquals("(None, 28, 14, 14)", inc.node("concat").outputShape());
        ModelGraph sub = r.drawing("subclass").graph();
        assertEquals(List.of("input", "fc1", "relu", "fc2", "relu", "add", "head", "sigmoid"), sub.names());
        assertEquals(2, sub.inputsOf("add").size(), "the skip connection");
        assertEquals("(None, 1)", sub.node("sigmoid").outputShape());
    }

    @Test
    void dotPictureRowsPutResultsOrInputsOnTop() {
        // Tensor.toDot (rankdir=BT): the loss on top, each input one row below its lowest consumer
        Tensor w = Tensor.of(1.0, 2.0).requiresGrad(true);
        Tensor x = Tensor.of(3.0, 4.0);
        Tensor b = Tensor.scalar(0.5).requiresGrad(true);
        Tensor loss = w.mul(x).sum().add(b).tanh();
        Map<String, Integer> rows = DotPicture.rows(loss.toDot());
        assertEquals(List.of(0, 1, 2, 2, 3, 4, 4), List.copyOf(rows.values()), rows.toString());
    }

    @Test
    void initializers() throws IOException {
        Initializers.Result r = Initializers.run(quick());
        for (Initializers.Histogram h : r.histograms()) {
            assertEquals(h.expectedStd(), h.measuredStd(), 0.03 * h.expectedStd() + 1e-12, h.name());
        }
        Initializers.Config zeros = r.config("ReLU, zeros");
        assertEquals(1, zeros.distinctUnits(), "zeros: every unit identical");
        assertTrue(Arrays.stream(zeros.gradNorm()).allMatch(g -> g == 0), "zeros: no gradient at all");
        Initializers.Config he = r.config("ReLU, He");
        double last = he.actStd()[Initializers.LAYERS - 1];
        assertTrue(last > 0.5 * he.actStd()[0] && last < 2 * he.actStd()[0], "He keeps the scale: "
                + Arrays.toString(he.actStd()));
        assertTrue(he.gradRatio() > 0.3 && he.gradRatio() < 3, "He keeps the gradient: " + he.gradRatio());
        assertTrue(r.config("sigmoid, normal(0, 0.01)").gradRatio() < 1e-6, "small weights: gradients vanish");
        assertTrue(r.config("sigmoid, normal(0, 1)").gradRatio() > 1, "N(0,1) weights: gradients grow");
        Initializers.Config tanh = r.config("tanh, Xavier");
        assertTrue(tanh.gradRatio() > 0.3 && tanh.gradRatio() < 3, "Xavier keeps tanh's gradient");
        assertPng(r.histogramPicture());
        assertPng(r.depthPicture());
    }

    @Test
    void circles() throws IOException {
        Circles.Result r = Circles.run(quick());
        long expected = 0;
        for (int i = 0; i + 1 < Circles.SIZES.length; i++) {
            expected += (long) Circles.SIZES[i] * Circles.SIZES[i + 1] + Circles.SIZES[i + 1];
        }
        assertEquals(expected, r.parameters());
        assertTrue(r.testAccuracy() >= 0.9, "test accuracy " + r.testAccuracy());
        assertEquals(50, r.history().get("loss").size());
        assertTrue(r.history().get("loss").get(49) < r.history().get("loss").get(0), "the loss fell");
        assertPng(r.boundaryPicture());
        assertPng(r.curvesPicture());

        // the animation: one frame before training and one per epoch, each computed from the model at that time
        List<Circles.Snapshot> snaps = r.snapshots();
        assertEquals(51, snaps.size());
        for (int k = 0; k < snaps.size(); k++) {
            assertEquals(k, snaps.get(k).epoch());
            if (k > 0) {
                assertEquals(r.history().get("val_accuracy").get(k - 1), snaps.get(k).testAccuracy(), 0.0);
                assertEquals(r.history().get("loss").get(k - 1), snaps.get(k).trainLoss(), 0.0);
                assertFalse(Arrays.deepEquals(snaps.get(k - 1).prob(), snaps.get(k).prob()),
                        "the boundary moved between epochs " + (k - 1) + " and " + k);
            }
        }
        assertEquals(r.testAccuracy(), snaps.get(50).testAccuracy(), 0.0, "the last frame shows the trained model");
        assertTrue(snaps.get(0).testAccuracy() < r.testAccuracy(), "training helped: " + snaps.get(0).testAccuracy());
        GifReader.Animation gif = GifReader.read(r.animation());
        assertEquals(snaps.size(), gif.frames().size());
        assertEquals(Circles.GIF_WIDTH, gif.width());
        assertEquals(Circles.GIF_HEIGHT, gif.height());
        assertTrue(gif.loops(), "NETSCAPE2.0 loop extension");
        assertTrue(Arrays.stream(gif.delaysCs()).allMatch(d -> d > 0), Arrays.toString(gif.delaysCs()));
        for (int k = 1; k < gif.frames().size(); k++) {
            assertTrue(GifReader.differingPixels(gif.frames().get(k - 1), gif.frames().get(k)) > 0, "frame " + k);
        }
        // the boundary itself changed, not only the text: thousands of pixels between the first and last frame
        assertTrue(GifReader.differingPixels(gif.frames().get(0), gif.frames().get(50)) > 5000);
        assertTrue(Files.size(r.animation()) < 400_000, Files.size(r.animation()) + " bytes");
    }

    @Test
    void descent() throws IOException {
        Descent.Result r = Descent.run(quick());
        for (Descent.Surface s : List.of(Descent.BOWL, Descent.HIMMELBLAU)) {
            for (Descent.Method m : Descent.Method.values()) {
                String what = s.name() + " " + m;
                Descent.Run small = r.run(s.name(), m, 0);
                Descent.Run right = r.run(s.name(), m, 1);
                Descent.Run large = r.run(s.name(), m, 2);
                double f0 = s.at(s.start()[0], s.start()[1]);
                for (Descent.Run run : List.of(small, right, large)) {
                    assertArrayEquals(s.start(), run.path()[0], what);
                    assertEquals(f0, run.values()[0], 0.0, what);
                }
                assertTrue(small.lr() < right.lr() && right.lr() < large.lr(), what);
                // the right rate: f down to under 1 % of its start, never above it, and close to a minimum
                assertEquals(Descent.STEPS + 1, right.path().length, what);
                assertTrue(right.last() <= 0.01 * f0, what + ": f " + right.last());
                assertTrue(Arrays.stream(right.values()).max().orElseThrow() <= f0, what);
                double[] end = right.path()[Descent.STEPS];
                assertTrue(Arrays.stream(s.minima()).anyMatch(mn -> Math.hypot(mn[0] - end[0], mn[1] - end[1]) < 0.5),
                        what + " ends at " + Arrays.toString(end));
                assertEquals(Descent.Verdict.CONVERGED, right.verdict(), what);
                // too small: going down, but still far
                assertTrue(small.last() < f0 && small.last() > 0.01 * f0, what + ": f " + small.last());
                assertEquals(Descent.Verdict.TOO_SLOW, small.verdict(), what);
                // too large: blows up (stopped early or ends above its start) or climbs above its start on the way
                boolean blewUp = large.path().length < Descent.STEPS + 1 || large.last() > f0;
                boolean climbed = Arrays.stream(large.values()).max().orElseThrow() > f0;
                assertTrue(blewUp || climbed, what + ": " + Arrays.toString(large.values()));
                assertEquals(blewUp ? Descent.Verdict.DIVERGED : Descent.Verdict.OSCILLATES, large.verdict(), what);
            }
        }
        assertEquals(Descent.Verdict.DIVERGED, r.run("bowl", Descent.Method.SGD, 2).verdict(),
                "plain SGD on curvature 10 diverges for lr > 2/10");
        // the first SGD step is p − lr·∇f(p), with the bowl's gradient (x, 10y) written by hand
        Descent.Run sgd = r.run("bowl", Descent.Method.SGD, 1);
        double[] p0 = Descent.BOWL.start();
        assertArrayEquals(new double[] {p0[0] - sgd.lr() * p0[0], p0[1] - sgd.lr() * 10 * p0[1]}, sgd.path()[1],
                1e-15);
        assertEquals(2, r.animations().size());
        for (int i = 0; i < 2; i++) {
            GifReader.Animation gif = GifReader.read(r.animations().get(i));
            assertEquals(r.frames(), gif.frames().size());
            assertEquals(Descent.STEPS / 5 + 1, r.frames(), "quick: every 5th step");
            assertEquals(Descent.WIDTH, gif.width());
            assertEquals(Descent.HEIGHT, gif.height());
            assertTrue(gif.loops());
            for (int k = 1; k < gif.frames().size(); k++) {
                assertTrue(GifReader.differingPixels(gif.frames().get(k - 1), gif.frames().get(k)) > 100, "frame " + k);
            }
            // the last frame of the animation is the still picture, up to the GIF's 255 colours
            double diff = GifReader.meanAbsDiff(gif.frames().get(gif.frames().size() - 1),
                    ImageIO.read(r.pictures().get(i).toFile()));
            assertTrue(diff < 3, "mean |GIF - PNG| per channel " + diff);
        }
    }

    @Test
    void approximation() throws IOException {
        Approximation.Result r = Approximation.run(quick());
        assertEquals(Approximation.WIDTHS.length, r.fits().size());
        for (int i = 0; i < r.fits().size(); i++) {
            Approximation.Fit f = r.fits().get(i);
            assertEquals(Approximation.WIDTHS[i], f.width());
            // the printed error is the error of the drawn curve against the target
            double se = 0;
            for (int k = 0; k < f.x().length; k++) {
                se += Math.pow(f.y()[k] - Approximation.target(f.x()[k]), 2);
            }
            assertEquals(Math.sqrt(se / f.x().length), f.rmse(), 1e-12);
            if (i > 0) {
                assertTrue(f.rmse() < r.fits().get(i - 1).rmse(), "error falls with width: " + r.fits());
            }
        }
        assertTrue(r.fits().get(r.fits().size() - 1).rmse() < 0.05, "32 units fit: " + r.fits());
        assertTrue(r.fits().get(0).rmse() > 0.2, "2 units cannot: " + r.fits());
        assertPng(r.picture());
    }

    @Test
    void backprop() {
        Backprop.Result r = Backprop.run(quick());
        assertEquals(13, r.rows().size());
        for (Backprop.Row row : r.rows()) {
            assertEquals(row.hand().length, row.autodiff().length, row.name());
            assertTrue(row.maxDiff() <= 1e-12, row.name() + ": " + Arrays.toString(row.hand()) + " vs "
                    + Arrays.toString(row.autodiff()));
            assertTrue(Arrays.stream(row.hand()).allMatch(v -> v != 0 && Double.isFinite(v)), row.name());
        }
        assertTrue(r.maxDiff() <= 1e-12);
        assertEquals(6, r.row("dL/dW1").hand().length, "W1 is 3 x 2");
        // the hand formulas are the loss's derivatives: central differences on W1[i][j] and b2
        double h = 1e-6;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                double[][] up = deepCopy(Backprop.W1);
                double[][] down = deepCopy(Backprop.W1);
                up[i][j] += h;
                down[i][j] -= h;
                double numeric = (Backprop.loss(up, Backprop.B1, Backprop.W2, Backprop.B2)
                        - Backprop.loss(down, Backprop.B1, Backprop.W2, Backprop.B2)) / (2 * h);
                assertEquals(numeric, r.row("dL/dW1").hand()[i * 2 + j], 1e-9, "dL/dW1[" + i + "][" + j + "]");
            }
        }
        double numeric = (Backprop.loss(Backprop.W1, Backprop.B1, Backprop.W2, new double[] {Backprop.B2[0] + h})
                - Backprop.loss(Backprop.W1, Backprop.B1, Backprop.W2, new double[] {Backprop.B2[0] - h})) / (2 * h);
        assertEquals(numeric, r.row("dL/db2").hand()[0], 1e-9);
    }

    private static double[][] deepCopy(double[][] a) {
        return Arrays.stream(a).map(double[]::clone).toArray(double[][]::new);
    }

    @Test
    void digits() throws IOException {
        Digits.Result r = Digits.run(quick());
        assertTrue(r.testAccuracy() >= 0.9, "test accuracy " + r.testAccuracy());
        assertTrue(r.reloadedSame(), "the reloaded model predicts the same");
        int total = 0;
        int diagonal = 0;
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 10; j++) {
                total += r.confusion()[i][j];
                diagonal += i == j ? r.confusion()[i][j] : 0;
            }
        }
        assertEquals(360, total, "20 % of 1797 digits, rounded up");
        assertEquals(total - diagonal, r.misclassified());
        assertEquals(r.testAccuracy(), diagonal / (double) total, 1e-12);
        assertTrue(Files.size(r.model()) > 4 * (64 * 64 + 64 + 64 * 10 + 10), "weights are in the file");
        assertPng(r.confusionPicture());
        assertPng(r.misclassifiedPicture());
        assertPng(r.curvesPicture());
        assertEquals(r.testAccuracy(), r.history().get("val_accuracy").get(r.history().get("val_accuracy").size() - 1),
                1e-12, "the last epoch's test accuracy is the final model's");
    }

    /** A quick run on the digits fallback: {@code --data-dir} points at a folder without Fashion-MNIST. */
    private Options convQuick(ByteArrayOutputStream printed) {
        return quick().with("data-dir", dir.resolve("no-fashion-here").toString())
                .withOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    /** What both convolutional examples must show: the fallback note, training that lowers the loss, pictures. */
    private static void assertConvRun(String printed, ConvNets.Images data, ConvNets.Trained t, int epochs) {
        assertTrue(printed.contains("falling back to the 8x8 handwritten digits"), printed);
        assertFalse(data.fashion());
        assertEquals(8, data.side());
        assertArrayEquals(new int[] {1, 8, 8}, data.train().featureShape());
        assertEquals(epochs, t.epochSeconds().length);
        assertTrue(Arrays.stream(t.epochSeconds()).allMatch(s -> s > 0), Arrays.toString(t.epochSeconds()));
        assertTrue(printed.contains("time per epoch"), printed);
        assertTrue(t.lastLoss() < t.firstLoss(), "loss " + t.firstLoss() + " -> " + t.lastLoss());
        int total = 0;
        int diagonal = 0;
        for (int i = 0; i < t.confusion().length; i++) {
            for (int j = 0; j < t.confusion().length; j++) {
                total += t.confusion()[i][j];
                diagonal += i == j ? t.confusion()[i][j] : 0;
            }
        }
        assertEquals(data.test().size(), total);
        assertEquals(t.testAccuracy(), diagonal / (double) total, 1e-12);
        assertEquals(t.testAccuracy(), t.history().last("val_accuracy"), 1e-12,
                "the last epoch's test accuracy is the final model's");
        assertTrue(t.testAccuracy() > 0.2, "better than chance (0.1) after a quick run: " + t.testAccuracy());
    }

    @Test
    void lenet() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        LeNet.Result r = LeNet.run(convQuick(buf));
        String printed = buf.toString(StandardCharsets.UTF_8);
        assertConvRun(printed, r.data(), r.trained(), 2);
        assertEquals(512, r.data().train().size());
        assertEquals(256, r.data().test().size());
        // 8x8 input: conv2 pads by 2, so 16 maps of 2x2 reach the first linear layer
        long params = 6 * (25 + 1) + 16 * (6 * 25 + 1) + 120 * (16 * 2 * 2 + 1) + 84 * (120 + 1) + 10 * (84 + 1);
        assertTrue(printed.contains(String.format(java.util.Locale.ROOT, "Total params: %d", params)), printed);
        for (Path p : List.of(r.curves(), r.filters(), r.featureMaps(), r.confusion())) {
            assertPng(p);
        }
    }

    @Test
    void inception() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Inception.Result r = Inception.run(convQuick(buf));
        String printed = buf.toString(StandardCharsets.UTF_8);
        assertConvRun(printed, r.data(), r.trained(), 2);
        assertTrue(printed.contains("inception_a_concat") && printed.contains("inception_b_concat"), printed);
        assertTrue(printed.contains(String.format(java.util.Locale.ROOT, "Total params: %d",
                r.model().numParameters() + 2L * bnChannels(r.model()))), printed);
        for (Path p : List.of(r.curves(), r.filters(), r.featureMaps(), r.confusion())) {
            assertPng(p);
        }
    }

    /** Channels summed over every BatchNorm2d: each has a running mean and variance per channel. */
    private static long bnChannels(org.vecgrad.nn.Module m) {
        return m.namedModules().values().stream().filter(x -> x instanceof org.vecgrad.nn.layers.BatchNorm2d)
                .mapToLong(x -> x.namedParameters().get("weight").data().size()).sum();
    }

    @Test
    void summary() {
        Summaries.Result r = Summaries.run(quick());
        assertEquals(26, r.formulaCount());
        assertEquals(3, r.models().size());
        for (Summaries.Built b : r.models()) {
            assertEquals(26, b.parameters(), b.how());
            assertTrue(b.summary().contains("Total params: 26"), b.summary());
            assertArrayEquals(new int[] {5, 2}, b.outputShape());
        }
    }

    @Test
    void helpListsEveryExample() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            Main.main(new String[] {"--help"});
        } finally {
            System.setOut(old);
        }
        String help = buf.toString(StandardCharsets.UTF_8);
        for (Main.Entry e : Main.EXAMPLES) {
            assertTrue(help.contains("  " + e.name() + " "), e.name() + " missing from --help:\n" + help);
        }
        for (String name : new String[] {"demo", "circles", "activations", "softmax", "summary", "initializers",
                "gradcheck", "graph", "digits", "descent", "approximation", "backprop", "plotmodel", "lenet",
                "inception", "sequence", "attention"}) {
            assertTrue(Main.EXAMPLES.stream().anyMatch(e -> e.name().equals(name)), name);
        }
    }

    @Test
    void demoRunsQuick() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Main.demo(quick().withOut(new PrintStream(buf, true, StandardCharsets.UTF_8)));
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains("kernel path"));
    }

    @Test
    void optionsParse() {
        Options o = Options.parse("--quick --seed=7 --epochs=3", "", "--out=" + dir);
        assertTrue(o.quick());
        assertEquals(7, o.seed());
        assertEquals(3, o.intParam("epochs", 50, 10));
        assertEquals(10, Options.parse("--quick").intParam("epochs", 50, 10));
        assertEquals(50, Options.parse().intParam("epochs", 50, 10));
        assertEquals(dir.toAbsolutePath().normalize(), o.outDir());
        try {
            Options.parse("epochs=3");
            throw new AssertionError("a bare word must be refused");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("epochs=3"));
        }
        // quotes keep white space inside one setting (Maven passes example.args as one argument)
        Options q = Options.parse("--prompt='It is a truth'  --temperature=0.5 --x=\"a  b\"c");
        assertEquals("It is a truth", q.params().get("prompt"));
        assertEquals(0.5, q.doubleParam("temperature", 1));
        assertEquals("a  bc", q.params().get("x"));
        assertEquals(List.of("", "b"), Options.words("'' b"));
        try {
            Options.parse("--prompt='open");
            throw new AssertionError("an unclosed quote must be refused");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("unclosed '"), expected.getMessage());
        }
    }
    /** Runs {@code run} on the quick options printing into a buffer; returns what it printed. */
    private String printed(java.util.function.Consumer<Options> run) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        run.accept(quick().withOut(new PrintStream(buf, true, StandardCharsets.UTF_8)));
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void sequence() throws IOException {
        Sequence.Result[] box = new Sequence.Result[1];
        String out = printed(o -> box[0] = Sequence.run(o));
        Sequence.Result r = box[0];
        List<Double> dl = r.digitsLoss();
        List<Double> fl = r.forecastLoss();
        assertTrue(dl.get(dl.size() - 1) < dl.get(0), "digits loss fell: " + dl);
        assertTrue(fl.get(fl.size() - 1) < fl.get(0), "forecast loss fell: " + fl);
        // a few quick epochs already read most digits right (chance: 0.1)
        assertTrue(r.testAccuracy() >= 0.7, "test accuracy " + r.testAccuracy());
        // the forecast beats repeating the last value
        assertTrue(r.forecastRmse() < r.naiveRmse(), r.forecastRmse() + " vs naive " + r.naiveRmse());
        double se = 0;
        for (int i = 0; i < r.truth().length; i++) {
            se += (r.forecast()[i] - r.truth()[i]) * (r.forecast()[i] - r.truth()[i]);
        }
        assertEquals(Math.sqrt(se / r.truth().length), r.forecastRmse(), 1e-12);
        assertTrue(out.contains(String.format(java.util.Locale.ROOT, "test accuracy %.4f%n", r.testAccuracy())),
                out);
        assertTrue(out.contains(String.format(java.util.Locale.ROOT, "held-out %d values: %.4f (repeating the last"
                + " value: %.4f;", r.truth().length, r.forecastRmse(), r.naiveRmse())), out);
        assertPng(r.forecastPicture());
    }
    @Test
    void attention() throws IOException {
        TinyTransformer.Result[] box = new TinyTransformer.Result[1];
        String out = printed(o -> box[0] = TinyTransformer.run(o));
        TinyTransformer.Result r = box[0];
        List<Double> loss = r.loss();
        assertTrue(loss.get(loss.size() - 1) < 0.5 * loss.get(0), "the loss fell: " + loss);
        // the quick run is short; most held-out symbols are already right (chance: 0.1)
        assertTrue(r.tokenAccuracy() >= 0.5, "symbols right " + r.tokenAccuracy());
        assertTrue(out.contains(String.format(java.util.Locale.ROOT, "exactly right: %.4f (%d of %d); symbols right:"
                + " %.4f", r.exactMatch(), Math.round(r.exactMatch() * r.heldOut()), r.heldOut(), r.tokenAccuracy())),
                out);
        // each row of the weights is a softmax; the anti-diagonal mass is recomputed from them
        assertEquals(2, r.weights().length);
        for (int l = 0; l < r.weights().length; l++) {
            double anti = 0;
            for (int q = 0; q < TinyTransformer.LENGTH; q++) {
                double rowSum = Arrays.stream(r.weights()[l][q]).sum();
                assertEquals(1.0, rowSum, 1e-5, "layer " + l + " row " + q);
                anti += r.weights()[l][q][TinyTransformer.LENGTH - 1 - q] / TinyTransformer.LENGTH;
            }
            assertEquals(anti, r.antiDiagonal()[l], 1e-12);
            assertTrue(out.contains(String.format(java.util.Locale.ROOT, "layer %d: mean attention weight from"
                    + " position p to position 7 - p: %.3f", l + 1, anti)), out);
            assertPng(r.pictures().get(l));
        }
        assertEquals(TinyTransformer.LENGTH, r.exampleOutput().length);
    }

    @Test
    void charlm() throws IOException {
        CharLm.Result[] box = new CharLm.Result[1];
        String out = printed(o -> box[0] = CharLm.run(o));
        CharLm.Result r = box[0];
        List<Double> t = r.trainBits();
        assertEquals(16, t.size(), "2 quick epochs of 8 steps");
        assertTrue(t.get(t.size() - 1) < t.get(0) - 0.3, "the training loss fell: " + t);
        assertEquals(List.of(8, 16), r.valSteps());
        assertEquals(2, r.valBits().size());
        // a model that has seen nothing better than chance starts near log2(V) bits; the quick run improves on it
        assertTrue(r.valBits().get(1) < Math.log(r.vocabulary().length()) / Math.log(2), r.valBits().toString());
        // the entropy is the text's: recomputed from the first 40 000 characters a quick run reads
        String text = CharLm.shippedText().substring(0, 40_000);
        CharLm.Vocab v = CharLm.Vocab.of(text);
        assertEquals(v.chars(), r.vocabulary());
        assertEquals(CharLm.unigramEntropy(v.encode(text), v.size()), r.entropyBits(), 1e-12);
        assertTrue(out.contains(String.format(java.util.Locale.ROOT, "validation %.3f bits/char = %.1f%% of the"
                + " unigram entropy %.3f", r.valBits().get(1), 100 * r.ratio(), r.entropyBits())), out);
        assertEquals(2, r.samples().size(), "a sample every 8 steps");
        assertTrue(r.generated().startsWith(CharLm.PROMPT), r.generated());
        assertEquals(CharLm.PROMPT.length() + 40, r.generated().length());
        assertTrue(r.generated().chars().allMatch(ch -> r.vocabulary().indexOf(ch) >= 0), r.generated());
        assertPng(r.picture());
        // the saved weights generate the same text again (same seed, same prompt and temperature)
        CharLm.Result again = CharLm.run(quick().with("load", r.weights().toString()));
        assertEquals(r.generated(), again.generated());
        String hot = CharLm.run(quick().with("load", r.weights().toString()).with("temperature", "5")).generated();
        assertFalse(hot.equals(r.generated()), "a higher temperature draws differently");
    }

    @Test
    void charlmRefusesBadSettings() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CharLm.run(quick().with("prompt", "Elizabeth \u03a9")));
        assertTrue(e.getMessage().contains("U+03A9") && e.getMessage().contains("position 10"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CharLm.run(quick().with("temperature", "0")));
        assertTrue(e.getMessage().contains("--temperature=0.0"), e.getMessage());
    }

    @Test
    void charlmWindowsPredictTheNextCharacter() {
        int[] ids = new int[103];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        int[][] s = CharLm.streams(ids, 4);                 // 4 streams of 25: 0..24, 25..49, ...
        assertEquals(25, s[0].length);
        assertEquals(3, CharLm.windows(25, 8));             // targets need one character past the window
        int[][] w = CharLm.window(s, 2, 8);                 // window 2: stream positions 16..23, targets 17..24
        for (int t = 0; t < 8; t++) {
            for (int b = 0; b < 4; b++) {
                assertEquals(b * 25 + 16 + t, w[0][t * 4 + b]);
                assertEquals(b * 25 + 17 + t, w[1][t * 4 + b]);
            }
        }
    }
}
