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
