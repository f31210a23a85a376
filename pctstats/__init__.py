"""pctstats: sourced records and consistency checks for postcoital dysphoria prevalence claims.

>>> import pctstats
>>> db = pctstats.load()
>>> db.sources["maczkowiack2019"].n
1208

Heavy modules (statsmodels, matplotlib) are imported only when a function that needs them is
first used, so ``import pctstats`` stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

#: Public name -> module that defines it. Resolved lazily on first attribute access.
_EXPORTS: dict[str, str] = {
    "load": "pctstats.dataset",
    "Dataset": "pctstats.dataset",
    "DataError": "pctstats.errors",
    "DataIssue": "pctstats.errors",
    "Source": "pctstats.records",
    "Estimate": "pctstats.records",
    "Article": "pctstats.records",
    "Claim": "pctstats.records",
    "VOCABULARIES": "pctstats.vocab",
    # consistency: GRIM and rounding
    "grim": "pctstats.grim_consistency",
    "grim_counts": "pctstats.grim_consistency",
    "grim_denominators": "pctstats.grim_consistency",
    "grim_array": "pctstats.grim_consistency",
    "grim_map": "pctstats.grim_consistency",
    "grim_probability": "pctstats.grim_consistency",
    "rounding_interval": "pctstats.rounding",
    "RoundingInterval": "pctstats.rounding",
    "round_fraction": "pctstats.rounding",
    "reround": "pctstats.rounding",
    "ROUNDING_MODES": "pctstats.rounding",
    # intervals, ratios, pooling
    "prevalence_ci": "pctstats.intervals",
    "ci_table": "pctstats.intervals",
    "reported_ci": "pctstats.intervals",
    "Interval": "pctstats.results",
    "ReportedInterval": "pctstats.intervals",
    "PREVALENCE_METHODS": "pctstats.intervals",
    "odds_ratio_ci": "pctstats.ratios",
    "risk_ratio_ci": "pctstats.ratios",
    "compare_prevalences": "pctstats.ratios",
    "ComparisonResult": "pctstats.ratios",
    "implied_odds_ratio": "pctstats.ratios",
    "implied_risk_ratio": "pctstats.ratios",
    "required_prevalence": "pctstats.ratios",
    "RequiredPrevalence": "pctstats.ratios",
    "pool_prevalence": "pctstats.pooling",
    "PooledPrevalence": "pctstats.pooling",
    "logit_prevalence": "pctstats.pooling",
    "prevalence_table": "pctstats.applied",
    "pooled_lifetime": "pctstats.applied",
    "ratio_table": "pctstats.applied",
    "LifetimePooling": "pctstats.applied",
    # checks and the claim audit
    "check_all": "pctstats.checks",
    "summarise": "pctstats.checks",
    "findings_in_words": "pctstats.checks",
    "CHECKS": "pctstats.checks",
    "STATUSES": "pctstats.checks",
    "audit_claims": "pctstats.audit",
    "audit_in_words": "pctstats.audit",
    "verdict_counts": "pctstats.audit",
    "VERDICTS": "pctstats.audit",
    "MISMATCHES": "pctstats.audit",
    "VALUE_MATCHES": "pctstats.audit",
    # citing and reporting
    "apa_reference": "pctstats.cite",
    "to_bibtex": "pctstats.cite",
    "package_citation": "pctstats.cite",
    "build_report": "pctstats.report",
    "write_report": "pctstats.report",
    "claims_table": "pctstats.report",
    "format_frame": "pctstats.formatting",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'pctstats' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
