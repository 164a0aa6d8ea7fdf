"""A penalised regression spline whose smoothness is chosen by REML.

The correlation ratio Var(E[y | x]) / Var(y) needs E[y | x] estimated from the
clusters. This module fits it the way R's ``mgcv`` does by default for
``gam(y ~ s(x), method = "REML")``: a thin-plate regression spline of one
variable with basis dimension ``k = 10`` (Wood 2003), its one smoothing
parameter chosen by restricted maximum likelihood with the scale profiled out
(Wood 2011).

The basis, for the distinct values u_1 … u_q of x (all of them are knots):

* E_ij = |u_i − u_j|³ / 12, the thin-plate spline's radial function for one
  variable and second derivatives (its penalty is ∫ f''(x)² dx);
* E = U D Uᵀ, keep the ``k`` eigenvectors U_k of largest |eigenvalue|;
* T = [1, u], the functions the penalty leaves alone; the coefficients δ of
  U_k are restricted to Tᵀ U_k δ = 0 through an orthogonal basis Z of that
  null space;
* model matrix [U_k D_k Z, T] (rows repeated for tied x), penalty Zᵀ D_k Z on
  the first k − 2 coefficients.

With a thin QR decomposition X = QR and the eigen-decomposition
R⁻ᵀ S R⁻¹ = V diag(s) Vᵀ, every quantity is a sum over the k components of
z = (QV)ᵀ y, so the REML criterion

    V(ρ) = (n − M) log P(λ) + Σ_j log(1 + λ s_j) − r log λ,    λ = e^ρ,
    P(λ) = ‖y‖² − ‖Qᵀy‖² + Σ_j z_j² λ s_j / (1 + λ s_j)

(M = 2 unpenalised functions, r = k − 2 the rank of the penalty) is evaluated
for many responses at once: on a grid of ρ spanning no smoothing to a straight
line, then refined by golden-section search. An optimum at the grid's smooth
end is a straight line, as in ``mgcv``, where λ grows until the fit is linear.

The tests hold this against ``mgcv`` 1.8-41's fitted values on several data
sets, to 1e-4 in the correlation ratio.

References
----------
Wood, S. N. (2003). Thin plate regression splines. *J. R. Stat. Soc. B* 65(1),
95-114.

Wood, S. N. (2011). Fast stable restricted maximum likelihood and marginal
likelihood estimation of semiparametric generalized linear models. *J. R.
Stat. Soc. B* 73(1), 3-36.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["BASIS_DIMENSION", "reml_smooth"]

#: Basis dimension, ``mgcv``'s default for a smooth of one variable.
BASIS_DIMENSION = 10
#: Unpenalised functions: the constant and the straight line.
_NULL = 2
#: Grid points over log λ, and golden-section steps after the grid.
_GRID, _REFINE = 241, 48
#: λ s from "no smoothing" (every component kept) to "a straight line".
_LEAST, _MOST = 1e-4, 1e8


@dataclass(frozen=True)
class _Basis:
    """A fitted-once basis: the components and their penalty eigenvalues."""

    components: np.ndarray  # (n, k) columns Q V: orthonormal
    penalty: np.ndarray  # (k,) eigenvalues s_j >= 0 of R^-T S R^-1
    rank: int  # r: penalised components


def _basis(x: np.ndarray, k: int) -> _Basis:
    """Build the thin-plate regression spline basis of ``x`` (see the module text)."""
    knots, inverse = np.unique(x, return_inverse=True)
    knots = knots - knots.mean()
    k = min(k, len(knots))
    radial = np.abs(knots[:, None] - knots[None, :]) ** 3 / 12.0
    values, vectors = np.linalg.eigh(radial)
    keep = np.argsort(-np.abs(values), kind="stable")[:k]
    d, u = values[keep], vectors[:, keep]
    null = np.column_stack([np.ones(len(knots)), knots])
    q, _ = np.linalg.qr(u.T @ null, mode="complete")
    z = q[:, _NULL:]  # Tᵀ U_k z = 0
    at_knots = np.column_stack([u @ (d[:, None] * z), null])
    penalty = np.zeros((k, k))
    penalty[: k - _NULL, : k - _NULL] = z.T @ (d[:, None] * z)
    qx, rx = np.linalg.qr(at_knots[inverse])
    r_inv = np.linalg.inv(rx)
    s, v = np.linalg.eigh(r_inv.T @ penalty @ r_inv)
    s = np.where(s > s.max() * 1e-12, s, 0.0)
    return _Basis(components=qx @ v, penalty=s, rank=int((s > 0).sum()))


def _criterion(
    rho: np.ndarray, z2: np.ndarray, outside: np.ndarray, basis: _Basis, n: int
) -> np.ndarray:
    """Evaluate the REML criterion V(ρ) for every response (rows) at its ρ values."""
    lam = np.exp(rho)[..., None]  # (m, g, 1)
    ls = lam * basis.penalty
    pss = outside[:, None] + (z2[:, None, :] * ls / (1.0 + ls)).sum(axis=-1)
    pss = np.maximum(pss, np.finfo(float).tiny)
    return (
        (n - _NULL) * np.log(pss)
        + np.log1p(ls).sum(axis=-1)
        - basis.rank * np.log(lam[..., 0])
    )


def reml_smooth(x: np.ndarray, y: np.ndarray, k: int = BASIS_DIMENSION) -> np.ndarray:
    """Fitted values of a REML-chosen thin-plate regression spline of y on x.

    Parameters
    ----------
    x
        The covariate, ``(n,)``; at least 3 distinct values.
    y
        Responses, ``(m, n)``: each row is smoothed on ``x`` with its own
        smoothing parameter.
    k
        Basis dimension (``mgcv``'s ``k``), capped at the number of distinct
        values of ``x``.

    Returns
    -------
    numpy.ndarray
        ``(m, n)`` fitted values.

    Examples
    --------
    A straight line is smoothed to itself:

    >>> x = np.arange(12.0)
    >>> np.allclose(reml_smooth(x, 2 * x[None, :] + 1), 2 * x + 1)
    True
    """
    x = np.asarray(x, dtype=float)
    y = np.atleast_2d(np.asarray(y, dtype=float))
    if len(np.unique(x)) < _NULL + 1:
        raise ValueError("a smooth needs at least 3 distinct values of x")
    basis = _basis(x, k)
    n = len(x)
    z = y @ basis.components  # (m, k)
    z2 = z**2
    outside = np.maximum((y**2).sum(axis=1) - z2.sum(axis=1), 0.0)
    positive = basis.penalty[basis.penalty > 0]
    if len(positive) == 0:  # nothing to smooth: the fit is the projection
        return z @ basis.components.T
    lo, hi = np.log(_LEAST / positive.max()), np.log(_MOST / positive.min())
    grid = np.linspace(lo, hi, _GRID)
    values = _criterion(np.broadcast_to(grid, (len(y), _GRID)), z2, outside, basis, n)
    best = values.argmin(axis=1)
    a = grid[np.maximum(best - 1, 0)]
    b = grid[np.minimum(best + 1, _GRID - 1)]
    golden = (np.sqrt(5.0) - 1.0) / 2.0
    for _ in range(_REFINE):  # golden-section search inside each bracket
        c, d = b - golden * (b - a), a + golden * (b - a)
        fc = _criterion(c[:, None], z2, outside, basis, n)[:, 0]
        fd = _criterion(d[:, None], z2, outside, basis, n)[:, 0]
        left = fc <= fd
        b = np.where(left, d, b)
        a = np.where(left, a, c)
    shrink = 1.0 / (1.0 + np.exp((a + b) / 2.0)[:, None] * basis.penalty)
    line = (best == _GRID - 1)[:, None]  # the straight-line end: no wiggle left
    shrink = np.where(line & (basis.penalty > 0), 0.0, shrink)
    return (z * shrink) @ basis.components.T
