"""The experts' classification: agreement, consensus, and what it does to the ranking.

**Agreement.** Krippendorff's alpha with the ordinal metric (the classes are
ordered: very important > important > not so important), computed by the
``krippendorff`` package; abstentions are missing values. Its interval is a
percentile bootstrap over the indicators (resampled with replacement, a seeded
generator). The nominal alpha is reported beside it. Alpha is undefined (NaN)
with a single expert, or when every vote falls in one class (no variation to
agree on; then the agreement is simply total).

Per indicator: the votes cast, the modal class and its share, and the ordinal
spread (the distance between the most and the least important class voted, 0
to 2). Per expert: the share of their votes that equal the consensus.

**Consensus.** ``median`` (default): the median class of the votes cast, in
the order of importance. With an even number of votes the two middle votes may
differ: when they are very important and not so important, the median is the
class between them, important; when they are neighbours, the class with more
votes wins, and an even count between them is a **split**, settled by the
fallback (the framework's class) when it is one of the two, else by the more
important class, and flagged (``indicators["split"]``). ``majority``: the class
with most votes; a tie goes to the tied class nearest the median, then to the
more important. An indicator nobody classified keeps the framework's class
(listed as unvoted).

**Consequences.** Places under each expert's classification (their abstentions
filled with the consensus class) and under the consensus, as clusters strictly
ahead; classification uncertainty drawn from the vote shares (each draw gives
every indicator a class with the probabilities of its votes, through
:func:`~ecei_analysis.classification_uncertainty`); and, for every disputed
indicator and every other class it received votes for, which clusters move when
that indicator alone changes class.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core.checks import one_of, whole_number
from ..core.defaults import DEFAULT_SEED
from ..core.errors import EceiDataError
from ..core.results import Result
from ..core.seeds import SeedLike, seeded_generator, spawn_generators
from ..core.vocabulary import CLASSES, Ties, check_ties
from ..data.classification_votes import ClassificationPanel
from ..data.study import Study
from ..scoring.points import class_points, score_clusters
from ..scoring.ranks import clusters_ahead
from ..scoring.weights import WeightsLike, takes_weights
from .classification import ClassificationResult, classification_uncertainty

__all__ = [
    "ClassificationAgreement",
    "ClassificationPanelResult",
    "analyse_classification_panel",
    "classification_agreement",
    "consensus_classification",
]

CONSENSUS_RULES = ("median", "majority")


def _alpha(data: np.ndarray, level: str) -> float:
    """Krippendorff's alpha of experts × indicators positions (NaN = missing)."""
    import krippendorff

    pairable = (np.isfinite(data).sum(axis=0) >= 2).any()
    values = data[np.isfinite(data)]
    if not pairable:
        return float("nan")
    if len(np.unique(values)) < 2:
        return float("nan")  # one class only: no variation to agree on
    return float(
        krippendorff.alpha(
            reliability_data=data,
            level_of_measurement=level,
            value_domain=list(range(len(CLASSES))),
        )
    )


def _consensus_one(
    votes: np.ndarray, rule: str, fallback: int | None = None
) -> tuple[float, bool]:
    """One indicator's consensus position from its votes, and whether it split.

    ``fallback``: the position (framework class) that settles an even split
    between two neighbouring classes when it is one of them.
    """
    if len(votes) == 0:
        return np.nan, False
    counts = np.bincount(votes.astype(int), minlength=len(CLASSES))
    ordered = np.sort(votes)
    n = len(ordered)
    low, high = int(ordered[(n - 1) // 2]), int(ordered[n // 2])
    split = False
    if (low + high) % 2 == 0:  # equal, or very important vs not so important
        median = (low + high) // 2
    elif counts[low] != counts[high]:
        median = low if counts[low] > counts[high] else high
    else:  # an even split between neighbours: flagged, settled by the fallback
        split = True
        median = fallback if fallback in (low, high) else low
    if rule == "median":
        return float(median), split
    tied = np.flatnonzero(counts == counts.max())
    nearest = tied[np.argsort(np.abs(tied - median), kind="stable")]
    return float(nearest[0]), bool(len(tied) > 1)


def consensus_classification(
    panel: ClassificationPanel,
    *,
    rule: str = "median",
    fallback: pd.Series | None = None,
) -> pd.Series:
    """Return the panel's consensus class per indicator (see the module docstring).

    Parameters
    ----------
    panel
        The experts' votes.
    rule
        ``median`` (default) or ``majority``.
    fallback
        Class per indicator for indicators nobody classified (e.g. the
        framework's); without it such an indicator is an error.

    Returns
    -------
    pandas.Series
        Class per indicator code, named ``significance_class``.

    Examples
    --------
    >>> votes = pd.DataFrame({"A": ["very_important", "important"],
    ...                       "B": ["important", "important"],
    ...                       "C": ["very_important", None]}, index=["1.1", "1.2"])
    >>> consensus_classification(ClassificationPanel(votes, pd.Series(["", ""],
    ...     index=votes.index))).tolist()
    ['very_important', 'important']
    """
    return _consensus(panel, rule, fallback)[0]


def _consensus(
    panel: ClassificationPanel, rule: str, fallback: pd.Series | None
) -> tuple[pd.Series, pd.Series]:
    """Return the consensus class per indicator and whether each was a split."""
    rule = one_of(rule, "rule", CONSENSUS_RULES)
    codes = panel.codes()
    out, splits = [], []
    for i, code in enumerate(panel.votes.index):
        row = codes[i][np.isfinite(codes[i])]
        framework = None
        if fallback is not None and code in fallback.index:
            framework = CLASSES.index(fallback[code])
        position, split = _consensus_one(row, rule, framework)
        splits.append(split)
        if np.isnan(position):
            if fallback is None or code not in fallback.index:
                raise EceiDataError(
                    f"no expert classified indicator {code!r}; give a fallback "
                    "classification (e.g. the framework's)"
                )
            out.append(fallback[code])
        else:
            out.append(CLASSES[int(position)])
    index = panel.votes.index
    return (
        pd.Series(out, index=index, name="significance_class"),
        pd.Series(splits, index=index, name="split"),
    )


@dataclass(frozen=True)
class ClassificationAgreement(Result):
    """Results of :func:`classification_agreement`.

    Attributes
    ----------
    alpha, alpha_low, alpha_high
        Ordinal Krippendorff's alpha and its bootstrap interval (NaN where
        undefined).
    alpha_nominal
        Nominal Krippendorff's alpha (classes unordered).
    indicators
        Per indicator: ``cast`` (votes), ``abstained``, ``modal_class``,
        ``modal_share``, ``spread`` (0-2), ``consensus``, ``split`` (an even
        split settled by the rule's tie-break); sorted from the most disputed
        (lowest modal share, then widest spread).
    experts
        Per expert who voted at least once: ``cast``, ``abstained``,
        ``agreement`` (share of their votes equal to the consensus),
        ``mean_distance`` (mean class distance to it).
    empty_experts
        Expert columns without a single vote (an unused column of the sheet):
        left out of every count.
    consensus
        Class per indicator.
    unvoted
        Indicators nobody classified (they keep the fallback class).
    """

    alpha: float
    alpha_low: float
    alpha_high: float
    alpha_nominal: float
    indicators: pd.DataFrame
    experts: pd.DataFrame
    consensus: pd.Series
    unvoted: tuple[str, ...] = ()
    empty_experts: tuple[str, ...] = ()

    @property
    def disputed(self) -> pd.DataFrame:
        """The indicators not classified unanimously, most disputed first."""
        return self.indicators[self.indicators["modal_share"] < 1]

    def tidy(self) -> pd.DataFrame:
        """One row per indicator (the per-indicator table)."""
        return self.indicators.rename_axis("code").reset_index()


def classification_agreement(
    panel: ClassificationPanel,
    *,
    rule: str = "median",
    fallback: pd.Series | None = None,
    bootstrap: int = 1000,
    seed: SeedLike = DEFAULT_SEED,
) -> ClassificationAgreement:
    """Measure how much the experts agree, and form their consensus.

    Parameters
    ----------
    panel
        The experts' votes.
    rule
        Consensus rule, ``median`` or ``majority``.
    fallback
        Classes for indicators nobody classified.
    bootstrap
        Bootstrap resamples of the indicators for alpha's interval (0: none).
    seed
        Seed of the bootstrap.

    Returns
    -------
    ClassificationAgreement
    """
    bootstrap = whole_number(bootstrap, "bootstrap", low=0)
    consensus, splits = _consensus(panel, rule, fallback)
    codes = panel.codes()  # indicators × experts
    data = codes.T  # experts × indicators
    alpha = _alpha(data, "ordinal")
    low = high = float("nan")
    rng, record = seeded_generator(seed)
    if bootstrap and np.isfinite(alpha):
        n = data.shape[1]
        samples = [
            _alpha(data[:, rng.integers(0, n, size=n)], "ordinal")
            for _ in range(bootstrap)
        ]
        samples = np.array([s for s in samples if np.isfinite(s)])
        if len(samples):
            low, high = (float(q) for q in np.quantile(samples, [0.025, 0.975]))
    cast = np.isfinite(codes).sum(axis=1)
    shares = panel.shares()
    modal = shares.fillna(-1).to_numpy().argmax(axis=1)
    voted_rows = cast > 0
    spread = np.full(len(codes), np.nan)
    spread[voted_rows] = np.nanmax(codes[voted_rows], axis=1) - np.nanmin(
        codes[voted_rows], axis=1
    )
    indicators = pd.DataFrame(
        {
            "cast": cast,
            "abstained": codes.shape[1] - cast,
            "modal_class": [
                CLASSES[m] if c else None for m, c in zip(modal, cast, strict=True)
            ],
            "modal_share": shares.max(axis=1).to_numpy(),
            "spread": spread,
            "consensus": consensus.to_numpy(),
            "split": splits.to_numpy(),
        },
        index=panel.votes.index,
    ).sort_values(["modal_share", "spread"], ascending=[True, False], kind="stable")
    target = np.array([CLASSES.index(c) for c in consensus], dtype=float)[:, None]
    voted = np.isfinite(codes)
    experts_cast = voted.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        agreement = ((codes == target) & voted).sum(axis=0) / experts_cast
        distance = np.nansum(np.abs(codes - target), axis=0) / experts_cast
    experts = pd.DataFrame(
        {
            "cast": experts_cast,
            "abstained": len(codes) - experts_cast,
            "agreement": agreement,
            "mean_distance": distance,
        },
        index=pd.Index(panel.experts, name="expert"),
    )
    empty = tuple(experts.index[experts["cast"] == 0])
    experts = experts[experts["cast"] > 0]
    unvoted = tuple(panel.votes.index[cast == 0])
    return ClassificationAgreement(
        alpha=alpha,
        alpha_low=low,
        alpha_high=high,
        alpha_nominal=_alpha(data, "nominal"),
        indicators=indicators,
        experts=experts,
        consensus=consensus,
        unvoted=unvoted,
        empty_experts=empty,
        parameters={
            "rule": rule,
            "bootstrap": bootstrap,
            "seed": record,
            "experts": len(experts),
            "indicators": len(panel.votes),
            "abstentions": len(panel.abstentions),
            "alpha": "Krippendorff, ordinal metric (krippendorff package)",
        },
    )


@dataclass(frozen=True)
class ClassificationPanelResult(Result):
    """Results of :func:`analyse_classification_panel`.

    Attributes
    ----------
    agreement
        Agreement and the consensus.
    ahead
        Clusters × (``framework``, ``consensus``): clusters strictly ahead
        under the framework's and the consensus classification.
    expert_ahead
        Clusters × experts (those who voted): the same under each expert's own
        classification (abstentions filled with the consensus). Kept apart from
        ``ahead``, so no expert's name can stand for a structural column.
    moves
        Per disputed indicator and other class voted: ``indicator``, ``to``
        (class), ``votes`` (for that class), ``up`` and ``down`` (clusters with
        fewer / more clusters ahead when that indicator alone moves there from
        the consensus) and ``shifts`` (cluster → change in clusters ahead,
        positive up, the non-zero ones).
    uncertainty
        Classification uncertainty drawn from the vote shares (weights fixed),
        or ``None`` (``parameters["uncertainty_skipped"]`` says why).
    """

    agreement: ClassificationAgreement
    ahead: pd.DataFrame
    expert_ahead: pd.DataFrame
    moves: pd.DataFrame
    uncertainty: ClassificationResult | None

    def tidy(self) -> pd.DataFrame:
        """One row per cluster and classification: clusters strictly ahead.

        ``classification`` is ``framework``, ``consensus`` or ``expert``, and
        ``expert`` names the expert (empty otherwise).
        """
        structural = self.ahead.stack().rename("ahead").reset_index()
        structural.columns = ["cluster", "classification", "ahead"]
        experts = self.expert_ahead.stack().rename("ahead").reset_index()
        experts.columns = ["cluster", "expert", "ahead"]
        return pd.concat(
            [
                structural.assign(expert=""),
                experts.assign(classification="expert"),
            ],
            ignore_index=True,
        )[["cluster", "classification", "expert", "ahead"]]


def _ahead_under(study: Study, classification: pd.Series, weights) -> pd.Series:
    other = study.with_classification(classification)
    points = class_points(other)
    w = weights.on(list(points.columns))
    return clusters_ahead(score_clusters(points, w))


def _check_weights_cover_votes(panel: ClassificationPanel, weights) -> None:
    """Refuse votes for a class the study (and so its weights) does not have."""
    from ..core.i18n import pgettext
    from ..core.vocabulary import class_label

    voted = panel.votes.stack().dropna()
    missing = [c for c in CLASSES if c not in weights.classes and (voted == c).any()]
    if not missing:
        return
    experts = [e for e in panel.votes.columns if panel.votes[e].isin(missing).any()]
    raise EceiDataError(
        pgettext(
            "error",
            "the experts vote {classes} ({experts}), a class this study has no "
            "weight for (its classes: {have}); an expert can vote only the "
            "study's classes",
        ).format(
            classes=", ".join(f"'{class_label(c)}'" for c in missing),
            experts=", ".join(map(str, experts)),
            have=", ".join(class_label(c) for c in weights.classes),
        )
    )


@takes_weights
def analyse_classification_panel(
    study: Study,
    panel: ClassificationPanel,
    weights: WeightsLike,
    *,
    rule: str = "median",
    draws: int = 20_000,
    seed: SeedLike = DEFAULT_SEED,
    ties: Ties = "dense",
    bootstrap: int = 1000,
    progress: bool | None = None,
) -> ClassificationPanelResult:
    """Agreement, consensus and the ranking consequences of the experts' votes.

    Parameters
    ----------
    study
        The study (its classification is the "framework" one; it is the fallback
        for indicators nobody classified).
    panel
        The experts' votes, loaded with the study's indicators.
    weights
        Class weights (any accepted form); classes a classification leaves empty
        simply contribute nothing.
    rule
        Consensus rule.
    draws, seed, ties, progress
        Classification uncertainty from the vote shares (``draws=0``: skip).
    bootstrap
        Bootstrap resamples for alpha's interval.

    Returns
    -------
    ClassificationPanelResult
    """
    if list(panel.votes.index) != list(study.indicators.index):
        raise EceiDataError(
            "the classification panel does not list the study's indicators; load "
            "it with the study's indicators"
        )
    ties = check_ties(ties, ("dense", "min"))
    draws = whole_number(draws, "draws", low=0)
    w = weights
    _check_weights_cover_votes(panel, w)
    streams, record = spawn_generators(seed, ("bootstrap", "draws"))
    agreement = classification_agreement(
        panel,
        rule=rule,
        fallback=study.classification,
        bootstrap=bootstrap,
        seed=streams["bootstrap"],
    )
    consensus = agreement.consensus
    ahead = pd.DataFrame(
        {
            "framework": _ahead_under(study, study.classification, w),
            "consensus": _ahead_under(study, consensus, w),
        }
    )
    expert_ahead = pd.DataFrame(
        {
            expert: _ahead_under(
                study,
                panel.votes[expert]
                .where(panel.votes[expert].notna(), consensus)
                .astype(str),
                w,
            )
            for expert in agreement.experts.index
        },
        index=ahead.index,
    )
    base = ahead["consensus"]
    rows = []
    shares = panel.shares()
    for code in agreement.disputed.index:
        for cls in CLASSES:
            if cls == consensus[code] or shares.at[code, cls] == 0:
                continue
            switched = consensus.copy()
            switched[code] = cls
            after = _ahead_under(study, switched, w)
            rows.append(
                {
                    "indicator": code,
                    "to": cls,
                    "votes": int((panel.votes.loc[code] == cls).sum()),
                    "up": [c for c in after.index if after[c] < base[c]],
                    "down": [c for c in after.index if after[c] > base[c]],
                    "shifts": {
                        c: int(base[c] - after[c])
                        for c in after.index
                        if after[c] != base[c]
                    },
                }
            )
    moves = pd.DataFrame(
        rows, columns=["indicator", "to", "votes", "up", "down", "shifts"]
    )
    uncertainty = None
    skipped = None
    if draws:
        probabilities = shares.copy()
        unvoted = list(agreement.unvoted)
        for code in unvoted:  # nobody voted: the fallback class for sure
            probabilities.loc[code] = [
                1.0 if c == study.classification[code] else 0.0 for c in CLASSES
            ]
        consensus_study = study.with_classification(consensus)
        used = list(consensus_study.classes)
        extra = [c for c in CLASSES if c not in used and probabilities[c].sum() > 0]
        if extra:  # the draws need every voted class in use
            skipped = {"reason": "voted_classes_left_empty", "classes": extra}
        elif len(used) < 2:  # one class: every weighting ranks the same
            skipped = {"reason": "one_class", "classes": used}
        else:
            uncertainty = classification_uncertainty(
                consensus_study,
                w,
                class_probabilities=probabilities[used],
                sampler="fixed",
                draws=draws,
                seed=streams["draws"],
                ties=ties,
                progress=progress,
            )
    return ClassificationPanelResult(
        agreement=agreement,
        ahead=ahead,
        expert_ahead=expert_ahead,
        moves=moves,
        uncertainty=uncertainty,
        parameters={
            "rule": rule,
            "weights": weights.to_dict(),
            "draws": draws,
            "seed": record,
            "ties": ties,
            "panel": panel.source,
            "panel_provenance": panel.provenance,
            "uncertainty_skipped": skipped,
            "framework_classification": study.classification.to_dict(),
        },
    )
