#!/usr/bin/python3
"""PyTorch peer of SimSiamBench / EmbedBench: the same smallcnn SimSiam network, timed on the same CPU.

Mirrors learning/.../ssl/SimSiamNetwork (smallcnn): 4 x [conv3x3 (no bias) -> BN -> ReLU] with
32-64-128-256 channels, strides 1-2-2-2, padding 1, global average pool; projector 3 x Linear(no
bias)-BN with ReLU between; predictor Linear(no bias)-BN-ReLU-Linear(bias); loss
1/2 D(p1, sg(z2)) + 1/2 D(p2, sg(z1)); SGD lr, momentum 0.9, weight decay 5e-4.
Inputs are random tensors (augmentation is not timed, as in the Java bench).
Prints one JSON line: {"images_per_s": ..., ...}.
"""
import argparse
import json
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def encoder(channels):
    layers, c_in = [], channels
    for width, stride in zip((32, 64, 128, 256), (1, 2, 2, 2)):
        layers += [nn.Conv2d(c_in, width, 3, stride, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU(inplace=True)]
        c_in = width
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten()]
    return nn.Sequential(*layers)


class SimSiam(nn.Module):
    def __init__(self, channels, proj_dim, pred_hidden):
        super().__init__()
        self.encoder = encoder(channels)
        self.projector = nn.Sequential(
            nn.Linear(256, proj_dim, bias=False), nn.BatchNorm1d(proj_dim), nn.ReLU(inplace=True),
            nn.Linear(proj_dim, proj_dim, bias=False), nn.BatchNorm1d(proj_dim), nn.ReLU(inplace=True),
            nn.Linear(proj_dim, proj_dim, bias=False), nn.BatchNorm1d(proj_dim))
        self.predictor = nn.Sequential(
            nn.Linear(proj_dim, pred_hidden, bias=False), nn.BatchNorm1d(pred_hidden), nn.ReLU(inplace=True),
            nn.Linear(pred_hidden, proj_dim))

    def forward(self, x1, x2):
        z1, z2 = self.projector(self.encoder(x1)), self.projector(self.encoder(x2))
        p1, p2 = self.predictor(z1), self.predictor(z2)
        return -(F.cosine_similarity(p1, z2.detach()).mean() + F.cosine_similarity(p2, z1.detach()).mean()) * 0.5


def timed(step, warmup, steps):
    for _ in range(warmup):
        step()
    times = []
    for _ in range(steps):
        t0 = time.perf_counter()
        step()
        times.append(time.perf_counter() - t0)
    return times


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--mode", choices=("train", "embed"), default="train")
    a.add_argument("--batch", type=int, default=128)
    a.add_argument("--shape", default="3x32x32", help="CxHxW")
    a.add_argument("--steps", type=int, default=20)
    a.add_argument("--warmup", type=int, default=3)
    a.add_argument("--threads", type=int, default=2)
    a.add_argument("--proj", type=int, default=512)
    a.add_argument("--pred-hidden", type=int, default=128)
    args = a.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    c, h, w = (int(v) for v in args.shape.split("x"))
    net = SimSiam(c, args.proj, args.pred_hidden)
    x1, x2 = torch.randn(args.batch, c, h, w), torch.randn(args.batch, c, h, w)
    if args.mode == "train":
        opt = torch.optim.SGD(net.parameters(), lr=0.03 * args.batch / 256, momentum=0.9, weight_decay=5e-4)
        net.train()

        def step():
            opt.zero_grad(set_to_none=True)
            loss = net(x1, x2)
            loss.backward()
            opt.step()
    else:
        enc = net.encoder.eval()

        def step():
            with torch.inference_mode():
                enc(x1)
    times = timed(step, args.warmup, args.steps)
    total = sum(times)
    print(json.dumps({
        "framework": "pytorch " + torch.__version__, "mode": args.mode, "batch": args.batch, "shape": args.shape,
        "threads": torch.get_num_threads(), "steps": args.steps, "seconds": total,
        "images_per_s": args.batch * args.steps / total,
        "median_step_s": sorted(times)[len(times) // 2]}))


if __name__ == "__main__":
    main()
