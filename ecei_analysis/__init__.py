"""ecei_analysis: how significance-class weights reorder ECEI cluster rankings.

The bundled data are a SYNTHETIC demonstration calibrated to the four published
totals of the 2015 AIRR pilot study; supply real assessments with ``load_study``.
"""

from .briefing import briefing_findings
from .classification import classification_uncertainty
from .comparison import compare_rankings
from .errors import EceiDataError
from .explorer import explore, explorer_state
from .geometry import WeightSpace, exact_rank_acceptability, weight_space
from .inverse import (
    points_to_reach,
    ranking_region,
    weights_to_overtake,
    weights_to_reach,
)
from .loading import (
    Study,
    load_assessments,
    load_classification,
    load_clusters,
    load_indicators,
    load_published_results,
    load_study,
)
from .montecarlo import AssessorNoise
from .plotting import (
    plot_class_contributions,
    plot_rank_acceptability,
    plot_rank_flow,
    plot_rank_intervals,
    plot_sobol,
    plot_weight_map,
)
from .ranking_table import ranking_table
from .samplers import make_sampler, sample_weights
from .scoring import (
    class_points,
    rank_clusters,
    rank_matrix,
    score_clusters,
    tied_groups,
    wsm,
)
from .smaa import SmaaResult, smaa
from .sobol import SobolResult, sobol_rank_indices
from .stability import stability_radius, swap_thresholds
from .sweeps import sweep_weight
from .uncertainty import rank_uncertainty
from .vocabulary import CLASSES
from .weights import WEIGHT_SETS, check_weights, normalise_weights, parse_weights

__version__ = "0.1.0"

__all__ = [
    "CLASSES",
    "WEIGHT_SETS",
    "AssessorNoise",
    "EceiDataError",
    "SmaaResult",
    "SobolResult",
    "Study",
    "WeightSpace",
    "__version__",
    "briefing_findings",
    "check_weights",
    "class_points",
    "classification_uncertainty",
    "compare_rankings",
    "exact_rank_acceptability",
    "explore",
    "explorer_state",
    "load_assessments",
    "load_classification",
    "load_clusters",
    "load_indicators",
    "load_published_results",
    "load_study",
    "make_sampler",
    "normalise_weights",
    "parse_weights",
    "plot_class_contributions",
    "plot_rank_acceptability",
    "plot_rank_flow",
    "plot_rank_intervals",
    "plot_sobol",
    "plot_weight_map",
    "points_to_reach",
    "rank_clusters",
    "rank_matrix",
    "rank_uncertainty",
    "ranking_region",
    "ranking_table",
    "sample_weights",
    "score_clusters",
    "smaa",
    "sobol_rank_indices",
    "stability_radius",
    "swap_thresholds",
    "sweep_weight",
    "tied_groups",
    "weight_space",
    "weights_to_overtake",
    "weights_to_reach",
    "wsm",
]
