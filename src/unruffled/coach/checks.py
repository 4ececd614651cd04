"""One small check per kind of criterion, and the prepared text they read.

Each check takes a :class:`Prepared` reply and returns the spans that count
as evidence. The engine runs them as a declared list (the lexicon's
``criteria``, in order), like nbgrader runs its preprocessors; cross-criterion
vetoes (``veto_if``) are applied afterwards, on every check's raw spans.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Callable

from .lexicon import _WORD, CompiledCriterion, CueSet, Lexicon, is_word_char, spans_from, straight_quotes

Span = tuple[int, int]
_ASCII_LETTER = re.compile(r"[A-Za-z]")  # what str.isalpha() accepts in ASCII text


class Prepared:
    """A reply ready for checking: normalised, with the customer's own words blanked out.

    ``text`` keeps every offset of the original reply (replacements are
    one-for-one), so spans found here slice the original exactly.
    """

    __slots__ = ("original", "text", "scan", "lexicon", "cues", "_sentences", "_clauses", "_first_negation")

    def __init__(self, original: str, lexicon: Lexicon, customer: str | None = None):
        self.original = original
        self.lexicon = lexicon
        text = straight_quotes(original)
        # Which words occur and where, found once: each cue pattern runs only if
        # the words it needs are here, and only where they are. Read before the
        # customer's words are blanked, so it may hold more than the patterns
        # see, which costs a little time and never changes a match.
        self.scan = scan = lexicon.scan(text)
        # Quoted words and "you said ..." belong to the customer: a learner
        # repeating "this is useless" is not being hostile.
        blank: list[Span] = []
        if lexicon.quotes is not None and ('"' in text or "'" in text):
            blank.extend(spans_from(lexicon.quotes, lexicon.quote_chars, text))
        if lexicon.reported_speech is not None and lexicon.may_report_speech(scan):
            for m in lexicon.reported_speech.finditer(text):
                end = self._next_break(lexicon.clause_breaks, text, m.end())
                blank.append((m.end(), end))
        if customer:
            blank.extend(_echoes(text, customer, lexicon))
        if blank:
            chars = list(text)
            for s, e in blank:
                chars[s:e] = " " * (e - s)
            text = "".join(chars)
        self.text = text
        # Every criterion's cue matches, found in one pass over all patterns.
        self.cues = lexicon.cue_spans(text, scan)
        self._sentences: list[int] | None = None
        self._clauses: list[int] | None = None
        self._first_negation: int | None = None

    @staticmethod
    def _next_break(pattern: re.Pattern[str], text: str, pos: int) -> int:
        m = pattern.search(text, pos)
        return m.start() if m else len(text)

    def sentence(self, pos: int) -> Span:
        """The sentence around ``pos`` (start, end), end excluding the break."""
        if self._sentences is None:
            self._sentences = [e for _, e in spans_from(self.lexicon.sentence_breaks, self.lexicon.sentence_chars, self.text)]
        return _span_around(self._sentences, pos, len(self.text))

    def clause_start(self, pos: int) -> int:
        """Where the clause holding ``pos`` begins."""
        if self._clauses is None:
            self._clauses = self.lexicon.clause_bounds(self.text)
        i = bisect_right(self._clauses, pos)
        return self._clauses[i - 1] if i else 0

    def negated(self, start: int) -> bool:
        """Whether a negation word comes shortly before ``start`` in the same clause."""
        text = self.text
        if self._first_negation is None:
            first = self.lexicon.negation_first.first(text, self.scan)
            self._first_negation = first if first >= 0 else len(text)
        if self._first_negation >= start and (start == 0 or not is_word_char(text[start - 1])
                                              or not is_word_char(text[start])):
            # No negation anywhere before the cue, so none in its clause either
            # (the words of the clause are words of the text, with the same edges);
            # this spares finding the clauses of most replies.
            return False
        before = text[self.clause_start(start):start]
        words = _WORD.findall(before)[-self.lexicon.data.negation_window:]
        return bool(words) and self.lexicon.negation.search(" ".join(words)) is not None


def _span_around(bounds: list[int], pos: int, n: int) -> Span:
    i = bisect_right(bounds, pos)
    start = bounds[i - 1] if i else 0
    end = bounds[i] if i < len(bounds) else n
    return start, end


def _echoes(text: str, customer: str, lexicon: Lexicon) -> list[Span]:
    """Stretches of the reply that repeat a clause of the customer's line (3+ words)."""
    spans: list[Span] = []
    low = text.lower()
    n = len(low)
    if n != len(text):
        return spans  # lower() changed the length (a dotted capital I): offsets would not fit
    for piece in lexicon.customer_clauses(customer):
        # Whole words only: blanking part of a word would leave a new word behind
        # ("crashing" out of "crashingly" leaves "ly"), which the reply never said.
        open_start, open_end = is_word_char(piece[0]), is_word_char(piece[-1])
        start = low.find(piece)
        while start != -1:
            end = start + len(piece)
            if not (open_start and start and is_word_char(low[start - 1])) and \
                    not (open_end and end < n and is_word_char(low[end])):
                spans.append((start, end))
                start = low.find(piece, end)
            else:
                start = low.find(piece, start + 1)
    return spans


def _cues(crit: CompiledCriterion, prep: Prepared, cues: CueSet | None) -> list[Span]:
    if cues is None:
        return []
    found = prep.cues.get(cues.slot)
    if not found:
        return []
    out: list[Span] = []
    text = prep.text
    negatable, veto = crit.negatable, crit.veto
    for s, e in found:
        if e == s:
            continue
        if negatable:
            # A cue may start with punctuation ("[.!?] relax"): its clause is the one its first word is in.
            if prep.negated(s if is_word_char(text[s]) else _first_word(text, s, e)):
                continue
        if veto is not None:
            ss, se = prep.sentence(s)
            if veto.search(text[ss:se], prep.scan):
                continue
        out.append((s, e) if not (text[s].isspace() or text[e - 1].isspace()) else _trim(text, s, e))
    return sorted(set(out)) if len(out) > 1 else out


def _first_word(text: str, s: int, e: int) -> int:
    for i in range(s, e):
        if is_word_char(text[i]):
            return i
    return s


def _trim(text: str, s: int, e: int) -> Span:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def cue_check(crit: CompiledCriterion, prep: Prepared) -> list[Span]:
    """Any cue pattern, not negated, not vetoed by its sentence."""
    return _cues(crit, prep, crit.patterns)


def question_check(crit: CompiledCriterion, prep: Prepared) -> list[Span]:
    """Genuine questions: '?' sentences that are not rhetorical, plus indirect-question cues."""
    out: list[Span] = []
    text = prep.text
    pos = text.find("?")
    while pos != -1:
        s, e = prep.sentence(pos)
        s, e = _trim(text, s, min(e, pos + 1))
        sentence = text[s:e]
        has_letter = _ASCII_LETTER.search(sentence) if sentence.isascii() else any(ch.isalpha() for ch in sentence)
        if has_letter and not (crit.rhetorical and crit.rhetorical.search(sentence, prep.scan)) \
                and not (crit.veto and crit.veto.search(sentence, prep.scan)):
            out.append((s, e))
        pos = text.find("?", pos + 1)
    out.extend(_cues(crit, prep, crit.patterns))
    return sorted(set(out))


def alternatives_check(crit: CompiledCriterion, prep: Prepared) -> list[Span]:
    """An explicit alternatives cue, or offers in enough different clauses."""
    explicit = _cues(crit, prep, crit.patterns)
    if explicit:
        return explicit
    offers = _cues(crit, prep, crit.offers)
    clauses = {prep.clause_start(s) for s, _ in offers}
    return offers if len(clauses) >= crit.min_offers else []


CHECKS: dict[str, Callable[[CompiledCriterion, Prepared], list[Span]]] = {
    "cues": cue_check,
    "question": question_check,
    "alternatives": alternatives_check,
}


# Kinds of check that find nothing unless one of the criterion's own cues matched: skipped then.
CUES_ONLY = frozenset({"cues", "alternatives"})


def run_checks(lexicon: Lexicon, prep: Prepared) -> dict[str, list[Span]]:
    """Run every criterion's check in declared order, then apply cross-criterion vetoes."""
    raw: dict[str, list[Span]] = {}
    matched = prep.cues.keys()
    for crit in lexicon.criteria:
        if crit.kind in CUES_ONLY and matched.isdisjoint(crit.slots):
            raw[crit.id] = []
        else:
            raw[crit.id] = _unless_reply_vetoes(crit, prep, CHECKS[crit.kind](crit, prep))
    out: dict[str, list[Span]] = {}
    for crit in lexicon.criteria:
        spans = raw[crit.id]
        if not spans or not crit.veto_if:
            pass
        elif crit.veto_scope == "reply":
            spans = [] if any(raw.get(other) for other in crit.veto_if) else spans
        else:
            kept = []
            for s, e in spans:
                ss, se = prep.sentence(s)
                if not any(ss <= os < se for other in crit.veto_if for os, _ in raw.get(other, ())):
                    kept.append((s, e))
            spans = kept
        out[crit.id] = spans
    return out


def _unless_reply_vetoes(crit: CompiledCriterion, prep: Prepared, spans: list[Span]) -> list[Span]:
    # Applied before cross-criterion vetoes: an excuse cancelled because the
    # agent owns the fault elsewhere must not cancel that reply's apology.
    if spans and crit.veto_reply is not None and crit.veto_reply.search(prep.text, prep.scan):
        return []
    return spans
