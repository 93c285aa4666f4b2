package org.vecgrad.examples;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.nn.Sequential;
import org.vecgrad.nn.layers.Conv2d;
import org.vecgrad.nn.layers.Flatten;
import org.vecgrad.nn.layers.Linear;
import org.vecgrad.nn.layers.MaxPool2d;
import org.vecgrad.nn.layers.ReLU;

/**
 * LeNet-5 (LeCun et al., 1998) with ReLU and max pooling, as it is usually written today, on Fashion-MNIST:
 * conv 5×5 1→6 (padding 2) → pool 2 → conv 5×5 6→16 → pool 2 → 120 → 84 → 10, trained with Adam and softmax +
 * cross-entropy. Prints the summary, the time of each epoch, the test accuracy and the confusion matrix; draws the
 * learning curves, the six first-layer filters, one test image's feature maps after each convolution and the
 * confusion matrix. Without Fashion-MNIST it trains on the 8×8 digits: the second convolution then pads by 2 so
 * that 1×8×8 images keep a 2×2 map to flatten.
 */
public final class LeNet {
    private LeNet() {
    }

    public record Result(ConvNets.Images data, ConvNets.Trained trained, Path curves, Path filters,
                         Path featureMaps, Path confusion) {
    }

    /** LeNet-5 for 1×side×side images; seeded. */
    public static Sequential model(int side, long seed) {
        int afterPool1 = side / 2;
        int pad2 = afterPool1 >= 5 + 4 ? 0 : 2;          // 28×28: 14 → 10; 8×8: 4 → 4 ("same")
        int afterConv2 = afterPool1 + 2 * pad2 - 4;
        int afterPool2 = afterConv2 / 2;
        return new Sequential(
                Conv2d.builder(1, 6, 5).padding(2).seed(seed).build(), new ReLU(), new MaxPool2d(2),
                Conv2d.builder(6, 16, 5).padding(pad2).seed(seed + 1).build(), new ReLU(), new MaxPool2d(2),
                new Flatten(),
                new Linear(16 * afterPool2 * afterPool2, 120, true, seed + 2), new ReLU(),
                new Linear(120, 84, true, seed + 3), new ReLU(),
                new Linear(84, 10, true, seed + 4));
    }

    public static Result run(Options o) {
        ConvNets.Images data = ConvNets.load(o, 512);
        int epochs = o.intParam("epochs", 8, 2);
        int batch = o.intParam("batch", 64, 32);
        double lr = o.doubleParam("lr", 2e-3);
        Sequential model = model(data.side(), o.seed());
        model.build(1, data.side(), data.side());
        o.printf("LeNet-5 on %s: %d training and %d test images of 1x%dx%d; Adam(lr %.3g), batch %d, %d epochs.%n",
                data.fashion() ? "Fashion-MNIST" : "the 8x8 digits", data.train().size(), data.test().size(),
                data.side(), data.side(), lr, batch, epochs);
        o.print(model.summary());
        ConvNets.Trained t = ConvNets.train(o, model, data, epochs, batch, lr);

        Path curves = Circles.learningCurves("Training LeNet-5", "cross-entropy", t.history(),
                o.file("lenet_curves.png"));
        Path filters = ConvNets.filtersPicture("LeNet-5: the 6 filters of the first convolution (5x5)",
                ((Conv2d) model.get(0)).weight(), o.file("lenet_filters.png"));
        List<UnaryOperator<Tensor>> stages = List.of(x -> model.get(1).forward(model.get(0).forward(x)),
                x -> model.get(4).forward(model.get(3).forward(model.get(2).forward(x))));
        Path maps = ConvNets.featureMapsPicture("LeNet-5: one test image after conv1 + ReLU and after pool + conv2 +"
                + " ReLU", data.test().features().rows(0, 1), List.of("conv1", "conv2"), stages,
                o.file("lenet_feature_maps.png"));
        Path cm = ConvNets.confusionPicture("LeNet-5", data, t, o.file("lenet_confusion.png"));
        for (Path p : List.of(curves, filters, maps, cm)) {
            o.println("wrote " + p);
        }
        return new Result(data, t, curves, filters, maps, cm);
    }
}
