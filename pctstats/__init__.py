"""pctstats: sourced records and consistency checks for postcoital dysphoria prevalence claims.

>>> import pctstats
>>> db = pctstats.load()
>>> db.sources["maczkowiack2019"].n
1208

Heavy modules (statsmodels, matplotlib) are imported only when a function that needs them is
first used, so ``import pctstats`` stays fast. The public submodules are reachable the same way:

>>> pctstats.cite.cite(["maczkowiack2019"], style="apa").startswith("Maczkowiack")
True
"""

import importlib as _importlib
import pkgutil as _pkgutil

__version__ = "0.1.0"

#: Public name -> module that defines it. Resolved lazily on first attribute access.
_EXPORTS: dict[str, str] = {
    "load": "pctstats.data.dataset",
    "Dataset": "pctstats.data.dataset",
    "DataError": "pctstats.core.errors",
    "DataIssue": "pctstats.core.errors",
    "Source": "pctstats.data.records",
    "Estimate": "pctstats.data.records",
    "Article": "pctstats.data.records",
    "Claim": "pctstats.data.records",
    "SampleSize": "pctstats.data.records",
    "VOCABULARIES": "pctstats.core.vocab",
    # consistency: GRIM and rounding
    "grim": "pctstats.stats.grim_consistency",
    "grim_counts": "pctstats.stats.grim_consistency",
    "grim_denominators": "pctstats.stats.grim_consistency",
    "grim_map": "pctstats.stats.grim_consistency",
    "grim_probability": "pctstats.stats.grim_consistency",
    "rounding_interval": "pctstats.core.rounding",
    "RoundingInterval": "pctstats.core.rounding",
    "round_fraction": "pctstats.core.rounding",
    "reround": "pctstats.core.rounding",
    "ROUNDING_MODES": "pctstats.core.rounding",
    # intervals, ratios, pooling
    "prevalence_ci": "pctstats.stats.intervals",
    "ci_table": "pctstats.stats.intervals",
    "reported_ci": "pctstats.stats.intervals",
    "Interval": "pctstats.stats.results",
    "ReportedInterval": "pctstats.stats.intervals",
    "PREVALENCE_METHODS": "pctstats.stats.intervals",
    "odds_ratio_ci": "pctstats.stats.ratios",
    "risk_ratio_ci": "pctstats.stats.ratios",
    "compare_prevalences": "pctstats.stats.ratios",
    "ComparisonResult": "pctstats.stats.ratios",
    "implied_odds_ratio": "pctstats.stats.ratios",
    "implied_risk_ratio": "pctstats.stats.ratios",
    "required_prevalence": "pctstats.stats.ratios",
    "RequiredPrevalence": "pctstats.stats.ratios",
    "pool_prevalence": "pctstats.stats.pooling",
    "PooledPrevalence": "pctstats.stats.pooling",
    "logit_prevalence": "pctstats.stats.pooling",
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
    "audit_text": "pctstats.text.audit",
    # citing and reporting
    "apa_reference": "pctstats.cite",
    "to_bibtex": "pctstats.cite",
    "package_citation": "pctstats.cite",
    "build_report": "pctstats.report",
    "write_report": "pctstats.report",
    "claims_table": "pctstats.report",
    "format_frame": "pctstats.formatting",
}

#: The public submodules, each reachable as an attribute (``pctstats.cite``): every module of the
#: package whose name does not start with "_", except ``build`` (only the command
#: ``python -m pctstats.build``).
_SUBMODULES: tuple[str, ...] = tuple(sorted(
    info.name for info in _pkgutil.iter_modules(__path__)
    if not info.name.startswith("_") and info.name != "build"
))

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> object:
    if name in _SUBMODULES:
        return _importlib.import_module(f"{__name__}.{name}")  # the import binds it here too
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'pctstats' has no attribute {name!r}")
    value = getattr(_importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({"__version__", *__all__, *_SUBMODULES})
