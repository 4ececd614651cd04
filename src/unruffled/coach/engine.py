"""The reply coach: assess a written reply against the rubric, judge it, grade it.

Everything here is deterministic and explains itself: every verdict carries
the exact words of the reply that caused it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from typing import Iterable

from .checks import Prepared, run_checks
from .lexicon import CRITERIA, PITFALLS, STRENGTHS, Lexicon, default_lexicon

_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_WORDS = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)


@dataclass(frozen=True)
class CriterionResult:
    """How a reply fares on one criterion."""

    id: str
    name: str
    polarity: str  # "strength" or "pitfall"
    met: bool
    evidence: list[str]
    advice: str
    syllabus: tuple[str, ...] = ()
    spans: tuple[tuple[int, int], ...] = ()

    @property
    def ok(self) -> bool:
        """Good news: a strength shown, or a pitfall avoided."""
        return self.met if self.polarity == "strength" else not self.met

    def _repr_html_(self) -> str:
        return _checklist_html([self], default_lexicon().data.wording)


@dataclass(frozen=True)
class Assessment:
    """Everything the coach found in one reply."""

    reply: str
    criteria: dict[str, CriterionResult]
    score: float
    notice: str | None = None
    language: str = "en"
    judged: bool = True
    # The judging lexicon's report wording (another language's file brings its own).
    wording: object = field(default=None, repr=False, compare=False)

    @property
    def strengths(self) -> list[str]:
        """Strengths the reply shows."""
        return [c for c in STRENGTHS if self.criteria[c].met]

    @property
    def pitfalls(self) -> list[str]:
        """Pitfalls the reply falls into."""
        return [c for c in PITFALLS if self.criteria[c].met]

    def _repr_html_(self) -> str:
        return assessment_html(self)


@dataclass(frozen=True)
class Judgement:
    """A pass/fail verdict on a reply for a given set of required and forbidden criteria."""

    passed: bool
    missing: list[str]
    violated: list[str]
    assessment: Assessment
    message: str
    require: tuple[str, ...] = ()
    forbid: tuple[str, ...] = ()

    def _repr_html_(self) -> str:
        words = _wording(self.assessment)
        mark = words.verdict_passed if self.passed else words.verdict_not_yet
        head = (f'<p class="unruffled-coach-verdict" role="status" style="{_TEXT_STYLE}">'
                f"<strong>{escape(mark)}:</strong> {escape(self.message)}</p>")
        return _wrap(head + _reply_html(self.assessment, words) +
                     _checklist_html([self.assessment.criteria[c] for c in (*self.require, *self.forbid)] or
                                     list(self.assessment.criteria.values()), words))


# -- assessing -----------------------------------------------------------------------


def _own_script(text: str, lex: Lexicon) -> bool:
    """Whether most letters belong to the lexicon's script (digits, emoji and punctuation do not count)."""
    if lex.reads_ascii_letters and text.isascii():
        return True  # every letter is an ASCII letter, and this lexicon reads them all
    letters = len(_LETTER.findall(text))
    if not letters:
        return True  # only digits, punctuation or emoji: nothing to misjudge
    return len(lex.letters.findall(text)) / letters >= lex.data.min_letter_share


def _own_words(text: str, lex: Lexicon) -> bool:
    """Whether enough words are the lexicon's common words (Finnish in Latin letters fails this)."""
    words = _WORDS.findall(text.lower())
    if len(words) < lex.data.min_words_for_language_check:
        return True
    known = sum(1 for w in words if w in lex.function_words)
    return known / len(words) >= lex.data.min_function_share


def _score(shown: int, fallen: int, lex: Lexicon) -> float:
    """The overall score from the number of strengths shown and pitfalls fallen into."""
    s = min(1.0, shown / lex.data.scoring.strengths_for_full_marks) - lex.data.scoring.pitfall_penalty * fallen
    return round(max(0.0, min(1.0, s)), 4)


def _blank(reply: str, lex: Lexicon, notice: str, judged: bool) -> Assessment:
    results = {c.id: CriterionResult(c.id, c.spec.name, c.polarity, False, [], c.spec.advice_unmet, tuple(c.spec.syllabus))
               for c in lex.ordered}
    return Assessment(reply, results, 0.0, notice, lex.language, judged, lex.data.wording)


def assess(reply: str, customer: str | None = None, *, lexicon: Lexicon | None = None) -> Assessment:
    """Assess ``reply`` (what the learner would say to a customer who said ``customer``).

    Returns an :class:`Assessment` whose ``criteria`` maps every criterion id to
    a :class:`CriterionResult`. Never raises for odd input: an empty reply, or
    one the lexicon cannot read, comes back unjudged with a ``notice``.
    """
    lex = lexicon or default_lexicon()
    if reply is None:
        reply = ""
    if not isinstance(reply, str):
        raise TypeError(f"reply must be text, not {type(reply).__name__}")
    if not reply.strip():
        return _blank(reply, lex, lex.data.messages.empty, False)
    notice = None
    limit = lex.data.max_chars
    read = reply if len(reply) <= limit else reply[:limit]
    if not _own_script(read[:2000], lex):
        return _blank(reply, lex, lex.data.messages.unjudgeable, False)
    if read is not reply:
        notice = lex.data.messages.too_long.format(max_chars=limit)
    prep = Prepared(read, lex, customer)
    found = run_checks(lex, prep)
    # A reply in which no cue fired and few common words appear is most likely
    # another language: say so rather than give a confident "nothing shown".
    if not any(found.values()) and not _own_words(read[:2000], lex):
        return _blank(reply, lex, lex.data.messages.unjudgeable, False)
    results: dict[str, CriterionResult] = {}
    new = object.__new__
    shown = fallen = 0
    for crit in lex.ordered:
        # Fourteen frozen dataclasses per reply: filling __dict__ from a ready-made
        # dict is several times faster than the generated __init__ (one
        # object.__setattr__ per field) and gives the same object.
        r = results[crit.id] = new(CriterionResult)
        fields = r.__dict__
        spans = found[crit.id]
        if spans:
            if len(spans) > 1:
                spans = list(dict.fromkeys(spans))
            fields.update(crit.met_fields)
            fields["evidence"] = list(dict.fromkeys([reply[s:e] for s, e in spans]))
            fields["spans"] = tuple(spans)
            if crit.polarity == "strength":
                shown += 1
            else:
                fallen += 1
        else:
            fields.update(crit.unmet_fields)
            fields["evidence"] = []
    return Assessment(reply, results, _score(shown, fallen, lex), notice, lex.language, True, lex.data.wording)


# -- judging -------------------------------------------------------------------------


def _ids(value: Iterable[str] | str | None, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = (value,)
    ids = tuple(dict.fromkeys(str(getattr(v, "id", v)) for v in value))
    unknown = [i for i in ids if i not in CRITERIA]
    if unknown:
        raise ValueError(f"unknown coach criterion in {what}: {', '.join(map(repr, unknown))}; "
                         f"the criteria are {', '.join(CRITERIA)}")
    return ids


def _names(ids: list[str], a: Assessment, lex: Lexicon) -> str:
    names = [a.criteria[i].name for i in ids]
    words = lex.data.wording
    return names[0] if len(names) == 1 else words.list_separator.join(names[:-1]) + words.list_last_separator + names[-1]


def judge(reply: str, require: Iterable[str] = (), forbid: Iterable[str] = (), customer: str | None = None,
          *, lexicon: Lexicon | None = None) -> Judgement:
    """Pass ``reply`` if it shows every ``require``d criterion and none of the ``forbid``den ones.

    Unknown criterion ids raise :class:`ValueError` naming them. The message is
    one or two sentences for the learner.
    """
    req, forb = _ids(require, "require"), _ids(forbid, "forbid")
    both = sorted(set(req) & set(forb))
    if both:
        raise ValueError(f"criteria both required and forbidden: {', '.join(both)}")
    lex = lexicon or default_lexicon()
    a = assess(reply, customer, lexicon=lex)
    msgs = lex.data.messages
    if not a.judged:
        return Judgement(False, list(req), [], a, a.notice or msgs.empty, req, forb)
    missing = [c for c in req if not a.criteria[c].met]
    violated = [c for c in forb if a.criteria[c].met]
    if violated:
        first = a.criteria[violated[0]]
        message = msgs.violated.format(names=_names(violated, a, lex), evidence=first.evidence[0]) + " " + first.advice
        if missing:
            message = msgs.violated.format(names=_names(violated, a, lex), evidence=first.evidence[0]) + " " + \
                msgs.missing.format(names=_names(missing, a, lex))
    elif missing:
        message = msgs.missing.format(names=_names(missing, a, lex)) + " " + a.criteria[missing[0]].advice
    else:
        message = msgs.passed
    return Judgement(not missing and not violated, missing, violated, a, message, req, forb)


def check_reply(reply: str, require: Iterable[str] = (), forbid: Iterable[str] = (), customer: str | None = None) -> None:
    """For nbgrader tests: return None if the reply passes, else raise ``AssertionError`` saying why.

    The message names each missing or violated criterion, gives its advice and
    quotes the evidence found, so the learner knows exactly what to change.
    """
    words = default_lexicon().data.wording
    if not isinstance(reply, str) or not reply.strip():
        raise AssertionError(words.check_empty)
    j = judge(reply, require, forbid, customer)
    if j.passed:
        return None
    a = j.assessment
    if not a.judged:
        raise AssertionError(a.notice)
    lines = [j.message]
    for c in j.violated:
        r = a.criteria[c]
        quoted = words.quote_separator.join(words.quoted.format(text=e) for e in r.evidence)
        lines.append(words.avoid_line.format(name=r.name, evidence=quoted, advice=r.advice))
    for c in j.missing:
        r = a.criteria[c]
        lines.append(words.missing_line.format(name=r.name, advice=r.advice))
    raise AssertionError("\n".join(lines))


# -- HTML ------------------------------------------------------------------------------

_TEXT_STYLE = "color: var(--jp-ui-font-color1, inherit); font-size: var(--jp-content-font-size2, 1.2em); line-height: 1.5"
_MARK_STYLE = {
    "strength": "background: var(--jp-success-color3, #d4edda); color: var(--jp-ui-font-color0, inherit); "
                "border-bottom: 2px solid var(--jp-success-color1, #2e7d32); padding: 0 2px",
    "pitfall": "background: var(--jp-error-color3, #f8d7da); color: var(--jp-ui-font-color0, inherit); "
               "border-bottom: 2px dashed var(--jp-error-color1, #c62828); padding: 0 2px",
}


def _wrap(inner: str) -> str:
    return (f'<div class="unruffled-coach" style="{_TEXT_STYLE}; font-family: var(--jp-ui-font-family, sans-serif); '
            f'background: var(--jp-layout-color1, transparent); padding: 0.5em">{inner}</div>')


def _wording(a: Assessment):
    """The wording of the lexicon that judged ``a``."""
    return a.wording if a.wording is not None else default_lexicon().data.wording


def _reply_html(a: Assessment, words) -> str:
    if not a.judged:
        return f'<p role="status" style="{_TEXT_STYLE}">\u2139 {escape(a.notice or "")}</p>'
    marks: list[tuple[int, int, str, str]] = []
    for r in a.criteria.values():
        for s, e in r.spans:
            marks.append((s, e, r.polarity, r.name))
    marks.sort()
    # Overlapping evidence is merged: one highlight, every criterion named.
    merged: list[list] = []
    for s, e, pol, name in marks:
        if merged and s < merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], e)
            last[2].add(pol)
            last[3].append(name)
        else:
            merged.append([s, e, {pol}, [name]])
    text = a.reply
    out, pos = [], 0
    for s, e, pols, names in merged:
        out.append(escape(text[pos:s]))
        pol = "pitfall" if "pitfall" in pols else "strength"
        label = ", ".join(dict.fromkeys(names))
        sign = "\u2717" if pol == "pitfall" else "\u2713"
        out.append(f'<mark class="unruffled-{pol}" title="{escape(label)}" style="{_MARK_STYLE[pol]}">{escape(text[s:e])}</mark>'
                   f'<sup style="font-size: 0.75em">{sign}\u00a0{escape(label)}</sup>')
        pos = e
    out.append(escape(text[pos:]))
    notice = f'<p role="status">\u2139 {escape(a.notice)}</p>' if a.notice else ""
    return (f'{notice}<blockquote class="unruffled-coach-reply" aria-label="{escape(words.reply_label)}" '
            f'style="white-space: pre-wrap; margin: 0.5em 0; padding-left: 0.8em; '
            f'border-left: 4px solid var(--jp-border-color1, #999)">{"".join(out)}</blockquote>')


def _checklist_html(results: list[CriterionResult], words) -> str:
    rows = []
    for r in results:
        if r.polarity == "strength":
            sign, word = ("\u2713", words.strength_shown) if r.met else ("\u2717", words.strength_not_shown)
        else:
            sign, word = ("\u2717", words.pitfall_found) if r.met else ("\u2713", words.pitfall_avoided)
        evidence = escape(words.quote_separator.join(words.quoted.format(text=e) for e in r.evidence))
        ev = (f'<br><span style="color: var(--jp-ui-font-color2, inherit)">{escape(words.evidence_label)} {evidence}</span>'
              if evidence else "")
        rows.append(f'<li style="margin: 0.25em 0"><span aria-hidden="true">{sign}</span> <strong>{escape(r.name)}: {word}.</strong> '
                    f'{escape(r.advice)}{ev}</li>')
    return (f'<ul class="unruffled-coach-checklist" aria-label="{escape(words.checklist_label)}" '
            f'style="list-style: none; padding-left: 0.2em">{"".join(rows)}</ul>')


def assessment_html(a: Assessment) -> str:
    """The reply with its evidence highlighted, then the checklist (all user text escaped)."""
    words = _wording(a)
    score = "" if not a.judged else f'<p style="{_TEXT_STYLE}"><strong>{escape(words.score.format(percent=f"{a.score:.0%}"))}</strong></p>'
    return _wrap(_reply_html(a, words) + score + (_checklist_html(list(a.criteria.values()), words) if a.judged else ""))
