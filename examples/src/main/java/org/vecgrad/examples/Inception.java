package org.vecgrad.examples;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.nn.Input;
import org.vecgrad.nn.Model;
import org.vecgrad.nn.SymbolicTensor;
import org.vecgrad.nn.layers.BatchNorm2d;
import org.vecgrad.nn.layers.Concatenate;
import org.vecgrad.nn.layers.Conv2d;
import org.vecgrad.nn.layers.GlobalAveragePooling2D;
import org.vecgrad.nn.layers.Linear;
import org.vecgrad.nn.layers.MaxPool2d;
import org.vecgrad.nn.layers.ReLU;

/**
 * A small GoogLeNet (Szegedy et al., 2015) on Fashion-MNIST, built with the functional API: a stem (3×3 conv →
 * batch norm → ReLU → 2×2 max pool), two Inception blocks with a 2×2 max pool between them, global average pooling
 * and one linear layer. Each Inception block runs four branches on the same input and concatenates their channels:
 * a 1×1 convolution; 1×1 then 3×3; 1×1 then two 3×3 (the 5×5 receptive field of GoogLeNet's third branch, as
 * Inception-v2 factors it); 3×3 max pooling (stride 1) then a 1×1 projection. Every convolution is followed by batch
 * norm and ReLU. Prints the summary, the time of each epoch, the test accuracy and the confusion matrix; draws the
 * same pictures as {@link LeNet}. Ten epochs (the default; Adam with the learning rate annealed along a cosine) reach
 * 0.93 test accuracy on Fashion-MNIST in about 100 s an epoch on two idle AVX-512 cores.
 */
public final class Inception {
    private Inception() {
    }

    public record Result(ConvNets.Images data, ConvNets.Trained trained, Model model, Path curves, Path filters,
                         Path featureMaps, Path confusion) {
    }

    /** Channels of one block's branches: 1×1; 3×3 (reduce, out); double 3×3 (reduce, out); pool projection. */
    record Block(int c1, int r3, int c3, int r5, int c5, int pool) {
        int out() {
            return c1 + c3 + c5 + pool;
        }
    }

    static final int STEM = 32;
    static final Block A = new Block(16, 24, 32, 8, 16, 16);   // 32 -> 80 channels at 14x14
    static final Block B = new Block(48, 32, 64, 16, 32, 32);  // 80 -> 176 channels at 7x7

    /** A convolution (no bias: batch norm follows), batch norm and ReLU. */
    private static SymbolicTensor convBnRelu(SymbolicTensor x, int in, int out, int k, String name, long seed) {
        SymbolicTensor y = Conv2d.builder(in, out, k).padding(k / 2).bias(false).seed(seed).build().name(name)
                .call(x);
        y = new BatchNorm2d(out).name(name + "_bn").call(y);
        return new ReLU().name(name + "_relu").call(y);
    }

    private static SymbolicTensor block(SymbolicTensor x, int in, Block b, String name, long seed) {
        SymbolicTensor b1 = convBnRelu(x, in, b.c1(), 1, name + "_1x1", seed);
        SymbolicTensor b2 = convBnRelu(x, in, b.r3(), 1, name + "_3x3_reduce", seed + 1);
        b2 = convBnRelu(b2, b.r3(), b.c3(), 3, name + "_3x3", seed + 2);
        SymbolicTensor b3 = convBnRelu(x, in, b.r5(), 1, name + "_5x5_reduce", seed + 3);
        b3 = convBnRelu(b3, b.r5(), b.c5(), 3, name + "_5x5a", seed + 4);
        b3 = convBnRelu(b3, b.c5(), b.c5(), 3, name + "_5x5b", seed + 5);
        SymbolicTensor b4 = new MaxPool2d(3, 1, 1).name(name + "_pool").call(x);
        b4 = convBnRelu(b4, in, b.pool(), 1, name + "_pool_proj", seed + 6);
        return new Concatenate(1).name(name + "_concat").call(b1, b2, b3, b4);
    }

    /** The network for 1×side×side images; seeded. */
    public static Model model(int side, long seed) {
        SymbolicTensor in = Input.of("image", 1, side, side);
        SymbolicTensor x = convBnRelu(in, 1, STEM, 3, "stem", seed);
        x = new MaxPool2d(2).name("stem_pool").call(x);
        x = block(x, STEM, A, "inception_a", seed + 10);
        x = new MaxPool2d(2).name("pool_a").call(x);
        x = block(x, A.out(), B, "inception_b", seed + 20);
        x = new GlobalAveragePooling2D().name("gap").call(x);
        x = new Linear(B.out(), 10, true, seed + 30).name("classifier").call(x);
        return Model.of(in, x);
    }

    public static Result run(Options o) {
        ConvNets.Images data = ConvNets.load(o, 256);
        int epochs = o.intParam("epochs", 10, 2);
        int batch = o.intParam("batch", 64, 32);
        double lr = o.doubleParam("lr", 2e-3);
        Model model = model(data.side(), o.seed());
        o.printf("A small GoogLeNet on %s: %d training and %d test images of 1x%dx%d; Adam(lr %.3g), batch %d,"
                + " %d epochs (--epochs=N for more).%n", data.fashion() ? "Fashion-MNIST" : "the 8x8 digits",
                data.train().size(), data.test().size(), data.side(), data.side(), lr, batch, epochs);
        o.print(model.summary());
        ConvNets.Trained t = ConvNets.train(o, model, data, epochs, batch, lr);

        var modules = model.namedModules();
        Conv2d stem = (Conv2d) modules.get("stem");
        Path curves = Circles.learningCurves("Training the small GoogLeNet", "cross-entropy", t.history(),
                o.file("inception_curves.png"));
        Path filters = ConvNets.filtersPicture("Small GoogLeNet: the " + STEM + " filters of the stem (3x3)",
                stem.weight(), o.file("inception_filters.png"));
        UnaryOperator<Tensor> stemStage = x -> modules.get("stem_relu").forward(modules.get("stem_bn")
                .forward(stem.forward(x)));
        UnaryOperator<Tensor> oneByOne = x -> modules.get("inception_a_1x1_relu").forward(
                modules.get("inception_a_1x1_bn").forward(modules.get("inception_a_1x1").forward(
                        modules.get("stem_pool").forward(x))));
        Path maps = ConvNets.featureMapsPicture("Small GoogLeNet: one test image after the stem and after block"
                + " A's 1x1 branch", data.test().features().rows(0, 1), List.of("stem", "a_1x1"),
                List.of(stemStage, oneByOne), o.file("inception_feature_maps.png"));
        Path cm = ConvNets.confusionPicture("Small GoogLeNet", data, t, o.file("inception_confusion.png"));
        for (Path p : List.of(curves, filters, maps, cm)) {
            o.println("wrote " + p);
        }
        return new Result(data, t, model, curves, filters, maps, cm);
    }
}
