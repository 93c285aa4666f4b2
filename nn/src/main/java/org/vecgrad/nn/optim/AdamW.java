package org.vecgrad.nn.optim;

import java.util.List;

/**
 * AdamW: Adam with decoupled weight decay (Loshchilov &amp; Hutter, "Decoupled Weight Decay Regularization",
 * ICLR 2019), PyTorch's {@code torch.optim.AdamW}. Each step first shrinks the weights, θ ← θ·(1 − γλ), then
 * applies the {@link Adam} update with the raw gradient (no λθ added to it). Defaults as Adam's except
 * weightDecay 1e-2.
 */
public class AdamW extends Adam {
    /** PyTorch's default weight decay for AdamW. */
    public static final double DEFAULT_WEIGHT_DECAY = 1e-2;

    /** AdamW with every default (lr 1e-3, weightDecay 1e-2). */
    public AdamW(List<? extends Parameter> params) {
        this(params, DEFAULT_LR);
    }

    /** AdamW with the given learning rate and weightDecay 1e-2. */
    public AdamW(List<? extends Parameter> params, double lr) {
        super(params, lr, true, DEFAULT_WEIGHT_DECAY);
    }
}
