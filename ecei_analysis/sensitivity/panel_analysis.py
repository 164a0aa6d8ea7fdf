"""What the panel's votes imply: each participant's ranking, consensus, disagreement.

* **Each participant's ranking**: the clusters' places under the weighting each
  vote stands for (a ranking vote: the centre of its region; see
  :mod:`~ecei_analysis.data.panel_votes`).
* **Consensus**: SMAA-2 over the panel's empirical distribution: each draw is
  one participant's vote picked at random, a weighting for weights and points,
  a uniform point of the ordered region for a ranking. The rank acceptability
  is then the share of the panel (and of each ranking's region) that puts a
  cluster at each place.
* **Smoothed consensus**: the same over a mixture of Dirichlet laws, one around
  each vote's weighting with concentration κ: what the panel's views imply when
  each view is held with some latitude (larger κ: less latitude). Classes a
  participant weighted 0 stay at 0 (the face neighbourhood, as for the
  ``dirichlet`` sampler).
* **Disagreement**: for every cluster the best and worst place over the
  participants' weightings and who gives them; a cluster whose place differs
  depends on whose weights are used.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..core.defaults import DEFAULT_SEED
from ..core.errors import EceiDataError
from ..core.results import Result
from ..core.seeds import SeedLike, spawn_generators
from ..core.tolerances import EPS
from ..core.vocabulary import MONTE_CARLO_TIES, Ties, check_ties
from ..data.panel_votes import Panel
from ..scoring.points import check_points
from ..scoring.ranks import rank_matrix
from .samplers import (
    DirichletSampler,
    MixtureSampler,
    RegionSampler,
    Sampler,
)
from .smaa import SmaaResult, smaa

__all__ = [
    "PanelResult",
    "analyse_panel",
    "panel_places",
    "panel_sampler",
]


def _check_panel(points: pd.DataFrame, panel: Panel) -> pd.DataFrame:
    points = check_points(points)
    if not isinstance(panel, Panel):
        raise EceiDataError("panel must be a Panel (see load_panel)")
    if list(panel.classes) != [str(c) for c in points.columns]:
        raise EceiDataError(
            f"the panel voted on {panel.classes}, the study's classes are "
            f"{list(points.columns)}; load the panel with the study's classes"
        )
    return points


def panel_sampler(panel: Panel, concentration: float | None = None) -> Sampler:
    """Return the panel's votes as a weight measure (one component per vote).

    Parameters
    ----------
    panel
        From :func:`~ecei_analysis.load_panel`.
    concentration
        ``None``: the empirical distribution (a weighting per weights/points
        vote, the uniform law on its region per ranking). A number κ: a
        Dirichlet around each vote's weighting (see the module docstring).

    Returns
    -------
    MixtureSampler
    """
    classes = tuple(panel.classes)
    centres = panel.weights.to_numpy() if concentration is not None else None
    components = []
    for k, participant in enumerate(panel.participants):
        if concentration is None:
            components.append(
                RegionSampler(
                    classes=classes,
                    vertices=tuple(map(tuple, panel.region(participant))),
                    label="vote",
                )
            )
        else:
            components.append(
                DirichletSampler(
                    classes=classes,
                    nominal=centres[k],
                    concentration=concentration,
                )
            )
    return MixtureSampler(classes=classes, components=tuple(components), label="votes")


def _consensus_acceptability(
    panel: Panel, places: pd.DataFrame, consensus
) -> pd.DataFrame:
    """Each cluster's chance of each place when one vote is drawn at random.

    Exact from the votes themselves when every vote is one weighting (weights or
    points): the share of the votes giving the place. With ranking votes (each a
    region of weightings) the Monte Carlo acceptability of ``consensus``.
    """
    if set(panel.forms) - {"weights", "points"}:
        return consensus.acceptability
    n = len(places)
    shares = places.apply(lambda row: row.value_counts(normalize=True), axis=1).reindex(
        columns=range(1, n + 1)
    )
    shares.columns = consensus.acceptability.columns
    return shares.fillna(0.0)


def panel_places(
    points: pd.DataFrame, panel: Panel, *, ties: Ties = "min", tol: float | None = None
) -> pd.DataFrame:
    """Places of every cluster under each participant's weighting.

    Parameters
    ----------
    points
        Clusters × classes (:func:`~ecei_analysis.class_points`).
    panel
        The votes.
    ties
        ``min`` (default: 1 + clusters strictly ahead, so places compare across
        weightings) or ``dense``.

    Returns
    -------
    pandas.DataFrame
        Clusters × participants (whole places).

    Examples
    --------
    >>> from ecei_analysis.data.panel_votes import Panel
    >>> pts = pd.DataFrame([[2.0, 0.0], [0.0, 1.0]], index=["a", "b"],
    ...                    columns=["very_important", "important"])
    >>> votes = pd.DataFrame([[1.0, 1.0], [1.0, 3.0]], index=["Ann", "Bo"],
    ...                      columns=pts.columns)
    >>> panel = Panel(votes, pd.Series(["weights", "weights"], index=votes.index))
    >>> panel_places(pts, panel).to_dict()
    {'Ann': {'a': 1, 'b': 2}, 'Bo': {'a': 2, 'b': 1}}
    """
    points = _check_panel(points, panel)
    ties = check_ties(ties, MONTE_CARLO_TIES)
    weights = panel.weights.to_numpy()
    scores = weights @ points.to_numpy(float).T
    ranks = rank_matrix(scores, ties=ties, tol=tol).T
    return pd.DataFrame(
        ranks.astype(int), index=points.index, columns=panel.votes.index
    )


@dataclass(frozen=True)
class PanelResult(Result):
    """Results of :func:`analyse_panel`.

    Attributes
    ----------
    places
        Clusters × participants: each cluster's place under each vote.
    spread
        Per cluster: ``best``, ``worst``, ``range`` (worst − best), ``best_by``
        and ``worst_by`` (the participants giving them, as lists),
        ``consensus_place`` (the most likely place under the consensus; the
        best of equally likely places), ``consensus_share`` (its probability)
        and ``consensus_places`` (every place exactly as likely). With
        weight votes only these are exact, counted over the votes; with
        ranking votes they come from the consensus draws.
    weights
        Participants × classes: the weighting of each vote (normalised).
    consensus
        SMAA-2 over the panel's empirical distribution.
    smoothed
        SMAA-2 over the smoothed mixture, or ``None``.
    """

    places: pd.DataFrame
    spread: pd.DataFrame
    weights: pd.DataFrame
    consensus: SmaaResult
    smoothed: SmaaResult | None = None

    @property
    def contested(self) -> pd.Index:
        """Clusters whose place depends on whose weights are used."""
        return self.spread.index[self.spread["range"] > 0]

    def tidy(self) -> pd.DataFrame:
        """One row per cluster and participant: the place."""
        out = self.places.stack().rename("place").reset_index()
        out.columns = ["cluster", "participant", "place"]
        return out


def analyse_panel(
    points: pd.DataFrame,
    panel: Panel,
    *,
    concentration: float | None = 30.0,
    draws: int = 100_000,
    seed: SeedLike = DEFAULT_SEED,
    ties: Ties = "min",
    tol: float | None = None,
    progress: bool | None = None,
) -> PanelResult:
    """Each participant's ranking, the consensus and the disagreement.

    Parameters
    ----------
    points
        Clusters × classes.
    panel
        From :func:`~ecei_analysis.load_panel` with the study's classes.
    concentration
        κ of the smoothed consensus (``None``: no smoothed consensus).
    draws, seed
        Monte Carlo draws of each consensus, and the seed (one independent
        stream for each consensus run).
    ties
        ``min`` (default; places compare across weightings) or ``dense``.
    progress
        Progress bars for long runs.

    Returns
    -------
    PanelResult
    """
    points = _check_panel(points, panel)
    ties = check_ties(ties, MONTE_CARLO_TIES)
    places = panel_places(points, panel, ties=ties, tol=tol)
    streams, record = spawn_generators(seed, ("consensus", "smoothed"))
    consensus = smaa(
        points,
        sampler=panel_sampler(panel),
        draws=draws,
        seed=streams["consensus"],
        ties=ties,
        tol=tol,
        progress=progress,
    )
    smoothed = None
    if concentration is not None:
        smoothed = smaa(
            points,
            sampler=panel_sampler(panel, concentration),
            draws=draws,
            seed=streams["smoothed"],
            ties=ties,
            tol=tol,
            progress=progress,
        )
    best = places.min(axis=1)
    worst = places.max(axis=1)
    acceptability = _consensus_acceptability(panel, places, consensus)
    top = acceptability.max(axis=1)
    spread = pd.DataFrame(
        {
            "best": best,
            "worst": worst,
            "range": worst - best,
            "best_by": [
                list(places.columns[places.loc[c] == best[c]]) for c in places.index
            ],
            "worst_by": [
                list(places.columns[places.loc[c] == worst[c]]) for c in places.index
            ],
            "consensus_place": acceptability.idxmax(axis=1).astype(int),
            "consensus_share": top,
            "consensus_places": [
                [int(k) for k, v in acceptability.loc[c].items() if v >= top[c] - EPS]
                for c in places.index
            ],
        },
        index=places.index,
    )
    return PanelResult(
        places=places,
        spread=spread,
        weights=panel.weights,
        consensus=consensus,
        smoothed=smoothed,
        parameters={
            "participants": len(panel.participants),
            "forms": panel.form_counts(),
            "panel": panel.source,
            "panel_provenance": panel.provenance,
            "concentration": concentration,
            "draws": draws,
            "seed": record,
            "consensus": consensus.parameters,
            "smoothed": None if smoothed is None else smoothed.parameters,
            "ties": ties,
            "tol": tol,
        },
    )
