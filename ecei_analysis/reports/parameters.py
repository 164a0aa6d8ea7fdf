"""Check a report's parameters by name, before any work.

Each notebook parameter beyond the ones :class:`~ecei_analysis.reports.context.
ReportContext` takes itself (data, weights, ties, highlight, figure folder,
language, panel files) has one check here, built from the same validator or
constructor the analysis uses, so a value refused up front is exactly a value
the analysis would refuse later (after minutes of work). ``ecei report`` runs
them before starting the notebook; a notebook run by hand runs them when it
builds its context.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..core.checks import one_of, whole_number
from ..core.errors import EceiDataError
from ..core.i18n import pgettext
from ..core.resources import PATH_PARAMETERS
from ..core.seeds import seeded_generator
from ..core.vocabulary import class_named
from ..data.study import Study
from ..scoring.weights import Weights, as_weights
from ..sensitivity.classification_analysis import CONSENSUS_RULES
from ..sensitivity.importance import IMPORTANCE_METHODS
from ..sensitivity.noise import AssessorNoise
from ..sensitivity.samplers import SAMPLERS, make_sampler
from ..sensitivity.sobol import check_base_size

__all__ = [
    "PARAMETER_CHECKS",
    "PATH_PARAMETERS",
    "SWEEP_STEPS_UP_TO",
    "check_parameters",
]

#: Most steps of a sweep (each a column of its table and of its rank flow).
SWEEP_STEPS_UP_TO = 1001

#: A check: (value, study, weights) -> None, raising EceiDataError.
Check = Callable[[object, Study, Weights], object]


def _importance_target(value: object, study: Study, weights: Weights) -> object:
    return None if value == "" else as_weights(value, study.classes)


def _dirichlet(name: str) -> Check:
    def check(value: object, study: Study, weights: Weights) -> object:
        return make_sampler(
            "dirichlet",
            study.classes,
            nominal=weights.vector_for(study.classes),
            concentration=value,
        )

    check.__name__ = f"check_{name}"
    return check


def _spread(value: object, study: Study, weights: Weights) -> object:
    return make_sampler(
        "box", study.classes, nominal=weights.vector_for(study.classes), spread=value
    )


#: The check of each parameter, by name.
PARAMETER_CHECKS: dict[str, Check] = {
    "draws": lambda v, s, w: whole_number(v, "draws", low=1),
    "seed": lambda v, s, w: seeded_generator(v),
    "top": lambda v, s, w: whole_number(v, "top", low=1),
    "concentration": _dirichlet("concentration"),
    "panel_concentration": _dirichlet("panel_concentration"),
    "spread": _spread,
    "sampler": lambda v, s, w: one_of(v, "sampler", tuple(SAMPLERS)),
    "noise_levels": lambda v, s, w: AssessorNoise.from_study(s, levels=v),
    "sobol_n": lambda v, s, w: check_base_size(v, "sobol_n"),
    "sweep_class": lambda v, s, w: class_named(v, s.classes, "sweep_class"),
    "sweep_steps": lambda v, s, w: whole_number(
        v, "sweep_steps", low=2, high=SWEEP_STEPS_UP_TO
    ),
    "importance_method": lambda v, s, w: one_of(
        v, "importance_method", IMPORTANCE_METHODS
    ),
    "importance_target": _importance_target,
    "rule": lambda v, s, w: one_of(v, "rule", CONSENSUS_RULES),
    "static": lambda v, s, w: one_of(v, "static", ("auto", "yes")),
}


def check_parameters(
    parameters: Mapping[str, object], study: Study, weights: Weights
) -> None:
    """Check every parameter that has a check; name the first bad one.

    Raises
    ------
    EceiDataError
        ``parameter <name>: <what was expected>``.
    """
    for name, value in parameters.items():
        check = PARAMETER_CHECKS.get(name)
        if check is None:
            continue
        try:
            check(value, study, weights)
        except EceiDataError as exc:
            raise EceiDataError(
                pgettext("error", "parameter {name}: {exc}").format(name=name, exc=exc)
            ) from None
