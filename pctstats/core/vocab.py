"""Controlled vocabularies of the record set, defined once.

``data/datapackage.json`` mirrors every vocabulary here as an ``enum`` constraint; a test keeps the
two equal, so a new value is added in both places or the test suite fails.

Each vocabulary maps a value to a one-line meaning, which the documentation and the data package's
field descriptions repeat.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

SEX: Final = MappingProxyType(
    {
        "female": "women / people assigned female at birth",
        "male": "men / people assigned male at birth",
        "all": "women and men together, or 'people' with no sex named",
    }
)

TIMEFRAME: Final = MappingProxyType(
    {
        "lifetime": "ever, at least once in one's life",
        "since_sexually_active": "ever since one became sexually active (a lifetime reading)",
        "past_4_weeks": "within the past four weeks",
        "past_year": "within the past year",
        "recent": "'recent', with no period defined in the text",
        "not_stated": "no period named in the text",
    }
)

FREQUENCY: Final = MappingProxyType(
    {
        "at_least_once": "once or more (any occurrence)",
        "a_few_times": "'a few times' within the timeframe",
        "regular_basis": "'on a regular basis'",
        "always_or_most": "'always' or 'most of the time'",
        "persistent": "'persistent', with no frequency defined in the text",
        "three_months_or_more": "lasting three months or more within the timeframe",
        "not_stated": "no frequency named in the text",
    }
)

OUTCOME: Final = MappingProxyType(
    {
        "pcd_symptoms": "postcoital dysphoria symptoms: tearfulness, sadness or irritability after "
        "consensual sexual activity",
        "postcoital_psychological_symptoms": "'post-coital psychological symptoms' (PPS), as in "
        "Burri & Spector 2011",
        "any_postcoital_symptom": "any of a 21-item checklist of postcoital symptoms",
        "crying_after_sex": "crying after sex (the articles' word; a part of PCD symptoms)",
        "dyspareunia": "painful sex (physical pain as a result of sex)",
        "sexual_performance_anxiety": "anxiety about sexual performance",
    }
)

CONTEXT: Final = MappingProxyType(
    {
        "any": "any sexual activity, or none named",
        "consensual_intercourse": "after consensual sexual intercourse",
        "general_sexual_activity": "after general sexual activity",
        "masturbation": "after masturbation",
        "sex_in_relationship": "after sex within a relationship",
        "casual_sex": "after casual sex",
        "after_orgasm_only": "only after orgasm",
        "vaginal_penetration": "during vaginal penetration",
    }
)

MEASURE: Final = MappingProxyType(
    {
        "prevalence": "a proportion of a sample, printed as a percentage",
        "prevalence_range": "a range of prevalences (two values, low and high)",
        "odds_ratio": "an odds ratio, optionally with a confidence interval",
        "ratio_claim": "'X times more likely': a ratio of the kind not named",
        "comparison": "a direction only ('more common in women')",
        "association": "a named association with no number",
    }
)

UNIT: Final = MappingProxyType(
    {
        "percent": "per cent (0 to 100)",
        "ratio": "a ratio (positive, 1 = no difference)",
        "none": "no number",
    }
)

DESIGN: Final = MappingProxyType(
    {
        "survey": "one survey of a non-probability (convenience, online or volunteer) sample",
        "probability_survey": "one survey of a probability sample, with survey weights",
        "narrative_review": "a narrative review of several studies",
    }
)

SOURCE_KIND: Final = MappingProxyType(
    {
        "one_study": "'one study', 'another study'",
        "one_survey": "'one survey'",
        "several_studies": "'studies have found', 'a few research studies'",
        "research": "'research shows', with no number of studies",
        "not_stated": "no kind of source named",
    }
)

READ_IN: Final = MappingProxyType(
    {
        "abstract": "the published abstract",
        "accepted_manuscript": "the accepted manuscript's abstract",
        "press_text": "the publisher's press text",
        "article_text": "the popular article's own text (pctstats' copy in shared/seeds)",
    }
)

APPROXIMATION: Final = MappingProxyType(
    {
        "exact": "printed as a plain number",
        "about": "'about', 'around' or 'approximately'",
        "almost": "'almost': just below the value",
        "between": "'between' the two values of a range",
    }
)

POPULATION_TAG: Final = MappingProxyType(
    {
        "university_students": "university students",
        "sexually_active": "restricted to sexually active people",
        "twins": "twins from a twin register",
        "convenience_sample": "a convenience or volunteer sample",
        "online_sample": "recruited and surveyed online",
        "probability_sample": "a probability sample of a national population",
        "international": "recruited in many countries",
        "sexual_context_experience": "had had sex in and out of relationships and had masturbated",
    }
)

#: Every vocabulary by the name used in ``datapackage.json`` (``"vocabularies"``) and field names.
VOCABULARIES: Final = MappingProxyType(
    {
        "sex": SEX,
        "timeframe": TIMEFRAME,
        "frequency": FREQUENCY,
        "outcome": OUTCOME,
        "context": CONTEXT,
        "measure": MEASURE,
        "unit": UNIT,
        "design": DESIGN,
        "source_kind": SOURCE_KIND,
        "read_in": READ_IN,
        "approximation": APPROXIMATION,
        "population_tag": POPULATION_TAG,
    }
)
