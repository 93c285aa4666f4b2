package org.vecgrad.examples;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.vecgrad.autodiff.Tensor;

/**
 * The computation graph of one neuron and its squared error, L = (tanh(w·x + b) − t)², written as Graphviz DOT
 * after the backward pass, so every box shows its value and its gradient ∂L/∂(box). Rendered to PNG when Graphviz's
 * {@code dot} is on the PATH.
 */
public final class GraphExample {
    private GraphExample() {
    }

    /**
     * @param loss  L
     * @param gradW ∂L/∂w
     * @param gradB ∂L/∂b
     * @param dot   the DOT file
     * @param png   the PNG rendered by Graphviz, or null when Graphviz is not installed (or failed)
     * @param sketch the same graph drawn with Java2D (always written)
     */
    public record Result(double loss, double[] gradW, double gradB, String dotSource, Path dot, Path png,
                         Path sketch) {
    }

    public static Result run(Options o) {
        Tensor x = Tensor.of(2.0, -1.0).name("x");
        Tensor w = Tensor.of(0.5, 1.5).requiresGrad(true).name("w");
        Tensor b = Tensor.scalar(0.25).requiresGrad(true).name("b");
        Tensor t = Tensor.scalar(0.8).name("target t");
        Tensor wx = w.mul(x).name("w*x").retainGrad();
        Tensor s = wx.sum().name("w.x").retainGrad();
        Tensor z = s.add(b).name("z = w.x + b").retainGrad();
        Tensor y = z.tanh().name("y = tanh(z)").retainGrad();
        Tensor d = y.sub(t).name("y - t").retainGrad();
        Tensor loss = d.square().name("L = (y - t)^2");
        loss.backward(true);   // retainGraph: keep the graph so that toDot() can draw it afterwards

        o.println("Expression: L = (tanh(w.x + b) - t)^2 with x = [2, -1], w = [0.5, 1.5], b = 0.25, t = 0.8");
        o.printf("forward:  z = %.4f, y = tanh(z) = %.4f, L = %.6f%n", z.item(), y.item(), loss.item());
        o.printf("backward: dL/dy = 2(y - t) = %.4f, dL/dz = dL/dy * (1 - y^2) = %.4f%n", y.grad().item(),
                z.grad().item());
        double[] gw = w.grad().data().toDoubleArray();
        o.printf("          dL/dw = dL/dz * x = [%.4f, %.4f], dL/db = dL/dz = %.4f%n", gw[0], gw[1],
                b.grad().item());
        String src = loss.toDot();
        Path dotFile = o.file("graph.dot");
        try {
            Files.writeString(dotFile, src, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        o.println("wrote " + dotFile + " (leaves filled: blue = requires grad, grey = constant; edges point from"
                + " inputs to results)");
        Path png = null;
        String dotExe = findOnPath("dot");
        if (dotExe == null) {
            o.println("Graphviz 'dot' is not on the PATH. Install it with `apt-get install graphviz` (or your"
                    + " system's package) and run this again, or render by hand: dot -Tpng " + dotFile
                    + " -o graph.png");
        } else {
            png = render(o, dotExe, dotFile, o.file("graph.png"));
        }
        Path sketch = DotPicture.render(src, "Computation graph of L = (tanh(w.x + b) - t)^2 after backward",
                "blue: leaf that requires grad, grey: constant, white: operation; red: the gradient dL/d(box)",
                o.file("graph_java2d.png"));
        o.println("wrote " + sketch + " (a plain Java2D drawing of the same graph, made without Graphviz)");
        return new Result(loss.item(), gw, b.grad().item(), src, dotFile, png, sketch);
    }

    /** The absolute path of an executable on the PATH, or null. */
    static String findOnPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, exe);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    static Path render(Options o, String dotExe, Path dotFile, Path png) {
        try {
            Process p = new ProcessBuilder(dotExe, "-Tpng", "-Gdpi=110", dotFile.toString(), "-o", png.toString())
                    .redirectErrorStream(true).start();
            String msg = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroy();
                o.println("Graphviz failed to render " + dotFile + ": " + msg.strip());
                return null;
            }
            o.println("wrote " + png + " (rendered by " + dotExe + ")");
            return png;
        } catch (IOException e) {
            o.println("could not run " + dotExe + ": " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
