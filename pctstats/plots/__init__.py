"""Figures of pctstats: one module per figure family, all drawn in one house style.

The notebooks in ``notebooks/`` only call these functions and hand the figures to
:func:`pctstats.publish.declare.save_figure`; every statistic comes from the analysis modules
(:mod:`pctstats.stats.grim_consistency`, :mod:`pctstats.stats.intervals`, ...), never from here.

Modules
-------
style
    Colour-blind-safe palette (Okabe–Ito), markers, line styles and the matplotlib settings every
    figure is drawn with (DejaVu Sans, shipped with matplotlib).
tables
    The at-a-glance tables of the record set and the claim audit.
granularity
    GRIM granularity: which percentages a sample of size N can print, and which N fit.
prevalence
    Forest plot of lifetime prevalence with pooled estimates; lifetime against 4-week prevalence.
ratio
    The prevalence a ratio claim needs, against the published pairs.
audit
    Every article claim beside the source value it traces to.

Importing :mod:`pctstats.plots` is cheap; matplotlib is imported by the modules that draw.
"""

__all__: list[str] = []
