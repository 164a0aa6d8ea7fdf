"""ecei_analysis: how significance-class weights reorder ECEI cluster rankings.

The bundled data are a SYNTHETIC demonstration calibrated to the four published
totals of the 2015 AIRR pilot study; supply real assessments with ``load_study``.
"""

from .errors import EceiDataError
from .loading import (
    Study,
    load_assessments,
    load_classification,
    load_clusters,
    load_indicators,
    load_published_results,
    load_study,
)
from .scoring import (
    class_points,
    rank_clusters,
    rank_matrix,
    score_clusters,
    tied_groups,
    wsm,
)
from .vocabulary import CLASSES
from .weights import WEIGHT_SETS, check_weights, normalise_weights, parse_weights

__version__ = "0.1.0"

__all__ = [
    "CLASSES",
    "WEIGHT_SETS",
    "EceiDataError",
    "Study",
    "__version__",
    "check_weights",
    "class_points",
    "load_assessments",
    "load_classification",
    "load_clusters",
    "load_indicators",
    "load_published_results",
    "load_study",
    "normalise_weights",
    "parse_weights",
    "rank_clusters",
    "rank_matrix",
    "score_clusters",
    "tied_groups",
    "wsm",
]
