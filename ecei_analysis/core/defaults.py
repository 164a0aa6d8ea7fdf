"""The package's defaults, in one place.

Every function, command and notebook that draws at random, or centres a law on
the chosen weights, takes its default from here.
"""

from __future__ import annotations

__all__ = ["DEFAULT_CONCENTRATION", "DEFAULT_DRAWS", "DEFAULT_SEED"]

#: The default seed of every seeded function (the year of the published record).
DEFAULT_SEED = 2015

#: Monte Carlo draws of the briefing, the figure set and ``ecei figures``.
DEFAULT_DRAWS = 200_000

#: Concentration κ of the Dirichlet law around the chosen weights (larger is
#: tighter; the spread of each share is about sqrt(w (1 - w) / (κ + 1))).
DEFAULT_CONCENTRATION = 50.0
