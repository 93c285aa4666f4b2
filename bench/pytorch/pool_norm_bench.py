#!/usr/bin/env python3
"""PyTorch counterpart of org.vecgrad.bench.conv.PoolNormBench: float32, one thread, on the same activations
[N, C, H, W]: max_pool2d 2x2 stride 2 with its indices (return_indices=True), batch norm in training (batch
statistics, no affine, no running statistics) forward, and its input gradient alone
(aten.native_batch_norm_backward with the saved mean and inverse std, output_mask [True, False, False]), in GB/s
with PoolNormBench's byte counts: max pooling 4*size + 8*outSize (PyTorch writes int64 indices, counted as 4 B as
vecgrad's int32, so both sides divide the same bytes), batch norm forward 8*size, backward 12*size. Warm-up, then
ROUNDS timed rounds of about SECONDS s; prints the median and best per shape and op.

One thread: timing.torch_one_thread.

usage: /usr/bin/python3 bench/pytorch/pool_norm_bench.py [--rounds 5] [--seconds 0.5] [--warmup-seconds 0.5]
"""
import statistics

from timing import load_average, round_args, timed_rounds, torch_one_thread

torch = torch_one_thread("pool_norm_bench.py")

# name: [N, C, H, W] -- PoolNormBench.SHAPES
SHAPES = {
    "lenet1_b64": (64, 6, 28, 28),
    "lenet2_b64": (64, 16, 10, 10),
    "resnet_b8": (8, 64, 56, 56),
}


def main():
    a = round_args(__doc__, 0.5, 0.5)
    torch.manual_seed(1)
    print(f"torch {torch.__version__}; load average before: {load_average()}", flush=True)
    for name, shape in SHAPES.items():
        x = torch.randn(*shape)
        g = torch.randn(*shape)
        size = x.numel()
        out_size = size // 4
        eps = 1e-5
        _, save_mean, save_invstd = torch.ops.aten.native_batch_norm(x, None, None, None, None, True, 0.1, eps)

        def max_pool():
            return torch.nn.functional.max_pool2d(x, 2, 2, return_indices=True)

        def bn_forward():
            return torch.nn.functional.batch_norm(x, None, None, training=True, eps=eps)

        def bn_backward():
            return torch.ops.aten.native_batch_norm_backward(g, x, None, None, None, save_mean, save_invstd, True,
                                                             eps, [True, False, False])

        for what, fn, nbytes in (("maxPool2x2", max_pool, 4 * size + 8 * out_size),
                                 ("batchNormForward", bn_forward, 8 * size),
                                 ("batchNormBackward", bn_backward, 12 * size)):
            gbs = [n * nbytes / dt / 1e9 for n, dt in timed_rounds(fn, a.rounds, a.seconds, a.warmup_seconds)]
            print(f"pytorch poolnorm {name:10s} {what:17s} threads=1: median {statistics.median(gbs):7.2f} GB/s,"
                  f" best {max(gbs):7.2f}", flush=True)
    print(f"load average after: {load_average()}")


if __name__ == "__main__":
    main()
