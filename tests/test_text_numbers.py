"""The number recogniser: digits, decimal commas, words (en/fr/es), fractions, ranges, hedges."""

from __future__ import annotations

import pytest

from pctstats.core.number_words import FRACTIONS, QUALIFIERS
from pctstats.text.numbers import find_numbers
from pctstats.text.sentences import split_sentences


def read(sentence: str, lang: str = "en") -> list[tuple[str, str, str | None, str]]:
    return [(n.value_text, n.value, n.value_high, n.unit) for n in find_numbers(sentence, 0, lang)]


@pytest.mark.parametrize(
    ("sentence", "lang", "expected"),
    [
        ("46 per cent of surveyed women", "en", ("46 per cent", "46", None, "percent")),
        ("32,9 % des participantes", "fr", ("32,9 %", "32.9", None, "percent")),
        ("el 12,5 % de las mujeres", "es", ("12,5 %", "12.5", None, "percent")),
        ("Forty-six percent of respondents", "en", ("Forty-six percent", "46", None, "percent")),
        (
            "quarante et un pour cent des hommes",
            "fr",
            ("quarante et un pour cent", "41", None, "percent"),
        ),
        (
            "cuarenta y seis por ciento de las mujeres",
            "es",
            ("cuarenta y seis por ciento", "46", None, "percent"),
        ),
        ("Two per cent of women", "en", ("Two per cent", "2", None, "percent")),
        ("two thirds of men", "en", ("two thirds", "67", None, "percent")),
        ("one-tenth of the sample", "en", ("one-tenth", "10", None, "percent")),
        ("un tiers des femmes", "fr", ("un tiers", "33", None, "percent")),
        ("la mitad de las mujeres", "es", ("la mitad", "50", None, "percent")),
        ("one in 20 women", "en", ("one in 20", "5", None, "percent")),
        ("one in five men", "en", ("one in five", "20", None, "percent")),
        ("uno de cada diez hombres", "es", ("uno de cada diez", "10", None, "percent")),
        ("two in five men", "en", ("two in five", "40", None, "percent")),
        ("3 out of 10 women", "en", ("3 out of 10", "30", None, "percent")),
        ("une femme sur trois", "fr", ("une femme sur trois", "33", None, "percent")),
        ("a third had experienced it", "en", ("a third", "33", None, "percent")),
        ("2.87 times more likely", "en", ("2.87 times more likely", "2.87", None, "ratio")),
    ],
)
def test_reads_each_way_of_printing_a_number(sentence, lang, expected):
    assert read(sentence, lang)[0] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("3 to 4% of men", ("3 to 4%", "3", "4")),
        ("between 3% and 4% of men", ("between 3% and 4%", "3", "4")),
        ("Between 3 percent and 4 percent", ("Between 3 percent and 4 percent", "3", "4")),
        ("affects 6–16% of women", ("6–16%", "6", "16")),
        ("from 7.7 to 32.9 percent", ("from 7.7 to 32.9 percent", "7.7", "32.9")),
        ("entre el 3 y el 4 % de los hombres", ("entre el 3 y el 4 %", "3", "4")),
    ],
)
def test_reads_ranges_as_one_number(sentence, expected):
    lang = "es" if "entre el" in sentence else "en"
    found = find_numbers(sentence, 0, lang)
    assert [(n.value_text, n.value, n.value_high) for n in found] == [expected]


@pytest.mark.parametrize(
    ("sentence", "qualifier", "approximation"),
    [
        ("about five percent", "about", "about"),
        ("nearly half of them", "nearly", "almost"),
        ("just over 4% of men", "just over", "over"),
        ("más del 40 % de los hombres", "más del", "over"),
        ("up to 46.2% of women", "up to", "exact"),
        ("no less than 30% of people", "no less than", "exact"),
        ("près de 40 % des femmes", "près de", "almost"),
        ("casi el 46 % de las mujeres", "casi", "almost"),
    ],
)
def test_reads_the_hedge_before_a_number(sentence, qualifier, approximation):
    lang = "fr" if "près" in sentence else "es" if "casi" in sentence or "más" in sentence else "en"
    number = find_numbers(sentence, 0, lang)[0]
    assert (number.qualifier, number.approximation) == (qualifier, approximation)
    assert number.value_text.lower().startswith(qualifier)


@pytest.mark.parametrize(
    "sentence",
    [
        "The men, aged between 18 and 81 years, were in 78 countries.",
        "222 femmes âgées de 17 à 61 ans",
        "Published Jul 5, 2011 at 18h14; call 555-123-4567.",
        "Open 24/7, see IMG_2041.jpg and 2 min read.",
        "RELATED: 5 Health Benefits of Sex",
        "21,000 providers in 2015",
        "It is 100% normal and 100 percent treatable.",
        "a 30% increase in risk, 20% more likely, 50% off",
        "one in 2015 and five in 1989",
    ],
)
def test_non_claims_are_not_claims(sentence):
    assert [
        n for n in find_numbers(sentence, 0, "fr" if "âgées" in sentence else "en") if n.is_claim
    ] == []


def test_sample_sizes_are_counts_not_claims():
    found = find_numbers("a survey of over 1,200 men and 230 female university students")
    assert [(n.value_text, n.value, n.qualifier, n.is_claim) for n in found] == [
        ("over 1,200 men", "1200", "over", False),
        ("230 female university students", "230", None, False),
    ]


def test_offsets_point_into_the_whole_text():
    text = "Intro sentence here. Then 41% of men said so."
    for s, e in split_sentences(text):
        for n in find_numbers(text[s:e], s):
            assert text[n.start : n.end] == n.value_text == "41%"


def test_sentences_keep_abbreviations_and_split_headlines():
    text = (
        "Dr. Robert D. Schweitzer of the U.S. team said 41%. Next one.\nHeadline Here\nBody text."
    )
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Dr. Robert D. Schweitzer of the U.S. team said 41%.",
        "Next one.",
        "Headline Here",
        "Body text.",
    ]


def test_thousands_with_a_point_in_french_and_spanish():
    found = find_numbers("con 1.208 participantes, el 41 %", 0, "es")
    assert [(n.value_text, n.value) for n in found] == [
        ("1.208 participantes", "1208"),
        ("41 %", "41"),
    ]
    assert find_numbers("1.208 percent", 0, "en")[0].value == "1.208"


def test_spanish_range_with_articles_and_articles_are_not_numbers():
    found = find_numbers("entre un 3 y un 4 % de los hombres", 0, "es")
    assert [(n.value_text, n.value, n.value_high) for n in found] == [
        ("entre un 3 y un 4 %", "3", "4")
    ]


def test_confidence_levels_are_not_claims():
    assert find_numbers("the 95% confidence interval (95% CI)") == []


@pytest.mark.parametrize(
    ("sentence", "lang", "expected"),
    [
        ("then 6-9% of men said so", "en", [("6-9%", "6", "9", "percent")]),
        ("puis 6-9 % des hommes", "fr", [("6-9 %", "6", "9", "percent")]),
        ("el 6-9% de los hombres", "es", [("6-9%", "6", "9", "percent")]),
        ("call 555-1234 or see IMG-2041", "en", []),
    ],
)
def test_hyphen_ranges_without_a_first_unit(sentence, lang, expected):
    assert read(sentence, lang) == expected


@pytest.mark.parametrize(
    ("sentence", "lang", "value_text", "value"),
    [
        ("one student in eight had felt it", "en", "one student in eight", "13"),
        ("une étudiante sur huit l'avait ressenti", "fr", "une étudiante sur huit", "13"),
        ("un estudiante de cada ocho lo había sentido", "es", "un estudiante de cada ocho", "13"),
    ],
)
def test_one_in_n_with_a_person_between(sentence, lang, value_text, value):
    (n,) = find_numbers(sentence, 0, lang)
    assert (n.value_text, n.value) == (value_text, value)


@pytest.mark.parametrize(
    ("sentence", "lang", "fraction"),
    [
        ("they found that a quarter (26.1%) had felt it", "en", "a quarter"),
        ("ils ont vu qu’un quart (26,1 %) l'avait ressenti", "fr", "un quart"),
        ("vieron que casi la cuarta parte (el 26,1 %) lo había sentido", "es", "la cuarta parte"),
    ],
)
def test_a_fraction_restated_by_a_bracketed_number_is_read(sentence, lang, fraction):
    found = [n.value_text for n in find_numbers(sentence, 0, lang)]
    assert len(found) == 2 and found[0].endswith(fraction)


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("We surveyed 480 men (38%) and women (62%).", "en"),
        ("On a interrogé 480 hommes (38 %) et femmes (62 %).", "fr"),
        ("Se encuestó a 480 hombres (el 38 %) y mujeres (el 62 %).", "es"),
        ("You have 63.5% of this article left to read.", "en"),
        ("Il vous reste 63,5 % de cet article à lire.", "fr"),
    ],
)
def test_sample_make_up_and_page_furniture_are_no_claims(sentence, lang):
    assert [n for n in find_numbers(sentence, 0, lang) if n.is_claim] == []


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("More men (18%) than women reported it.", "en"),
        ("Plus d'hommes (18 %) l'ont signalé.", "fr"),
        ("Una mayor cantidad de hombres (18%) lo informó.", "es"),
    ],
)
def test_a_share_after_an_uncounted_group_is_a_claim(sentence, lang):
    assert [n.value for n in find_numbers(sentence, 0, lang) if n.is_claim] == ["18"]


@pytest.mark.parametrize(
    ("sentence", "lang", "claims"),
    [
        (
            "Of them, 30% had it, and some were diagnosed with clinical depression: 12% of men.",
            "en",
            ["30"],
        ),
        (
            "Parmi eux, 30 % l'avaient eu et certains avaient une dépression clinique : 12 %.",
            "fr",
            ["30"],
        ),
        (
            "El 30 % la tuvo, y algunos fueron diagnosticados de depresión clínica: el 12 %.",
            "es",
            ["30"],
        ),
        ("Those diagnosed with clinical depression had PCD more often: 12% of them.", "en", ["12"]),
    ],
)
def test_the_figures_of_another_condition_are_no_claims(sentence, lang, claims):
    assert [n.value for n in find_numbers(sentence, 0, lang) if n.is_claim] == claims


def odd_letters(text: str) -> str:
    """``text`` with the letters re.IGNORECASE alone takes for "i" and "s" (dotless ı, long ſ)."""
    return text.replace("i", "ı").replace("s", "ſ")


def readings(sentence: str) -> list[tuple]:
    return [(n.start, n.end, n.value, n.value_high, n.approximation, n.unit)
            for n in find_numbers(sentence)]


@pytest.mark.parametrize("words", [*FRACTIONS, *(f"{q} 40%" for q in QUALIFIERS)])
def test_dotless_i_and_long_s_read_as_i_and_s(words):
    """The patterns match "a thırd" and "almoſt" case-insensitively; reading them must not fail
    (it raised KeyError) and must give what "a third" and "almost" give."""
    plain = f"{words} of the women had it."
    assert readings(odd_letters(plain)) == readings(plain)


@pytest.mark.parametrize(
    ("sentence", "lang", "expected"),
    [
        ("Entre el 3 por ciento y el 4 por ciento de los hombres", "es",
         ("Entre el 3 por ciento y el 4 por ciento", "3", "4")),
        ("entre 3 pour cent et 4 pour cent des hommes", "fr",
         ("entre 3 pour cent et 4 pour cent", "3", "4")),
        ("cuatro por ciento de los hombres", "es", ("cuatro por ciento", "4", None)),
    ],
)
def test_the_hundred_in_a_unit_is_no_number(sentence, lang, expected):
    """"ciento" and "cent" are number words, but in "por ciento" and "pour cent" a unit."""
    found = find_numbers(sentence, 0, lang)
    assert [(n.value_text, n.value, n.value_high) for n in found] == [expected]


@pytest.mark.parametrize(
    ("sentence", "lang", "expected"),
    [
        ("il 32,9% delle donne", "it", ("32,9%", "32.9", None, "percent")),
        ("32,9 % das mulheres", "pt", ("32,9 %", "32.9", None, "percent")),
        (
            "quarantuno per cento degli uomini",
            "it",
            ("quarantuno per cento", "41", None, "percent"),
        ),
        (
            "quarenta e um por cento dos homens",
            "pt",
            ("quarenta e um por cento", "41", None, "percent"),
        ),
        ("il quattro per cento degli uomini", "it", ("quattro per cento", "4", None, "percent")),
        ("vinte e dois por cento", "pt", ("vinte e dois por cento", "22", None, "percent")),
        ("un terzo delle donne", "it", ("un terzo", "33", None, "percent")),
        ("due terzi degli uomini", "it", ("due terzi", "67", None, "percent")),
        ("la metà delle donne", "it", ("la metà", "50", None, "percent")),
        ("um terço das mulheres", "pt", ("um terço", "33", None, "percent")),
        ("um quarto dos homens", "pt", ("um quarto", "25", None, "percent")),
        ("metade das mulheres relatou", "pt", ("metade", "50", None, "percent")),
        ("una su tre ha confessato", "it", ("una su tre", "33", None, "percent")),
        ("una donna su cinque", "it", ("una donna su cinque", "20", None, "percent")),
        ("uma em cada três mulheres", "pt", ("uma em cada três", "33", None, "percent")),
        ("um homem em cada dez", "pt", ("um homem em cada dez", "10", None, "percent")),
        ("1.208 uomini", "it", ("1.208 uomini", "1208", None, "count")),
        ("1.208 homens de 78 países", "pt", ("1.208 homens", "1208", None, "count")),
        ("2,87 volte più probabile", "it", ("2,87 volte più", "2.87", None, "ratio")),
        ("2,87 vezes mais provável", "pt", ("2,87 vezes mais", "2.87", None, "ratio")),
    ],
)
def test_reads_italian_and_portuguese_numbers(sentence, lang, expected):
    assert read(sentence, lang) == [expected]


@pytest.mark.parametrize(
    ("sentence", "lang", "expected"),
    [
        ("tra il 3 e il 4% degli uomini", "it", ("tra il 3 e il 4%", "3", "4")),
        ("tra il 3% e il 4% degli uomini", "it", ("tra il 3% e il 4%", "3", "4")),
        ("dal 3 al 4% degli uomini", "it", ("dal 3 al 4%", "3", "4")),
        ("entre 3% e 4% dos homens", "pt", ("entre 3% e 4%", "3", "4")),
        ("de 3 a 4% dos homens", "pt", ("de 3 a 4%", "3", "4")),
    ],
)
def test_reads_italian_and_portuguese_ranges_as_one_number(sentence, lang, expected):
    found = find_numbers(sentence, 0, lang)
    assert [(n.value_text, n.value, n.value_high, n.approximation) for n in found] == [
        (*expected, "between")
    ]


@pytest.mark.parametrize(
    ("sentence", "lang", "qualifier", "approximation"),
    [
        ("circa il 5 % delle intervistate", "it", "circa", "about"),
        ("quasi il 33% delle donne", "it", "quasi", "almost"),
        ("quasi la metà delle donne", "it", "quasi", "almost"),
        ("più del 46 % delle donne", "it", "più del", "over"),
        ("oltre il 40% degli uomini", "it", "oltre", "over"),
        ("almeno il 5% delle donne", "it", "almeno", "exact"),
        ("fino al 46% delle donne", "it", "fino al", "exact"),
        ("cerca de 30% das mulheres", "pt", "cerca de", "about"),
        ("quase 34% disseram", "pt", "quase", "almost"),
        ("quase metade das mulheres", "pt", "quase", "almost"),
        ("mais de 40% dos homens", "pt", "mais de", "over"),
        ("pelo menos 5% das mulheres", "pt", "pelo menos", "exact"),
        ("até 46% das mulheres", "pt", "até", "exact"),
        ("più della metà delle donne", "it", "più della", "over"),
        ("fino all'8% delle donne", "it", "fino all'", "exact"),
        ("mais da metade das mulheres", "pt", "mais da", "over"),
    ],
)
def test_reads_italian_and_portuguese_hedges(sentence, lang, qualifier, approximation):
    (number,) = find_numbers(sentence, 0, lang)
    assert (number.qualifier, number.approximation) == (qualifier, approximation)
    assert number.value_text.lower().startswith(qualifier)


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("uomini di età compresa tra 18 e 80 anni, in 78 paesi", "it"),
        ("homens com idade entre 18 e 75 anos, de 78 países", "pt"),
        ("nelle ultime 4 settimane, per 30 giorni", "it"),
        ("È normale al 100% e il 100 per cento guarisce.", "it"),
        ("Intervistammo 480 uomini (38%) e donne (62%).", "it"),
        ("Entrevistamos 480 homens (38%) e mulheres (62%).", "pt"),
        ("O estudo começou um em 2015.", "pt"),
        ("A metà degli anni novanta lo studio fu ripetuto.", "it"),
        ("A mitad del estudio, se cambió el cuestionario.", "es"),
        ("Verso la metà del secolo scorso lo si diceva.", "it"),
    ],
)
def test_italian_and_portuguese_non_claims_are_not_claims(sentence, lang):
    assert [n for n in find_numbers(sentence, 0, lang) if n.is_claim] == []


@pytest.mark.parametrize(
    ("sentence", "lang", "fraction"),
    [
        ("quasi metà l’aveva provata almeno una volta", "it", "quasi metà"),
        ("la metà ne ha sofferto", "it", "la metà"),
        ("la mitad lo ha sentido alguna vez", "es", "la mitad"),
        ("metade já sentiu isso", "pt", "metade"),
        ("afecta a la mitad de las mujeres", "es", "la mitad"),
    ],
)
def test_a_fraction_before_a_pronoun_or_adverb_of_its_verb_is_read(sentence, lang, fraction):
    assert [n.value_text for n in find_numbers(sentence, 0, lang)] == [fraction]


def test_italian_and_portuguese_titles_do_not_end_a_sentence():
    text = "Lo ha detto il Dott. Rossi: il 41%. Depois a Dra. Silva disse 20%."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Lo ha detto il Dott. Rossi: il 41%.",
        "Depois a Dra. Silva disse 20%.",
    ]
