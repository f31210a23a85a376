"""Exact reference values for pctstats' statistics, at 50 significant digits (mpmath).

Run by hand from the repository root (a few minutes: about 2 minutes of CPU; needs only
``mpmath``, from the ``dev`` extra, and the standard library, and deliberately does not import
pctstats, numpy or scipy):

    .venv/bin/python tests/results/make_exact.py

The stored files were written with mpmath 1.3.0 (mpmath 1.4.1 gives the same digits on the
first 300 rows, checked).

Not covered: Jeffreys and Clopper-Pearson limits for n above 100,000 with both k and n - k
above 60 (the incomplete beta's continued fraction is too slow there at 50 digits); every
other method covers n up to 1e9 at any k.

It writes, under ``tests/results/``:

- ``exact_values.csv``: one row per reference value: prevalence intervals (every method),
  odds ratios (Woolf, conditional, mid-p), risk ratios (Katz, score), differences (Newcombe,
  Agresti-Caffo, Wald), ``required_prevalence`` and the implied ratios. Columns: ``family``,
  ``method``, ``level``, the inputs, ``quantity``, ``value`` (20 significant digits) and ``call``
  (the pctstats call the value is for).
- ``exact_pooling.csv``: one row per (random data set, τ² estimator, level): τ² and its Q-profile
  CI, the pooled prevalence with its z / modified-HKSJ / Knapp-Hartung CIs, both prediction
  intervals, I² and Q, with the studies' counts and the call.
- ``exact_grim.csv``: GRIM consistency, the least and greatest consistent counts and
  ``grim_denominators`` answers, found by enumerating counts with :class:`fractions.Fraction`
  arithmetic under each rounding mode.

Everything is computed from the definitions, independently of pctstats' code:

- normal, t and chi-squared quantiles by root finding on mpmath's erf, incomplete beta and
  incomplete gamma functions; beta quantiles (Jeffreys, Clopper-Pearson) on the regularised
  incomplete beta (a continued fraction written below, or mpmath's ``betainc``) or, for
  Clopper-Pearson with few events or few non-events, on the exact binomial tail sum;
- Fisher's noncentral hypergeometric probabilities by summing the terms of its support, walking
  out from the mode until the terms fall below 10^-70 of the largest;
- the Miettinen-Nurminen score statistic with its restricted estimate from the quadratic;
- Paule-Mandel, REML and ML τ² as roots of their equations (REML/ML: every sign change of the
  score on a grid, the root with the highest likelihood), Q-profile limits as roots of the
  generalised Q;
- GRIM by printing ``k / n`` under each rounding mode with Fraction arithmetic.

Random cases are drawn from ``random.Random`` with fixed seeds, so the files are reproducible.
"""

from __future__ import annotations

import csv
import math
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from fractions import Fraction
from pathlib import Path

import mpmath as mp

mp.mp.dps = 50
OUT = Path(__file__).resolve().parent
DIGITS = 20
LEVELS = (0.5, 0.8, 0.9, 0.95, 0.99, 0.999)
# Above this many terms the beta quantiles are not computed by the continued fraction.
CF_MAX_N = 100_000
SMALL_TAIL = 60


def fmt(x: object) -> str:
    """A value as text: 20 significant digits, 'inf', '-inf', 'nan' or an integer."""
    if isinstance(x, bool):
        return str(x)
    if isinstance(x, int):
        return str(x)
    x = mp.mpf(x)
    if mp.isinf(x):
        return "inf" if x > 0 else "-inf"
    if mp.isnan(x):
        return "nan"
    if x == 0:
        return "0"
    return mp.nstr(x, DIGITS, strip_zeros=False, min_fixed=-5, max_fixed=8)


def write_csv(path: Path, header: list[str], rows: Iterable[dict]) -> int:
    """Write rows atomically; return how many."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    count = 0
    with os.fdopen(fd, "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in header})
            count += 1
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)
    return count


def random_level(rng: random.Random) -> float:
    if rng.random() < 0.6:
        return rng.choice(LEVELS)
    return round(rng.uniform(0.5, 0.999), 3)


# --- quantiles --------------------------------------------------------------------------------


def bisect_root(
    f: Callable[[mp.mpf], mp.mpf],
    lo: mp.mpf,
    hi: mp.mpf,
    fprime: Callable[[mp.mpf], mp.mpf] | None = None,
) -> mp.mpf:
    """Root of f on [lo, hi] (f changes sign there): Newton steps when a derivative is given,
    Illinois (regula falsi) steps otherwise, each kept inside the bracket (else bisection);
    stops when the bracket or the step is below 1e-45 of the root."""
    lo, hi = mp.mpf(lo), mp.mpf(hi)
    flo, fhi = f(lo), f(hi)
    if flo == 0:
        return lo
    if fhi == 0:
        return hi
    if (flo > 0) == (fhi > 0):
        raise ValueError(f"no sign change on [{lo}, {hi}]")
    x = (lo + hi) / 2
    fx = f(x)
    side = 0
    for _ in range(2000):
        if fx == 0:
            return x
        if (fx > 0) == (flo > 0):
            lo, flo = x, fx
            if side == 1:
                fhi /= 2
            side = 1
        else:
            hi, fhi = x, fx
            if side == -1:
                flo /= 2
            side = -1
        if hi - lo <= max(abs(lo), abs(hi)) * mp.mpf(10) ** -45:
            return (lo + hi) / 2
        new = None
        if fprime is not None:
            d = fprime(x)
            if d != 0:
                new = x - fx / d
        if new is None:
            new = (lo * fhi - hi * flo) / (fhi - flo)
        if not lo < new < hi:
            new = (lo + hi) / 2
        if abs(new - x) <= abs(x) * mp.mpf(10) ** -46:
            return new
        x, fx = new, f(new)
    raise RuntimeError("root finding did not converge")


def z_quantile(level: float) -> mp.mpf:
    """The standard normal quantile 1 - alpha/2 for this level (given as a double)."""
    return mp.sqrt(2) * mp.erfinv(mp.mpf(level))


_T_CACHE: dict[tuple[int, float], mp.mpf] = {}
_CHI2_CACHE: dict[tuple[int, float], mp.mpf] = {}


def t_quantile(level: float, df: int) -> mp.mpf:
    """Student t quantile 1 - alpha/2 with df degrees of freedom."""
    key = (df, level)
    if key not in _T_CACHE:
        upper_tail = (1 - mp.mpf(level)) / 2

        def tail(t: mp.mpf) -> mp.mpf:  # P(T > t) for t > 0
            x = df / (df + t * t)
            return mp.betainc(mp.mpf(df) / 2, mp.mpf(1) / 2, 0, x, regularized=True) / 2

        hi = mp.mpf(1)
        while tail(hi) > upper_tail:
            hi *= 2
        _T_CACHE[key] = bisect_root(lambda t: tail(t) - upper_tail, mp.mpf(0), hi)
    return _T_CACHE[key]


def chi2_quantile(p: mp.mpf, df: int) -> mp.mpf:
    """Chi-squared quantile: the x with P(X <= x) = p."""
    key = (df, float(p))
    if key not in _CHI2_CACHE:

        def cdf(x: mp.mpf) -> mp.mpf:
            return mp.gammainc(mp.mpf(df) / 2, 0, x / 2, regularized=True)

        hi = mp.mpf(df) + 10
        while cdf(hi) < p:
            hi *= 2
        _CHI2_CACHE[key] = bisect_root(lambda x: cdf(x) - p, mp.mpf(0), hi)
    return _CHI2_CACHE[key]


def chi2_sf(x: mp.mpf, df: int) -> mp.mpf:
    return mp.gammainc(mp.mpf(df) / 2, x / 2, mp.inf, regularized=True)


# --- the regularised incomplete beta and beta quantiles -----------------------------------------


def _betacf(a: mp.mpf, b: mp.mpf, x: mp.mpf) -> mp.mpf:
    """Continued fraction of the incomplete beta (modified Lentz), for x < (a+1)/(a+b+2)."""
    tiny = mp.mpf(10) ** (-400)
    eps = mp.mpf(10) ** (-mp.mp.dps - 3)
    qab, qap, qam = a + b, a + 1, a - 1
    c = mp.mpf(1)
    d = 1 - qab * x / qap
    d = tiny if abs(d) < tiny else d
    d = 1 / d
    h = d
    for m in range(1, 10_000_000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1 + aa * d
        d = tiny if abs(d) < tiny else d
        c = 1 + aa / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1 + aa * d
        d = tiny if abs(d) < tiny else d
        c = 1 + aa / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < eps:
            return h
    raise RuntimeError("continued fraction did not converge")


def reg_beta(a: mp.mpf, b: mp.mpf, x: mp.mpf) -> mp.mpf:
    """Regularised incomplete beta I_x(a, b)."""
    if x <= 0:
        return mp.mpf(0)
    if x >= 1:
        return mp.mpf(1)
    log_front = (
        a * mp.log(x) + b * mp.log1p(-x) - (mp.loggamma(a) + mp.loggamma(b) - mp.loggamma(a + b))
    )
    if x < (a + 1) / (a + b + 2):
        return mp.exp(log_front) * _betacf(a, b, x) / a
    return 1 - mp.exp(log_front) * _betacf(b, a, 1 - x) / b


def beta_quantile(p: mp.mpf, a: mp.mpf, b: mp.mpf) -> mp.mpf:
    """x with I_x(a, b) = p, by root finding on the continued fraction (or mpmath's betainc
    when one parameter is small and the other huge)."""
    use_mpmath = max(a, b) > CF_MAX_N

    def cdf(x: mp.mpf) -> mp.mpf:
        if use_mpmath:
            return mp.betainc(a, b, 0, x, regularized=True)
        return reg_beta(a, b, x)

    # bracket around the mean on the log-odds scale
    mean = a / (a + b)
    sd = mp.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))
    lo = max(mean - 60 * sd, mean * mp.mpf(10) ** -30)
    hi = min(mean + 60 * sd, 1 - (1 - mean) * mp.mpf(10) ** -30)
    while cdf(lo) > p:
        lo /= 10
    while cdf(hi) < p:
        hi = 1 - (1 - hi) / 10
    log_beta = mp.loggamma(a) + mp.loggamma(b) - mp.loggamma(a + b)

    def pdf(x: mp.mpf) -> mp.mpf:
        return mp.exp((a - 1) * mp.log(x) + (b - 1) * mp.log1p(-x) - log_beta)

    return bisect_root(lambda x: cdf(x) - p, lo, hi, pdf)


def binom_cdf(k: int, n: int, p: mp.mpf) -> mp.mpf:
    """P(X <= k) for X ~ Binomial(n, p), by summing the k + 1 terms."""
    log1mp = mp.log1p(-p)
    term = mp.exp(n * log1mp)  # j = 0
    total = term
    ratio = p / (1 - p)
    for j in range(k):
        term *= mp.mpf(n - j) / (j + 1) * ratio
        total += term
    return total


def clopper_pearson_small(k: int, n: int, level: float) -> tuple[mp.mpf, mp.mpf]:
    """Clopper-Pearson limits by the binomial tail (for small k; n - k handled by symmetry)."""
    half = (1 - mp.mpf(level)) / 2
    if k == 0:
        low = mp.mpf(0)
    else:  # P(X >= k; p) = alpha/2  <=>  P(X <= k - 1; p) = 1 - alpha/2
        low = bisect_root(lambda p: binom_cdf(k - 1, n, p) - (1 - half), *_p_bracket(k, n))
    if k == n:
        high = mp.mpf(1)
    else:  # P(X <= k; p) = alpha/2
        high = bisect_root(lambda p: binom_cdf(k, n, p) - half, *_p_bracket(k, n))
    return low, high


def _p_bracket(k: int, n: int) -> tuple[mp.mpf, mp.mpf]:
    return mp.mpf(10) ** -60, min(
        mp.mpf(1) - mp.mpf(10) ** -30, mp.mpf(k + 40) / n * 4 + mp.mpf(10) ** -20
    )


# --- one proportion ----------------------------------------------------------------------------


def prevalence_limits(method: str, k: int, n: int, level: float) -> tuple[mp.mpf, mp.mpf] | None:
    z = z_quantile(level)
    p = mp.mpf(k) / n
    half = (1 - mp.mpf(level)) / 2
    if method == "wilson":
        if k == 0 or k == n:  # the formula's exact limit is 0 (or 1) there
            centre = (p + z * z / (2 * n)) / (1 + z * z / n)
            spread = z * mp.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
            return (mp.mpf(0), centre + spread) if k == 0 else (centre - spread, mp.mpf(1))
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        spread = z * mp.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        return centre - spread, centre + spread
    if method == "wald":
        spread = z * mp.sqrt(p * (1 - p) / n)
        return max(mp.mpf(0), p - spread), min(mp.mpf(1), p + spread)
    if method == "agresti_coull":
        nt = n + z * z
        pt = (k + z * z / 2) / nt
        spread = z * mp.sqrt(pt * (1 - pt) / nt)
        return max(mp.mpf(0), pt - spread), min(mp.mpf(1), pt + spread)
    small = min(k, n - k) <= SMALL_TAIL
    if n > CF_MAX_N and not small:
        return None  # not computed: see the module docstring
    if method == "jeffreys":
        a, b = mp.mpf(k) + mp.mpf(1) / 2, mp.mpf(n - k) + mp.mpf(1) / 2
        low = mp.mpf(0) if k == 0 else beta_quantile(half, a, b)
        high = mp.mpf(1) if k == n else beta_quantile(1 - half, a, b)
        return low, high
    if method == "clopper_pearson":
        if small and n > CF_MAX_N:
            if k <= SMALL_TAIL:
                return clopper_pearson_small(k, n, level)
            low, high = clopper_pearson_small(n - k, n, level)
            return 1 - high, 1 - low
        low = mp.mpf(0) if k == 0 else beta_quantile(half, mp.mpf(k), mp.mpf(n - k + 1))
        high = mp.mpf(1) if k == n else beta_quantile(1 - half, mp.mpf(k + 1), mp.mpf(n - k))
        return low, high
    raise ValueError(method)


PREVALENCE_METHODS = ("wilson", "jeffreys", "agresti_coull", "clopper_pearson", "wald")


def prevalence_cases(rng: random.Random) -> list[tuple[int, int, float]]:
    cases = []
    for n in (1, 2, 10, 230, 1208, 10**6, 10**9):  # k = 0 and k = n everywhere
        cases += [(0, n, 0.95), (n, n, 0.95), (0, n, rng.choice(LEVELS)), (n, n, 0.999)]
    cases += [(1, 10**9, 0.95), (1, 10**7, 0.95), (106, 230, 0.5), (12, 230, 0.999)]
    for _ in range(260):
        n = int(10 ** rng.uniform(0, 9))
        n = max(1, n)
        shape = rng.random()
        if n > CF_MAX_N and shape < 0.6:
            k = rng.randint(0, SMALL_TAIL) if shape < 0.3 else n - rng.randint(0, SMALL_TAIL)
        else:
            k = rng.randint(0, n)
        cases.append((k, n, random_level(rng)))
    return cases


def prevalence_rows(rng: random.Random) -> Iterable[dict]:
    for k, n, level in prevalence_cases(rng):
        for method in PREVALENCE_METHODS:
            limits = prevalence_limits(method, k, n, level)
            if limits is None:
                continue
            call = f'prevalence_ci({k}, {n}, method="{method}", level={level})'
            for quantity, value in zip(("low", "high"), limits, strict=True):
                yield {
                    "family": "prevalence_ci",
                    "method": method,
                    "level": level,
                    "k": k,
                    "n": n,
                    "quantity": quantity,
                    "value": fmt(value),
                    "call": call,
                }


# --- 2x2 tables: the noncentral hypergeometric distribution ----------------------------------


class NCHG:
    """Fisher's noncentral hypergeometric distribution of a given the margins of [[a,b],[c,d]]."""

    def __init__(self, a: int, b: int, c: int, d: int) -> None:
        self.a = a
        self.n1, self.n2, self.m1 = a + b, c + d, a + c
        self.lo, self.hi = max(0, self.m1 - self.n2), min(self.n1, self.m1)

    def _ratio(self, x: int) -> mp.mpf:
        """P(x + 1) / P(x) at psi = 1."""
        n1, n2, m1 = self.n1, self.n2, self.m1
        return mp.mpf((n1 - x) * (m1 - x)) / ((x + 1) * (n2 - m1 + x + 1))

    def terms(self, psi: mp.mpf) -> dict[int, mp.mpf]:
        """Relative probabilities (largest 1) of every x whose term exceeds 1e-70."""
        # the mode: the largest x with ratio(x - 1) * psi >= 1 (log-concave)
        lo, hi = self.lo, self.hi
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._ratio(mid - 1) * psi >= 1:
                lo = mid
            else:
                hi = mid - 1
        mode = lo
        cutoff = mp.mpf(10) ** -70
        out = {mode: mp.mpf(1)}
        t, x = mp.mpf(1), mode
        while x < self.hi:
            t *= self._ratio(x) * psi
            x += 1
            if t < cutoff:
                break
            out[x] = t
        t, x = mp.mpf(1), mode
        while x > self.lo:
            t /= self._ratio(x - 1) * psi
            x -= 1
            if t < cutoff:
                break
            out[x] = t
        return out

    def parts(self, psi: mp.mpf) -> tuple[mp.mpf, mp.mpf, mp.mpf]:
        """P(X < a), P(X = a), P(X > a)."""
        t = self.terms(psi)
        total = mp.fsum(t.values())
        below = mp.fsum(v for x, v in t.items() if x < self.a)
        above = mp.fsum(v for x, v in t.items() if x > self.a)
        return below / total, t.get(self.a, mp.mpf(0)) / total, above / total

    def mean(self, psi: mp.mpf) -> mp.mpf:
        t = self.terms(psi)
        return mp.fsum(x * v for x, v in t.items()) / mp.fsum(t.values())


def root_in_log(f: Callable[[mp.mpf], mp.mpf], start: mp.mpf) -> mp.mpf:
    """Root in log psi of a monotone f, bracketed by doubling from start."""
    f0 = f(start)
    if f0 == 0:
        return start
    step = mp.mpf(1) / 2
    while True:
        lo, hi = start - step, start + step
        if (f(lo) > 0) != (f0 > 0):
            return bisect_root(f, lo, start)
        if (f(hi) > 0) != (f0 > 0):
            return bisect_root(f, start, hi)
        step *= 2
        if step > 800:
            raise ValueError("no root within |log psi| < 800")


def exact_or(a: int, b: int, c: int, d: int, level: float, mid: bool) -> tuple[mp.mpf, ...]:
    dist = NCHG(a, b, c, d)
    half = (1 - mp.mpf(level)) / 2
    w = mp.mpf(1) / 2 if mid else mp.mpf(1)
    start = mp.log(mp.mpf(2 * a + 1) * (2 * d + 1) / ((2 * b + 1) * (2 * c + 1)))

    def lower(t: mp.mpf) -> mp.mpf:
        _, at, above = dist.parts(mp.exp(t))
        return mp.log(above + w * at) - mp.log(half)

    def upper(t: mp.mpf) -> mp.mpf:
        below, at, _ = dist.parts(mp.exp(t))
        return mp.log(below + w * at) - mp.log(half)

    def estimate_eq(t: mp.mpf) -> mp.mpf:
        if mid:  # median-unbiased: P(X < a) + P(X = a)/2 = 1/2
            below, at, _ = dist.parts(mp.exp(t))
            return below + at / 2 - mp.mpf(1) / 2
        return dist.mean(mp.exp(t)) - a  # conditional MLE

    at_min, at_max = a == dist.lo, a == dist.hi
    low = mp.mpf(0) if at_min else mp.exp(root_in_log(lower, start))
    high = mp.inf if at_max else mp.exp(root_in_log(upper, start))
    if at_min:
        est = mp.mpf(0)
    elif at_max:
        est = mp.inf
    else:
        est = mp.exp(root_in_log(estimate_eq, start))
    return est, low, high


def woolf(a: int, b: int, c: int, d: int, level: float) -> tuple[mp.mpf, ...]:
    est = mp.inf if b * c == 0 else mp.mpf(a * d) / (b * c)
    if 0 in (a, b, c, d):
        return est, mp.mpf(0), mp.inf
    z = z_quantile(level)
    se = mp.sqrt(mp.mpf(1) / a + mp.mpf(1) / b + mp.mpf(1) / c + mp.mpf(1) / d)
    return est, est * mp.exp(-z * se), est * mp.exp(z * se)


def katz(a: int, b: int, c: int, d: int, level: float) -> tuple[mp.mpf, ...]:
    n1, n2 = a + b, c + d
    est = mp.inf if c == 0 else (mp.mpf(a) / n1) / (mp.mpf(c) / n2)
    if a == 0 or c == 0:
        return est, mp.mpf(0), mp.inf
    z = z_quantile(level)
    se = mp.sqrt(mp.mpf(1) / a - mp.mpf(1) / n1 + mp.mpf(1) / c - mp.mpf(1) / n2)
    return est, est * mp.exp(-z * se), est * mp.exp(z * se)


def mn_statistic(a: int, n1: int, c: int, n2: int, theta: mp.mpf) -> mp.mpf:
    """Miettinen-Nurminen score statistic for the risk ratio theta (with N / (N - 1))."""
    big_n = n1 + n2
    p1, p2 = mp.mpf(a) / n1, mp.mpf(c) / n2
    qa = big_n * theta
    qb = -(n1 * theta + a + n2 + c * theta)
    qc = mp.mpf(a + c)
    p2t = (-qb - mp.sqrt(qb * qb - 4 * qa * qc)) / (2 * qa)
    p1t = p2t * theta
    var = (p1t * (1 - p1t) / n1 + theta**2 * p2t * (1 - p2t) / n2) * big_n / (big_n - 1)
    return (p1 - theta * p2) / mp.sqrt(var)


def score_rr(a: int, b: int, c: int, d: int, level: float) -> tuple[mp.mpf, ...]:
    n1, n2 = a + b, c + d
    est = mp.inf if c == 0 else (mp.mpf(a) / n1) / (mp.mpf(c) / n2)
    z = z_quantile(level)
    start = mp.log(
        ((a + mp.mpf(1) / 2) / (n1 + mp.mpf(1) / 2)) / ((c + mp.mpf(1) / 2) / (n2 + mp.mpf(1) / 2))
    )
    low = (
        mp.mpf(0)
        if a == 0
        else mp.exp(root_in_log(lambda t: mn_statistic(a, n1, c, n2, mp.exp(t)) - z, start))
    )
    high = (
        mp.inf
        if c == 0
        else mp.exp(root_in_log(lambda t: mn_statistic(a, n1, c, n2, mp.exp(t)) + z, start))
    )
    return est, low, high


def wilson_limits(k: int, n: int, level: float) -> tuple[mp.mpf, mp.mpf]:
    result = prevalence_limits("wilson", k, n, level)
    assert result is not None
    return result


def difference(method: str, a: int, b: int, c: int, d: int, level: float) -> tuple[mp.mpf, ...]:
    n1, n2 = a + b, c + d
    p1, p2 = mp.mpf(a) / n1, mp.mpf(c) / n2
    est = p1 - p2
    z = z_quantile(level)
    if method == "newcombe":
        l1, u1 = wilson_limits(a, n1, level)
        l2, u2 = wilson_limits(c, n2, level)
        return (
            est,
            est - mp.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
            est + mp.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2),
        )
    add = 1 if method == "agresti_caffo" else 0
    q1, q2 = mp.mpf(a + add) / (n1 + 2 * add), mp.mpf(c + add) / (n2 + 2 * add)
    spread = z * mp.sqrt(q1 * (1 - q1) / (n1 + 2 * add) + q2 * (1 - q2) / (n2 + 2 * add))
    return est, q1 - q2 - spread, q1 - q2 + spread


def random_table(rng: random.Random, top: float) -> tuple[int, int, int, int]:
    cells = []
    for _ in range(4):
        r = rng.random()
        if r < 0.07:
            cells.append(0)
        else:
            cells.append(int(10 ** rng.uniform(0, top)))
    return tuple(cells)  # type: ignore[return-value]


def table_cases(rng: random.Random) -> list[tuple[tuple[int, int, int, int], float]]:
    named = [
        ((7, 93, 2, 98), 0.95),  # the example: fisher.test prints 37.0939
        ((106, 124, 495, 713), 0.95),
        ((12, 218, 244, 964), 0.95),
        ((0, 15, 10, 20), 0.95),
        ((5, 0, 10, 20), 0.9),
        ((3, 7, 1, 9), 0.999),
        ((3000, 7000, 2500, 7500), 0.95),  # 10,000 per cell
        ((30000, 70000, 25000, 75000), 0.95),  # 100,000 per cell
    ]
    cases = list(named)
    while len(cases) < 160:
        t = random_table(rng, 3.5)
        a, b, c, d = t
        if a + b == 0 or c + d == 0 or a + c == 0 or b + d == 0:
            continue
        cases.append((t, random_level(rng)))
    return cases


def rr_cases(rng: random.Random) -> list[tuple[tuple[int, int, int, int], float]]:
    cases = []
    for n in (10**6, 10**7, 10**8, 10**9):  # large n (see h14's issue)
        cases.append(((n // 2 + 1, n // 2 - 1, n // 2, n // 2), 0.95))
        cases.append(((n - 1, 1, n, 0), 0.95))
        cases.append(((3, n - 3, 7, n - 7), 0.95))
    while len(cases) < 140:
        a, b, c, d = random_table(rng, 4)
        if a + b == 0 or c + d == 0 or (a == 0 and c == 0) or (b == 0 and d == 0):
            continue
        cases.append(((a, b, c, d), random_level(rng)))
    return cases


def table_row(
    family: str, method: str, level: float, t: tuple, quantity: str, value, call: str
) -> dict:
    a, b, c, d = t
    return {
        "family": family,
        "method": method,
        "level": level,
        "a": a,
        "b": b,
        "c": c,
        "d": d,
        "quantity": quantity,
        "value": fmt(value),
        "call": call,
    }


def ratio_rows(rng: random.Random) -> Iterable[dict]:
    for t, level in table_cases(rng):
        for method in ("woolf", "conditional", "midp"):
            if method == "woolf":
                vals = woolf(*t, level)
            else:
                vals = exact_or(*t, level, mid=method == "midp")
            call = f'odds_ratio_ci({", ".join(map(str, t))}, method="{method}", level={level})'
            for q, v in zip(("estimate", "low", "high"), vals, strict=True):
                yield table_row("odds_ratio_ci", method, level, t, q, v, call)
    for t, level in rr_cases(rng):
        for method in ("katz", "score"):
            vals = katz(*t, level) if method == "katz" else score_rr(*t, level)
            call = f'risk_ratio_ci({", ".join(map(str, t))}, method="{method}", level={level})'
            for q, v in zip(("estimate", "low", "high"), vals, strict=True):
                yield table_row("risk_ratio_ci", method, level, t, q, v, call)
    for _ in range(150):
        t = random_table(rng, 4)
        a, b, c, d = t
        if a + b == 0 or c + d == 0:
            continue
        level = random_level(rng)
        for method in ("newcombe", "agresti_caffo", "wald"):
            vals = difference(method, *t, level)
            call = (
                f'compare_prevalences({a}, {a + b}, {c}, {c + d}, measure="difference", '
                f'method="{method}", level={level})'
            )
            for q, v in zip(("estimate", "low", "high"), vals, strict=True):
                yield table_row("difference", method, level, t, q, v, call)


def proportion_pair_rows(rng: random.Random) -> Iterable[dict]:
    for _ in range(200):
        p1 = Fraction(rng.randint(0, 1000), 1000)
        p2 = Fraction(rng.randint(1, 999), 1000)
        ratio = round(10 ** rng.uniform(-1.5, 1.5), 3)
        f1, f2 = float(p1), float(p2)
        m1, m2, mr = mp.mpf(f1), mp.mpf(f2), mp.mpf(ratio)
        base = {"p1": f1, "p2": f2, "ratio": ratio}
        if f1 < 1:
            yield {
                **base,
                "family": "implied_odds_ratio",
                "quantity": "value",
                "value": fmt(m1 * (1 - m2) / (m2 * (1 - m1))),
                "call": f"implied_odds_ratio({f1}, {f2})",
            }
        yield {
            **base,
            "family": "implied_risk_ratio",
            "quantity": "value",
            "value": fmt(m1 / m2),
            "call": f"implied_risk_ratio({f1}, {f2})",
        }
        yield {
            **base,
            "family": "required_prevalence",
            "method": "odds_ratio",
            "quantity": "value",
            "value": fmt(mr * m2 / (1 - m2 + mr * m2)),
            "call": f'required_prevalence({f2}, {ratio}, measure="odds_ratio")',
        }
        yield {
            **base,
            "family": "required_prevalence",
            "method": "risk_ratio",
            "quantity": "value",
            "value": fmt(mr * m2),
            "call": f'required_prevalence({f2}, {ratio}, measure="risk_ratio")',
        }


VALUE_COLUMNS = [
    "family",
    "method",
    "level",
    "k",
    "n",
    "a",
    "b",
    "c",
    "d",
    "p1",
    "p2",
    "ratio",
    "quantity",
    "value",
    "call",
]


# --- pooling --------------------------------------------------------------------------------------


def logit_inputs(k: list[int], n: list[int]) -> tuple[list[mp.mpf], list[mp.mpf]]:
    """metafor's escalc("PLO", add = 1/2, to = "only0")."""
    ys, vs = [], []
    for ki, ni in zip(k, n, strict=True):
        cases, non = mp.mpf(ki), mp.mpf(ni - ki)
        if ki == 0 or ki == ni:
            cases, non = cases + mp.mpf(1) / 2, non + mp.mpf(1) / 2
        ys.append(mp.log(cases / non))
        vs.append(1 / cases + 1 / non)
    return ys, vs


def gen_q(tau2: mp.mpf, ys: list, vs: list) -> mp.mpf:
    w = [1 / (v + tau2) for v in vs]
    mu = mp.fsum(wi * yi for wi, yi in zip(w, ys, strict=True)) / mp.fsum(w)
    return mp.fsum(wi * (yi - mu) ** 2 for wi, yi in zip(w, ys, strict=True))


def q_root(ys: list, vs: list, target: mp.mpf) -> mp.mpf:
    """Least tau2 >= 0 with Q(tau2) <= target (Q decreases)."""
    if gen_q(mp.mpf(0), ys, vs) <= target:
        return mp.mpf(0)
    hi = mp.mpf(1)
    while gen_q(hi, ys, vs) > target:
        hi *= 4
    return bisect_root(lambda t: gen_q(t, ys, vs) - target, mp.mpf(0), hi)


def score(tau2: mp.mpf, ys: list, vs: list, restricted: bool) -> mp.mpf:
    w = [1 / (v + tau2) for v in vs]
    sw = mp.fsum(w)
    mu = mp.fsum(wi * yi for wi, yi in zip(w, ys, strict=True)) / sw
    s = mp.fsum(wi**2 * (yi - mu) ** 2 for wi, yi in zip(w, ys, strict=True)) - sw
    if restricted:
        s += mp.fsum(wi**2 for wi in w) / sw
    return s


def loglik(tau2: mp.mpf, ys: list, vs: list, restricted: bool) -> mp.mpf:
    w = [1 / (v + tau2) for v in vs]
    sw = mp.fsum(w)
    mu = mp.fsum(wi * yi for wi, yi in zip(w, ys, strict=True)) / sw
    ll = (
        -(
            mp.fsum(mp.log(v + tau2) for v in vs)
            + mp.fsum(wi * (yi - mu) ** 2 for wi, yi in zip(w, ys, strict=True))
        )
        / 2
    )
    return ll - mp.log(sw) / 2 if restricted else ll


def tau2_likelihood(ys: list, vs: list, restricted: bool) -> mp.mpf:
    """Maximiser over tau2 >= 0: the boundary 0 or a root of the score, whichever is highest."""
    # Beyond this no score root can lie (w_max/w_min <= 2 once tau2 >= v_max; see
    # pctstats.stats.heterogeneity for the same bound), quadrupled for room.
    k = len(ys)
    ybar = mp.fsum(ys) / k
    spread = mp.fsum((y - ybar) ** 2 for y in ys)
    bound = 4 * spread / (k - 1) if restricted else 2 * spread / k
    hi = 4 * max(bound, max(vs))
    assert score(hi, ys, vs, restricted) < 0
    grid = [mp.mpf(0)] + [
        hi * mp.mpf(10) ** (mp.mpf(-14) + 14 * mp.mpf(i) / 399) for i in range(400)
    ]
    values = [score(t, ys, vs, restricted) for t in grid]
    candidates = [mp.mpf(0)] if values[0] <= 0 else []
    for i in range(len(grid) - 1):
        if values[i] > 0 and values[i + 1] <= 0:
            candidates.append(
                bisect_root(lambda t: score(t, ys, vs, restricted), grid[i], grid[i + 1])
            )
    return max(candidates, key=lambda t: loglik(t, ys, vs, restricted))


def tau2_of(method: str, ys: list, vs: list) -> mp.mpf:
    k = len(ys)
    if method == "DL":
        w = [1 / v for v in vs]
        q = gen_q(mp.mpf(0), ys, vs)
        c = mp.fsum(w) - mp.fsum(wi**2 for wi in w) / mp.fsum(w)
        return max(mp.mpf(0), (q - (k - 1)) / c)
    if method == "PM":
        return q_root(ys, vs, mp.mpf(k - 1))
    return tau2_likelihood(ys, vs, restricted=method == "REML")


def expit(x: mp.mpf) -> mp.mpf:
    return 1 / (1 + mp.exp(-x))


def pool_row(set_id: str, k: list[int], n: list[int], method: str, level: float) -> dict:
    ys, vs = logit_inputs(k, n)
    size = len(ys)
    tau2 = tau2_of(method, ys, vs)
    w = [1 / (v + tau2) for v in vs]
    sw = mp.fsum(w)
    mu = mp.fsum(wi * yi for wi, yi in zip(w, ys, strict=True)) / sw
    se = 1 / mp.sqrt(sw)
    z = z_quantile(level)
    t1 = t_quantile(level, size - 1)
    qkh = mp.fsum(wi * (yi - mu) ** 2 for wi, yi in zip(w, ys, strict=True)) / (size - 1)
    hk_knha = t1 * mp.sqrt(qkh) * se
    hk_mod = t1 * mp.sqrt(max(qkh, mp.mpf(1))) * se
    pi_sd = mp.sqrt(tau2 + se**2)
    if size >= 3:
        t2 = t_quantile(level, size - 2)
        pi_hts = (expit(mu - t2 * pi_sd), expit(mu + t2 * pi_sd))
    else:
        pi_hts = (mp.nan, mp.nan)
    q = gen_q(mp.mpf(0), ys, vs)
    w0 = [1 / v for v in vs]
    s2 = (size - 1) * mp.fsum(w0) / (mp.fsum(w0) ** 2 - mp.fsum(wi**2 for wi in w0))
    alpha_half = (1 - mp.mpf(level)) / 2
    tau2_low = q_root(ys, vs, chi2_quantile(1 - alpha_half, size - 1))
    tau2_high = q_root(ys, vs, chi2_quantile(alpha_half, size - 1))
    values = {
        "tau2": tau2,
        "tau2_low": tau2_low,
        "tau2_high": tau2_high,
        "logit_estimate": mu,
        "logit_se": se,
        "estimate": expit(mu),
        "low_z": expit(mu - z * se),
        "high_z": expit(mu + z * se),
        "low_hksj": expit(mu - hk_mod),
        "high_hksj": expit(mu + hk_mod),
        "low_knha": expit(mu - hk_knha),
        "high_knha": expit(mu + hk_knha),
        "pi_low_hts": pi_hts[0],
        "pi_high_hts": pi_hts[1],
        "pi_low_normal": expit(mu - z * pi_sd),
        "pi_high_normal": expit(mu + z * pi_sd),
        "i2": tau2 / (tau2 + s2),
        "q": q,
        "q_pvalue": chi2_sf(q, size - 1),
    }
    row = {
        "set": set_id,
        "k": " ".join(map(str, k)),
        "n": " ".join(map(str, n)),
        "method": method,
        "level": level,
        "call": f"pool_prevalence([{', '.join(map(str, k))}], [{', '.join(map(str, n))}], "
        f'method="{method}", level={level})',
    }
    row.update({key: fmt(v) for key, v in values.items()})
    return row


POOL_COLUMNS = [
    "set",
    "method",
    "level",
    "k",
    "n",
    "tau2",
    "tau2_low",
    "tau2_high",
    "logit_estimate",
    "logit_se",
    "estimate",
    "low_z",
    "high_z",
    "low_hksj",
    "high_hksj",
    "low_knha",
    "high_knha",
    "pi_low_hts",
    "pi_high_hts",
    "pi_low_normal",
    "pi_high_normal",
    "i2",
    "q",
    "q_pvalue",
    "call",
]


def pool_sets(rng: random.Random, count: int) -> list[tuple[str, list[int], list[int]]]:
    sets = [
        ("issue_pm_root", [5, 50, 3, 200, 17], [20, 80, 60, 500, 34]),
        ("lifetime3", [106, 73, 495], [230, 222, 1208]),
    ]
    while len(sets) < count:
        size = rng.randint(2, 12)
        kind = rng.random()
        # heterogeneity on the logit scale: none, moderate or large
        tau = 0.0 if kind < 0.25 else rng.uniform(0.1, 0.5) if kind < 0.6 else rng.uniform(0.5, 2.0)
        centre = rng.uniform(-3, 2)
        k, n = [], []
        for _ in range(size):
            ni = int(10 ** rng.uniform(1, 3.3))
            p = 1 / (1 + math.exp(-(centre + rng.gauss(0, 1) * tau)))
            ki = (
                sum(rng.random() < p for _ in range(ni))
                if ni < 400
                else round(ni * p + rng.gauss(0, 1) * math.sqrt(ni * p * (1 - p)))
            )
            k.append(min(ni, max(0, ki)))
            n.append(ni)
        sets.append((f"random{len(sets):04d}", k, n))
    return sets


def pooling_rows(rng: random.Random, count: int) -> Iterable[dict]:
    for set_id, k, n in pool_sets(rng, count):
        level = 0.95 if rng.random() < 0.7 else random_level(rng)
        for method in ("DL", "PM", "REML", "ML"):
            yield pool_row(set_id, k, n, method, level)


# --- GRIM by enumeration -------------------------------------------------------------------------

MODES = ("up_or_down", "up", "down", "even", "trunc", "floor", "ceiling")


def printed_units(x: Fraction, mode: str) -> int:
    """x (in units of the last printed digit) printed under a single rounding mode."""
    floor = x.numerator // x.denominator
    rest = x - floor
    if mode in ("trunc", "floor"):
        return floor
    if mode == "ceiling":
        return floor if rest == 0 else floor + 1
    if rest != Fraction(1, 2):
        return floor if rest < Fraction(1, 2) else floor + 1
    if mode == "up":
        return floor + 1
    if mode == "down":
        return floor
    if mode == "even":
        return floor if floor % 2 == 0 else floor + 1
    raise ValueError(mode)


def prints_as(k: int, total: int, units: int, digits: int, mode: str) -> bool:
    x = Fraction(k * 10**digits, total)
    singles = ("up", "down") if mode == "up_or_down" else (mode,)
    return any(printed_units(x, m) == units for m in singles)


def consistent_counts(
    units: int, digits: int, total: int, mode: str, cap: int | None
) -> tuple[int, int] | None:
    """Least and greatest k (0 <= k, k <= cap for a percentage) printing as units / 10**digits.

    Every k within one printed unit of the value is checked when there are at most 50,000 of
    them; beyond that (n up to 1e9), printing being monotone in k, the first and last k that
    print as the value are found by bisection on each single mode's printed value, and their
    neighbours are checked one by one.
    """
    lo = max(0, (units - 1) * total // 10**digits - 1)
    hi = (units + 1) * total // 10**digits + 2
    if cap is not None:
        hi = min(hi, cap)
    if hi < lo:
        return None
    if hi - lo <= 50_000:
        ks = [k for k in range(lo, hi + 1) if prints_as(k, total, units, digits, mode)]
        return (ks[0], ks[-1]) if ks else None
    ends = []
    for single in ("up", "down") if mode == "up_or_down" else (mode,):

        def printed(k: int, single: str = single) -> int:
            return printed_units(Fraction(k * 10**digits, total), single)

        a, b = lo, hi + 1  # least k in [lo, hi] with printed(k) >= units
        while a < b:
            m = (a + b) // 2
            a, b = (m + 1, b) if printed(m) < units else (a, m)
        first = a
        a, b = lo - 1, hi  # greatest k in [lo, hi] with printed(k) <= units
        while a < b:
            m = (a + b + 1) // 2
            a, b = (m, b) if printed(m) <= units else (a, m - 1)
        last = a
        if first <= last:
            assert printed(first) == units and printed(last) == units
            assert first == lo or printed(first - 1) != units
            assert last == hi or printed(last + 1) != units
            ends.append((first, last))
    if not ends:
        return None
    return min(e[0] for e in ends), max(e[1] for e in ends)


def printed_text(units: int, decimals: int) -> str:
    s = str(units).rjust(decimals + 1, "0")
    return s if decimals == 0 else f"{s[:-decimals]}.{s[-decimals:]}"


def grim_rows(rng: random.Random, count: int) -> Iterable[dict]:
    cases = [
        ("5.1", 230, True, 1, "up_or_down"),
        ("46", 230, True, 1, "up_or_down"),
        ("41", 10**9, True, 1, "up"),
        ("100", 7, True, 1, "even"),
        ("0", 3, True, 1, "down"),
        ("0.0", 10**9, True, 1, "ceiling"),
        ("5.19", 32, False, 1, "up_or_down"),
    ]
    while len(cases) < count:
        percent = rng.random() < 0.75
        n = int(10 ** rng.uniform(0, 9 if rng.random() < 0.3 else 4))
        items = 1 if percent or rng.random() < 0.5 else rng.randint(2, 5)
        decimals = rng.choice((0, 1, 1, 2, 2, 3))
        mode = rng.choice(MODES)
        total = n * items
        top = total if percent else total * rng.choice((1, 5, 7))  # means may exceed 1
        k = rng.randint(0, top)
        digits = decimals + (2 if percent else 0)
        single = rng.choice(("up", "down")) if mode == "up_or_down" else mode
        units = printed_units(Fraction(k * 10**digits, total), single)
        if rng.random() < 0.3:  # perturb the last digit: often inconsistent
            units = max(0, units + rng.choice((-1, 1)))
        if percent and units > 100 * 10**decimals:
            continue
        cases.append((printed_text(units, decimals), n, percent, items, mode))
    for value, n, percent, items, mode in cases:
        decimals = len(value.split(".")[1]) if "." in value else 0
        units = int(value.replace(".", ""))
        digits = decimals + (2 if percent else 0)
        total = n * items
        found = consistent_counts(units, digits, total, mode, total if percent else None)
        args = f'"{value}", {n}, percent={percent}, rounding="{mode}", items={items}'
        yield {
            "family": "grim",
            "value": value,
            "n": n,
            "percent": percent,
            "items": items,
            "rounding": mode,
            "consistent": found is not None,
            "k_min": "" if found is None else found[0],
            "k_max": "" if found is None else found[1],
            "call": f"grim({args}); grim_counts({args})",
        }


def denominator_rows(rng: random.Random, count: int) -> Iterable[dict]:
    for _ in range(count):
        mode = rng.choice(MODES)
        n_true = rng.randint(20, 2000)
        values = []
        for _ in range(rng.randint(1, 3)):
            decimals = rng.choice((0, 1, 1, 2))
            k = rng.randint(0, n_true)
            single = rng.choice(("up", "down")) if mode == "up_or_down" else mode
            units = printed_units(Fraction(k * 10 ** (decimals + 2), n_true), single)
            values.append(printed_text(units, decimals))
        start = max(1, n_true - rng.randint(0, 60))
        stop = n_true + rng.randint(1, 60)
        answer = []
        for cand in range(start, stop):
            ok = True
            for value in values:
                decimals = len(value.split(".")[1]) if "." in value else 0
                units = int(value.replace(".", ""))
                if consistent_counts(units, decimals + 2, cand, mode, cand) is None:
                    ok = False
                    break
            if ok:
                answer.append(cand)
        yield {
            "family": "grim_denominators",
            "value": " ".join(values),
            "n": f"{start}:{stop}",
            "percent": True,
            "items": 1,
            "rounding": mode,
            "consistent": bool(answer),
            "denominators": " ".join(map(str, answer)),
            "call": f'grim_denominators({values!r}, range({start}, {stop}), rounding="{mode}")',
        }


GRIM_COLUMNS = [
    "family",
    "value",
    "n",
    "percent",
    "items",
    "rounding",
    "consistent",
    "k_min",
    "k_max",
    "denominators",
    "call",
]


def main() -> int:
    started = time.time()

    def step(name: str, path: Path, header: list[str], rows: Iterable[dict]) -> None:
        t0 = time.time()
        count = write_csv(path, header, rows)
        print(f"{name}: {count} rows -> {path.name} ({time.time() - t0:.0f} s)", flush=True)

    def values() -> Iterable[dict]:
        yield from prevalence_rows(random.Random(20261201))
        yield from ratio_rows(random.Random(20261202))
        yield from proportion_pair_rows(random.Random(20261203))

    step("values", OUT / "exact_values.csv", VALUE_COLUMNS, values())
    step(
        "pooling",
        OUT / "exact_pooling.csv",
        POOL_COLUMNS,
        pooling_rows(random.Random(20261204), 520),
    )

    def grim_all() -> Iterable[dict]:
        yield from grim_rows(random.Random(20261205), 1500)
        yield from denominator_rows(random.Random(20261206), 150)

    step("grim", OUT / "exact_grim.csv", GRIM_COLUMNS, grim_all())
    print(f"done in {time.time() - started:.0f} s (mpmath {mp.__version__}, {mp.mp.dps} digits)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
