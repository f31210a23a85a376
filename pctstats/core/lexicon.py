"""How articles say the values of the vocabularies, in five languages: one place.

English, French, Spanish, Italian and Portuguese.

The text audit (:mod:`pctstats.text`) reads an article's words into the vocabularies of
:mod:`pctstats.core.vocab` (sex, orientation, timeframe, frequency, outcome, context, source
kind, population tags, approximation). Every word it knows is here, as a regular expression per
vocabulary value (case-insensitive, matched on word boundaries by the reader); nothing else in
the package lists such words. Number words ("forty-six", "quarante et un") are not listed: the
reader uses text2num for those. How a number itself is written (hedges, units, the fractions
text2num does not read, "one in N", ratios, and the words that make a number no claim) is in
:mod:`pctstats.core.number_words`.

Each mapping is ordered: where two phrases could match at the same place, the longer one comes
first ("people assigned male at birth" before "people").

Examples
--------
>>> import re
>>> bool(re.search(TIMEFRAME_PHRASES["past_4_weeks"], "in the previous four weeks", re.I))
True
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

__all__ = [
    "BOTH_SEXES",
    "COMPARISON",
    "CONTEXT_PHRASES",
    "FREQUENCY_PHRASES",
    "LANGUAGE_MARKERS",
    "MONTHS",
    "NEW_STUDY",
    "ORIENTATION_PHRASES",
    "OTHER_CONDITION",
    "OTHER_SYMPTOMS",
    "OUTCOME_PHRASES",
    "PAGE_DATES",
    "POPULATION_TAG_PHRASES",
    "RATIO_COMPARISON",
    "SAMPLE_NOUNS",
    "SEX_PHRASES",
    "SOURCE_KIND_PHRASES",
    "STUDY_NOUNS",
    "TIMEFRAME_PHRASES",
]

#: The sexual orientation of the group a number is about (the ``orientation`` vocabulary); a
#: number whose clause names none is read as about any orientation.
ORIENTATION_PHRASES: Final = MappingProxyType(
    {
        "same_sex_attracted": r"(?:gay|homosexual|queer) (?:men|males?|women|females?)|"
        r"men who have sex with men|MSM|lesbians?|"
        r"(?:men|males?) (?:who are )?attracted to (?:other )?(?:men|males?)|"
        r"(?:women|females?) (?:who are )?attracted to (?:other )?(?:women|females?)|"
        r"same-sex attracted|hommes? (?:gays?|homosexuels?)|lesbiennes?|"
        r"hombres? (?:gays?|homosexuales)|lesbianas|uomini (?:gay|omosessuali)|lesbiche|"
        r"home(?:m|ns) (?:gays?|homossexuais)|lésbicas",
        "bisexual_or_fluid": r"bisexual(?:s)?(?: (?:or|and|/) (?:sexually )?fluid)?|"
        r"sexually fluid|bisexuel(?:le)?s?|bisexuales|bisessuali|bissexuais",
        "heterosexual": r"heterosexual(?: (?:men|women|people|participants))?|"
        r"straight (?:men|women|people|participants)|hétérosexuel(?:le)?s?|heterosexuales|"
        r"eterosessuali|heterossexuais",
    }
)

#: Whom a number is about (:data:`pctstats.core.vocab.SEX`).
SEX_PHRASES: Final = MappingProxyType(
    {
        "female": r"(?:people|persons?|those|individuals) assigned female(?: at birth)?|"
        r"women|woman|females?|girls?|"
        r"femmes?|filles?|étudiantes?|d['’]entre elles|"
        r"mujeres|mujer|chicas|participantes femeninas|estudiantes universitarias|"
        r"(?:de|entre) ellas|"
        r"donne|donna|ragazze|studentesse|(?:di|del) sesso femminile|"
        r"mulheres|mulher|meninas|garotas|moças|(?:do|de) sexo feminino|"
        r"estudantes universitárias|alunas",
        "male": r"(?:people|persons?|those|individuals) assigned male(?: at birth)?|"
        r"men|man|males?|boys?|"
        r"hommes?|garçons|participants masculins|"
        r"hombres|hombre|varones|chicos|"
        r"uomini|uomo|maschi|ragazzi|(?:di|del) sesso maschile|"
        r"homens|homem|rapazes|meninos|garotos|(?:do|de) sexo masculino",
        "all": r"people|persons|adults|everyone|individuals|humans|of us|"
        r"personnes|gens|adultes|personas|adultos|persone|adulti|pessoas",
    }
)

#: Both sexes named together ("women and men", "hommes et femmes"): a claim about them all.
BOTH_SEXES: Final = (
    r"(?:women|females|femmes|mujeres|donne|mulheres) (?:and|or|et|ou|y|o|e) "
    r"(?:les |des |los |de los |gli |degli |os |dos )?"
    r"(?:men|males|hommes|hombres|uomini|homens)|"
    r"(?:men|males|hommes|hombres|uomini|homens) (?:and|or|et|ou|y|o|e) "
    r"(?:les |des |las |de las |le |delle |as |das )?"
    r"(?:women|females|femmes|mujeres|donne|mulheres)"
)

#: Words that start a comparison with another group ("than among women"): the group named after
#: them is not the claim's.
COMPARISON: Final = (
    r"than|compared (?:with|to)|versus|vs\.?|as (?:among|in|for)|que (?:chez|parmi|pour|entre|en)|"
    r"par rapport (?:aux?|à)|comparé(?:e|s|es)? (?:aux?|à)|comparad[oa]s? con|frente a|"
    r"en comparación con|rispetto (?:a|al|alla|alle|ai|agli)|che (?:tra|fra|nei|negli|nelle|per)|"
    r"in confronto (?:a|al|alle|agli)|comparad[oa]s? (?:com|a|aos|às)|em comparação com|"
    r"do que (?:entre|em|nos|nas|os|as|para)"
)
#: What names the group a ratio compares with, after its "more likely": a comparison, or "as"
#: ("as likely as women") or "que" ("plus susceptibles que les hommes", "más ... que los hombres",
#: "mais ... do que os homens").
RATIO_COMPARISON: Final = rf"{COMPARISON}|as|que|do que"

#: When (:data:`pctstats.core.vocab.TIMEFRAME`). "At least once" alone names no period.
TIMEFRAME_PHRASES: Final = MappingProxyType(
    {
        "past_4_weeks": r"(?:past|previous|last|preceding|prior)\s+(?:four|4)\s*weeks?|"
        r"(?:in|within|during|over) the (?:past|previous|last|preceding) month|"
        r"(?:durant|pendant|dans) le dernier mois|"
        r"au cours du (?:dernier )?mois(?: dernier| précédent)?|durante el último mes|"
        r"en el último mes|"
        r"(?:four|4)[- ]weeks?(?: period| window| prevalence)?|"
        r"(?:four|4) weeks (?:before|prior)|"
        r"(?:quatre|4) (?:dernières )?semaines(?: précédentes| passées| précédant)?|"
        r"(?:durant|pendant|dans) le mois (?:précédent|précédant|dernier)|"
        r"(?:últimas|pasadas) (?:cuatro|4) semanas|"
        r"(?:cuatro|4) semanas (?:anteriores|previas|precedentes|antes)|"
        r"(?:período|periodo) de (?:cuatro|4) semanas|(?:el )?mes (?:anterior|previo|pasado)|"
        r"(?:ultime|scorse|precedenti) (?:quattro|4) settimane|"
        r"(?:quattro|4) settimane (?:precedenti|prima|passate)|"
        r"(?:nell['’]|l['’])ultimo mese|(?:nel|il) mese (?:precedente|scorso|passato|"
        r"appena trascorso)|(?:ultimi|scorsi) (?:30|trenta) giorni|"
        r"(?:30|trenta) giorni (?:precedenti|prima)|"
        r"(?:últimas|passadas) (?:quatro|4) semanas|"
        r"(?:quatro|4) semanas (?:anteriores|precedentes)|"
        r"último mês|mês (?:anterior|passado|que antecedeu)|"
        r"(?:últimos|passados) (?:30|trinta) dias|(?:30|trinta) dias anteriores",
        "past_year": r"(?:past|previous|last|preceding) (?:year|12 months|twelve months)|"
        r"dernière année|(?:12|douze) derniers mois|último año|(?:12|doce) últimos meses|"
        r"(?:nell['’]|l['’])ultimo anno|(?:ultimi|scorsi) (?:12|dodici) mesi|último ano|"
        r"(?:últimos|passados) (?:12|doze) meses",
        "lifetime": r"(?:in|during|over|throughout) (?:their|her|his|your|a|one's) "
        r"(?:lifetimes?|lives|life)|"
        r"lifetime|at some (?:point|time)|at one time or another|ever|"
        r"dans (?:leur|sa) vie|au cours de (?:leur|sa) vie|déjà|"
        r"en (?:su|sus) vidas?|alguna vez|a lo largo de (?:su|sus) vidas?|"
        r"nella (?:loro |sua )?vita|nel corso della (?:loro |sua )?vita|"
        r"a un certo punto della (?:loro |sua )?vita|in vita (?:loro|sua)|"
        r"na (?:sua )?vida|em algum momento da (?:sua )?vida|ao longo da (?:sua )?vida|"
        r"durante a (?:sua )?vida",
        "since_sexually_active": r"since (?:becoming|they became|first becoming) sexually active|"
        r"dall['’]inizio della (?:loro |sua )?vita sessuale|"
        r"desde o início da (?:sua )?vida sexual",
        "recent": r"(?:in|over|during) (?:the )?(?:recent|past few|last few) months|"
        r"(?:ces|au cours des) derniers mois|(?:en|durante) los últimos meses|"
        r"recently(?! as)|recent(?! (?:stud|survey|research|paper|report|year|analys|"
        r"article|review|poll|work|finding|data|issue|month|week))|récemment|recientemente|"
        r"negli ultimi mesi|di recente|recentemente|nos últimos meses",
    }
)

#: How often (:data:`pctstats.core.vocab.FREQUENCY`).
FREQUENCY_PHRASES: Final = MappingProxyType(
    {
        "always_or_most": r"always|(?:most|all) (?:or (?:most|all) )?of the time|"
        r"toujours|la plupart du temps|siempre|la mayor(?:ía| parte) del tiempo|"
        r"(?:after|following) (?:every|each|all) (?:\w+ ){0,2}(?:encounters?|intercourse|sex|"
        r"time|orgasms?)|every time|each time|"
        r"(?:après|à) (?:chaque|tous (?:les|leurs)) (?:rapports?|relations?|fois|orgasmes?)|"
        r"(?:de (?:manière|façon) )?systématique(?:ment)?|"
        r"(?:después de|tras) (?:cada|tod[oa]s (?:sus|las|los)) (?:\w+ )?"
        r"(?:relaci[oó]n(?:es)?|encuentros?|orgasmos?|vez|veces)|cada vez|"
        r"sempre(?! (?:più|meno|mais|menos))|(?:la maggior|gran) parte del tempo|"
        r"a maior parte do tempo|dopo ogni (?:\w+ )?(?:rapporto|orgasmo|volta)|ogni volta|"
        r"(?:depois de|após) (?:cada|tod[oa]s? (?:as|os)) (?:\w+ )?"
        r"(?:relaç(?:ão|ões)|orgasmos?|vez|vezes)|toda vez|todas as vezes",
        "regular_basis": r"(?:on|at) a regular basis|regularly|regular|frequently|often|"
        r"sur une base régulière|de (?:forma|manera) (?:regular|frecuente)|"
        r"routinely|habitually|régulièrement|souvent|fréquemment|regularmente|"
        r"de (?:façon|manière) régulière|de (?:forma|manera) regular|"
        r"con (?:más )?regularidad|plus régulièrement|"
        r"habituellement|de (?:forma|manera) habitual|habitualmente|"
        r"con frecuencia|frecuentemente|a menudo|"
        r"regolarmente|in (?:modo|maniera) (?:regolare|frequente|abituale)|con regolarità|"
        r"abitualmente|spesso|di frequente|con frequenza|frequentemente|"
        r"de (?:forma|maneira|modo) (?:regular|frequente|habitual)|com (?:frequência|regularidade)|"
        r"regularmente|habitualmente",
        "a_few_times": r"a few times|several times|multiple times|many times|more than once|"
        r"repeatedly|plusieurs fois|quelques fois|à (?:plusieurs|maintes|quelques) reprises|"
        r"varias veces|algunas veces|múltiples veces|(?:en )?(?:varias|algunas) ocasiones|"
        r"più volte|alcune volte|diverse volte|varie volte|molte volte|ripetutamente|"
        r"più di una volta|in più occasioni|várias vezes|algumas vezes|muitas vezes|"
        r"repetidamente|mais de uma vez|em (?:várias|algumas) ocasiões",
        "persistent": r"persistent(?:ly)?|persistant(?:e|s)?|persistentes?|persistenti",
        "three_months_or_more": r"(?:three|3) months or (?:more|longer)|(?:tre|3) mesi o più|"
        r"(?:três|3) meses ou mais",
        "at_least_once": r"at least once|once or more|au moins une fois|al menos una vez|"
        r"almeno una volta|(?:pelo|ao) menos uma vez",
    }
)

#: What was measured (:data:`pctstats.core.vocab.OUTCOME`). ``pcd_symptoms`` holds the names of
#: the condition itself; when a clause names it, narrower words in the same clause (a definition
#: listing its symptoms) do not narrow the outcome.
OUTCOME_PHRASES: Final = MappingProxyType(
    {
        "pcd_symptoms": r"post-?coital dysphoria|postcoital dysphoria|dysphorie post-?coïtale|"
        r"disforia pos(?:t)?-?coital|PCD|PCT|post-?coital (?:tristesse|blues)|post-sex blues|"
        r"sex blues|post-?coïtum|tristesse post-?coïtale|tristeza pos(?:t)?-?coital|"
        r"blues post-?co[iï]tal|blues pos(?:t)?-?coital|(?i:post-?coital sadness)|"
        r"disforia post-?coitale|tristezza post-?(?:coitale|sesso)|"
        r"depressione post-?(?:coitale|sesso)|DPC|"
        r"disforia p[oó]s-?(?:coito|coital|sexo)|tristeza p[oó]s-?(?:coito|coital|sexo)|"
        r"depressão p[oó]s-?(?:coito|coital|sexo)",
        "crying_after_sex": r"cr(?:y|ies|ied|ying)|tears?|tearful|weep(?:s|ing)?|pleur\w*|"
        r"larmes|llor\w*|lágrimas|piang\w*|piant[oi]|lacrim\w*|chor(?:ar|am|aram|ou|a|o|os|ando|ei)",
        "low_mood_after_sex": r"sad(?:ness)?|depress(?:ed|ion|ive)|lonel(?:y|iness)|"
        r"triste(?:sse)?|déprim(?:e|é|ée)|dépression|solitude|tristeza|deprimid[oa]s?|"
        r"depresión|soledad|trist(?:e|i|es)|tristezza|depress[oi]|depressione|solitudine|"
        r"depressão|deprimid[oa]s?|solidão",
        "dyspareunia": r"dyspareunia|painful sex|pain (?:during|with|after) sex|"
        r"dyspareunie|rapports douloureux|dispareunia|relaciones dolorosas|"
        r"rapporti dolorosi|dolore durante (?:il sesso|i rapporti)|relações dolorosas|"
        r"sexo doloroso|dor durante (?:o sexo|as relações)",
        "sexual_performance_anxiety": r"(?:sexual )?performance anxiety|"
        r"anxiety about (?:sexual )?performance|anxiété de performance|"
        r"ansiedad de(?:l)? (?:rendimiento|desempeño)|ansia da prestazione|"
        r"ansiedade de desempenho",
        "postcoital_psychological_symptoms": r"post-?coital psychological symptoms|PPS",
    }
)

#: The sexual context a clause names (:data:`pctstats.core.vocab.CONTEXT`).
CONTEXT_PHRASES: Final = MappingProxyType(
    {
        "vaginal_penetration": r"(?:during|with) (?:vaginal )?penetration|"
        r"pendant la pénétration|durante la penetración|durante la penetrazione|"
        r"durante a penetração",
        "masturbation": r"masturb\w*",
        "consensual_intercourse": r"(?:after|following) consensual (?:sexual )?(?:intercourse|sex)|"
        r"après un rapport sexuel consenti|después de (?:una )?relaciones? sexuales? consentidas?|"
        r"dopo (?:un |il )?rapport[oi] (?:sessual[ei] )?consensual[ei]|"
        r"(?:após|depois de|depois da|após a) (?:uma )?relaç(?:ão|ões) sexua(?:l|is) "
        r"consensua(?:l|is)",
        "casual_sex": r"casual sex|hook-?ups?|one-night stands?|relations? d'un soir|"
        r"rapports? (?:sexuels? )?occasionnels?|relations? occasionnelles?|"
        r"sexo (?:casual|ocasional)|relaciones? (?:sexuales? )?(?:casuales|ocasionales)|"
        r"encuentros? (?:casual(?:es)?|ocasional(?:es)?)|sesso occasionale|"
        r"rapport[oi] (?:sessual[ei] )?occasional[ei]|avventur[ae] di una notte|"
        r"relaç(?:ão|ões) (?:sexua(?:l|is) )?(?:casua(?:l|is)|ocasiona(?:l|is))|"
        r"encontros? casua(?:l|is)",
        "sex_in_relationship": r"(?:sex )?(?:in|within) (?:a |their )?(?:committed )?"
        r"relationships?|(?:dans|au sein d'|au sein d’)\s?(?:une|leur) relation(?: de couple)?|"
        r"en couple|en (?:una|su) relación(?: de pareja)?|en pareja|"
        r"(?:in|nella) (?:una |loro )?relazione(?: stabile| di coppia)?|in coppia|"
        r"(?:em|numa|num) (?:uma |um )?(?:relação|relacionamento)(?: estável| sério)?",
        "after_orgasm_only": r"only (?:after|when (?:they|she|he) (?:reached|reach|had) )(?:an )?"
        r"orgasm|(?:seulement|uniquement) après l['’]orgasme|"
        r"solo (?:después del|tras el|cuando (?:alcanzan|alcanzaron|llegan|llegaron) al) orgasmo|"
        r"solo dopo l['’]orgasmo|solo quando (?:raggiung|arriv)\w+ all['’]orgasmo|"
        r"(?:somente|só|apenas) (?:após o|depois do|quando (?:alcançam|alcançaram|atingem|"
        r"atingiram|chegam|chegaram) (?:o|ao)) orgasmo",
    }
)

#: What kind of source a clause names (:data:`pctstats.core.vocab.SOURCE_KIND`).
SOURCE_KIND_PHRASES: Final = MappingProxyType(
    {
        "one_survey": r"(?:one|a|an|another|this|that|the) (?:\w+ ){0,3}"
        r"(?:survey|poll|questionnaire)|"
        r"(?:une|cette) (?:\w+ )?(?:enquête|sondage)|(?:una|esta) (?:\w+ )?encuesta|"
        r"(?:un|questo|il) (?:\w+ )?(?:sondaggio|questionario)|"
        r"(?:un['’]|l['’]|una |questa |la )(?:\w+ )?indagine|"
        r"(?:uma|esta|essa) (?:\w+ )?enquete|(?:um|este|esse|o) (?:\w+ )?(?:questionário|"
        r"levantamento)",
        "one_study": r"(?:one|a|an|another|this|that|the) (?:\w+ ){0,3}(?:study|paper|trial)|"
        r"(?:une|cette|l')(?:\s)?(?:\w+ )?étude|(?:un|este|el) (?:\w+ )?estudio|"
        r"(?:uno|questo|lo|un) (?:\w+ )?studio|(?:una|questa|la) (?:\w+ )?ricerca|"
        r"(?:um|este|esse|o) (?:\w+ )?estudo|(?:uma|esta|essa|a) (?:\w+ )?pesquisa",
        "several_studies": r"studies|(?:a few|several|some) research studies|past research|"
        r"(?:des|plusieurs) études|(?:varios|algunos) estudios|"
        r"(?:diversi|alcuni|vari|numerosi|molti) studi|studi precedenti|"
        r"(?:vários|alguns|diversos|muitos) estudos|(?:estudos|pesquisas) anteriores",
        "research": r"research|researchers|recherche|chercheurs|investigación|investigadores|"
        r"ricerca|ricercatori|pesquisa|pesquisadores",
    }
)

#: Population tags (:data:`pctstats.core.vocab.POPULATION_TAG`) a clause's words state.
POPULATION_TAG_PHRASES: Final = MappingProxyType(
    {
        "university_students": r"(?:university|college|undergraduate|graduate) "
        r"(?:students?|women|men|females|males)|students?|undergraduates|"
        r"étudiant(?:e|es|s)?|estudiantes(?: universitari[oa]s)?|studentesse|studenti|"
        r"universitari[ei]|estudantes(?: universitári[oa]s)?|universitári[oa]s",
        "sexually_active": r"sexually active|sexuellement actives?|sexualmente activ[oa]s|"
        r"sessualmente attiv[ei]|sexualmente ativ[oa]s",
        "twins": r"twins?|jumeaux|jumelles|gemel[oa]s|gemell[ie]|gême[oa]s",
        "lgbtqia": r"LGBTQIA\+?|LGBTIQA?\+?|LGBTQI?\+?|LGBT\+?|"
        r"queer (?:people|adults|participants)",
    }
)

#: Nouns that make a count a sample size ("1,208 men", "230 female university students").
SAMPLE_NOUNS: Final = (
    r"(?:(?:female|male|young|adult|heterosexual|straight|gay|american|australian|british|"
    r"college|university|undergraduate|sexually active|female university|female college) )*"
    r"(?:women|men|males|females|people|participants|respondents|adults|students|individuals|"
    r"volunteers|subjects|couples|persons|twins|femmes|hommes|personnes|participant(?:e)?s|"
    r"étudiant(?:e)?s|répondant(?:e)?s|mujeres|hombres|personas|participantes|estudiantes|"
    r"encuestad(?:o|a)s|donne|uomini|persone|partecipanti|studentesse|studenti|intervistat[ei]|"
    r"volontari|adulti|mulheres|homens|pessoas|estudantes|entrevistad[oa]s|voluntári[oa]s)"
)

#: Nouns that introduce a study, and the words that make it a study other than the one before.
STUDY_NOUNS: Final = (
    r"stud(?:y|ies)|survey|research|paper|trial|poll|étude|enquête|recherche|sondage|estudio|"
    r"encuesta|investigación|studio|ricerca|indagine|estudo|pesquisa|levantamento"
)
NEW_STUDY: Final = (
    r"(?:another|a new|a different|a separate|one|an earlier|a later|a previous|a similar|an?|"
    r"une autre|une nouvelle|une|otro|un nuevo|una nueva|otra|una|un|un altro|un nuovo|"
    r"una nuova|uno|outro|outra|um novo|uma nova|um|uma) (?:[\w-]+ ){0,2}"
    r"(?:" + STUDY_NOUNS + r")"
)

#: Another diagnosed condition named before a percentage ("diagnosed with clinical depression:
#: 21% of ..."): the figure is that condition's prevalence, not a claim about PCD.
OTHER_CONDITION: Final = (
    r"(?:diagnosed with|diagnosis of) (?:\w+ ){0,2}(?:depression|anxiety|disorder)|"
    r"clinical depression|depressive disorder|anxiety disorder|"
    r"diagnostiqué(?:e|s|es)? (?:d['’]une? |de |avec )?(?:\w+ ){0,2}"
    r"(?:dépression|anxiété|trouble)|dépression clinique|trouble dépressif|"
    r"diagnosticad[oa]s? (?:de|con) (?:\w+ ){0,2}(?:depresión|ansiedad|trastorno)|"
    r"depresión clínica|trastorno depresivo|trastorno de ansiedad|"
    r"diagnosticat[oaie] (?:con|di) (?:\w+ ){0,2}(?:depressione|ansia|disturbo)|"
    r"depressione clinica|disturbo depressivo|disturbo d['’]ansia|"
    r"diagnosticad[oa]s? com (?:\w+ ){0,2}(?:depressão|ansiedade|transtorno)|"
    r"depressão clínica|transtorno depressivo|transtorno de ansiedade"
)

#: Other symptoms of PCD: named with sadness or tears, they describe PCD, not a part of it.
OTHER_SYMPTOMS: Final = (
    r"irritab\w*|anxi\w*|agitat\w*|melanchol\w*|restless\w*|aggress\w*|angry|anger|"
    r"irrita\w*|anxiété|ansiedad|mélancolie|melancolía|angoisse|ansia|ansiedade|malinconia|"
    r"melancolia|agitazione|agitação|angoscia|angústia|inquietudine|inquietação|rabbia|raiva"
)
#: Words before a year that make it the page's date, not a study's ("Updated 2019").
PAGE_DATES: Final = (
    r"updated|published|posted|reviewed|copyright|©|publié|mis à jour|actualizado|publicado|"
    r"aggiornato|aggiornamento|pubblicato|atualizado|atualização"
)

#: Month names, to tell a date ("Jul 5, 2011", "28 novembre 2018") from a year of a study.
MONTHS: Final = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    r"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|"
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|"
    r"gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|"
    r"janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|dezembro"
)

#: Words frequent in one language and rare in the others, to choose text2num's language.
LANGUAGE_MARKERS: Final = MappingProxyType(
    {
        "en": r"the|and|of|with|that|have|has|were|was|women|men|who|which|in|on|it|they|is",
        "fr": r"le|les|des|et|une|est|sont|dans|avec|qui|femmes|hommes|pour|du|au|aux|ce|cette|"
        r"ont|été|sur|leur|leurs|elles|ils|il|elle|pas|ne",
        "es": r"el|los|las|y|una|es|son|con|que|por|mujeres|hombres|del|lo|su|sus|han|ha|fue|"
        r"ellas|ellos|más|según|estudio",
        "it": r"il|gli|della|delle|degli|dei|nel|nella|nelle|negli|che|di|non|sono|è|anche|per|"
        r"hanno|donne|uomini|studio|più|questo|questa|ricerca|loro|alla|alle|agli|dalla|sulla|"
        r"ed|ma|però|perché|già|stato|stata|essere",
        "pt": r"o|os|as|do|da|dos|das|não|são|em|no|na|nos|nas|um|uma|com|para|mulheres|homens|"
        r"pelo|pela|mais|estudo|também|pesquisa|ao|foram|seu|sua|à|às|pelos|pelas|isso|essa|"
        r"esse|muito|ainda|já|até",
    }
)
