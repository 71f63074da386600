#!/usr/bin/env python3
"""numpy reference for ssal's KCenterGreedy benchmark (org.ssal.learning.bench.KCenterBench).

Greedy k-center / farthest-first (Sener & Savarese 2018, Algorithm 1) from one start row, the
same rule as the Java code: keep each row's squared distance to its nearest center, update it
with every new center, pick the arg-max (numpy's argmax takes the lowest index on ties, which
is the Java tie rule for ids in row order).

usage: kcenter_peer.py DATA.f32 N D K START OUT_PREFIX
DATA.f32 is N*D little-endian float32, row-major. Writes OUT_PREFIX.<variant>.ids (one row index
per line) and prints one line per variant: "<variant> seconds=<s>", after a line
"bandwidth GB/s=<b>" measured by summing the matrix (best of 5).
Variants:
  direct  ((X - c)**2).sum(1) per step via einsum: the textbook form, float32
  gemv    |x|^2 - 2 X.c + |c|^2 with a BLAS matrix-vector product: fewer passes, other rounding
"""
import sys
import time

import numpy as np


def greedy(x, k, start, distances_to):
    n = x.shape[0]
    min_d = np.full(n, np.inf, dtype=np.float32)
    picked = [start]
    center = start
    for _ in range(k - 1):
        np.minimum(min_d, distances_to(center), out=min_d)
        min_d[picked[-1]] = -1.0  # taken rows never win again; min() keeps them at -1
        center = int(np.argmax(min_d))
        picked.append(center)
    return picked


def main():
    path, n, d, k, start, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
    variants = sys.argv[7].split(",") if len(sys.argv) > 7 else ["direct", "gemv"]
    x = np.fromfile(path, dtype="<f4").reshape(n, d)

    def direct(c):
        diff = x - x[c]
        return np.einsum("ij,ij->i", diff, diff)

    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        x.sum(dtype=np.float32)
        best = min(best, time.perf_counter() - t0)
    print(f"bandwidth GB/s={x.nbytes / best / 1e9:.2f}", flush=True)

    sq_norms = np.einsum("ij,ij->i", x, x)

    def gemv(c):
        return sq_norms - 2.0 * (x @ x[c]) + sq_norms[c]

    for name, fn in (("direct", direct), ("gemv", gemv)):
        if name not in variants:
            continue
        t0 = time.perf_counter()
        picked = greedy(x, k, start, fn)
        seconds = time.perf_counter() - t0
        with open(f"{out}.{name}.ids", "w") as f:
            f.write("\n".join(str(i) for i in picked) + "\n")
        print(f"{name} seconds={seconds:.3f}", flush=True)


if __name__ == "__main__":
    main()
