"""What a text says around a number: whom, when, how often, what, how many, which year and study.

The words come from :mod:`pctstats.core.lexicon`. A claim's own clause is read first: the words
after its number up to the next number (or the sentence's end; past a number that restates it,
"one in 20, or 5.1 per cent"), then the words before it. Sex, sample size, year, population and
outcome are often stated a sentence or two before the number ("The study surveyed 1,208 men ...
Forty-one percent reported ..."): those are carried from up to two sentences back, but not past a
sentence that introduces another study, and not at all into a sentence that introduces one of its
own ("Another study found ...").

Examples
--------
>>> from pctstats.text.numbers import find_numbers
>>> text = "The study surveyed 1,208 men in 2018. Forty-one percent had felt it in their lifetime."
>>> spans = [(0, 37), (38, len(text))]
>>> numbers = [find_numbers(text[s:e], s) for s, e in spans]
>>> ctx = read_context(text, spans, numbers, 1, 0)
>>> ctx.sex, ctx.timeframe, ctx.n_claimed, ctx.year_claimed
('male', 'lifetime', 1208, 2018)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Final

from pctstats.core.lexicon import (
    BOTH_SEXES,
    COMPARISON,
    CONTEXT_PHRASES,
    FREQUENCY_PHRASES,
    MONTHS,
    NEW_STUDY,
    ORIENTATION_PHRASES,
    OTHER_SYMPTOMS,
    OUTCOME_PHRASES,
    PAGE_DATES,
    POPULATION_TAG_PHRASES,
    RATIO_COMPARISON,
    SAMPLE_NOUNS,
    SEX_PHRASES,
    SOURCE_KIND_PHRASES,
    TIMEFRAME_PHRASES,
)
from pctstats.core.vocab import FEMALE, MALE
from pctstats.text.caseless import Caseless
from pctstats.text.numbers import COUNT, RATIO, Number
from pctstats.text.phrases import PhraseSet

__all__ = [
    "CARRY",
    "Context",
    "read_context",
    "restates",
    "years_in",
]

_FLAGS: Final = re.IGNORECASE
#: Sentences back from which sex, sample size, year, population and outcome are carried.
CARRY: Final = 2


_SEX: Final = PhraseSet(SEX_PHRASES)
_ORIENTATION: Final = PhraseSet(ORIENTATION_PHRASES)
_TIMEFRAME: Final = PhraseSet(TIMEFRAME_PHRASES)
_FREQUENCY: Final = PhraseSet(FREQUENCY_PHRASES)
#: The outcomes other than the condition itself (its parts and its neighbours).
_NOT_PCD: Final = PhraseSet({k: v for k, v in OUTCOME_PHRASES.items() if k != "pcd_symptoms"})
#: Any outcome or other symptom: a clause naming none says nothing of what was measured.
_ANY_OUTCOME: Final = PhraseSet({**OUTCOME_PHRASES, "other_symptoms": OTHER_SYMPTOMS})
_CONTEXT: Final = PhraseSet(CONTEXT_PHRASES)
#: The vocabularies a claim's words are read for, by name.
_PHRASES: Final = {
    "sex": _SEX, "timeframe": _TIMEFRAME, "frequency": _FREQUENCY, "context": _CONTEXT,
    "orientation": _ORIENTATION,
}
_KIND: Final = PhraseSet(SOURCE_KIND_PHRASES)
_TAGS: Final = PhraseSet(POPULATION_TAG_PHRASES)
_NEW_STUDY: Final = Caseless(rf"(?<!\w){NEW_STUDY}(?!\w)")
_A_DIGIT: Final = re.compile(r"\d")
_YEAR: Final = re.compile(r"(?<![\w/,.-])(19[5-9]\d|20[0-4]\d)(?![\w/-]|[.,]\d)")
_DATE_BEFORE: Final = re.compile(
    rf"(?:\b(?:{MONTHS})\.?\s*\d{{0,2}},?\s*(?:de\s+)?|\d{{1,2}}[/.-]\d{{1,2}}[/.-]?\s*|"
    rf"\b(?:{PAGE_DATES})\s*(?:on|le|el|il|em|:)?\s*)$",
    _FLAGS,
)
_COMPARISON: Final = Caseless(rf"(?<![\w-])(?:{COMPARISON})(?![\w-])")
_BOTH_SEXES: Final = Caseless(rf"(?<![\w-])(?:{BOTH_SEXES})(?![\w-])")
_RATIO_COMPARISON: Final = Caseless(rf"(?<![\w-])(?:{RATIO_COMPARISON})(?![\w-])")
#: A sex-ratio compares one sex with the other.
_OTHER_SEX: Final = {FEMALE: MALE, MALE: FEMALE}
_FIRST_WORD: Final = re.compile(r"^\S+\s+")
_PARAGRAPH: Final = re.compile(r"\n[ \t]*\n")
_DATE_AFTER: Final = re.compile(r"^\s*(?:à|at|a las|alle|às)\s+\d", _FLAGS)
_POPULATION: Final = Caseless(
    rf"\b(?:of|among|des|de|parmi|entre|tra|fra|delle|degli|dei|dos|das)\s+"
    rf"(?:(?:the|these|those|all|les|las|los|le|gli|i|os|as) )?"
    rf"({SAMPLE_NOUNS})\b"
)
_AGES: Final = Caseless(
    r"\b(?:aged?|âgée?s?|de edad|ages|età(?: compresa)?|idade)\s+"
    r"(?:between\s+|from\s+|de\s+|entre\s+|tra\s+|fra\s+|dai\s+)?(\d{1,2})\s*"
    r"(?:to|and|-|–|à|a|y|et|e|agli)\s*(\d{1,3})"
)
#: Restates: the gap between two numbers that say the same thing ("one in 20, or 5.1 per cent").
#: The group's one to three words are runs of word characters split by spaces ("of the women
#: surveyed"), written so that a word is never split two ways: a gap that does not restate
#: (most are long) fails at once rather than after every way of cutting its words.
_RESTATES: Final = Caseless(
    r"^[\s,;:()\-–—]*(?:(?:of|among|des|de|d'entre|entre|delle|degli|dei|tra|d[oa]s) "
    r"(?:(?:the|las|los|les|le|gli|os|as) )?"
    r"[\w-]+(?:\s+[\w-]+){0,2}\s*)?[\s,;:()\-–—]*"
    r"(?:or|soit|ou|o sea|o|es decir|c'est-à-dire|i\.e\.|that is|namely|cioè|ovvero|isto é|"
    r"ou seja)?[\s,;:()\-–—]*$"
)


#: Outcomes that name a part of PCD in a clause of their own: never carried to another sentence.
_PARTS: Final = frozenset({"crying_after_sex", "low_mood_after_sex"})
#: The kinds of symptom a clause may list (PCD's parts and the others).
_SYMPTOMS: Final = _PARTS | {"other_symptoms"}
_STRONG_BREAK: Final = Caseless(
    r"[;:]|\s(?:while|whereas|but|mais|alors que|tandis que|pero|mientras|mentre|ma|però|"
    r"invece|enquanto|mas|porém)\s"
)
_LEAD_BREAK: Final = Caseless(
    r";|\s(?:while|whereas|but|mais|alors que|tandis que|pero|mientras|mentre|ma|però|"
    r"invece|enquanto|mas|porém)\s"
)
_CLAUSE_BREAK: Final = Caseless(
    r"[,;:—–]\s|\s(?:and|but|while|whereas|with|et|mais|alors que|tandis que|y|pero|mientras|"
    r"e|mentre|ma|però|enquanto|mas|porém)\s"
)


def restates(gap: str) -> bool:
    """Whether the words between two numbers make the second say the first again.

    Examples
    --------
    >>> restates(" ("), restates(", or "), restates(" of women, and ")
    (True, True, False)
    """
    return _RESTATES.match(gap) is not None


@dataclass(frozen=True)
class Context:
    """What the text says about one number (``None`` or ``"not_stated"`` where it says nothing).

    Attributes
    ----------
    sex, timeframe, frequency, outcome, context, source_kind
        Vocabulary values (:mod:`pctstats.core.vocab`); ``sex`` and ``outcome`` are ``None``
        when the text names none.
    population
        The words naming the group ("female college students"), or ``""``.
    population_tags
        Restrictions the words state (``university_students``...).
    age_min, age_max
        An age range stated for the group.
    n_claimed, n_text
        The sample size stated ("1,208 men"): its number when printed plainly, and the words
        as printed ("over 1,200 men").
    year_claimed
        The year stated for the study ("a 2015 study", "back in 2012").
    carried
        The fields (``"sex"``, ``"outcome"``) read in a sentence before the number's.
    orientation
        The sexual orientation the clause names (``"same_sex_attracted"``...), or ``None``: a
        number whose clause names none is about people of any orientation.
    reference_sex
        For a ratio ("2.87 times more likely"), the sex it compares with: the one named after
        "than" ("than men"), else the other sex when the sentence names it ("Although many men
        do ..., women are 2.87 times more likely"); ``None`` otherwise.

    Examples
    --------
    >>> from pctstats.text.numbers import find_numbers
    >>> text = "One study found that about 4% of men had it on a regular basis."
    >>> ctx = read_context(text, [(0, len(text))], [find_numbers(text)], 0, 0)
    >>> ctx.sex, ctx.frequency, ctx.source_kind, ctx.outcome
    ('male', 'regular_basis', 'one_study', None)
    """

    sex: str | None
    timeframe: str
    frequency: str
    outcome: str | None
    context: str
    population: str
    population_tags: tuple[str, ...]
    age_min: int | None
    age_max: int | None
    n_claimed: int | None
    n_text: str
    year_claimed: int | None
    source_kind: str
    carried: tuple[str, ...] = ()
    orientation: str | None = None
    reference_sex: str | None = None


def _outcome(text: str, nearest_last: bool = False) -> str | None:
    """What a clause says was measured: the condition's name wins over the symptoms it lists."""
    named = _ANY_OUTCOME.named(text)
    if not named:
        return None  # most clauses name no outcome nor symptom: one scan tells
    # The condition named, or two or more kinds of symptom ("sad, tearful or irritable"),
    # describe PCD itself.
    if "pcd_symptoms" in named or len(named & _SYMPTOMS) >= 2:
        return "pcd_symptoms"
    # before a number, the nearest phrase is the last
    hit = _NOT_PCD.last(text) if nearest_last else _NOT_PCD.first(text)
    return hit[0] if hit else None


def _count_for(counts: Sequence[Number], sex: str | None) -> Number | None:
    """In a list of counts ("156 participants, 51 men and 105 women"), the claim's group's.

    The count naming the claim's sex, else the one naming no sex (the total); ``None`` when the
    counts name no sex at all or the claim names none.
    """
    named = {c: _SEX.first(c.value_text) for c in counts}
    if sex is None or not any(named.values()):
        return None
    same = [c for c in counts if named[c] and named[c][0] == sex]
    total = [c for c in counts if not named[c] or named[c][0] == "all"]
    return (same or total or [None])[0]


def _both_sexes(text: str, numbers: Sequence[Number], begin: int, end: int) -> str | None:
    """``"all"`` when the only groups named before a claim are a sample of both sexes.

    "A sample of 223 women and 76 men found that 92% ...": the claim is about them all.
    """
    counts = [n for n in numbers if n.unit == COUNT and begin <= n.start and n.end <= end]
    named = {hit[0] for c in counts if (hit := _SEX.first(c.value_text))}
    if not {"female", "male"} <= named:
        return None
    rest = text[begin:end]
    for c in counts:
        rest = rest.replace(c.value_text, " ")
    return "all" if _SEX.last(rest) is None else None


def years_in(text: str) -> list[int]:
    """Years of a study named in ``text``; dates ("Jul 5, 2011", "28 novembre 2018") excluded.

    Examples
    --------
    >>> years_in("Published 28 novembre 2018. A 2015 study and one back in 2012.")
    [2015, 2012]
    """
    out: list[int] = []
    if _A_DIGIT.search(text) is None:
        return out  # most sentences hold no digit, which one quick scan tells
    for m in _YEAR.finditer(text):
        before = max(0, m.start() - 30)
        if _DATE_BEFORE.search(text, before, m.start()) or _DATE_AFTER.match(text[m.end() :]):
            continue
        out.append(int(m.group(1)))
    return out


class _Facts:
    """What one sentence says whatever number is read: each fact read once, when first asked."""

    def __init__(self, sentence: str) -> None:
        self.sentence = sentence

    @cached_property
    def new_study(self) -> bool:
        return _NEW_STUDY.search(self.sentence) is not None

    @cached_property
    def tags(self) -> frozenset[str]:
        return _TAGS.named(self.sentence)

    @cached_property
    def years(self) -> tuple[int, ...]:
        return tuple(years_in(self.sentence))

    @cached_property
    def last_sex(self) -> str | None:
        sex = _SEX.last(self.sentence)
        return sex[0] if sex else None

    @cached_property
    def outcome(self) -> str | None:
        return _outcome(self.sentence)

    @cached_property
    def ages(self) -> tuple[int, int] | None:
        m = _AGES.search(self.sentence)
        return (int(m.group(1)), int(m.group(2))) if m else None


class _Window:
    """What a sentence and the sentences before it that context is carried from say together.

    The same for every number of the sentence: read once per sentence.
    """

    def __init__(self, facts: list[_Facts], numbers: list[Sequence[Number]]) -> None:
        self.facts = facts
        self.numbers = numbers
        self.tags = tuple(sorted(set().union(*(f.tags for f in facts))))
        self.year = next((f.years[-1] for f in facts if f.years), None)


def _facts(text: str, sentences: Sequence[tuple[int, int]], index: int, memo: dict) -> _Facts:
    found = memo.get(index)
    if found is None:
        s, e = sentences[index]
        found = memo[index] = _Facts(text[s:e])
    return found


def _window(
    text: str,
    sentences: Sequence[tuple[int, int]],
    numbers_by_sentence: Sequence[Sequence[Number]],
    index: int,
    memo: dict,
) -> list[int]:
    """The claim's sentence and the sentences before it that context is carried from.

    A sentence that introduces a study ("Another study ...") or states a sample ("1,208 men")
    starts the context, and so does a paragraph: nothing is carried from before it.
    """

    def starts(i: int) -> bool:
        return any(n.unit == COUNT for n in numbers_by_sentence[i]) or (
            _facts(text, sentences, i, memo).new_study
        )

    indices = [index]
    if starts(index):
        return indices
    for back in range(index - 1, max(-1, index - 1 - CARRY), -1):
        if _PARAGRAPH.search(text, sentences[back][1], sentences[back + 1][0]):
            break  # context is carried within a paragraph only
        indices.append(back)
        if starts(back):
            break
    return indices


def read_context(
    text: str,
    sentences: Sequence[tuple[int, int]],
    numbers_by_sentence: Sequence[Sequence[Number]],
    index: int,
    which: int,
    memo: dict | None = None,
) -> Context:
    """What the text says about ``numbers[which]``, a number of sentence ``index``.

    Parameters
    ----------
    text
        The whole text.
    sentences
        Every sentence's span (:func:`pctstats.text.sentences.split_sentences`).
    index
        The sentence holding the number.
    numbers_by_sentence
        The numbers of every sentence (:func:`pctstats.text.numbers.find_numbers`), in order.
    which
        The position of the number among its sentence's numbers.
    memo
        A dict kept across the numbers of one text (what each sentence says is read once).

    Returns
    -------
    Context

    Examples
    --------
    >>> from pctstats.text.numbers import find_numbers
    >>> text = "Among 230 female students, 46% had cried after sex at some point in their lives."
    >>> ctx = read_context(text, [(0, len(text))], [find_numbers(text)], 0, 1)
    >>> ctx.sex, ctx.timeframe, ctx.outcome, ctx.n_claimed, ctx.population_tags
    ('female', 'lifetime', 'crying_after_sex', 230, ('university_students',))
    """
    s, e = sentences[index]
    numbers = numbers_by_sentence[index]
    number = numbers[which]
    claims = [n for n in numbers if n.unit != COUNT]
    pos = claims.index(number) if number in claims else -1
    memo = {} if memo is None else memo

    def restated(first: Number, second: Number) -> bool:
        key = ("restates", first.end, second.start)  # the same gap for every number around it
        found = memo.get(key)
        if found is None:
            found = memo[key] = restates(text[first.end : second.start])
        return found

    # The clause after the number: up to the next claim, past any that restate it.
    end = e
    j = pos + 1
    while 0 <= pos and j < len(claims):
        if not restated(claims[j - 1], claims[j]):
            end = claims[j].start
            break
        j += 1
    after = text[number.end : end]
    # The clause before it: from the previous claim that does not restate it.
    begin = s
    k = pos - 1
    while k >= 0:
        if not restated(claims[k], claims[k + 1]):
            begin = claims[k].end
            break
        k -= 1
    before = text[begin : number.start]
    # Only the clause the number stands in: not past ", while", "; ", " and " before it.
    clause = _CLAUSE_BREAK.after_last(before)
    around = memo.get(("window", index))
    if around is None:
        window = _window(text, sentences, numbers_by_sentence, index, memo)
        around = memo["window", index] = _Window(
            [_facts(text, sentences, i, memo) for i in window],
            [numbers_by_sentence[i] for i in window],
        )
    facts = around.facts

    def read(pick: str, name: str, words: str) -> str | None:
        # The same words are read again for the other numbers of the sentence (and a clause is
        # often the whole part before the number): each once per text.
        key = (pick, name, words)
        if key not in memo:
            phrases = _PHRASES[name]
            hit = phrases.first(words) if pick == "first" else phrases.last(words)
            memo[key] = hit[0] if hit else None
        return memo[key]

    def nearest(name: str, words_after: str, words_before: str) -> str | None:
        # A value named in the words after the number, else the nearest before it.
        return read("first", name, words_after) or read("last", name, words_before)

    def outcome_in(chunk: str, nearest_last: bool = False) -> str | None:
        key = ("outcome", chunk, nearest_last)
        if key not in memo:
            memo[key] = _outcome(chunk, nearest_last)
        return memo[key]

    # not the group compared with ("than among women", "as likely as women")
    own = (_RATIO_COMPARISON if number.unit == RATIO else _COMPARISON).before_first(after)
    orientation = nearest("orientation", own, before)
    sex = nearest("sex", own, before) or nearest("sex", number.value_text, "")
    if sex is not None and sex != "all":
        named = _SEX.first(own)  # "92 percent of women and men": about them all
        both = _BOTH_SEXES.search(own, named[1]) if named is not None else None
        if both is not None and both.start() == named[1]:
            sex = "all"
    if sex is None:
        whole = text[s:e]
        rest = _COMPARISON.before_first(whole[number.end - s :])
        sex = nearest("sex", rest, whole[: number.start - s])
    if sex is not None and not nearest("sex", own + " " + number.value_text, ""):
        sex = _both_sexes(text, numbers, s, number.start) or sex
    carried: list[str] = []
    if sex is None:
        sex = next((f.last_sex for f in facts[1:] if f.last_sex), None)
        carried += ["sex"] if sex is not None else []
    # A phrase fronted before the sentence's first claim ("In the previous four weeks, 5% ...")
    # is about it even across a comma or a colon, not across "but", "while" or a semicolon.
    lead = _LEAD_BREAK.after_last(before) if begin == s else clause
    timeframe = nearest("timeframe", after, clause) or nearest("timeframe", "", lead)
    frequency = nearest("frequency", after, clause) or nearest("frequency", "", lead)
    timeframe, frequency = timeframe or "not_stated", frequency or "not_stated"
    # "41% of men and 46% of women have cried after sex": the predicate may follow a later
    # number, up to the end of the clause ("; 5% felt sad" is another clause).
    tail = _STRONG_BREAK.before_first(text[number.end : e])
    outcome = outcome_in(after) or outcome_in(before, nearest_last=True)
    if outcome is None and len(tail) > len(after):
        # A tail no longer than ``after`` is a part of it, cut before a ";", ":" or a space:
        # every phrase it holds, ``after`` holds too, and ``after`` named no outcome.
        outcome = outcome_in(tail)
    if outcome is None:  # "This condition affects ...": the condition named just before
        for previous in facts[1:2]:
            outcome = previous.outcome if previous.outcome not in _PARTS else None
        carried += ["outcome"] if outcome is not None else []
    context = nearest("context", after, "") or "any"
    kind = _KIND.last(text[s : number.start])
    source_kind = kind[0] if kind else "not_stated"
    population = ""
    m = _POPULATION.search(after)
    if m is not None:
        population = after[m.start(1) : m.end(1)]  # as printed
    ages = facts[0].ages  # the window starts with the number's own sentence
    n_claimed, n_text = None, ""
    for chunk_index, chunk_numbers in enumerate(around.numbers):
        counts = [n for n in chunk_numbers if n.unit == COUNT]
        if counts:
            count = (
                counts[-1]
                if chunk_index
                else min(counts, key=lambda c: abs(c.start - number.start))
            )
            count = _count_for(counts, sex) or count
            n_text = count.value_text
            n_claimed = int(count.value) if count.qualifier is None else None
            parts = [c for c in counts if _SEX.first(c.value_text)]
            if sex == "all" and len(parts) > 1 and len(parts) == len(counts):
                # "223 women and 76 men": the sample is both groups together
                n_text = " and ".join(c.value_text for c in parts)
                plain = all(c.qualifier is None for c in parts)
                n_claimed = sum(int(c.value) for c in parts) if plain else None
            if not population:
                population = (
                    _FIRST_WORD.sub("", count.value_text)
                    if count.value_text[0].isdigit()
                    else ""
                )
            break
    reference_sex = None
    if number.unit == RATIO and sex in _OTHER_SEX:
        compared = nearest("sex", after[len(own) :], "")
        named_in_sentence = _SEX.named(text[s:e])
        if compared is None and _OTHER_SEX[sex] in named_in_sentence:
            compared = _OTHER_SEX[sex]
        reference_sex = compared if compared != sex else None
    return Context(
        sex=sex,
        timeframe=timeframe,
        frequency=frequency,
        outcome=outcome,
        context=context,
        population=population,
        population_tags=around.tags,
        age_min=ages[0] if ages else None,
        age_max=ages[1] if ages else None,
        n_claimed=n_claimed,
        n_text=n_text,
        year_claimed=around.year,
        source_kind=source_kind,
        carried=tuple(carried),
        orientation=orientation,
        reference_sex=reference_sex,
    )
