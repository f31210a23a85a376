"""What the reader takes from the words around a number, within and across sentences."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from pctstats.text.context import read_context, restates, years_in
from pctstats.text.numbers import find_numbers
from pctstats.text.sentences import split_sentences


def contexts(text: str, lang: str = "en"):
    spans = split_sentences(text)
    numbers = [find_numbers(text[s:e], s, lang) for s, e in spans]
    out = {}
    for i, found in enumerate(numbers):
        for j, n in enumerate(found):
            if n.is_claim:
                out[n.value_text] = read_context(text, spans, numbers, i, j)
    return out


def test_each_claim_of_a_sentence_gets_its_own_clause():
    ctx = contexts(
        "41 percent of the men reported PCD in their lifetime, with 20 percent saying "
        "they had it in the previous four weeks and 4 percent on a regular basis."
    )
    assert ctx["41 percent"].timeframe == "lifetime"
    assert ctx["20 percent"].timeframe == "past_4_weeks"
    assert (ctx["4 percent"].timeframe, ctx["4 percent"].frequency) == (
        "not_stated",
        "regular_basis",
    )
    assert {c.sex for c in ctx.values()} == {"male"}


def test_sex_sample_size_and_year_carry_from_earlier_sentences():
    ctx = contexts(
        "The 2018 study surveyed 1,208 men online. Many were young. Forty-one percent reported it."
    )["Forty-one percent"]
    assert (ctx.sex, ctx.n_claimed, ctx.year_claimed) == ("male", 1208, 2018)


def test_another_study_stops_the_carry():
    ctx = contexts(
        "A 2015 study of 230 women found it common. Another study found 41 percent of men had it."
    )["41 percent"]
    assert (ctx.n_claimed, ctx.year_claimed, ctx.source_kind) == (None, None, "one_study")


def test_a_hedged_sample_size_is_not_a_number_to_check():
    ctx = contexts("A survey of over 1,200 men found that 41% had it.")["41%"]
    assert ctx.n_claimed is None and ctx.n_text == "over 1,200 men"


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("10 percent said they regularly experience symptoms of depression.", "low_mood_after_sex"),
        ("46% of women had cried after sex.", "crying_after_sex"),
        ("46% had postcoital dysphoria, marked by tearfulness or sadness.", "pcd_symptoms"),
        ("About 7.5% of women report painful sex.", "dyspareunia"),
    ],
)
def test_outcome_named_in_the_clause(text, outcome):
    assert next(iter(contexts(text).values())).outcome == outcome


def test_french_and_spanish_context():
    fr = contexts(
        "Dans cette étude réalisée en 2011 sur 222 femmes, 32,9 % des participantes "
        "l'avaient vécu au moins une fois dans leur vie.",
        "fr",
    )["32,9 %"]
    assert (fr.sex, fr.timeframe, fr.n_claimed, fr.year_claimed) == (
        "female",
        "lifetime",
        222,
        2011,
    )
    es = contexts("El 41 % de los hombres lo sufrió alguna vez en su vida.", "es")["41 %"]
    assert (es.sex, es.timeframe) == ("male", "lifetime")


def test_dates_are_not_study_years():
    assert years_in("Jul 5, 2011. Publié le 28 novembre 2018 à 18h14. August 06, 2018") == []
    assert years_in("in a 2015 study, and back in 2012") == [2015, 2012]


def test_several_kinds_of_symptom_describe_pcd_one_kind_narrows_it():
    ctx = contexts("41% of men felt sad, tearful or irritable after sex. 5% felt sad and lonely.")
    assert (ctx["41%"].outcome, ctx["5%"].outcome) == ("pcd_symptoms", "low_mood_after_sex")


def test_a_page_date_is_not_a_study_year():
    assert years_in("Updated 2019. Published: 2020. In a 2015 study") == [2015]


def test_a_sentence_stating_its_own_sample_starts_the_context():
    ctx = contexts(
        "A 2015 study surveyed 230 female university students. It was small. "
        "In the study of 1,208 men, 41 per cent had it in their lifetime."
    )["41 per cent"]
    assert (ctx.n_claimed, ctx.year_claimed, ctx.population_tags) == (1208, None, ())


def test_recent_symptoms_are_a_timeframe_a_recent_study_is_not():
    ctx = contexts("In a recent study, 3.7 percent of women had recent symptoms.")
    assert ctx["3.7 percent"].timeframe == "recent"
    ctx = contexts("A recent study found that 41% of men had PCD.")
    assert ctx["41%"].timeframe == "not_stated"


@pytest.mark.parametrize(
    ("text", "lang", "timeframe", "frequency"),
    [
        (
            "In the four weeks before, 6% of women had it after every sexual encounter.",
            "en",
            "past_4_weeks",
            "always_or_most",
        ),
        (
            "Dans les quatre semaines précédentes, 6 % des femmes l'ont eu à plusieurs reprises.",
            "fr",
            "past_4_weeks",
            "a_few_times",
        ),
        (
            "Durant le mois précédant l'enquête, 6 % des femmes l'ont eu après chaque rapport.",
            "fr",
            "past_4_weeks",
            "always_or_most",
        ),
        (
            "En las cuatro semanas anteriores, el 6 % de las mujeres lo tuvo múltiples veces.",
            "es",
            "past_4_weeks",
            "a_few_times",
        ),
        (
            "En un período de cuatro semanas, el 6 % lo tuvo con más regularidad.",
            "es",
            "past_4_weeks",
            "regular_basis",
        ),
    ],
)
def test_fronted_periods_and_frequencies_with_number_words(text, lang, timeframe, frequency):
    (ctx,) = contexts(text, lang).values()
    assert (ctx.timeframe, ctx.frequency) == (timeframe, frequency)


def test_a_frequency_across_but_is_another_clauses():
    (ctx,) = contexts("You rarely hear of it often, but 6% of women have had it.").values()
    assert ctx.frequency == "not_stated"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The survey asked 900 men. 30% had felt it, fewer than among women.", "en"),
        (
            "L'enquête portait sur 900 hommes. 30 % l'avaient ressenti, moins que chez les femmes.",
            "fr",
        ),
        (
            "La encuesta incluyó a 900 hombres. El 30 % lo había sentido, menos que entre "
            "las mujeres.",
            "es",
        ),
    ],
)
def test_the_group_compared_with_is_not_the_claims(text, lang):
    (ctx,) = contexts(text, lang).values()
    assert ctx.sex == "male"


@pytest.mark.parametrize(
    ("text", "lang", "sex", "n"),
    [
        (
            "It asked 300 adults, 120 men and 180 women. Among the men, 25% had felt it.",
            "en",
            "male",
            120,
        ),
        (
            "Elle a interrogé 300 adultes, 120 hommes et 180 femmes. Chez les femmes, 25 % "
            "l'avaient ressenti.",
            "fr",
            "female",
            180,
        ),
        (
            "Encuestó a 300 adultos, 120 hombres y 180 mujeres. Entre los hombres, el 25 % lo "
            "había sentido.",
            "es",
            "male",
            120,
        ),
    ],
)
def test_the_sample_size_is_the_one_of_the_claims_group(text, lang, sex, n):
    (ctx,) = contexts(text, lang).values()
    assert (ctx.sex, ctx.n_claimed) == (sex, n)


@pytest.mark.parametrize(
    ("text", "lang", "context"),
    [
        ("In couples, 25% of men felt it in a relationship.", "en", "sex_in_relationship"),
        (
            "25 % des hommes l'ont ressenti dans une relation de couple.",
            "fr",
            "sex_in_relationship",
        ),
        ("El 25 % de los hombres lo sintió tras sexo ocasional.", "es", "casual_sex"),
        ("25 % des hommes l'ont ressenti après un rapport occasionnel.", "fr", "casual_sex"),
        ("25 % des hommes qui se masturbent l'ont ressenti.", "fr", "masturbation"),
    ],
)
def test_sexual_contexts_in_three_languages(text, lang, context):
    (ctx,) = contexts(text, lang).values()
    assert ctx.context == context


@pytest.mark.parametrize(
    ("text", "lang", "outcome"),
    [
        (
            "Painful sex is common, and anxiety about performance affects 6 to 16 per cent "
            "of women.",
            "en",
            "sexual_performance_anxiety",
        ),
        (
            "Les rapports douloureux sont fréquents, et l'anxiété de performance touche 6 à 16 % "
            "des femmes.",
            "fr",
            "sexual_performance_anxiety",
        ),
    ],
)
def test_the_outcome_before_a_number_is_the_nearest_named(text, lang, outcome):
    (ctx,) = contexts(text, lang).values()
    assert ctx.outcome == outcome


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("A survey asked 500 men about it.\n\nIn general, 12% report it.", "en"),
        ("Une enquête a interrogé 500 hommes.\n\nEn général, 12 % le signalent.", "fr"),
        ("Una encuesta preguntó a 500 hombres.\n\nEn general, el 12 % lo declara.", "es"),
    ],
)
def test_context_is_not_carried_into_another_paragraph(text, lang):
    (ctx,) = contexts(text, lang).values()
    assert (ctx.sex, ctx.n_claimed) == (None, None)


def test_context_is_carried_within_a_paragraph():
    (ctx,) = contexts("A survey asked 500 men about it. In general, 12% report it.").values()
    assert (ctx.sex, ctx.n_claimed) == ("male", 500)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("In the past few months, 8% of women had it.", "en"),
        ("Au cours des derniers mois, 8 % des femmes l'ont eu.", "fr"),
        ("El 8 % de las mujeres lo tuvo en los últimos meses.", "es"),
    ],
)
def test_recent_months_are_a_recent_period_not_four_weeks(text, lang):
    (ctx,) = contexts(text, lang).values()
    assert ctx.timeframe == "recent"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("A sample of 300 women and 100 men found that 40% had it, and 45% ever had it.", "en"),
        (
            "Un échantillon de 300 femmes et 100 hommes a montré que 40 % l'avaient eu, et 45 % "
            "l'avaient déjà eu.",
            "fr",
        ),
        (
            "Una muestra de 300 mujeres y 100 hombres halló que el 40 % lo tenía, y el 45 % lo "
            "había tenido alguna vez.",
            "es",
        ),
    ],
)
def test_a_sample_of_both_sexes_is_about_them_all(text, lang):
    found = contexts(text, lang).values()
    assert [(c.sex, c.n_claimed) for c in found] == [("all", 400), ("all", 400)]


def test_a_group_named_by_the_claim_keeps_its_own_sex_and_n():
    (ctx,) = contexts("A sample of 300 women and 100 men found that 40% of men had it.").values()
    assert (ctx.sex, ctx.n_claimed) == ("male", 100)


@pytest.mark.parametrize(
    ("text", "lang", "frequency"),
    [
        ("Men feel it more regularly than women: 6% of men say so.", "en", "regular_basis"),
        (
            "Les hommes le ressentent plus régulièrement : 6 % des hommes le disent.",
            "fr",
            "regular_basis",
        ),
        (
            "Los hombres lo sienten con más regularidad: el 6 % de los hombres lo dice.",
            "es",
            "regular_basis",
        ),
    ],
)
def test_a_frequency_stated_before_a_colon_is_the_claims(text, lang, frequency):
    (ctx,) = contexts(text, lang).values()
    assert ctx.frequency == frequency


@pytest.mark.parametrize(
    ("text", "lang", "outcome", "timeframe"),
    [
        (
            "6% of men had post-coital sadness in the past month.",
            "en",
            "pcd_symptoms",
            "past_4_weeks",
        ),
        (
            "6 % des hommes ont eu une tristesse post-coïtale durant le dernier mois.",
            "fr",
            "pcd_symptoms",
            "past_4_weeks",
        ),
        (
            "El 6 % de los hombres tuvo tristeza poscoital durante el último mes.",
            "es",
            "pcd_symptoms",
            "past_4_weeks",
        ),
    ],
)
def test_the_conditions_names_and_last_month(text, lang, outcome, timeframe):
    (ctx,) = contexts(text, lang).values()
    assert (ctx.outcome, ctx.timeframe) == (outcome, timeframe)


@pytest.mark.parametrize(
    ("text", "lang", "orientation"),
    [
        ("Some 42% of gay men said they had felt sad after sex.", "en", "same_sex_attracted"),
        ("Among men attracted to other men, 42% reported it.", "en", "same_sex_attracted"),
        ("Of the bisexual participants, 81% had experienced it.", "en", "bisexual_or_fluid"),
        ("Chez les hommes homosexuels, 42 % ont ressenti de la tristesse.", "fr",
         "same_sex_attracted"),
        ("Entre las lesbianas, el 30% dijo sentirse triste.", "es", "same_sex_attracted"),
        ("Among heterosexual women, 46% had cried after sex.", "en", "heterosexual"),
        ("Some 42% of men said they had felt sad after sex.", "en", None),
    ],
)
def test_the_orientation_a_clause_names_is_read(text, lang, orientation):
    (ctx,) = contexts(text, lang).values()
    assert ctx.orientation == orientation


#: The restatement gap as first written: one to three words, each any run of word characters
#: with or without spaces after it (slow, a word can be cut many ways, but plainly right).
PLAIN_RESTATES = re.compile(
    r"^[\s,;:()\-–—]*(?:(?:of|among|des|de|d'entre|entre) (?:(?:the|las|los|les) )?"
    r"(?:[\w-]+\s*){1,3}?)?[\s,;:()\-–—]*"
    r"(?:or|soit|ou|o sea|o|es decir|c'est-à-dire|i\.e\.|that is|namely)?[\s,;:()\-–—]*$",
    re.IGNORECASE,
)
GAP_PIECES = [
    " ", "  ", ",", ";", "(", ")", "—", "-", "of", "Among", "d'entre", "the", "les", "women",
    "men-only", "surveyed", "x", "or", "o", "O sea", "i.e.", "that is", "c'est-à-dire", "and",
    "while", "who", "ſ", "İ",
]


@given(
    st.lists(st.tuples(st.sampled_from(GAP_PIECES), st.sampled_from([" ", ""])), max_size=10).map(
        lambda parts: "".join(piece + gap for piece, gap in parts)
    )
)
@example(" of the women surveyed online, or ")
@example(", of women surveyed online today, or ")
@example("of womenc'est-à-dire")
def test_restates_reads_a_gap_as_the_plain_pattern_does(gap):
    assert restates(gap) == (PLAIN_RESTATES.match(gap) is not None)


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("Women are 2.87 times more likely than men to have it.", "male"),
        ("Men were 1.5 times as likely as women to report it.", "female"),
        ("Although many men have it, women are 2.87 times more likely to have it.", "male"),
        ("Women are 2.87 times more likely to have it in their lifetime.", None),
        ("Women with anxiety were 2 times more likely than women without it to report it.", None),
        ("Les femmes seraient 2,87 fois plus susceptibles que les hommes d'en souffrir.", "male"),
    ],
)
def test_a_ratio_compares_with_the_sex_after_than_or_the_other_sex_the_sentence_names(
    text, reference
):
    lang = "fr" if "femmes" in text else "en"
    (ctx,) = [c for c in contexts(text, lang).values()]
    assert ctx.reference_sex == reference


def test_only_a_ratio_has_a_reference_group():
    ctx = contexts("Among 230 women and 222 men, 46% of women had it.")["46%"]
    assert ctx.sex == "female" and ctx.reference_sex is None


@pytest.mark.parametrize(
    ("text", "lang", "number", "sex"),
    [
        ("92 percent of women and men had postcoital dysphoria.", "en", "92 percent", "all"),
        ("Le 92 % des hommes et des femmes l'ont vécu.", "fr", "92 %", "all"),
        ("El 92% de los hombres y mujeres lo vivió.", "es", "92%", "all"),
        ("41% of men and 46% of women had it.", "en", "41%", "male"),
        ("41% of men and 46% of women had it.", "en", "46%", "female"),
    ],
)
def test_both_sexes_named_together_make_a_claim_about_all(text, lang, number, sex):
    assert contexts(text, lang)[number].sex == sex


@pytest.mark.parametrize(
    ("text", "lang", "field", "value"),
    [
        ("4% des hommes en ont souffert sur une base régulière.", "fr", "frequency",
         "regular_basis"),
        ("El 20% de los hombres lo vivió un máximo de cuatro semanas antes de contestar.", "es",
         "timeframe", "past_4_weeks"),
        ("El 22% de los hombres lo sufrió durante las cuatro semanas antes del estudio.", "es",
         "timeframe", "past_4_weeks"),
    ],
)
def test_french_and_spanish_period_and_frequency_phrases(text, lang, field, value):
    (ctx,) = contexts(text, lang).values()
    assert getattr(ctx, field) == value


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Il 41% degli uomini l'ha provata almeno una volta nella vita, il 20% nelle ultime "
            "quattro settimane e il 4% in modo regolare.",
            "it",
            {
                "41%": ("male", "lifetime", "at_least_once"),
                "20%": ("male", "past_4_weeks", "not_stated"),
                "4%": ("male", "not_stated", "regular_basis"),
            },
        ),
        (
            "Il 10% delle donne l'ha avuta nel mese precedente, dopo ogni rapporto.",
            "it",
            {"10%": ("female", "past_4_weeks", "always_or_most")},
        ),
        (
            "Il 6% delle donne l'ha avuta più volte negli ultimi 12 mesi.",
            "it",
            {"6%": ("female", "past_year", "a_few_times")},
        ),
        (
            "41% dos homens sentiram isso em algum momento da vida, 20% no último mês e 4% "
            "regularmente.",
            "pt",
            {
                "41%": ("male", "lifetime", "not_stated"),
                "20%": ("male", "past_4_weeks", "not_stated"),
                "4%": ("male", "not_stated", "regular_basis"),
            },
        ),
        (
            "10% das mulheres tiveram o sintoma nos 30 dias anteriores, depois de cada relação.",
            "pt",
            {"10%": ("female", "past_4_weeks", "always_or_most")},
        ),
        (
            "6% das mulheres choraram várias vezes nos últimos 12 meses.",
            "pt",
            {"6%": ("female", "past_year", "a_few_times")},
        ),
        (
            "94,3% dos participantes tiveram sintomas desde o início da vida sexual.",
            "pt",
            {"94,3%": (None, "since_sexually_active", "not_stated")},
        ),
    ],
)
def test_italian_and_portuguese_sex_timeframe_and_frequency(text, lang, expected):
    ctx = contexts(text, lang)
    assert {k: (c.sex, c.timeframe, c.frequency) for k, c in ctx.items()} == expected


@pytest.mark.parametrize(
    ("text", "lang", "sex", "outcome", "context"),
    [
        ("Il 46% delle donne piange dopo il sesso.", "it", "female", "crying_after_sex", "any"),
        (
            "Il 46% delle donne e degli uomini ha provato la disforia post-coitale.",
            "it",
            "all",
            "pcd_symptoms",
            "any",
        ),
        (
            "Il 5% delle donne si sente triste dopo un rapporto sessuale consensuale.",
            "it",
            "female",
            "low_mood_after_sex",
            "consensual_intercourse",
        ),
        (
            "Il 30% delle persone prova tristezza post-coitale dopo la masturbazione.",
            "it",
            "all",
            "pcd_symptoms",
            "masturbation",
        ),
        (
            "46% dos homens e mulheres tiveram disforia pós-coito.",
            "pt",
            "all",
            "pcd_symptoms",
            "any",
        ),
        (
            "5% das mulheres se sentem tristes após relação sexual consensual.",
            "pt",
            "female",
            "low_mood_after_sex",
            "consensual_intercourse",
        ),
        (
            "21,6% dos homens em um relacionamento estável tiveram depressão pós-sexo.",
            "pt",
            "male",
            "pcd_symptoms",
            "sex_in_relationship",
        ),
    ],
)
def test_italian_and_portuguese_group_outcome_and_context(text, lang, sex, outcome, context):
    (ctx,) = contexts(text, lang).values()
    assert (ctx.sex, ctx.outcome, ctx.context) == (sex, outcome, context)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Uno studio del 2015 su 230 studentesse universitarie. Il 46% l'aveva provata "
            "nel corso della vita.",
            "it",
        ),
        (
            "Um estudo de 2015 com 230 estudantes universitárias. 46% relataram tristeza pós-coito "
            "na vida.",
            "pt",
        ),
    ],
)
def test_italian_and_portuguese_sample_and_year_carry(text, lang):
    (ctx,) = contexts(text, lang).values()
    assert (ctx.sex, ctx.timeframe, ctx.n_claimed, ctx.year_claimed, ctx.population_tags) == (
        "female",
        "lifetime",
        230,
        2015,
        ("university_students",),
    )


def test_italian_and_portuguese_dates_are_not_study_years():
    assert years_in("Mercoledì 30 Marzo 2011, 18:23. Pubblicato il 6 aprile 2018.") == []
    assert years_in("Publicado em 18 de março de 2011. Um estudo de 2015") == [2015]
    assert years_in("Aggiornato il 2019. Publicado em 2020. Uno studio del 2015") == [2015]
