#!/usr/bin/env python3
"""PyTorch counterpart of org.vecgrad.bench.rnn.CharLmStepBench: one training step of the charlm example's model,
Embedding(75, 64) -> LSTM(64 -> 256, 2 layers) -> Linear(256 -> 75), on batch 32 x 100 characters of the shipped
text (Pride and Prejudice, examples/src/main/resources/org/vecgrad/examples/charlm), float32, one thread, in tokens
(characters) per second.

The step is the example's (CharLm.Trainer): the first 90 % of the text cut into 32 contiguous streams, window k of
every stream as input and the characters one further as targets (time-major), the LSTM started from the previous
window's detached (h, c), cross-entropy, backward, clip_grad_norm_ to 5, Adam(lr 2e-3); gradients cleared to None
(vecgrad's zeroGrad). Warm-up, then ROUNDS timed rounds of about SECONDS s; prints every round, the median and best.

One thread: timing.torch_one_thread.

usage: /usr/bin/python3 bench/pytorch/charlm_step.py [--rounds 5] [--seconds 5] [--warmup-seconds 10]
"""
import os
import statistics

from timing import load_average, round_args, timed_rounds, torch_one_thread

torch = torch_one_thread("charlm_step.py")

TEXT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples", "src", "main", "resources",
                    "org", "vecgrad", "examples", "charlm", "pride_and_prejudice.txt")
BATCH, BPTT, EMBED, HIDDEN, LAYERS, LR, CLIP = 32, 100, 64, 256, 2, 2e-3, 5.0


class CharLm(torch.nn.Module):
    def __init__(self, vocab):
        super().__init__()
        self.embed = torch.nn.Embedding(vocab, EMBED)
        self.lstm = torch.nn.LSTM(EMBED, HIDDEN, LAYERS)
        self.head = torch.nn.Linear(HIDDEN, vocab)

    def forward(self, ids, state):
        out, state = self.lstm(self.embed(ids), state)          # ids [T, B] -> out [T, B, H]
        return self.head(out.reshape(-1, HIDDEN)), state


def make_step():
    torch.manual_seed(42)
    with open(TEXT, encoding="utf-8") as f:
        text = f.read()
    chars = sorted(set(text))
    ids = torch.tensor([chars.index(c) for c in text[: len(text) * 9 // 10]], dtype=torch.long)
    length = len(ids) // BATCH
    streams = ids[: length * BATCH].view(BATCH, length).t().contiguous()   # [length, B], time-major
    windows = (length - 1) // BPTT
    model = CharLm(len(chars))
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    loss_fn = torch.nn.CrossEntropyLoss()
    st = {"k": 0, "state": None}

    def step():
        if st["k"] == windows:
            st["k"], st["state"] = 0, None
        k = st["k"]
        st["k"] += 1
        x = streams[k * BPTT: (k + 1) * BPTT]
        y = streams[k * BPTT + 1: (k + 1) * BPTT + 1]
        opt.zero_grad(set_to_none=True)
        logits, (h, c) = model(x, st["state"])
        loss = loss_fn(logits, y.reshape(-1))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), CLIP)
        opt.step()
        st["state"] = (h.detach(), c.detach())
        return loss

    return step, len(chars)


def main():
    a = round_args(__doc__, 5.0, 10.0)
    print(f"torch {torch.__version__}, {torch.__config__.parallel_info().splitlines()[-1].strip()}; load average"
          f" before: {load_average()}", flush=True)
    step, vocab = make_step()
    rates = [n * BATCH * BPTT / dt for n, dt in timed_rounds(step, a.rounds, a.seconds, a.warmup_seconds)]
    print(f"pytorch charlm_step (vocab {vocab}, batch {BATCH} x {BPTT}, hidden {HIDDEN} x {LAYERS} layers, 1 thread):"
          f" median {statistics.median(rates):.0f} tokens/s, best {max(rates):.0f},"
          f" rounds [{', '.join(f'{r:.0f}' for r in rates)}]")
    print(f"load average after: {load_average()}")


if __name__ == "__main__":
    main()
