#!/usr/bin/env python3
"""An independent NumPy implementation of the lab's RNN training, float64, to hold rnnlab's numeric engine
against: the lab's SimpleRNN written the lab's way (column vectors, one time step at a time, BPTT).

Modes:
  per-sequence  the lab's NumPy loop: sequences in file order, one SGD update per sequence, gradients summed
                over its steps, each gradient tensor clipped on its own to norm <= clip-norm; the sequence's
                loss is the mean BCE over its steps, the epoch's loss the mean over sequences.
  minibatch     the lab's PyTorch loop with a fixed order: consecutive batches of batch-size sequences in file
                order (the last one partial), loss and gradient the mean BCE over the batch's real steps, the
                loss as PyTorch's nn.BCELoss computes it (no epsilon, each log clamped at -100)
                (lengths.npy gives each sequence's length; steps past it are padding), per-tensor clipping
                as above, SGD; the epoch's loss is the mean of the batch losses.

Usage: lab_reference.py --data DIR --init-weights DIR --out DIR [--mode per-sequence|minibatch] [--lr X]
                        [--epochs N] [--clip-norm X] [--batch-size N]
Reads DIR/X.npy, DIR/y.npy (N, T, 1) and optionally DIR/lengths.npy (N,); weights LW_11 (S1,S1),
IW_11 (S1,1), b_1 (S1,1), LW_21 (1,S1), b_2 (1,1). Writes OUT/loss_curve.npy and the final weights as
OUT/NAME.npy.
"""
import argparse
import os

import numpy as np

EPS = 1e-7
NAMES = ("LW_11", "IW_11", "b_1", "LW_21", "b_2")


def sigmoid(n):
    n = np.clip(n, -500.0, 500.0)
    e = np.exp(-np.abs(n))
    return np.where(n >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def bce(a, t):
    return -(t * np.log(a + EPS) + (1.0 - t) * np.log(1.0 - a + EPS))


def torch_bce(a, t):
    """PyTorch's nn.BCELoss per element (the lab's PyTorch loop): no epsilon, each log clamped at -100."""
    with np.errstate(divide="ignore"):
        return -(t * np.maximum(np.log(a), -100.0) + (1.0 - t) * np.maximum(np.log(1.0 - a), -100.0))


def clip_per_tensor(grads, max_norm):
    for g in grads.values():
        norm = np.linalg.norm(g)
        if norm > max_norm:
            g *= max_norm / norm


def sequence_gradients(w, p, t):
    """Forward and BPTT over one sequence p, t of shape (T,): summed gradients and the mean loss."""
    s1 = w["LW_11"].shape[0]
    a1 = [np.zeros((s1, 1))]
    a2 = []
    for x in p:
        a1.append(np.tanh(w["LW_11"] @ a1[-1] + w["IW_11"] * x + w["b_1"]))
        a2.append(sigmoid(w["LW_21"] @ a1[-1] + w["b_2"]))
    g = {k: np.zeros_like(v) for k, v in w.items()}
    da1_next = np.zeros((s1, 1))
    loss = 0.0
    for k in reversed(range(len(p))):
        loss += bce(a2[k][0, 0], t[k])
        dn2 = a2[k] - t[k]
        g["LW_21"] += dn2 @ a1[k + 1].T
        g["b_2"] += dn2
        dz = (w["LW_21"].T @ dn2 + da1_next) * (1.0 - a1[k + 1] ** 2)
        g["b_1"] += dz
        g["IW_11"] += dz * p[k]
        g["LW_11"] += dz @ a1[k].T
        da1_next = w["LW_11"].T @ dz
    return g, loss / len(p)


def batch_gradients(w, X, Y, lengths):
    """Forward and BPTT over a padded batch X, Y of shape (B, T) with masks: mean gradients and loss."""
    b, steps = X.shape
    s1 = w["LW_11"].shape[0]
    mask = (np.arange(steps)[None, :] < lengths[:, None]).astype(np.float64)
    real = mask.sum()
    a1 = [np.zeros((s1, b))]
    a2 = []
    for k in range(steps):
        a1.append(np.tanh(w["LW_11"] @ a1[-1] + w["IW_11"] * X[None, :, k] + w["b_1"]))
        a2.append(sigmoid(w["LW_21"] @ a1[-1] + w["b_2"]))
    g = {k: np.zeros_like(v) for k, v in w.items()}
    da1_next = np.zeros((s1, b))
    loss = 0.0
    for k in reversed(range(steps)):
        m = mask[None, :, k]
        loss += np.sum(torch_bce(a2[k], Y[None, :, k]) * m)
        dn2 = (a2[k] - Y[None, :, k]) * m / real
        g["LW_21"] += dn2 @ a1[k + 1].T
        g["b_2"] += dn2.sum(axis=1, keepdims=True)
        dz = (w["LW_21"].T @ dn2 + da1_next) * (1.0 - a1[k + 1] ** 2)
        g["b_1"] += dz.sum(axis=1, keepdims=True)
        g["IW_11"] += (dz * X[None, :, k]).sum(axis=1, keepdims=True)
        g["LW_11"] += dz @ a1[k].T
        da1_next = w["LW_11"].T @ dz
    return g, loss / real


def train(w, X, Y, lengths, mode, lr, epochs, clip_norm, batch_size):
    curve = []
    n = X.shape[0]
    for _ in range(epochs):
        losses = []
        per = 1 if mode == "per-sequence" else batch_size
        for start in range(0, n, per):
            if mode == "per-sequence":
                length = lengths[start]
                g, loss = sequence_gradients(w, X[start, :length], Y[start, :length])
            else:
                sl = slice(start, min(start + per, n))
                steps = lengths[sl].max()
                g, loss = batch_gradients(w, X[sl, :steps], Y[sl, :steps], lengths[sl])
            clip_per_tensor(g, clip_norm)
            for k in w:
                w[k] -= lr * g[k]
            losses.append(loss)
        curve.append(np.mean(losses))
    return np.array(curve)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True)
    ap.add_argument("--init-weights", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--mode", choices=("per-sequence", "minibatch"), default="per-sequence")
    ap.add_argument("--lr", type=float, default=0.1)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--clip-norm", type=float, default=5.0)
    ap.add_argument("--batch-size", type=int, default=16)
    args = ap.parse_args()
    X = np.load(os.path.join(args.data, "X.npy")).astype(np.float64).reshape(-1, np.load(
        os.path.join(args.data, "X.npy")).shape[1])
    Y = np.load(os.path.join(args.data, "y.npy")).astype(np.float64).reshape(X.shape)
    lengths_file = os.path.join(args.data, "lengths.npy")
    if os.path.exists(lengths_file):
        lengths = np.load(lengths_file).astype(np.int64)
    else:
        lengths = np.full(X.shape[0], X.shape[1], dtype=np.int64)
    w = {}
    for k in NAMES:
        a = np.load(os.path.join(args.init_weights, k + ".npy")).astype(np.float64)
        w[k] = a.reshape(a.shape[0], -1) if a.ndim == 1 else a.copy()
    curve = train(w, X, Y, lengths, args.mode, args.lr, args.epochs, args.clip_norm, args.batch_size)
    os.makedirs(args.out, exist_ok=True)
    np.save(os.path.join(args.out, "loss_curve.npy"), curve)
    for k in NAMES:
        np.save(os.path.join(args.out, k + ".npy"), w[k])


if __name__ == "__main__":
    main()
