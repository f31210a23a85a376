"""A vocabulary value is one edit (a Term in core.vocab) plus the data package.

The record set below gives S1's lifetime estimate a timeframe the shipped vocabulary does not hold.
Without its Term, every check, the audit and the figures refuse it with a clear error (no KeyError,
no silent fallback); with one Term saying it is the same period as "lifetime", they all treat it
exactly as they treat "lifetime".
"""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

import pandas as pd
import pytest

from pctstats import load
from pctstats.audit import audit_claims
from pctstats.checks import check_all
from pctstats.checks.ratio_claims import matching_pairs
from pctstats.core import vocab
from pctstats.core.vocab import LIFETIME, Term
from pctstats.plots.audit import claim_audit
from pctstats.plots.prevalence import forest_data, timeframe_pairs

DB = load()
NEW = "ever_in_life"
ESTIMATE = "schweitzer2015-lifetime"


def with_new_timeframe():
    estimates = dict(DB.estimates)
    estimates[ESTIMATE] = replace(estimates[ESTIMATE], timeframe=NEW)
    return replace(DB, estimates=MappingProxyType(estimates))


@pytest.fixture
def extended(monkeypatch):
    """The one edit: a Term for the new value (read like "lifetime", the same period)."""
    lifetime = vocab.TERMS["timeframe"][LIFETIME]
    new = Term("ever (a new wording)", lifetime.words, lifetime.noun, same_as=LIFETIME)
    timeframes = {**vocab.TERMS["timeframe"], NEW: new}
    terms = MappingProxyType({**vocab.TERMS, "timeframe": MappingProxyType(timeframes)})
    monkeypatch.setattr(vocab, "TERMS", terms)


@pytest.mark.parametrize("run", [check_all, audit_claims, timeframe_pairs],
                         ids=["checks", "audit", "plots"])
def test_an_unknown_value_is_a_clear_error_not_a_keyerror_or_a_fallback(run):
    with pytest.raises(ValueError, match=f"'{NEW}' is not a value of the timeframe vocabulary"):
        run(with_new_timeframe())


def test_the_checks_treat_a_new_lifetime_value_as_lifetime(extended):
    pd.testing.assert_frame_equal(check_all(with_new_timeframe()), check_all(DB))
    pairs = matching_pairs(DB.claims["E"], with_new_timeframe())
    assert ESTIMATE in {p.first.estimate_id for p in pairs}


def test_the_audit_treats_a_new_lifetime_value_as_lifetime(extended):
    pd.testing.assert_frame_equal(audit_claims(with_new_timeframe()), audit_claims(DB))


def test_the_figures_treat_a_new_lifetime_value_as_lifetime(extended):
    db = with_new_timeframe()
    assert [p.records for p in timeframe_pairs(db)] == [p.records for p in timeframe_pairs(DB)]
    assert forest_data(db).records == forest_data(DB).records
    assert claim_audit(db).frame().equals(claim_audit(DB).frame())
