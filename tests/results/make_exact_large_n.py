"""Write 50-digit references for pctstats' statistics at very large n (issue 14).

Run: ``.venv/bin/python tests/results/make_exact_large_n.py`` (needs mpmath, a dev dependency;
about a minute). It writes ``tests/results/exact_large_n.csv``: one row per limit, with the
inputs, the value to 25 significant digits and the pctstats call it is compared with; the tests
(``tests/test_exact_large_n.py``) read that file and need no mpmath.

Everything here is computed from the defining equations with mpmath at 50 digits, independently
of pctstats' code:

* Clopper–Pearson (Clopper & Pearson 1934): the lower limit ``L`` solves ``P(X >= k | L) =
  alpha/2`` and the upper ``U`` solves ``P(X <= k | U) = alpha/2``, ``X ~ Binomial(n, p)``. The
  tail is the sum of the binomial probabilities themselves, summed from ``k`` outward until the
  terms are below 1e-60 of the sum (the mode of each sum is within a few standard deviations of
  ``k``), so any ``n`` works; the root is found by mpmath's Anderson–Björck bracketing solver.
* Miettinen–Nurminen score interval of the risk ratio (Miettinen & Nurminen 1985): for each
  ratio ``theta`` the restricted maximum-likelihood estimate ``p2`` (``p1 = theta p2``) is found
  by maximising the binomial log-likelihood numerically (a bracketing root of its derivative, not
  the closed-form quadratic pctstats uses), and the limits solve
  ``(a/n1 - theta c/n2) / sqrt((p1 (1 - p1)/n1 + theta^2 p2 (1 - p2)/n2) N/(N - 1)) = +-z``.

The cases are listed: small counts out of 10**6 to 10**9 (where scipy's beta quantile is least
accurate), their mirror images ``n - k``, a few mid counts, and risk-ratio tables with n up to
10**9, including the one statsmodels' formula turned into NaN (99,999,999 of 10**8 vs 10**8).
"""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path

import mpmath as mp

mp.mp.dps = 50
OUT = Path(__file__).resolve().parent / "exact_large_n.csv"
COLUMNS = ("kind", "level", "k", "n", "a", "n1", "c", "n2", "quantity", "value", "call")


def binomial_tail(k: int, n: int, p: mp.mpf, upper: bool) -> mp.mpf:
    """``P(X <= k)`` (``upper=False``) or ``P(X >= k)`` (``upper=True``), summed term by term."""
    q = 1 - p
    log_pmf = mp.loggamma(n + 1) - mp.loggamma(k + 1) - mp.loggamma(n - k + 1)
    term = mp.exp(log_pmf + k * mp.log(p) + (n - k) * mp.log(q))
    total, j = term, k
    while True:
        if upper:
            if j >= n:
                break
            term = term * (n - j) / (j + 1) * p / q
            j += 1
        else:
            if j <= 0:
                break
            term = term * j / (n - j + 1) * q / p
            j -= 1
        total += term
        if term < total * mp.mpf("1e-60") and abs(j - n * p) > 3 * mp.sqrt(n * p * q):
            break
    return total


def bracketed_root(f, lo: mp.mpf, hi: mp.mpf, digits: int = 35) -> mp.mpf:
    """The root of ``f`` in ``[lo, hi]`` (a sign change), by the Illinois method with bisection.

    Written out because mpmath's bracketing solvers stall on the steep tails here; every step
    keeps a sign change, so it cannot leave the bracket.
    """
    f_lo, f_hi = f(lo), f(hi)
    if f_lo * f_hi > 0:
        raise RuntimeError(f"no sign change in [{lo}, {hi}]")
    side = 0
    for step in range(2000):
        if abs(hi - lo) <= abs(lo + hi) * mp.mpf(10) ** -digits:
            break
        x = (lo + hi) / 2 if step % 4 == 3 else (lo * f_hi - hi * f_lo) / (f_hi - f_lo)
        f_x = f(x)
        if f_x == 0:
            return x
        if f_x * f_hi < 0:
            lo, f_lo = hi, f_hi
            side = 0
        else:
            f_lo = f_lo / 2 if side == -1 else f_lo
            side = -1
        hi, f_hi = x, f_x
    return (lo + hi) / 2


def solve(f, guess: mp.mpf) -> mp.mpf:
    """A root in (0, 1) of the monotone ``f``, bracketed by widening around ``guess``."""
    width = mp.mpf("1e-6")
    while width < 10**8:
        lo, hi = guess / (1 + width), min(guess * (1 + width), 1 - mp.mpf("1e-45"))
        if f(lo) * f(hi) < 0:
            return bracketed_root(f, lo, hi)
        width *= 10
    raise RuntimeError(f"no bracket around {guess}")


def clopper_pearson(k: int, n: int, level: mp.mpf) -> tuple[mp.mpf, mp.mpf]:
    """The exact limits, from the binomial tails (by symmetry when ``k > n / 2``)."""
    if 2 * k > n:  # P(X >= k | p) = P(n - X <= n - k | 1 - p)
        low, high = clopper_pearson(n - k, n, level)
        return 1 - high, 1 - low
    half = (1 - level) / 2
    # starting points from the normal approximation; only used to bracket the root
    p = mp.mpf(k) / n
    z = mp.sqrt(2) * mp.erfinv(level)
    spread = z * mp.sqrt(max(p * (1 - p), mp.mpf(1) / n) / n) + mp.mpf(1) / n
    if k == 0:
        low = mp.mpf(0)
    elif k == n:  # P(X >= n | p) = p**n
        low = half ** (mp.mpf(1) / n)
    else:
        low = solve(lambda x: binomial_tail(k, n, x, upper=True) - half, max(p - spread, p / 4))
    if k == n:
        high = mp.mpf(1)
    elif k == 0:  # P(X <= 0 | p) = (1 - p)**n
        high = 1 - half ** (mp.mpf(1) / n)
    else:
        guess = min(p + spread, (1 + p) / 2) if k else min(-mp.log(half) / n, mp.mpf("0.5"))
        high = solve(lambda x: binomial_tail(k, n, x, upper=False) - half, guess)
    return low, high


def restricted_p2(a: int, n1: int, c: int, n2: int, theta: mp.mpf) -> mp.mpf:
    """Maximise the likelihood of (a of n1, c of n2) under p1 = theta p2, over p2."""

    def score(p: mp.mpf) -> mp.mpf:
        return a / p - (n1 - a) * theta / (1 - theta * p) + c / p - (n2 - c) / (1 - p)

    top = min(mp.mpf(1), 1 / theta)
    lo, hi = top * mp.mpf("1e-45"), top * (1 - mp.mpf("1e-45"))
    if score(hi) >= 0:  # the likelihood increases up to the boundary
        return top
    return bracketed_root(score, lo, hi)


def score_statistic(a: int, n1: int, c: int, n2: int, theta: mp.mpf) -> mp.mpf:
    p2 = restricted_p2(a, n1, c, n2, theta)
    p1 = theta * p2
    total = n1 + n2
    var = (p1 * (1 - p1) / n1 + theta**2 * p2 * (1 - p2) / n2) * total / (total - 1)
    return (mp.mpf(a) / n1 - theta * mp.mpf(c) / n2) / mp.sqrt(var)


def score_risk_ratio(a: int, n1: int, c: int, n2: int, level: mp.mpf) -> tuple[mp.mpf, mp.mpf]:
    """The Miettinen-Nurminen limits (inner cells only: 0 < a, 0 < c)."""
    z = mp.sqrt(2) * mp.erfinv(level)
    estimate = (mp.mpf(a) / n1) / (mp.mpf(c) / n2)
    # Katz's log-scale standard error, only to place the bracket
    se = mp.sqrt(mp.mpf(1) / a - mp.mpf(1) / n1 + mp.mpf(1) / c - mp.mpf(1) / n2)
    limits = []
    for sign in (1, -1):
        guess = estimate * mp.exp(-sign * z * se)

        def f(log_theta: mp.mpf, sign: int = sign) -> mp.mpf:
            return score_statistic(a, n1, c, n2, mp.exp(log_theta)) - sign * z

        width = max(se, mp.mpf("1e-12"))
        x0 = mp.log(guess)
        while f(x0 - width) * f(x0 + width) >= 0:
            width *= 4
        root = bracketed_root(f, x0 - width, x0 + width)
        limits.append(mp.exp(root))
    return limits[0], limits[1]


def text(x: mp.mpf) -> str:
    return mp.nstr(x, 25) if x not in (0, 1) else str(int(x))


def proportion_cases() -> list[tuple[int, int, str]]:
    cases = []
    for n in (10**6, 10**7, 10**8, 10**9):
        for k in (0, 1, 2, 5, 17, 100, 299, 301, 1000):
            cases.append((k, n, "0.95"))
        cases += [(n - 1, n, "0.95"), (n - 17, n, "0.95"), (n, n, "0.95")]
    cases += [(1, 10**9, "0.5"), (1, 10**9, "0.999"), (3, 10**8, "0.999"), (42, 10**9, "0.9")]
    cases += [(123_456, 10**6, "0.95"), (3_000_000, 10**7, "0.95")]
    return cases


def ratio_cases() -> list[tuple[int, int, int, int, str]]:
    # (listed, not drawn: each is a regime that matters; the first is the NaN case)
    return [
        (99_999_999, 10**8, 10**8, 10**8, "0.95"),
        (99_999_999, 10**8, 10**8 - 2, 10**8, "0.95"),
        (999_999, 10**6, 999_990, 10**6, "0.95"),
        (5, 10**9, 3, 10**9, "0.95"),
        (1, 10**9, 1, 10**9, "0.95"),
        (12_345, 10**9, 10_000, 10**9, "0.95"),
        (410_000_000, 10**9, 460_000_000, 10**9, "0.95"),
        (999_999_000, 10**9, 999_998_000, 10**9, "0.95"),
        (106, 230, 495, 1208, "0.95"),
        (7, 10**7, 2, 10**5, "0.95"),
        (50_000_000, 10**8, 2_000, 4_000, "0.999"),
        (3, 10, 999_999_990, 10**9, "0.9"),
        (123_456_789, 987_654_321, 23_456_789, 87_654_321, "0.5"),
    ]


def main() -> None:
    rows = []
    for k, n, level in proportion_cases():
        low, high = clopper_pearson(k, n, mp.mpf(level))
        call = f'prevalence_ci({k}, {n}, method="clopper_pearson", level={level})'
        for quantity, value in (("low", low), ("high", high)):
            rows.append(("clopper_pearson", level, k, n, "", "", "", "", quantity, text(value),
                         f"{call}.{quantity}"))
        print(f"clopper_pearson k={k} n={n} level={level}: {mp.nstr(low, 12)} {mp.nstr(high, 12)}")
    for a, n1, c, n2, level in ratio_cases():
        low, high = score_risk_ratio(a, n1, c, n2, mp.mpf(level))
        call = f'risk_ratio_ci({a}, {n1 - a}, {c}, {n2 - c}, method="score", level={level})'
        for quantity, value in (("low", low), ("high", high)):
            rows.append(("risk_ratio_score", level, "", "", a, n1, c, n2, quantity, text(value),
                         f"{call}.ci.{quantity}"))
        print(f"risk ratio {a}/{n1} vs {c}/{n2} level={level}: "
              f"{mp.nstr(low, 15)} {mp.nstr(high, 15)}")
    fd, tmp = tempfile.mkstemp(dir=OUT.parent, suffix=".csv")
    with os.fdopen(fd, "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    os.replace(tmp, OUT)
    print(f"wrote {len(rows)} values to {OUT}")


if __name__ == "__main__":
    main()
