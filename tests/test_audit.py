"""The claim audit: expected findings on the shipped records; every verdict on built claims."""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pctstats import load
from pctstats.audit import (
    AUDIT_COLUMNS,
    MISMATCHES,
    VALUE_MATCHES,
    VERDICTS,
    audit_claims,
    audit_in_words,
    claim_span,
    compare_point,
    compare_value,
    verdict_counts,
)
from pctstats.data.dataset import ClaimIndex
from pctstats.data.records import Claim, Estimate

DB = load()
AUDIT = audit_claims().set_index("claim_id")


def with_claims(*claims: Claim):
    table = dict(DB.claims)
    table.update({c.key: c for c in claims})
    return replace(DB, claims=ClaimIndex(table))


def audit_of(claim: Claim, rounding: str = "up_or_down"):
    return audit_claims(with_claims(claim), rounding=rounding).set_index("claim_id").loc[
        claim.claim_id
    ]


def mirror(e: Estimate, **changes) -> Claim:
    """A claim that says exactly what the estimate says."""
    source = DB.sources[e.source_id]
    claim = Claim(
        claim_id="Z",
        claim_group="Z",
        article_id="mnt",
        quote="(built for a test)",
        measure=e.measure,
        value=e.value,
        value_high=e.value_high,
        value_text="(built)",
        approximation="exact",
        unit=e.unit,
        sex=e.sex,
        orientation=e.orientation,
        reference_sex=None,
        timeframe=e.timeframe,
        frequency=e.frequency,
        context=e.context,
        outcome=e.outcome,
        population=e.population,
        population_tags=e.population_tags,
        age_min=None,
        age_max=None,
        n_claimed=None,
        source_kind="research" if source.design == "narrative_review" else "one_study",
        year_claimed=None,
        strength_claimed=None,
        source_ids=(e.source_id,),
        estimate_ids=(e.estimate_id,),
        read_in="article_text",
        notes=None,
    )
    return replace(claim, **changes)


# The output ---------------------------------------------------------------------------------------
def test_one_row_per_claim_with_the_documented_columns():
    audit = audit_claims()
    assert list(audit.columns) == list(AUDIT_COLUMNS)
    assert audit["claim_id"].tolist() == [c.claim_id for c in DB.claims.values()]
    assert set(audit["verdict"]) <= set(VERDICTS)
    for names in audit["mismatches"]:
        assert isinstance(names, tuple) and set(names) <= set(MISMATCHES)
        assert list(names) == [m for m in MISMATCHES if m in names]  # vocabulary order
    assert set(audit["value_match"].dropna()) <= set(VALUE_MATCHES)
    assert audit.attrs["rounding"] == "up_or_down"
    assert set(audit["rounding"]) == {"up_or_down"}


def test_messages_are_one_sentence_with_numbers():
    for claim_id, message in AUDIT["message"].items():
        assert message.endswith(".") and "\n" not in message
        assert message.split(":")[0].lower().replace(" ", "_") == AUDIT.loc[claim_id, "verdict"]
        assert any(ch.isdigit() for ch in message)


# Expected findings on the shipped records ---------------------------------------------------------
def test_a_matches_the_regular_basis_range_not_the_lifetime_figure():
    a = AUDIT.loc["A"]
    assert a["verdict"] == "distorted"
    assert a["matched_estimate_id"] == "maczkowiack2019-regular"
    assert a["mismatches"] == ("timeframe", "frequency")
    assert a["value_match"] == "in_range" and a["traced_value_match"] == "different"
    assert "41%" in a["message"] and "3%-4%" in a["message"]


def test_d_has_the_wrong_sample_size_and_a_precision_the_source_does_not_print():
    d = AUDIT.loc["D-lifetime"]
    assert d["verdict"] == "distorted" and d["mismatches"] == ("sample_size",)
    assert "1,635" in d["message"] and "1,208" in d["message"]
    r = AUDIT.loc["D-regular"]
    assert r["verdict"] == "distorted" and r["mismatches"] == ("precision", "sample_size")
    assert r["matched_estimate_id"] == "maczkowiack2019-regular"


def test_e_is_unsupported_and_inconsistent_with_the_lifetime_pair():
    e = AUDIT.loc["E"]
    assert e["verdict"] == "unsupported"
    assert "value" in e["mismatches"] and "across_samples" in e["mismatches"]
    assert "1.23" in e["message"] and "66.6%" in e["message"] and "impossible" in e["message"]
    assert "traces to no source" in e["message"]


def test_g_calls_a_review_one_study():
    for claim_id in ("G-female", "G-male"):
        g = AUDIT.loc[claim_id]
        assert g["verdict"] == "distorted" and g["mismatches"] == ("source_kind",)
        assert g["value_match"] == "equal"


def test_h_drops_sexually_active_and_the_timeframe():
    h = AUDIT.loc["H"]
    assert h["verdict"] == "distorted"
    assert {"population", "timeframe", "frequency"} <= set(h["mismatches"])
    assert "sexually active" in h["message"] and "past year" in h["message"]


def test_crying_is_an_outcome_mismatch():
    for claim_id in ("B-male", "B-female", "B2", "C-lifetime", "C-4weeks"):
        assert "outcome" in AUDIT.loc[claim_id, "mismatches"], claim_id
        assert AUDIT.loc[claim_id, "verdict"] == "distorted"
    assert AUDIT.loc["B-male", "mismatches"] == ("outcome",)


def test_c_four_weeks_is_rounded_with_a_frequency_mismatch():
    c = AUDIT.loc["C-4weeks"]
    assert c["matched_estimate_id"] == "schweitzer2015-4weeks-few"
    assert c["value_match"] == "rounded" and "frequency" in c["mismatches"]


def test_b2_almost_half_of_people():
    b2 = AUDIT.loc["B2"]
    assert b2["matched_estimate_id"] == "schweitzer2015-lifetime"
    assert b2["value_match"] == "rounded" and "sex" in b2["mismatches"]
    assert "41%" in b2["message"]  # the other traced estimate, which does not fit


def test_f_strength_is_unsupported_and_its_year_matches():
    f = AUDIT.loc["F"]
    assert f["verdict"] == "unsupported" and "strength" in f["mismatches"]
    assert "year" not in f["mismatches"] and "2019 matches" in f["message"]


def test_a2_direction_agrees_with_its_pair_but_not_every_pair():
    a2 = AUDIT.loc["A2"]
    assert a2["value_match"] == "direction_agrees"
    assert a2["verdict"] == "distorted" and "across_samples" in a2["mismatches"]
    assert "2 of the 6" in a2["message"]


# Every verdict on built claims --------------------------------------------------------------------
@pytest.mark.parametrize(
    "estimate_id",
    [
        e.estimate_id
        for e in DB.estimates.values()
        if e.measure in ("prevalence", "prevalence_range") and e.value is not None
    ],
)
def test_a_claim_that_says_what_the_source_says_is_accurate(estimate_id):
    row = audit_of(mirror(DB.estimates[estimate_id]))
    assert row["verdict"] == "accurate", row["message"]
    assert row["mismatches"] == ()
    assert row["matched_estimate_id"] == estimate_id


def test_rounded():
    e = DB.estimates["schweitzer2015-4weeks-few"]
    row = audit_of(mirror(e, value="5"))
    assert row["verdict"] == "rounded" and row["value_match"] == "rounded"
    lifetime = DB.estimates["schweitzer2015-lifetime"]
    row = audit_of(mirror(lifetime, value="50", approximation="almost"))
    assert row["verdict"] == "rounded"
    row = audit_of(mirror(DB.estimates["maczkowiack2019-regular"], value="4", value_high=None,
                          measure="prevalence", approximation="about"))
    assert row["verdict"] == "rounded" and row["value_match"] == "in_range"


def test_wrong_number():
    row = audit_of(mirror(DB.estimates["maczkowiack2019-lifetime"], value="30"))
    assert row["verdict"] == "wrong_number" and row["mismatches"] == ("value",)
    assert "no estimate of the source matches" in row["message"]
    a2 = replace(DB.claims["A2"], source_ids=("bird2011", "maczkowiack2019"),
                 estimate_ids=("bird2011-lifetime", "maczkowiack2019-lifetime"))
    row = audit_of(a2)
    assert row["verdict"] == "wrong_number" and row["value_match"] == "direction_contradicts"


def test_unsupported():
    e = DB.estimates["schweitzer2015-lifetime"]
    assert audit_of(mirror(e, source_ids=(), estimate_ids=()))["verdict"] == "unsupported"
    row = audit_of(mirror(e, measure="association", value=None, unit="none"))
    assert row["verdict"] == "unsupported" and row["mismatches"] == ("measure",)


def test_generalized_only_when_the_population_is_only_stated_more_broadly():
    broader = mirror(DB.estimates["schweitzer2015-lifetime"], population="women",
                     population_tags=())
    row = audit_of(broader)
    assert row["verdict"] == "generalized" and row["mismatches"] == ("population",)
    assert "drops 'university students'" in row["message"]
    # adding a restriction, or another change besides the broader population, is a distortion
    added = replace(broader, population_tags=("twins",))
    assert audit_of(added)["verdict"] == "distorted"
    also = replace(broader, timeframe="past_4_weeks")
    assert audit_of(also)["verdict"] == "distorted"
    assert set(audit_of(also)["mismatches"]) == {"timeframe", "population"}


def test_distorted_by_precision_beyond_the_source():
    row = audit_of(mirror(DB.estimates["schweitzer2015-lifetime"], value="46.2"))
    assert row["verdict"] == "distorted" and row["mismatches"] == ("precision",)
    assert row["value_match"] == "more_precise"
    ranged = mirror(DB.estimates["maczkowiack2019-regular"], value="3.5", value_high=None,
                    measure="prevalence")
    assert audit_of(ranged)["mismatches"] == ("precision",)


# Dimension rules ----------------------------------------------------------------------------------
def test_year_matches_issue_or_online_year():
    f = DB.claims["F"]
    assert "year" not in audit_of(replace(f, year_claimed=2018))["mismatches"]
    row = audit_of(replace(f, year_claimed=2017))
    assert "year" in row["mismatches"] and "2017 against 2018 / 2019" in row["message"]


def test_a_year_is_not_judged_against_a_source_whose_year_is_open():
    e = DB.estimates["toussaint-men-same-sex"]
    assert DB.sources[e.source_id].year is None
    row = audit_of(mirror(e, year_claimed=2019))
    assert row["verdict"] == "accurate" and "year" not in row["mismatches"]
    assert " against ." not in row["message"] and not row["message"].endswith("against ")


def test_a_subgroup_by_orientation_quoted_for_everyone_is_distorted():
    e = DB.estimates["toussaint-men-same-sex"]
    row = audit_of(mirror(e, orientation="any", population="men"))
    assert row["verdict"] == "distorted" and "orientation" in row["mismatches"]
    assert "any orientation against attracted to their own sex" in row["message"]
    # and the other way round: a number of everyone quoted for one orientation
    s1 = DB.estimates["schweitzer2015-lifetime"]
    row = audit_of(mirror(s1, orientation="heterosexual"))
    assert row["mismatches"] == ("orientation",)
    assert "heterosexual against any orientation" in row["message"]


def test_sample_size_agreement_is_said():
    e = DB.estimates["maczkowiack2019-lifetime"]
    row = audit_of(mirror(e, n_claimed=1208))
    assert row["verdict"] == "accurate" and "n = 1,208 matches" in row["message"]


def test_source_kind_rules():
    e = DB.estimates["maczkowiack2019-lifetime"]
    assert audit_of(mirror(e, source_kind="several_studies"))["mismatches"] == ("source_kind",)
    assert audit_of(mirror(e, source_kind="one_survey"))["mismatches"] == ()
    review = DB.estimates["pyke2020-men"]
    assert audit_of(mirror(review, source_kind="one_survey"))["mismatches"] == ("source_kind",)
    assert audit_of(mirror(review, source_kind="several_studies"))["mismatches"] == ()


def test_population_age_and_context_rules():
    h = DB.claims["H"]
    assert "population" in audit_of(replace(h, population_tags=("sexually_active",),
                                            age_min=18))["mismatches"]
    s6 = DB.estimates["mitchell2017-prevalence"]
    # Dropping how the sample was drawn is not a population mismatch; dropping who was sampled is.
    assert audit_of(mirror(s6, population_tags=("sexually_active",)))["mismatches"] == ()
    assert audit_of(mirror(s6, population_tags=("probability_sample",)))["mismatches"] == (
        "population",
    )
    assert audit_of(mirror(s6, context="vaginal_penetration"))["mismatches"] == ("context",)


def test_unstated_period_matches_only_lifetime():
    e = DB.estimates["schweitzer2015-lifetime"]
    assert audit_of(mirror(e, timeframe="not_stated", frequency="not_stated"))["verdict"] == (
        "accurate"
    )
    four = DB.estimates["bird2011-4weeks"]
    assert audit_of(mirror(four, timeframe="not_stated"))["mismatches"] == ("timeframe",)


def test_rounding_mode_is_used_and_recorded():
    e = replace(DB.estimates["schweitzer2015-4weeks-few"], value="5.5")
    db = replace(DB, estimates=MappingProxyType({**DB.estimates, e.estimate_id: e}))
    claim = mirror(e, value="6")  # 5.5 rounds half up to 6, but truncates to 5

    def verdict(rounding):
        table = dict(db.claims, Z=claim)
        audit = audit_claims(replace(db, claims=MappingProxyType(table)), rounding=rounding)
        return audit.set_index("claim_id").loc["Z", "verdict"]

    assert verdict("up_or_down") == "rounded"
    assert verdict("trunc") == "wrong_number"
    assert audit_claims(rounding="trunc").attrs["rounding"] == "trunc"
    with pytest.raises(ValueError, match="rounding"):
        audit_claims(rounding="bankers")


# Helpers ------------------------------------------------------------------------------------------
def test_value_helpers():
    assert compare_point("5", "exact", "5.1") == "rounded"
    assert compare_point("45", "exact", "46") == "different"  # same precision: as printed
    assert compare_point("40", "about", "41") == "rounded"
    assert compare_point("42", "about", "41") == "different"
    low, high = claim_span("50", "almost")[0][:2]
    assert (float(low), float(high)) == (45.0, 50.0)


def test_words_and_counts():
    audit = audit_claims()
    counts = verdict_counts(audit)
    assert list(counts.index) == list(VERDICTS) and counts.sum() == len(DB.claims)
    lines = audit_in_words(audit, verdicts=["unsupported"])
    assert [line.split(" ")[0] for line in lines] == ["E", "F"]
    with pytest.raises(ValueError, match="verdict"):
        audit_in_words(audit, verdicts=["false"])


# Properties ---------------------------------------------------------------------------------------
@settings(max_examples=120, deadline=None)
@given(units=st.integers(0, 10_000), decimals=st.integers(1, 2),
       approximation=st.sampled_from(["exact", "about"]))
def test_a_value_and_its_coarser_roundings_always_match(units, decimals, approximation):
    value = str(Decimal(units).scaleb(-decimals))
    assert compare_point(value, approximation, value) == "equal"
    for places in range(decimals):
        coarser = str(Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
        assert compare_point(coarser, "exact", value) in ("rounded", "equal"), (coarser, value)
        # and the finer value is never 'equal' to a different coarser print
        if Decimal(coarser) != Decimal(value):
            assert compare_point(coarser, "exact", value) == "rounded"


def test_over_is_just_above_the_number_as_almost_is_just_below():
    """The corpus convention: "over 40" for 41% fits; "just over 4%" for 3-4% is a value change."""
    assert compare_point("40", "over", "41") == "rounded"
    assert compare_point("40", "over", "39") == "different"
    assert compare_point("46", "over", "46") == "equal"  # 46% may stand for 46.3%
    low, high = claim_span("40", "over")[0][:2]
    assert (float(low), float(high)) == (40.0, 45.0)
    regular = DB.estimates["maczkowiack2019-regular"]  # 3-4%
    over = replace(DB.claims["A"], value="4", value_high=None, approximation="over")
    assert compare_value(over, regular)[0] == "different"
    almost = replace(over, approximation="almost", value="3")
    assert compare_value(almost, regular)[0] == "different"
    assert compare_value(replace(over, approximation="exact"), regular)[0] == "in_range"


@settings(max_examples=2000, deadline=None)
@given(claimed=st.integers(1, 99), offset=st.integers(-12, 12))
def test_over_fits_exactly_when_a_true_value_above_the_number_prints_as_both(claimed, offset):
    """Against enumeration: "over x" (x whole, read to its last digit) fits a source printed as v
    (one decimal) exactly when some true value t > x rounds to x and to v. t runs over a grid of
    odd ten-thousandths, which no rounding boundary of either number falls on."""
    if claimed % 10 == 0:
        return  # a round "over 40" is read to the nearest ten (loose), as "about 40" is
    printed_tenths = max(1, claimed * 10 + offset)  # a source printed near it, to one decimal
    printed = Decimal(printed_tenths) / 10
    grid = (Decimal(2 * k + 1) / 20000 for k in range(printed_tenths * 1000 - 600,
                                                      printed_tenths * 1000 + 600))
    exists = any(t > claimed and abs(t - claimed) <= Decimal("0.5")
                 and abs(t - printed) <= Decimal("0.05") for t in grid)
    match = compare_point(str(claimed), "over", f"{printed:.1f}")
    assert (match != "different") == exists, (claimed, printed, match)
