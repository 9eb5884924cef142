"""Small numpy solvers for the resolver's weights (used by ``scripts/fit_resolver.py``).

Both maximise a penalised log-likelihood by Newton steps with backtracking; twenty-odd
features and ~10^4 rows need nothing heavier (no scipy or scikit-learn dependency).
"""

from __future__ import annotations

import numpy as np


def fit_ranking(X: np.ndarray, y: np.ndarray, group: np.ndarray, *, l2: float = 1.0,
                start: np.ndarray | None = None, max_steps: int = 100,
                weight: np.ndarray | None = None) -> np.ndarray:
    """Conditional logit: weights ``w`` maximising the sum over groups of
    log P(a right candidate) - l2/2 |w|^2, where P is the softmax of ``X @ w`` in a group.

    ``group`` numbers the rows' groups (a group's rows contiguous); ``y`` is 1 for the right
    candidates (one or more per group). The Newton matrix is the Fisher information of the
    softmax, which is positive definite, and each step is halved until the objective grows.
    ``weight`` (one per row, equal within a group) weighs each group's log-likelihood.
    """
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    ids = np.cumsum(np.r_[True, group[1:] != group[:-1]]) - 1
    gw = np.ones(len(starts)) if weight is None else np.asarray(weight, dtype=float)[starts]
    rw = gw[ids]

    def objective(w: np.ndarray):
        s = X @ w
        top = np.maximum.reduceat(s, starts)[ids]
        e = np.exp(s - top)
        z_all = np.add.reduceat(e, starts)
        z_pos = np.add.reduceat(e * y, starts)
        ll = float(np.sum(gw * (np.log(z_pos) - np.log(z_all))))
        return ll - l2 / 2 * float(w @ w), e, z_all, z_pos

    w = np.zeros(X.shape[1]) if start is None else start.astype(float).copy()
    value, e, z_all, z_pos = objective(w)
    for _ in range(max_steps):
        p = e / z_all[ids]
        q = e * y / z_pos[ids]
        grad = X.T @ (rw * (q - p)) - l2 * w
        m = np.add.reduceat(p[:, None] * X, starts)
        fisher = X.T @ ((rw * p)[:, None] * X) - m.T @ (gw[:, None] * m) + l2 * np.eye(len(w))
        step = np.linalg.solve(fisher, grad)
        t = 1.0
        while True:
            trial = objective(w + t * step)
            if trial[0] >= value or t < 1e-4:
                break
            t /= 2
        if trial[0] < value:
            break
        gain = trial[0] - value
        w = w + t * step
        value, e, z_all, z_pos = trial
        if gain < 1e-7:
            break
    return w


def fit_logistic(C: np.ndarray, c: np.ndarray, *, l2: float = 1.0, max_steps: int = 50,
                 weight: np.ndarray | None = None) -> np.ndarray:
    """Logistic regression by Newton steps (IRLS); the ridge spares column 0, the bias.
    ``weight`` weighs each row's log-likelihood."""
    rw = np.ones(len(c)) if weight is None else np.asarray(weight, dtype=float)
    w = np.zeros(C.shape[1])
    ridge = l2 * np.eye(C.shape[1])
    ridge[0, 0] = 0.0
    for _ in range(max_steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(C @ w, -30, 30)))
        grad = C.T @ (rw * (c - p)) - ridge @ w
        hess = C.T @ ((rw * p * (1 - p))[:, None] * C) + ridge + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w = w + step
        if np.abs(step).max() < 1e-8:
            break
    return w
