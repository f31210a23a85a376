"""The statistics applied to the record set: prevalence intervals, pooled lifetime PCD, ratios.

- :mod:`pctstats.applied.prevalence`: :func:`prevalence_table`, a confidence interval on every
  prevalence the studies report.
- :mod:`pctstats.applied.lifetime`: :func:`pooled_lifetime`, lifetime PCD pooled by sex and over
  all studies, and women compared with men.
- :mod:`pctstats.applied.ratios`: :func:`ratio_table`, every reported ratio and the interval its
  printed CI implies.
"""

from __future__ import annotations

from pctstats.applied.lifetime import LifetimePooling, design_caveat, pooled_lifetime
from pctstats.applied.prevalence import BASIS, prevalence_table
from pctstats.applied.ratios import NOT_RECONSTRUCTIBLE, ratio_table

__all__ = [
    "BASIS",
    "NOT_RECONSTRUCTIBLE",
    "LifetimePooling",
    "design_caveat",
    "pooled_lifetime",
    "prevalence_table",
    "ratio_table",
]
