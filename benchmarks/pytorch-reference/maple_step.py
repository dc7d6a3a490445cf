"""Times the official MaPLe computation in PyTorch on this machine, for comparison with MaPLe.NET's benchmarks.

Not the upstream code (which this repository may not ship): an independent re-implementation of what it computes, with
the same modules and layouts as upstream's clip/model.py + trainers/maple.py (sequence-first nn.MultiheadAttention with
an additive causal mask, QuickGELU, fp32 LayerNorm, vision prompts appended after the patches, deep prompts replacing
the last n vision tokens / text positions 1..n for layers 1..J-1, the text tower over all 77 positions, no caching of
class text features at test time). Random ViT-B/16-shaped weights, frozen; only the prompts train.

    python3 benchmarks/pytorch-reference/maple_step.py [--threads 1,2] [--step-iters 5] [--infer-iters 2]
"""
import argparse
import platform
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class LayerNorm(nn.LayerNorm):
    def forward(self, x):
        return super().forward(x.float()).to(x.dtype)


class QuickGELU(nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(1.702 * x)


class Block(nn.Module):
    def __init__(self, d, heads, mask=None):
        super().__init__()
        self.attn = nn.MultiheadAttention(d, heads)
        self.ln_1 = LayerNorm(d)
        self.mlp = nn.Sequential(nn.Linear(d, 4 * d), QuickGELU(), nn.Linear(4 * d, d))
        self.ln_2 = LayerNorm(d)
        self.mask = mask

    def forward(self, x):
        y = self.ln_1(x)
        x = x + self.attn(y, y, y, need_weights=False, attn_mask=self.mask)[0]
        return x + self.mlp(self.ln_2(x))


class Tower(nn.Module):
    def __init__(self, d, layers, heads, mask=None):
        super().__init__()
        self.resblocks = nn.ModuleList([Block(d, heads, mask) for _ in range(layers)])

    def forward(self, x, deep, replace):  # x: [L, N, d]
        for i, block in enumerate(self.resblocks):
            if 0 < i <= len(deep):
                x = replace(x, deep[i - 1])
            x = block(x)
        return x


def replace_last(x, p):
    return torch.cat([x[: x.shape[0] - p.shape[0]], p.unsqueeze(1).expand(-1, x.shape[1], -1)], 0)


def replace_after_first(x, p):
    return torch.cat([x[:1], p.unsqueeze(1).expand(-1, x.shape[1], -1), x[1 + p.shape[0]:]], 0)


class MaPLe(nn.Module):
    def __init__(self, n_cls, n_ctx=2, depth=9, wv=768, wt=512, embed=512, patch=16, size=224):
        super().__init__()
        g = size // patch
        self.conv1 = nn.Conv2d(3, wv, patch, patch, bias=False)
        self.class_embedding = nn.Parameter(torch.randn(wv) * 0.02)
        self.pos_v = nn.Parameter(torch.randn(g * g + 1, wv) * 0.01)
        self.ln_pre, self.ln_post = LayerNorm(wv), LayerNorm(wv)
        self.visual = Tower(wv, 12, 12)
        self.proj = nn.Parameter(torch.randn(wv, embed) * wv ** -0.5)
        mask = torch.full((77, 77), float("-inf")).triu_(1)
        self.text = Tower(wt, 12, 8, mask)
        self.pos_t = nn.Parameter(torch.randn(77, wt) * 0.01)
        self.ln_final = LayerNorm(wt)
        self.text_projection = nn.Parameter(torch.randn(wt, embed) * wt ** -0.5)
        self.logit_scale = nn.Parameter(torch.tensor(4.6052))
        self.tokens = nn.Parameter(torch.randn(n_cls, 77, wt) * 0.02)  # embedded "X X a photo of a {c}." prompts
        self.eot = torch.randint(8, 16, (n_cls,))
        for p in self.parameters():
            p.requires_grad_(False)
        # the prompt learner (trainable)
        self.ctx = nn.Parameter(torch.randn(n_ctx, wt) * 0.02)
        self.proj_ctx = nn.Linear(wt, wv)
        self.compound_text = nn.ParameterList([nn.Parameter(torch.randn(n_ctx, wt) * 0.02) for _ in range(depth - 1)])
        self.compound_proj = nn.ModuleList([nn.Linear(wt, wv) for _ in range(depth - 1)])
        self.n_ctx = n_ctx

    def encode_text(self):
        n = self.tokens.shape[0]
        x = torch.cat([self.tokens[:, :1], self.ctx.unsqueeze(0).expand(n, -1, -1), self.tokens[:, 1 + self.n_ctx:]], 1)
        x = (x + self.pos_t).permute(1, 0, 2)
        x = self.text(x, list(self.compound_text), replace_after_first).permute(1, 0, 2)
        x = self.ln_final(x)
        return x[torch.arange(n), self.eot] @ self.text_projection

    def encode_image(self, images):
        x = self.conv1(images).flatten(2).permute(0, 2, 1)
        b = x.shape[0]
        x = torch.cat([self.class_embedding.expand(b, 1, -1), x], 1) + self.pos_v
        x = torch.cat([x, self.proj_ctx(self.ctx).unsqueeze(0).expand(b, -1, -1)], 1)
        x = self.ln_pre(x).permute(1, 0, 2)
        deep = [proj(p) for proj, p in zip(self.compound_proj, self.compound_text)]
        x = self.visual(x, deep, replace_last).permute(1, 0, 2)
        return self.ln_post(x[:, 0]) @ self.proj

    def forward(self, images):
        img = F.normalize(self.encode_image(images), dim=-1)
        txt = F.normalize(self.encode_text(), dim=-1)
        return self.logit_scale.exp() * img @ txt.t()


def timed(fn, iters):
    fn()  # warm-up
    times = []
    for _ in range(iters):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return sum(times) / len(times), times


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--step-iters", type=int, default=5)
    ap.add_argument("--infer-iters", type=int, default=2)
    a = ap.parse_args()
    print(f"torch {torch.__version__}, {platform.processor() or platform.machine()}")
    print(torch.__config__.show().strip().splitlines()[0:1])
    torch.manual_seed(0)
    train, infer = MaPLe(10), MaPLe(100)
    images4, labels = torch.randn(4, 3, 224, 224), torch.tensor([0, 3, 6, 9])
    images32 = torch.randn(32, 3, 224, 224)

    def step():
        loss = F.cross_entropy(train(images4), labels)
        loss.backward()

    def test_batch():
        with torch.no_grad():
            infer(images32)

    for threads in [int(t) for t in a.threads.split(",")]:
        torch.set_num_threads(threads)
        mean, all_ = timed(step, a.step_iters)
        print(f"threads {threads}: MaPLe step (B=4, 10 classes) {mean:.3f} s  [{' '.join(f'{t:.2f}' for t in all_)}]")
        mean, all_ = timed(test_batch, a.infer_iters)
        print(f"threads {threads}: inference (B=32, 100 classes re-encoded) {32 / mean:.2f} images/s  [{' '.join(f'{t:.2f}' for t in all_)}]")


if __name__ == "__main__":
    main()
