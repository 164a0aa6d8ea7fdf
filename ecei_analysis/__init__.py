"""ecei_analysis: how significance-class weights reorder ECEI cluster rankings.

The bundled data are a SYNTHETIC demonstration calibrated to the four published
totals of the 2015 AIRR pilot study; supply real assessments with ``load_study``.

The package is organised by pipeline stage (``core`` → ``data`` → ``scoring`` →
``sensitivity`` → ``figures`` → ``reports`` → ``explorer``/``cli``). This module
is a facade: every public name is importable from here and is loaded on first
use, so ``import ecei_analysis`` and the command line stay fast and do not load
plotting libraries until a figure is drawn.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__ as __version__

#: Public name -> module that defines it.
_EXPORTS: dict[str, str] = {
    # core
    "CLASSES": "core.vocabulary",
    "DEFAULT_SEED": "core.defaults",
    "EceiDataError": "core.errors",
    "allow_long": "core.work",
    "use_language": "core.i18n",
    # data
    "Study": "data.study",
    "load_assessments": "data.loaders",
    "load_classification": "data.loaders",
    "load_clusters": "data.loaders",
    "load_indicators": "data.loaders",
    "load_published_results": "data.loaders",
    "load_study": "data.loaders",
    "validate_paths": "data.validate",
    "write_template": "data.template",
    "ClassificationPanel": "data.classification_votes",
    "load_classification_panel": "data.classification_votes",
    "write_classification_template": "data.classification_template",
    "Panel": "data.panel_votes",
    "load_panel": "data.panel_votes",
    "write_panel_template": "data.panel_template",
    # scoring
    "DEFAULT_WEIGHTS": "scoring.weights",
    "WEIGHT_SETS": "scoring.weights",
    "Weights": "scoring.weights",
    "as_weights": "scoring.weights",
    "normalise_weights": "scoring.weights",
    "class_points": "scoring.points",
    "score_clusters": "scoring.points",
    "weighted_sum": "scoring.points",
    "clusters_ahead": "scoring.ranks",
    "rank_clusters": "scoring.ranks",
    "rank_matrix": "scoring.ranks",
    "tied_groups": "scoring.ranks",
    "compare_rankings": "scoring.comparison",
    "ranking_table": "scoring.ranking_table",
    "scenario_places": "scoring.scenarios",
    # sensitivity
    "make_sampler": "sensitivity.samplers",
    "sample_weights": "sensitivity.samplers",
    "MixtureSampler": "sensitivity.samplers",
    "RegionSampler": "sensitivity.samplers",
    "ImportanceResult": "sensitivity.importance",
    "MatchedWeights": "sensitivity.importance",
    "class_importance": "sensitivity.importance",
    "weights_for_importance": "sensitivity.importance",
    "PanelResult": "sensitivity.panel_analysis",
    "analyse_panel": "sensitivity.panel_analysis",
    "panel_places": "sensitivity.panel_analysis",
    "panel_sampler": "sensitivity.panel_analysis",
    "AssessorNoise": "sensitivity.noise",
    "SmaaResult": "sensitivity.smaa",
    "smaa": "sensitivity.smaa",
    "smaa_confidence": "sensitivity.smaa",
    "RankUncertaintyResult": "sensitivity.rank_uncertainty",
    "rank_uncertainty": "sensitivity.rank_uncertainty",
    "ClassificationResult": "sensitivity.classification",
    "ClassificationAgreement": "sensitivity.classification_analysis",
    "ClassificationPanelResult": "sensitivity.classification_analysis",
    "analyse_classification_panel": "sensitivity.classification_analysis",
    "classification_agreement": "sensitivity.classification_analysis",
    "consensus_classification": "sensitivity.classification_analysis",
    "classification_uncertainty": "sensitivity.classification",
    "SobolResult": "sensitivity.sobol",
    "sobol_rank_indices": "sensitivity.sobol",
    "sweep_weight": "sensitivity.sweeps",
    "InverseResult": "sensitivity.inverse",
    "PointChangeResult": "sensitivity.inverse",
    "RegionResult": "sensitivity.inverse",
    "points_to_reach": "sensitivity.inverse",
    "ranking_region": "sensitivity.inverse",
    "weights_to_overtake": "sensitivity.inverse",
    "weights_to_reach": "sensitivity.inverse",
    "WeightSpace": "sensitivity.geometry.arrangement",
    "exact_rank_acceptability": "sensitivity.geometry.acceptability",
    "FirstPlaceMap": "sensitivity.geometry.first_place",
    "first_place_map": "sensitivity.geometry.first_place",
    "weight_space": "sensitivity.geometry.arrangement",
    "StabilityResult": "sensitivity.geometry.stability",
    "stability_radius": "sensitivity.geometry.stability",
    "swap_thresholds": "sensitivity.geometry.stability",
    # figures
    "caption_of": "figures.captions",
    "plot_class_contributions": "figures.contributions",
    "plot_classification_votes": "figures.classification_votes_plot",
    "plot_importance": "figures.importance_plot",
    "plot_rank_acceptability": "figures.acceptability_plot",
    "plot_rank_flow": "figures.rank_flow",
    "plot_rank_intervals": "figures.intervals",
    "plot_sobol": "figures.sobol_plot",
    "plot_weight_map": "figures.weight_map",
    "save_figure": "figures.save",
    "use_style": "figures.save",
    # reports
    "Finding": "reports.finding",
    "briefing_findings": "reports.briefing_findings",
    "uncertainty_around": "reports.briefing_findings",
    # explorer
    "explore": "explorer",
    "explorer_state": "explorer",
    "explorer_table": "explorer",
}

__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str) -> Any:
    """Import the module that defines ``name`` on first use (PEP 562)."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'ecei_analysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # pragma: no cover - for static analysis and IDEs
    from .core.errors import EceiDataError  # noqa: F401
    from .data.loaders import load_study  # noqa: F401
    from .data.study import Study  # noqa: F401
