"""Short displays: each result's repr names its method and level with numbers rounded as printed;
the HTML that Jupyter shows is well formed and holds the same numbers; summary() of a pooled
estimate reads like statsmodels'."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

import pctstats
from pctstats.applied import pooled_lifetime
from pctstats.stats.intervals import prevalence_ci, reported_ci
from pctstats.stats.pooling import pool_prevalence
from pctstats.stats.ratios import compare_prevalences


class _Checker(HTMLParser):
    """Collects text and checks that every opened tag is closed, in order."""

    VOID = frozenset({"br", "img", "meta", "hr", "input", "link"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (tag, self.stack)
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def html_text(markup: str) -> str:
    checker = _Checker()
    checker.feed(markup)
    checker.close()
    assert checker.stack == [], checker.stack
    return " ".join(" ".join(checker.text).split())


@pytest.fixture(scope="module")
def db():
    return pctstats.load()


def test_interval_repr_is_rounded_and_named():
    ci = prevalence_ci(106, 230, method="jeffreys", level=0.9)
    text = repr(ci)
    assert f"[{ci.low:.4f}, {ci.high:.4f}]" in text
    assert "method jeffreys" in text and "level 90%" in text
    assert str(ci) == text and len(text) < 80
    assert f"{ci.low:.4f}" in html_text(ci._repr_html_())
    assert repr(ci.low) not in text  # no 17-digit float


def test_vector_interval_repr_stays_short():
    ci = prevalence_ci(list(range(1, 101)), [200] * 100)
    assert "100 intervals" in repr(ci) and "…" in repr(ci) and len(repr(ci)) < 200


def test_reported_interval_repr_in_percent(db):
    estimate = db.estimates["schweitzer2015-lifetime"]
    res = reported_ci(estimate.value, estimate.n)
    text = repr(res)
    low, high = (f"{100 * x:.1f}" for x in (res.ci.low, res.ci.high))
    assert f"{estimate.value}% of {estimate.n}: [{low}, {high}]" in text
    assert f"counts {min(res.counts)}–{max(res.counts)}" in text
    assert "method wilson" in text and "level 95%" in text and res.rounding in text
    impossible = reported_ci("5.1", 230)
    assert "no count is consistent" in repr(impossible)


@pytest.mark.parametrize(("measure", "short"), [("odds_ratio", "OR"), ("risk_ratio", "RR")])
def test_comparison_repr(measure, short):
    res = compare_prevalences(106, 230, 495, 1208, measure=measure)
    text = repr(res)
    assert text.startswith(f"<ComparisonResult {short} {res.estimate:.2f} "
                           f"[{res.ci.low:.2f}, {res.ci.high:.2f}]")
    assert f"method {res.method}" in text and "level 95%" in text
    assert "106/230 vs 495/1208" in text
    assert f"{res.estimate:.2f}" in html_text(res._repr_html_())


def test_difference_repr_in_percentage_points():
    res = compare_prevalences(106, 230, 495, 1208, measure="difference")
    assert f"difference {100 * res.estimate:.1f} points" in repr(res)


def test_pooled_repr_html_and_summary():
    res = pool_prevalence([106, 73, 495], [230, 222, 1208], labels=["S1", "S2", "S3"])
    text = repr(res)
    pooled = f"{100 * res.estimate:.1f}% [{100 * res.ci.low:.1f}, {100 * res.ci.high:.1f}]"
    assert pooled in text and "method DL" in text and "level 95%" in text
    assert f"I² {100 * res.i2:.1f}%" in text and "studies 3" in text
    page = html_text(res._repr_html_())
    assert all(label in page for label in res.labels)
    summary = res.summary()
    body = str(summary)
    lines = body.splitlines()
    assert lines[0].strip() == "Random-effects pooled prevalence" and set(lines[1]) == {"="}
    for label, k, n, w in zip(res.labels, res.k, res.n, res.weights, strict=True):
        row = next(line for line in lines if line.split()[:1] == [label])
        assert row.split() == [label, str(k), str(n), f"{100 * k / n:.1f}", f"{100 * w:.1f}"]
    assert f"{100 * res.prediction_interval.low:.1f}, {100 * res.prediction_interval.high:.1f}" \
        in body
    assert f"tau² = {res.tau2:.4f}" in body and f"p = {res.q_pvalue:.4f}" in body
    assert f"{100 * res.estimate:.1f}" in html_text(summary._repr_html_())


def test_pooled_summary_of_two_studies_says_why_no_prediction_interval():
    res = pool_prevalence([106, 73], [230, 222], labels=["S1", "S2"])
    body = str(res.summary())
    assert "n/a" in body and "3 studies" in body


def test_dataset_repr_is_short_and_counts(db):
    text = repr(db)
    assert len(text) < 1000  # every record used to be printed (51,135 characters)
    assert text.startswith(f"<Dataset {len(db.sources)} sources, {len(db.estimates)} estimates, "
                           f"{len(db.sample_sizes)} sample sizes, {len(db.articles)} articles, "
                           f"{len(db.claims)} claims")
    assert all(source_id in text for source_id in db.sources)
    page = html_text(db._repr_html_())
    s3 = db.sources["maczkowiack2019"]
    assert f"{s3.label} maczkowiack2019 {s3.year} {s3.n_analysed}" in page


def test_lifetime_pooling_repr(db):
    res = pooled_lifetime(db)
    text = repr(res)
    women = res.women
    assert f"women {100 * women.estimate:.1f}% [{100 * women.ci.low:.1f}" in text
    assert f"[{100 * float(res.men.low):.1f}, {100 * float(res.men.high):.1f}]; all" in text
    assert len(text) < 300
    assert "odds_ratio" in html_text(res._repr_html_())


def test_finding_and_claim_verdict_reprs(db):
    from pctstats.audit import claim_verdicts
    from pctstats.checks import check_all
    from pctstats.checks.findings import finding

    verdict = {v.claim_id: v for v in claim_verdicts(db)}["D-lifetime"]
    text = repr(verdict)
    assert text.startswith(f"<ClaimVerdict D-lifetime: {verdict.verdict}")
    assert all(d in text for d in verdict.dimensions) and verdict.rounding in text
    assert "D-lifetime" in html_text(verdict._repr_html_())
    row = check_all(db).iloc[0].to_dict()
    found = finding(row["check"], row["rounding"], row)
    shown = repr(found)
    assert shown.startswith(f"<Finding {found.check} {found.record_id}: {found.status}")
    assert len(shown) < 220 and found.rounding in shown
