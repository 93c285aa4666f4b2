package org.vecgrad.autodiff;

import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.nn.ConvGeometry;
import org.vecgrad.engine.nn.Convolution;

/**
 * The three bilinear products of a convolution as operations that differentiate into each other, so every rule is
 * differentiable again (gradgradcheck) with no formula of its own:
 * <pre>
 *   conv(x, w)     y  = x ⋆ w               ∂/∂x: convT(g, w)     ∂/∂w: convW(x, g)
 *   convT(u, w)    dx = the adjoint in x    ∂/∂u: conv(h, w)      ∂/∂w: convW(h, u)
 *   convW(x, u)    dw = the adjoint in w    ∂/∂x: convT(u, k)     ∂/∂u: conv(x, k)
 * </pre>
 * (each from ⟨h, convT(u, w)⟩ = ⟨conv(h, w), u⟩ = ⟨convW(h, u), w⟩). A bias adds its channel sums. In a plain
 * backward pass the rules call the engine directly and hand over the fresh array; with createGraph they record
 * these operations. The forward-mode rules use bilinearity: ẏ = conv(ẋ, w) + conv(x, ẇ) (+ ḃ).
 */
final class ConvOps {
    private ConvOps() {
    }

    /** y = conv(x, w) + b (b may be null). */
    static Tensor conv(String op, Tensor x, Tensor w, Tensor b, ConvGeometry g) {
        NdArray y = Convolution.forward(x.data, w.data, b == null ? null : b.data, g);
        BackwardRule rx = (gy, yy) -> GradMode.isEnabled() ? convT("convT", gy, w, null, g)
                : Tensor.owned(Convolution.inputGrad(gy.data, w.data, null, g));
        BackwardRule rw = (gy, yy) -> GradMode.isEnabled() ? convW("convW", x, gy, g)
                : Tensor.owned(Convolution.weightGrad(x.data, gy.data, g));
        ForwardRule jvp = t -> {                                       // ẏ = conv(ẋ, w) + conv(x, ẇ) + ḃ
            NdArray d = t[0] == null ? null : Convolution.forward(t[0], w.data, null, g);
            d = plus(d, t[1] == null ? null : Convolution.forward(x.data, t[1], null, g));
            return plusChannels(d, t.length > 2 ? t[2] : null, y);
        };
        return b == null ? Tensor.customWithJvp(op, y, new Tensor[] {x, w}, jvp, rx, rw)
                : Tensor.customWithJvp(op, y, new Tensor[] {x, w, b}, jvp, rx, rw, (gy, yy) -> channelSum(gy));
    }

    /**
     * convT(u, w) + b: the input gradient of conv for output gradient u, shaped like conv's input; with a bias,
     * conv_transpose2d.
     */
    static Tensor convT(String op, Tensor u, Tensor w, Tensor b, ConvGeometry g) {
        NdArray y = Convolution.inputGrad(u.data, w.data, b == null ? null : b.data, g);
        BackwardRule ru = (h, yy) -> GradMode.isEnabled() ? conv("conv", h, w, null, g)
                : Tensor.owned(Convolution.forward(h.data, w.data, null, g));
        BackwardRule rw = (h, yy) -> GradMode.isEnabled() ? convW("convW", h, u, g)
                : Tensor.owned(Convolution.weightGrad(h.data, u.data, g));
        ForwardRule jvp = t -> {                                       // ẏ = convT(u̇, w) + convT(u, ẇ) + ḃ
            NdArray d = t[0] == null ? null : Convolution.inputGrad(t[0], w.data, null, g);
            d = plus(d, t[1] == null ? null : Convolution.inputGrad(u.data, t[1], null, g));
            return plusChannels(d, t.length > 2 ? t[2] : null, y);
        };
        return b == null ? Tensor.customWithJvp(op, y, new Tensor[] {u, w}, jvp, ru, rw)
                : Tensor.customWithJvp(op, y, new Tensor[] {u, w, b}, jvp, ru, rw, (h, yy) -> channelSum(h));
    }

    /** convW(x, u): the weight gradient of conv for input x and output gradient u, shaped like the weight. */
    static Tensor convW(String op, Tensor x, Tensor u, ConvGeometry g) {
        NdArray y = Convolution.weightGrad(x.data, u.data, g);
        BackwardRule rx = (k, yy) -> GradMode.isEnabled() ? convT("convT", u, k, null, g)
                : Tensor.owned(Convolution.inputGrad(u.data, k.data, null, g));
        BackwardRule ru = (k, yy) -> GradMode.isEnabled() ? conv("conv", x, k, null, g)
                : Tensor.owned(Convolution.forward(x.data, k.data, null, g));
        ForwardRule jvp = t -> plus(t[0] == null ? null : Convolution.weightGrad(t[0], u.data, g),   // ẏ = convW(ẋ, u)
                t[1] == null ? null : Convolution.weightGrad(x.data, t[1], g));                      //   + convW(x, u̇)
        return Tensor.customWithJvp(op, y, new Tensor[] {x, u}, jvp, rx, ru);
    }

    /**
     * Σ of t [N, C, …] over every axis but the channels, shape [C] (a bias gradient); its gradient broadcasts back
     * over those axes.
     */
    static Tensor channelSum(Tensor t) {
        int[] shape = t.data.shape();
        int[] keep = new int[shape.length];
        java.util.Arrays.fill(keep, 1);
        keep[1] = shape[1];
        NdArray s = Convolution.channelSums(t.data);
        if (!GradMode.isEnabled()) {
            return Tensor.owned(s);
        }
        return Tensor.customWithJvp("channelSum", s, new Tensor[] {t},
                d -> d[0] == null ? null : Convolution.channelSums(d[0]),              // ẏ = channel sums of ṫ
                (h, y) -> h.reshape(keep).expand(shape));                              // each element gets h[c]
    }

    private static NdArray plus(NdArray a, NdArray b) {
        return a == null ? b : b == null ? a : a.addInPlace(b);
    }

    /** d + ḃ broadcast over the channel axis (1) of y; d may be null (zero). */
    private static NdArray plusChannels(NdArray d, NdArray db, NdArray y) {
        if (db == null) {
            return d;
        }
        int[] keep = new int[y.rank()];
        java.util.Arrays.fill(keep, 1);
        keep[1] = db.size();
        NdArray out = d == null ? NdArray.zerosLike(y) : d;
        return out.addInPlace(db.reshape(keep));
    }
}
