"""How articles write a number itself, in five languages: one place.

English, French, Spanish, Italian and Portuguese. The hedge before a number and how the audit
reads it, the units of a percentage, the fractions text2num does not read ("half", "a third",
"un tiers"), "one in N", the words that make a number a ratio, and the words around a number that
make it no prevalence claim (an age, a duration, a change, a sample's make-up). The words that say
what a number is about (sex, period, outcome...) are in :mod:`pctstats.core.lexicon`.

Examples
--------
>>> FRACTIONS["a third"], QUALIFIERS["over"], "over" in LOWER_BOUNDS
(('100', '3'), 'over', True)
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

__all__ = [
    "FRACTIONS",
    "FRACTION_VERBS",
    "LOWER_BOUNDS",
    "NOT_A_CLAIM_AFTER",
    "NOT_A_CLAIM_BEFORE",
    "NOT_A_FRACTION",
    "NOT_A_PREVALENCE_AFTER",
    "ONE_IN",
    "ONE_IN_NOUNS",
    "PERCENT_UNIT",
    "QUALIFIERS",
    "SAMPLE_SHARE_BEFORE",
    "TIMES",
    "UPPER_BOUNDS",
]

#: Words before a number that hedge it, as printed, and how the audit reads each
#: (:data:`pctstats.core.vocab.APPROXIMATION`). ``over`` ("more than 40%") is just above the
#: number, ``almost`` ("nearly half", "less than 5%") just below it; ``exact`` here means the hedge
#: states a bound that includes the number ("at least 5%", "up to 4%").
QUALIFIERS: Final = MappingProxyType(
    {
        "just over": "over",
        "just under": "almost",
        "slightly more than": "over",
        "slightly less than": "almost",
        "no less than": "exact",
        "no more than": "exact",
        "more than": "over",
        "less than": "almost",
        "fewer than": "almost",
        "over": "over",
        "under": "almost",
        "at least": "exact",
        "up to": "exact",
        "as many as": "exact",
        "as much as": "exact",
        "as few as": "exact",
        "upwards of": "over",
        "nearly": "almost",
        "almost": "almost",
        "close to": "about",
        "about": "about",
        "around": "about",
        "approximately": "about",
        "roughly": "about",
        "some": "about",
        "an estimated": "about",
        "estimated": "about",
        "plus de": "over",
        "plus d'": "over",
        "plus d’": "over",
        "près d'": "almost",
        "près d’": "almost",
        "moins d'": "almost",
        "moins d’": "almost",
        "moins de": "almost",
        "au moins": "exact",
        "jusqu'à": "exact",
        "près de": "almost",
        "presque": "almost",
        "environ": "about",
        "quelque": "about",
        "autour de": "about",
        "à peu près": "about",
        "más de": "over",
        "menos de": "almost",
        "al menos": "exact",
        "hasta": "exact",
        "casi": "almost",
        "cerca de": "about",
        "alrededor del": "about",
        "alrededor de": "about",
        "cerca del": "about",
        "más del": "over",
        "menos del": "almost",
        "aproximadamente": "about",
        "unos": "about",
        "unas": "about",
        "poco più di": "over",
        "poco più del": "over",
        "poco meno di": "almost",
        "poco meno del": "almost",
        "più di": "over",
        "più del": "over",
        "più dell'": "over",
        "più dell’": "over",
        "più della": "over",
        "oltre": "over",
        "meno di": "almost",
        "meno del": "almost",
        "meno della": "almost",
        "almeno": "exact",
        "fino a": "exact",
        "fino al": "exact",
        "fino alla": "exact",
        "fino all'": "exact",
        "fino all’": "exact",
        "al massimo": "exact",
        "quasi": "almost",
        "circa": "about",
        "intorno al": "about",
        "attorno al": "about",
        "all'incirca": "about",
        "più o meno": "about",
        "pouco mais de": "over",
        "pouco menos de": "almost",
        "mais de": "over",
        "mais do que": "over",
        "mais da": "over",
        "menos da": "almost",
        "pelo menos": "exact",
        "ao menos": "exact",
        "no mínimo": "exact",
        "no máximo": "exact",
        "até": "exact",
        "quase": "almost",
        "perto de": "almost",
        "em torno de": "about",
        "por volta de": "about",
    }
)

#: Hedges of :data:`QUALIFIERS` that state a bound ("over 5%" says at least 5): a source value on
#: the stated side of the number is no loss of precision.
LOWER_BOUNDS: Final = frozenset(
    {
        "just over",
        "slightly more than",
        "no less than",
        "more than",
        "over",
        "at least",
        "upwards of",
        "plus de",
        "plus d'",
        "plus d’",
        "au moins",
        "más de",
        "más del",
        "al menos",
        "poco più di",
        "poco più del",
        "più di",
        "più del",
        "più dell'",
        "più dell’",
        "più della",
        "oltre",
        "almeno",
        "pouco mais de",
        "mais de",
        "mais do que",
        "mais da",
        "pelo menos",
        "ao menos",
        "no mínimo",
    }
)
UPPER_BOUNDS: Final = frozenset(
    {
        "no more than",
        "up to",
        "as many as",
        "as much as",
        "jusqu'à",
        "hasta",
        "fino a",
        "fino al",
        "fino alla",
        "fino all'",
        "fino all’",
        "al massimo",
        "até",
        "no máximo",
    }
)

#: Words that make a number a percentage.
PERCENT_UNIT: Final = (
    r"%|per\s?cento|per\s?cent(?:age points)?|pour\s?cent|por\s?ciento|por\s?cento|p\.\s?100|"
    r"pc\b|percentage points|punti percentuali|pontos percentuais"
)

#: Fractions in words that text2num does not read, as (numerator x 100, denominator): the
#: audit reads each as an approximate percentage ("a third" is about 33%).
FRACTIONS: Final = MappingProxyType(
    {
        "three quarters": ("300", "4"),
        "three-quarters": ("300", "4"),
        "two thirds": ("200", "3"),
        "two-thirds": ("200", "3"),
        "a half": ("100", "2"),
        "one half": ("100", "2"),
        "one-half": ("100", "2"),
        "half": ("100", "2"),
        "a third": ("100", "3"),
        "one third": ("100", "3"),
        "one-third": ("100", "3"),
        "a quarter": ("100", "4"),
        "one quarter": ("100", "4"),
        "one-quarter": ("100", "4"),
        "a fifth": ("100", "5"),
        "one fifth": ("100", "5"),
        "one-fifth": ("100", "5"),
        "a tenth": ("100", "10"),
        "one tenth": ("100", "10"),
        "one-tenth": ("100", "10"),
        "la moitié": ("100", "2"),
        "moitié": ("100", "2"),
        "deux tiers": ("200", "3"),
        "trois quarts": ("300", "4"),
        "un tiers": ("100", "3"),
        "un quart": ("100", "4"),
        "un cinquième": ("100", "5"),
        "un dixième": ("100", "10"),
        "la mitad": ("100", "2"),
        "mitad": ("100", "2"),
        "dos tercios": ("200", "3"),
        "tres cuartos": ("300", "4"),
        "un tercio": ("100", "3"),
        "la tercera parte": ("100", "3"),
        "un cuarto": ("100", "4"),
        "la cuarta parte": ("100", "4"),
        "un quinto": ("100", "5"),
        "un décimo": ("100", "10"),
        "la décima parte": ("100", "10"),
        "la metà": ("100", "2"),
        "metà": ("100", "2"),
        "due terzi": ("200", "3"),
        "tre quarti": ("300", "4"),
        "un terzo": ("100", "3"),
        "un quarto": ("100", "4"),
        "un decimo": ("100", "10"),
        "a metade": ("100", "2"),
        "metade": ("100", "2"),
        "dois terços": ("200", "3"),
        "três quartos": ("300", "4"),
        "um terço": ("100", "3"),
        "um quarto": ("100", "4"),
        "um quinto": ("100", "5"),
        "um décimo": ("100", "10"),
    }
)

#: "Half" after a preposition that makes it a middle or a manner, not a share ("a metà degli anni
#: novanta", "a mitad del estudio", "à moitié vide", "verso la metà del secolo").
NOT_A_FRACTION: Final = (
    r"a metà|verso la metà|entro la metà|a mitad|hacia la mitad|à moitié|vers la moitié|na metade"
)

#: Words after a fraction that make it the subject of a finding ("a third had experienced it"),
#: and the pronouns and adverbs that come before such a verb ("quasi metà l'aveva provata",
#: "la mitad lo ha sentido", "metade já sentiu").
FRACTION_VERBS: Final = (
    r"had|have|has|were|are|was|is|reported|report|reports|said|say|says|experienced|experience|"
    r"felt|feel|suffered|suffer|cried|cry|ont|avaient|a|ressentent|han|habían|ha|sufren|sienten|"
    r"hanno|aveva|avevano|sono|erano|afferma|affermano|prova|provano|soffre|soffrono|"
    r"tem|têm|tinha|tinham|relatou|relataram|disse|disseram|sente|sentem|sofre|sofrem|são|eram|"
    r"l['’]|lo|li|ne|si|se|já|già"
)

#: "One in 20", "un sur cinq", "uno de cada diez": the words between the two numbers.
ONE_IN: Final = r"in|out of|sur|de cada|of every|su|ogni|em cada"
#: The people a "one in N" may name between its numbers ("une étudiante sur vingt").
ONE_IN_NOUNS: Final = (
    r"women|woman|men|man|people|persons?|adults?|students?|femmes?|hommes?|personnes?|"
    r"étudiant(?:e|es|s)?|participant(?:e|es|s)?|mujer(?:es)?|hombres?|personas?|"
    r"estudiantes?|participantes?|chic[oa]s?|varón|varones|donn[ae]|uom(?:o|ini)|person[ae]|"
    r"studentess[ae]|mulher(?:es)?|home(?:m|ns)|pessoas?|estudantes?"
)

#: "2.87 times more likely": the words after a number that make it a ratio.
TIMES: Final = (
    r"times (?:more|less|as|higher|lower|greater)(?: likely)?|"
    r"fois plus|veces (?:más|menos)|-fold|volte (?:più|meno|in più)|vezes (?:mais|menos)"
)

#: Words that make a number no claim: ages, durations, counts of places or things.
NOT_A_CLAIM_AFTER: Final = (
    r"years?(?:[- ]old)?|yrs?|ans|años|months?|mois|meses|weeks?|semaines|semanas|days?|jours|"
    r"días|hours?|heures|horas|minutes?|min|countries|pays|países|studies|items|questions|"
    r"anni|anos|mesi|settimane|giorni|dias|ore|minuti|minutos|paesi|studi|estudos|domande|"
    r"perguntas"
)
#: Words after a percentage that make it a change, a chance or a discount, not a prevalence.
NOT_A_PREVALENCE_AFTER: Final = (
    r"(?:increase|decrease|rise|drop|fall|reduction|jump|growth|higher|lower|greater|more|less|"
    r"fewer|chance|likelihood|risk|odds|off|discount|interest|APR|accurate|accuracy|effective|"
    r"sure|certain|normal|of the time|confidence|CI|credible|intervalle|intervalo|"
    r"d'augmentation|de hausse|de baisse|de réduction|plus|moins|"
    r"de aumento|más|menos|in più|in meno|più|di aumento|di probabilità|di rischio|"
    r"intervallo|mais|de redução|de chance|de probabilidade|de risco|"
    r"of (?:this|the) (?:article|page|story|post)|left to read|"
    r"(?:de )?(?:cet|ce|este|esta) (?:article|artículo|página|page)|"
    r"(?:di )?(?:questo|questa) (?:articolo|pagina)|(?:deste|desta) (?:artigo|página))"
)
NOT_A_CLAIM_BEFORE: Final = (
    r"aged?|âgée?s?|de edad|ages|average age of|mean age of|(?:di )?età(?: compresa)?|"
    r"età media di|(?:com )?idade|idade média de"
)
#: A percentage in brackets just after a counted group ("299 men (25%)"), or after a group
#: following such a share ("... (25%) and women (75%)"), gives the sample's make-up, not a
#: prevalence ("more men (20%) reported it" is one).
SAMPLE_SHARE_BEFORE: Final = (
    r"(?:\d[\d,.\u00a0\u202f ]*\s+(?:[^\W\d]+\s+)?|\(\s*[^()]*\d[^()]*\)\s*(?:and|y|et|e|,)\s+)"
    r"(?:women|men|males|females|femmes|hommes|mujeres|hombres|varones|participants|"
    r"participantes|students|étudiant(?:e)?s|estudiantes|donne|uomini|partecipanti|studentesse|"
    r"studenti|mulheres|homens|estudantes)\s*\(\s*(?:the|el|la|les?|los|las|il|o|os|as)?\s*"
)
