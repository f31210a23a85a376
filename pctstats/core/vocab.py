"""Controlled vocabularies of the record set, each value with everything said about it, once.

``data/datapackage.json`` mirrors every vocabulary here as an ``enum`` constraint; a test keeps the
two equal, so a new value is added in both places or the test suite fails.

Each value is a :class:`Term`: its one-line meaning (which the documentation and the data
package's field descriptions repeat), how it reads inside a sentence (``words``) and as a short
noun (``noun``), and how it relates to other values of its vocabulary (``same_as``: another value
naming the same thing; ``part_of``: a broader value it is a part of; ``within``: a broader period
it lies within). The rules that read these relations are in :mod:`pctstats.core.equivalence`, the
phrases in :mod:`pctstats.core.phrases`. Adding a value is one :class:`Term` here plus the data
package.

Examples
--------
>>> VOCABULARIES["timeframe"]["since_sexually_active"]
'ever since one became sexually active (a lifetime reading)'
>>> TERMS["timeframe"][SINCE_SEXUALLY_ACTIVE].same_as
'lifetime'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

__all__ = [
    "ABOUT",
    "ALL",
    "ALMOST",
    "ALWAYS_OR_MOST",
    "ANY",
    "ANY_POSTCOITAL_SYMPTOM",
    "ASSOCIATION",
    "AT_LEAST_ONCE",
    "BETWEEN",
    "COMPARISON",
    "CRYING_AFTER_SEX",
    "EXACT",
    "FEMALE",
    "LIFETIME",
    "MALE",
    "NARRATIVE_REVIEW",
    "NONE",
    "NOT_STATED",
    "ODDS_RATIO",
    "ONE_STUDY",
    "ONE_SURVEY",
    "OVER",
    "PAST_4_WEEKS",
    "PAST_YEAR",
    "PCD_SYMPTOMS",
    "PERCENT",
    "PREVALENCE",
    "PREVALENCE_RANGE",
    "RATIO",
    "RATIO_CLAIM",
    "SECONDARY_READ_IN",
    "SEVERAL_STUDIES",
    "SINCE_SEXUALLY_ACTIVE",
    "TERMS",
    "VOCABULARIES",
    "Term",
]


@dataclass(frozen=True)
class Term:
    """One value of a vocabulary and what the code says about it.

    Attributes
    ----------
    meaning
        The one-line meaning (``datapackage.json`` repeats it).
    words
        How the value reads inside a sentence ("in their lifetime"); for a unit, its sign.
    noun
        How the value reads as a short noun, in "X against Y" phrases ("lifetime").
    same_as
        Another value of the vocabulary that names the same thing (``since_sexually_active`` is
        ``lifetime``).
    part_of
        A broader value this one is a part of (the articles' ``crying_after_sex`` is a part of
        ``pcd_symptoms``).
    within
        A broader period this one lies within (``past_4_weeks`` within ``past_year``).
    restricts
        For a population tag: whether it restricts who was sampled (university students), rather
        than describing how the sample was drawn (online).

    Examples
    --------
    >>> Term("ever", words="ever", noun="ever", same_as="lifetime").same_as
    'lifetime'
    """

    meaning: str
    words: str = ""
    noun: str = ""
    same_as: str | None = None
    part_of: str | None = None
    within: str | None = None
    restricts: bool = False


# Values the code names (the vocabularies below are the full lists) ------------------------------
FEMALE: Final = "female"
MALE: Final = "male"
ALL: Final = "all"
LIFETIME: Final = "lifetime"
SINCE_SEXUALLY_ACTIVE: Final = "since_sexually_active"
PAST_4_WEEKS: Final = "past_4_weeks"
PAST_YEAR: Final = "past_year"
NOT_STATED: Final = "not_stated"
AT_LEAST_ONCE: Final = "at_least_once"
ALWAYS_OR_MOST: Final = "always_or_most"
ANY: Final = "any"
PCD_SYMPTOMS: Final = "pcd_symptoms"
ANY_POSTCOITAL_SYMPTOM: Final = "any_postcoital_symptom"
CRYING_AFTER_SEX: Final = "crying_after_sex"
PREVALENCE: Final = "prevalence"
PREVALENCE_RANGE: Final = "prevalence_range"
ODDS_RATIO: Final = "odds_ratio"
RATIO_CLAIM: Final = "ratio_claim"
COMPARISON: Final = "comparison"
ASSOCIATION: Final = "association"
PERCENT: Final = "percent"
RATIO: Final = "ratio"
NONE: Final = "none"
NARRATIVE_REVIEW: Final = "narrative_review"
ONE_STUDY: Final = "one_study"
ONE_SURVEY: Final = "one_survey"
SEVERAL_STUDIES: Final = "several_studies"
EXACT: Final = "exact"
ABOUT: Final = "about"
ALMOST: Final = "almost"
OVER: Final = "over"
BETWEEN: Final = "between"

_SEX_TERMS: Final = {
    FEMALE: Term("women / people assigned female at birth", "women", "women"),
    MALE: Term("men / people assigned male at birth", "men", "men"),
    ALL: Term("women and men together, or 'people' with no sex named", "people", "women and men"),
}

_TIMEFRAME_TERMS: Final = {
    LIFETIME: Term("ever, at least once in one's life", "in their lifetime", "lifetime"),
    SINCE_SEXUALLY_ACTIVE: Term(
        "ever since one became sexually active (a lifetime reading)",
        "since becoming sexually active",
        "since becoming sexually active",
        same_as=LIFETIME,
    ),
    PAST_4_WEEKS: Term(
        "within the past four weeks", "in the past 4 weeks", "past 4 weeks", within=PAST_YEAR
    ),
    PAST_YEAR: Term("within the past year", "in the past year", "past year"),
    "recent": Term("'recent', with no period defined in the text", "'recently'", "'recent'"),
    NOT_STATED: Term("no period named in the text", "with no period named", "no period named"),
}

_FREQUENCY_TERMS: Final = {
    AT_LEAST_ONCE: Term("once or more (any occurrence)", "at least once", "at least once"),
    "a_few_times": Term("'a few times' within the timeframe", "a few times", "a few times"),
    "regular_basis": Term("'on a regular basis'", "on a regular basis", "on a regular basis"),
    ALWAYS_OR_MOST: Term(
        "'always' or 'most of the time'", "always or most of the time", "always or most of the time"
    ),
    "persistent": Term(
        "'persistent', with no frequency defined in the text", "persistently", "persistent"
    ),
    "three_months_or_more": Term(
        "lasting three months or more within the timeframe",
        "for 3 months or more",
        "3 months or more",
    ),
    NOT_STATED: Term(
        "no frequency named in the text",
        "with no frequency named",
        "no frequency named",
        same_as=AT_LEAST_ONCE,
    ),
}

_OUTCOME_TERMS: Final = {
    PCD_SYMPTOMS: Term(
        "postcoital dysphoria symptoms: tearfulness, sadness or irritability after consensual "
        "sexual activity",
        "PCD symptoms",
    ),
    "postcoital_psychological_symptoms": Term(
        "'post-coital psychological symptoms' (PPS), as in Burri & Spector 2011",
        "post-coital psychological symptoms",
    ),
    ANY_POSTCOITAL_SYMPTOM: Term(
        "any of a 21-item checklist of postcoital symptoms", "any postcoital symptom"
    ),
    CRYING_AFTER_SEX: Term(
        "crying after sex (the articles' word; a part of PCD symptoms)",
        "crying after sex",
        part_of=PCD_SYMPTOMS,
    ),
    "low_mood_after_sex": Term(
        "sadness, loneliness or depression after sex (the articles' words; a part of PCD "
        "symptoms)",
        "sadness or depression after sex",
        part_of=PCD_SYMPTOMS,
    ),
    "dyspareunia": Term("painful sex (physical pain as a result of sex)", "painful sex"),
    "sexual_performance_anxiety": Term(
        "anxiety about sexual performance", "sexual performance anxiety"
    ),
}

_CONTEXT_TERMS: Final = {
    ANY: Term(
        "any sexual activity, or none named", "after any sexual activity", "no particular context"
    ),
    "consensual_intercourse": Term(
        "after consensual sexual intercourse",
        "after consensual intercourse",
        "after consensual intercourse",
    ),
}
# The other contexts read in a sentence and as a noun as their meaning does.
_CONTEXT_TERMS.update(
    (value, Term(meaning, meaning, meaning))
    for value, meaning in (
        ("general_sexual_activity", "after general sexual activity"),
        ("masturbation", "after masturbation"),
        ("sex_in_relationship", "after sex within a relationship"),
        ("casual_sex", "after casual sex"),
        ("after_orgasm_only", "only after orgasm"),
        ("vaginal_penetration", "during vaginal penetration"),
    )
)

_MEASURE_TERMS: Final = {
    PREVALENCE: Term("a proportion of a sample, printed as a percentage"),
    PREVALENCE_RANGE: Term("a range of prevalences (two values, low and high)"),
    ODDS_RATIO: Term("an odds ratio, optionally with a confidence interval"),
    RATIO_CLAIM: Term("'X times more likely': a ratio of the kind not named"),
    COMPARISON: Term("a direction only ('more common in women')"),
    ASSOCIATION: Term("a named association with no number"),
}

_UNIT_TERMS: Final = {
    PERCENT: Term("per cent (0 to 100)", "%"),
    RATIO: Term("a ratio (positive, 1 = no difference)", ""),
    NONE: Term("no number", ""),
}


def _plain(meanings: Mapping[str, str]) -> dict[str, Term]:
    return {value: Term(meaning) for value, meaning in meanings.items()}


_DESIGN_TERMS: Final = _plain(
    {
        "survey": "one survey of a non-probability (convenience, online or volunteer) sample",
        "probability_survey": "one survey of a probability sample, with survey weights",
        NARRATIVE_REVIEW: "a narrative review of several studies",
    }
)

_SOURCE_KIND_TERMS: Final = _plain(
    {
        ONE_STUDY: "'one study', 'another study'",
        ONE_SURVEY: "'one survey'",
        SEVERAL_STUDIES: "'studies have found', 'a few research studies'",
        "research": "'research shows', with no number of studies",
        NOT_STATED: "no kind of source named",
    }
)

_READ_IN_TERMS: Final = _plain(
    {
        "abstract": "the published abstract",
        "accepted_manuscript": "the accepted manuscript's abstract",
        "press_text": "the publisher's press text",
        "article_text": "the popular article's own text (pctstats' copy in shared/seeds)",
        "news": "a news or popular page reporting the study (secondary)",
        "digest": "a medical digest's summary of the study (secondary)",
    }
)

#: Places of reading that report a study second-hand: facts read there are marked secondary.
SECONDARY_READ_IN: Final = frozenset({"news", "digest"})

_ORIENTATION_TERMS: Final = {
    ANY: Term("not defined by sexual orientation, or none named", "", "any orientation"),
    "heterosexual": Term("heterosexual", "identifying as heterosexual", "heterosexual"),
    "same_sex_attracted": Term(
        "attracted to people of their own sex (e.g. men attracted to men)",
        "attracted to their own sex", "attracted to their own sex",
    ),
    "bisexual_or_fluid": Term(
        "identifying as bisexual or sexually fluid", "identifying as bisexual or fluid",
        "bisexual or fluid",
    ),
}

_SAMPLE_COUNT_TERMS: Final = _plain(
    {
        "recruited": "people recruited or invited",
        "surveyed": "people who took part in the survey",
        "completed": "people who completed the survey",
        "analysed": "people whose answers were analysed (for the estimates)",
    }
)

_APPROXIMATION_TERMS: Final = _plain(
    {
        EXACT: "printed as a plain number",
        ABOUT: "'about', 'around' or 'approximately'",
        ALMOST: "'almost': just below the value",
        OVER: "'over' or 'more than': just above the value",
        BETWEEN: "'between' the two values of a range",
    }
)

_POPULATION_TAG_TERMS: Final = {
    "university_students": Term("university students", restricts=True),
    "sexually_active": Term("restricted to sexually active people", restricts=True),
    "twins": Term("twins from a twin register", restricts=True),
    "convenience_sample": Term("a convenience or volunteer sample"),
    "online_sample": Term("recruited and surveyed online"),
    "probability_sample": Term("a probability sample of a national population"),
    "international": Term("recruited in many countries"),
    "sexual_context_experience": Term(
        "had had sex in and out of relationships and had masturbated", restricts=True
    ),
    "lgbtqia": Term("adults identifying as LGBTQIA+", restricts=True),
}

#: Every vocabulary's terms by the name used in ``datapackage.json`` and field names. The rules of
#: :mod:`pctstats.core.equivalence` and :mod:`pctstats.core.phrases` read this at call time.
TERMS: Final = MappingProxyType(
    {
        "sex": MappingProxyType(_SEX_TERMS),
        "timeframe": MappingProxyType(_TIMEFRAME_TERMS),
        "frequency": MappingProxyType(_FREQUENCY_TERMS),
        "outcome": MappingProxyType(_OUTCOME_TERMS),
        "context": MappingProxyType(_CONTEXT_TERMS),
        "measure": MappingProxyType(_MEASURE_TERMS),
        "unit": MappingProxyType(_UNIT_TERMS),
        "design": MappingProxyType(_DESIGN_TERMS),
        "source_kind": MappingProxyType(_SOURCE_KIND_TERMS),
        "read_in": MappingProxyType(_READ_IN_TERMS),
        "approximation": MappingProxyType(_APPROXIMATION_TERMS),
        "population_tag": MappingProxyType(_POPULATION_TAG_TERMS),
        "orientation": MappingProxyType(_ORIENTATION_TERMS),
        "sample_count": MappingProxyType(_SAMPLE_COUNT_TERMS),
    }
)


def _meanings(name: str) -> MappingProxyType[str, str]:
    return MappingProxyType({value: term.meaning for value, term in TERMS[name].items()})


#: Every vocabulary (value -> meaning) by the name used in ``datapackage.json``
#: (``"vocabularies"``) and field names.
VOCABULARIES: Final = MappingProxyType({name: _meanings(name) for name in TERMS})
