"""Nominal weights vs real importance of the significance classes.

A class's nominal weight is not its influence on the ranking: a class whose
points barely differ between clusters decides little whatever its weight, and
correlated classes share their influence. Following Paruolo, Saisana and
Saltelli (2013) and Becker et al. (2017), the *importance* of class i is how
much of the composite score's variation across clusters it explains:

================== ===========================================================
method             importance of class i (y = the weighted score, x_i = the
                   class points, over the clusters)
================== ===========================================================
``pearson``        squared Pearson correlation r²(x_i, y): the linear
                   approximation of the first-order sensitivity index
``spearman``       squared Spearman rank correlation ρ²(x_i, y)
``kendall``        squared Kendall rank correlation τ²(x_i, y)
``ratio``          the correlation ratio Var(E[y | x_i]) / Var(y), E[y | x_i]
                   estimated by a thin-plate regression spline whose
                   smoothness is chosen by REML, as R's ``mgcv`` does by
                   default (:func:`~ecei_analysis.sensitivity.smoothing.reml_smooth`;
                   held to ``mgcv``'s values in the tests). It needs at least
                   5 distinct values of x_i; below 50 a smoother's estimate
                   is indicative only (a :class:`UserWarning` says so; see
                   ``RATIO_ROUGH``).
================== ===========================================================

Importances are compared as shares (each divided by their sum) with the weight
shares. With independent classes r²(x_i, y) = w_i² Var(x_i) / Var(y), so a
class's importance grows with the square of its weight times its variance.

:func:`weights_for_importance` finds the weights whose importance shares match a
target (``balance``: least squares between the shares), or that maximise the
total importance (``infomax``), on the simplex or within the ordered region. It
scans a fine grid of the weight simplex, then refines the best points with
:func:`scipy.optimize.minimize` (Nelder-Mead on a log-ratio parametrisation,
from fixed starting points, so the result is deterministic), and reports the
achieved shares, the residual and whether the target is reachable.

References
----------
Paruolo, P., Saisana, M. and Saltelli, A. (2013). Ratings and rankings: voodoo
or science? *J. R. Stat. Soc. A* 176(3), 609-634.

Becker, W., Saisana, M., Paruolo, P. and Vandecasteele, I. (2017). Weights and
importance in composite indicators: Closing the gap. *Ecological Indicators*
80, 12-22.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd
from scipy.optimize import minimize

from ..core.checks import one_of
from ..core.errors import EceiDataError
from ..core.i18n import pgettext
from ..core.results import Result
from ..core.tolerances import EPS
from ..scoring.points import check_points
from ..scoring.weights import WeightsLike, takes_weights
from .smoothing import reml_smooth

__all__ = [
    "IMPORTANCE_METHODS",
    "ImportanceResult",
    "MatchedWeights",
    "class_importance",
    "weights_for_importance",
]

#: The importance measures (see the module docstring).
IMPORTANCE_METHODS = ("pearson", "spearman", "kendall", "ratio")
#: Fewest distinct class values for the correlation ratio; below ROUGH, a warning.
#: On few clusters the smoother's choice decides much: on the 19 bundled clusters
#: at 3:2:1 the REML spline (as ``mgcv``) gives 0.72 / 0.78 / 0.10, a GCV-chosen
#: smoothing spline 0.86 / 0.99 / 0.45 and R's ``smooth.spline`` 0.76 / 1.00 / 0.10.
RATIO_MIN, RATIO_ROUGH = 5, 50
#: Largest gap between achieved and target shares still called "reached".
REACHED = 0.01
#: Grid steps per side of the simplex, starts refined and iterations per start.
_SEARCH = {
    "pearson": (120, 5, 4000),
    "spearman": (60, 6, 1500),
    "kendall": (60, 6, 1500),
    "ratio": (20, 2, 300),
}


def _pearson_squared(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """r² of every column of ``x`` (n, k) with every row of ``y`` (m, n); 0 if flat."""
    xc = x - x.mean(axis=0)
    yc = y - y.mean(axis=1, keepdims=True)
    sx = np.sqrt((xc**2).sum(axis=0))
    sy = np.sqrt((yc**2).sum(axis=1))
    with np.errstate(invalid="ignore", divide="ignore"):
        r = (yc @ xc) / (sy[:, None] * sx[None, :])
    return np.where(np.isfinite(r), np.minimum(r**2, 1.0), 0.0)


def _kendall_squared(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Kendall τ_b² of every column of ``x`` with every row of ``y``, in blocks."""
    i, j = np.triu_indices(len(x), 1)
    sx = np.sign(x[j] - x[i])  # (pairs, k)
    nx = (sx != 0).sum(axis=0)
    out = np.zeros((len(y), x.shape[1]))
    block = max(1, 2**22 // max(1, len(i)))
    for start in range(0, len(y), block):
        sy = np.sign(y[start : start + block, j] - y[start : start + block, i])
        ny = (sy != 0).sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            tau = (sy @ sx) / np.sqrt(ny[:, None] * nx[None, :])
        out[start : start + block] = np.where(np.isfinite(tau), tau**2, 0.0)
    return out


def _ratio(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Correlation ratios by a REML-chosen spline of each row of ``y`` on ``x``."""
    out = np.zeros((len(y), x.shape[1]))
    spread = y.var(axis=1)
    rows = np.flatnonzero(spread > 0)
    for i in range(x.shape[1]):
        if len(np.unique(x[:, i])) < RATIO_MIN or len(rows) == 0:
            continue
        fitted = reml_smooth(x[:, i], y[rows])
        out[rows, i] = np.minimum(1.0, fitted.var(axis=1) / spread[rows])
    return out


def _importances(matrix: np.ndarray, weights: np.ndarray, method: str) -> np.ndarray:
    """Raw importances ``(m, k)`` of the classes for ``m`` weight rows."""
    y = weights @ matrix.T  # (m, n)
    if method == "pearson":
        return _pearson_squared(matrix, y)
    if method == "spearman":
        from scipy import stats

        return _pearson_squared(
            stats.rankdata(matrix, axis=0), stats.rankdata(y, axis=1)
        )
    if method == "kendall":
        return _kendall_squared(matrix, y)
    return _ratio(matrix, y)


def _shares(raw: np.ndarray) -> np.ndarray:
    total = raw.sum(axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, raw / total, np.nan)


def _check_method(points: pd.DataFrame, method: str) -> str:
    method = one_of(method, "method", IMPORTANCE_METHODS)
    varying = [c for c in points.columns if np.ptp(points[c].to_numpy(float)) > 0]
    if method == "ratio" and varying:  # a constant class simply has importance 0
        distinct = min(len(np.unique(points[c])) for c in varying)
        if distinct < RATIO_MIN:
            raise EceiDataError(
                pgettext(
                    "error",
                    "the correlation ratio needs at least {least} distinct class "
                    "values, a class here has {distinct}; use method='pearson'",
                ).format(least=RATIO_MIN, distinct=distinct)
            )
        if distinct < RATIO_ROUGH:
            warnings.warn(
                pgettext(
                    "warning",
                    "a class has only {distinct} distinct values: the correlation "
                    "ratio is estimated by a smoother from so few points and is "
                    "indicative only below {rough} (on the 19 bundled clusters two "
                    "standard smoothers differ by up to 0.22); compare with "
                    "method='pearson'",
                ).format(distinct=distinct, rough=RATIO_ROUGH),
                UserWarning,
                stacklevel=4,  # the caller of the public (decorated) function
            )
    return method


@dataclass(frozen=True)
class ImportanceResult(Result):
    """Results of :func:`class_importance`.

    Attributes
    ----------
    table
        One row per class: ``weight`` (the nominal share), ``importance`` (the
        raw measure), ``importance_share`` (importances as shares) and
        ``ratio`` (importance share / weight share; NaN for a zero weight).
    """

    table: pd.DataFrame

    def tidy(self) -> pd.DataFrame:
        """One row per class and quantity."""
        out = self.table.rename_axis("class").reset_index()
        return out.melt(id_vars="class", var_name="quantity", value_name="value")


@takes_weights
def class_importance(
    points: pd.DataFrame, weights: WeightsLike, *, method: str = "pearson"
) -> ImportanceResult:
    """Measure each class's real importance for the ranking beside its weight.

    Parameters
    ----------
    points
        Clusters × classes (:func:`~ecei_analysis.class_points`); at least 3
        clusters.
    weights
        The nominal weights, in any accepted form.
    method
        ``pearson`` (default), ``spearman``, ``kendall`` or ``ratio`` (see the
        module docstring).

    Returns
    -------
    ImportanceResult

    Examples
    --------
    >>> pts = pd.DataFrame({"very_important": [1.0, 2, 3, 4],
    ...                     "important": [5.0, 5, 5, 5]})
    >>> class_importance(pts, "1:1").table["importance_share"].tolist()
    [1.0, 0.0]
    """
    points = check_points(points)
    if len(points) < 3:
        raise EceiDataError(
            f"importance needs at least 3 clusters to correlate, got {len(points)}"
        )
    method = _check_method(points, method)
    classes = list(points.columns)
    share = weights.shares.vector_for(classes)
    raw = _importances(points.to_numpy(float), share[None, :], method)[0]
    importance_share = _shares(raw)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(share > 0, importance_share / share, np.nan)
    table = pd.DataFrame(
        {
            "weight": share,
            "importance": raw,
            "importance_share": importance_share,
            "ratio": ratio,
        },
        index=pd.Index(classes, name="class"),
    )
    return ImportanceResult(
        table=table,
        parameters={
            "method": method,
            "weights": weights.to_dict(),
            "clusters": len(points),
        },
    )


@dataclass(frozen=True)
class MatchedWeights(Result):
    """Results of :func:`weights_for_importance`.

    Attributes
    ----------
    weights
        The weights found (shares, summing to 1), by class.
    achieved
        Their importance shares.
    target
        The target importance shares (``balance``), or ``None`` (``infomax``).
    residual
        Largest gap between achieved and target shares (``balance``), else 0.
    reachable
        Whether the target is met within :data:`REACHED` (``infomax``: True).
    reason
        Why not, when it is not: ``"constant_class"`` (a class the target
        wants has the same points for every cluster) or ``"beyond_reach"`` (no
        weighting in the region gives the shares; ``closest`` is the nearest).
    """

    weights: pd.Series
    achieved: pd.Series
    target: pd.Series | None
    residual: float
    reachable: bool
    reason: str | None = None

    def tidy(self) -> pd.DataFrame:
        """One row per class: weight, achieved share and target share."""
        return (
            pd.DataFrame(
                {
                    "weight": self.weights,
                    "achieved": self.achieved,
                    "target": self.target if self.target is not None else np.nan,
                }
            )
            .rename_axis("class")
            .reset_index()
        )


def _simplex_grid(k: int, steps: int) -> np.ndarray:
    """Every weight vector with entries in multiples of 1/steps (k classes)."""
    rows = []
    for cuts in combinations(range(steps + k - 1), k - 1):
        parts = np.diff([-1, *cuts, steps + k - 1]) - 1
        rows.append(parts / steps)
    return np.array(rows)


def _in_order(w: np.ndarray) -> np.ndarray:
    return np.all(np.diff(w, axis=-1) <= EPS, axis=-1)


@takes_weights
def weights_for_importance(
    points: pd.DataFrame,
    target: WeightsLike | None = None,
    *,
    method: str = "pearson",
    optimiser: str = "balance",
    ordered: bool = False,
) -> MatchedWeights:
    """Find the weights whose importance shares match ``target`` (or are largest).

    Parameters
    ----------
    points
        Clusters × classes.
    target
        Target importance ratios in any weights form (``"3:2:1"``); needed for
        ``balance``, ignored by ``infomax``.
    method
        The importance measure (see :func:`class_importance`).
    optimiser
        ``balance``: least squares between achieved and target shares;
        ``infomax``: the largest total importance.
    ordered
        Search only the ordered region (very important ≥ important ≥ not so
        important).

    Returns
    -------
    MatchedWeights

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> pts = pd.DataFrame(rng.normal(size=(30, 3)) * [1.0, 2.0, 3.0],
    ...     columns=["very_important", "important", "not_so_important"])
    >>> m = weights_for_importance(pts, "1:1:1")
    >>> m.reachable, bool(m.residual < 0.01)
    (True, True)
    """
    points = check_points(points)
    if len(points) < 3:
        raise EceiDataError(
            f"importance needs at least 3 clusters to correlate, got {len(points)}"
        )
    method = _check_method(points, method)
    optimiser = one_of(optimiser, "optimiser", ("balance", "infomax"))
    classes = list(points.columns)
    k = len(classes)
    matrix = points.to_numpy(float)
    goal = None
    if optimiser == "balance":
        if target is None:
            raise EceiDataError("optimiser='balance' needs a target, e.g. '3:2:1'")
        goal = target.shares.vector_for(classes)

    def loss(w: np.ndarray) -> np.ndarray:
        shares = _shares(_importances(matrix, w, method))
        if goal is None:
            return -_importances(matrix, w, method).sum(axis=1)
        return np.where(
            np.isnan(shares).any(axis=1), np.inf, ((shares - goal) ** 2).sum(axis=1)
        )

    steps, n_starts, iterations = _SEARCH[method]
    steps = max(6, steps // (k - 2)) if k > 3 else steps
    grid = _simplex_grid(k, steps)
    if ordered:
        grid = grid[_in_order(grid)]
    values = loss(grid)
    starts = grid[np.argsort(values, kind="stable")[:n_starts]]

    def to_weights(z: np.ndarray) -> np.ndarray:
        e = np.exp(np.concatenate([[0.0], z]) - max(0.0, float(np.max(z))))
        w = e / e.sum()
        return np.sort(w)[::-1] if ordered else w

    best_w, best = starts[0], float(loss(starts[:1])[0])
    for start in starts:
        floor = np.maximum(start, 1e-9)
        floor = floor / floor.sum()
        z0 = np.log(floor[1:] / floor[0])
        found = minimize(
            lambda z: float(loss(to_weights(z)[None, :])[0]),
            z0,
            method="Nelder-Mead",
            options={"xatol": 1e-8, "fatol": 1e-14, "maxiter": iterations},
        )
        w = to_weights(found.x)
        value = float(loss(w[None, :])[0])
        if value < best - 1e-15:
            best_w, best = w, value
    raw = _importances(matrix, best_w[None, :], method)[0]
    achieved = _shares(raw)
    residual = 0.0 if goal is None else float(np.nanmax(np.abs(achieved - goal)))
    reachable = goal is None or residual <= REACHED
    reason = None
    if not reachable:
        constant = [
            c
            for j, c in enumerate(classes)
            if goal[j] > 0 and np.ptp(matrix[:, j]) == 0
        ]
        reason = "constant_class" if constant else "beyond_reach"
    index = pd.Index(classes, name="class")
    return MatchedWeights(
        weights=pd.Series(best_w, index=index, name="weight"),
        achieved=pd.Series(achieved, index=index, name="achieved"),
        target=None if goal is None else pd.Series(goal, index=index, name="target"),
        residual=residual,
        reachable=bool(reachable),
        reason=reason,
        parameters={
            "method": method,
            "optimiser": optimiser,
            "ordered": ordered,
            "grid_steps": steps,
            "reached_within": REACHED,
        },
    )
