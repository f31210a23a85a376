"""The one table of numerical tolerances shared by the statistics tests (metafor style).

``assert_close(actual, expected, "name")`` checks, elementwise,
``|actual - expected| <= atol + rtol * |expected|``, treating equal infinities and NaN-with-NaN
as equal.
"""

from __future__ import annotations

from typing import Final, NamedTuple

import numpy as np


class Tolerance(NamedTuple):
    rtol: float
    atol: float
    why: str


TOLERANCES: Final = {
    # Closed-form values and values R solves as tightly as pctstats (beta quantiles, Wilson,
    # Wald, metafor's DL; the tight uniroot re-solves of fisher.test / or.midp; metafor's PM
    # with control = list(tol = 1e-12)).
    "r_reference": Tolerance(1e-6, 1e-9, "agreement with an independent R computation"),
    # epitools' oddsratio.fisher / oddsratio.midp call uniroot() with its default
    # tol = .Machine$double.eps^0.25 (about 1.2e-4, absolute, on the odds ratio or on its
    # inverse), so their printed values are only that accurate.
    "r_uniroot_default": Tolerance(2e-3, 2e-4, "epitools' uniroot default tolerance"),
    # Identities that hold exactly in real arithmetic (symmetry, round trips), up to rounding.
    "identity": Tolerance(1e-10, 1e-12, "floating-point rounding only"),
}


def assert_close(actual: object, expected: object, tolerance: str) -> None:
    """Assert elementwise closeness under the named tolerance of :data:`TOLERANCES`."""
    tol = TOLERANCES[tolerance]
    a = np.asarray(actual, dtype=np.float64)
    e = np.asarray(expected, dtype=np.float64)
    a, e = np.broadcast_arrays(a, e)
    both_nan = np.isnan(a) & np.isnan(e)
    same_inf = np.isinf(a) & np.isinf(e) & (np.sign(a) == np.sign(e))
    with np.errstate(invalid="ignore"):
        close = np.abs(a - e) <= tol.atol + tol.rtol * np.abs(e)
    ok = both_nan | same_inf | close
    if not ok.all():
        bad = np.flatnonzero(~ok.ravel())
        details = ", ".join(
            f"[{i}] got {a.ravel()[i]!r} expected {e.ravel()[i]!r}" for i in bad[:5]
        )
        raise AssertionError(
            f"{bad.size} of {ok.size} values differ beyond {tolerance} "
            f"(rtol={tol.rtol}, atol={tol.atol}: {tol.why}): {details}"
        )
