"""The solvers behind ``scripts/fit_resolver.py``: they recover weights from data drawn from
a known model (seeded), and the shipped weights file says where every weight came from."""

from __future__ import annotations

import json

import numpy as np
import pytest

from geo.text import scoring as sc
from geo.text._fit import fit_logistic, fit_ranking


def test_conditional_logit_recovers_known_weights():
    rng = np.random.default_rng(7)
    true = np.array([1.5, -2.0, 0.5])
    X, y, group = [], [], []
    for g in range(4000):
        n = int(rng.integers(2, 8))
        x = rng.normal(size=(n, 3))
        p = np.exp(x @ true)
        p /= p.sum()
        pick = rng.choice(n, p=p)
        X.append(x)
        y.append(np.eye(n)[pick])
        group.append(np.full(n, g))
    w = fit_ranking(np.vstack(X), np.concatenate(y), np.concatenate(group), l2=0.01)
    assert np.allclose(w, true, atol=0.15), w


def test_conditional_logit_with_several_right_candidates():
    # one name, two right candidates (x = 1) and a wrong one (x = 0), ridge 1: the objective
    # log(2e^w / (2e^w + 1)) - w^2/2 is largest where 1 / (2e^w + 1) = w (about 0.275)
    X = np.array([[1.0], [1.0], [0.0]])
    y = np.array([1.0, 1.0, 0.0])
    w = fit_ranking(X, y, np.zeros(3, dtype=int), l2=1.0)[0]
    assert 1 / (2 * np.exp(w) + 1) == pytest.approx(w, abs=1e-5)
    assert 0.27 < w < 0.28


def test_logistic_regression_recovers_known_weights():
    rng = np.random.default_rng(11)
    true = np.array([-0.5, 2.0, -1.0])
    C = np.column_stack([np.ones(20000), rng.normal(size=(20000, 2))])
    c = (rng.random(20000) < 1 / (1 + np.exp(-C @ true))).astype(float)
    w = fit_logistic(C, c, l2=0.01)
    assert np.allclose(w, true, atol=0.1), w


def test_the_shipped_weights_say_where_they_came_from():
    data = json.loads(sc.WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert data["fitted_by"] == "scripts/fit_resolver.py"
    assert set(data["ranking"]) == set(sc.RANKING_NAMES)
    assert set(data["confidence"]) == set(sc.CONFIDENCE_NAMES)
    assert data["data"] and data["cross_validated"]["folds"] >= 2
    assert 0.0 <= data["accept"] < 1.0
    w = sc.fitted()
    assert w.ranking.shape == (len(sc.RANKING_NAMES),)


def test_a_weights_file_missing_a_feature_is_refused():
    data = json.loads(sc.WEIGHTS_FILE.read_text(encoding="utf-8"))
    del data["ranking"]["proximity"]
    with pytest.raises(ValueError, match="proximity"):
        sc.Weights.from_dict(data, source="test")


def test_weights_count_like_repeated_rows():
    rng = np.random.default_rng(3)
    C = np.column_stack([np.ones(300), rng.normal(size=300)])
    c = (rng.random(300) < 0.4).astype(float)
    twice = np.r_[np.ones(100) * 2, np.ones(200)]
    doubled = fit_logistic(np.vstack([C, C[:100]]), np.r_[c, c[:100]])
    assert np.allclose(fit_logistic(C, c, weight=twice), doubled, atol=1e-6)
    X = rng.normal(size=(90, 2))
    group = np.repeat(np.arange(30), 3)
    y = np.tile([1.0, 0.0, 0.0], 30)
    w2 = np.repeat(np.r_[np.full(10, 2.0), np.ones(20)], 3)
    rep = fit_ranking(np.vstack([X, X[:30]]), np.r_[y, y[:30]],
                      np.r_[group, group[:30] + 100])
    assert np.allclose(fit_ranking(X, y, group, weight=w2), rep, atol=1e-5)
