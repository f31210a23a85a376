"""The interval arithmetic without statsmodels agrees with statsmodels' ``proportion_confint``.

pctstats computed Wilson, Agresti–Coull, Wald and Jeffreys limits with statsmodels until the
command line had to answer without importing it; the formulas are now in
``pctstats.stats.proportion_limits``. Here they are compared with statsmodels on seeded random
cases (counts up to 10**9, levels 0.5 to 0.999). The only difference allowed is the normal
quantile's last bits (the standard library's AS 241 against scipy's ``ndtri``), so the closed
forms agree to 1e-14 of the larger of the limit and the interval's width (a limit near 0 is a
difference of two close numbers) and Jeffreys (the same scipy beta quantile) exactly, away from
the boundary adjustment at k = 0 and k = n.
"""

from __future__ import annotations

import numpy as np
import pytest
from statsmodels.stats.proportion import proportion_confint

from pctstats.stats.proportion_limits import limits

STATSMODELS = {"wilson": "wilson", "agresti_coull": "agresti_coull", "wald": "normal",
               "jeffreys": "jeffreys"}


def random_cases(seed: int, size: int = 500) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Counts and sizes up to 10**9 (``size`` of them), and 20 random levels in [0.5, 0.999]."""
    rng = np.random.default_rng(seed)
    n = np.round(10 ** rng.uniform(0, 9, size)).astype(np.int64)
    k = np.floor(rng.uniform(0, 1, size) * (n + 1)).astype(np.int64).clip(0, n)
    levels = rng.uniform(0.5, 0.999, 20)
    return k, n, levels


@pytest.mark.parametrize("method", list(STATSMODELS))
def test_limits_equal_statsmodels(method):
    k, n, levels = random_cases(seed=list(STATSMODELS).index(method))
    worst = 0.0
    for level in levels:
        low, high = limits(k, n, method, float(level))
        ref_low, ref_high = proportion_confint(k, n, alpha=1 - float(level),
                                               method=STATSMODELS[method])
        inside = (k > 0) & (k < n)  # the boundary conventions are pctstats' own (module notes)
        width = (ref_high - ref_low)[inside]
        for ours, ref in ((low, ref_low), (high, ref_high)):
            scale = np.maximum(np.abs(ref[inside]), width)
            worst = max(worst, float(np.max(np.abs(ours[inside] - ref[inside]) / scale)))
    if method == "jeffreys":
        assert worst == 0.0
    else:
        assert worst < 1e-14, f"{method}: worst relative difference {worst:.3g}"
