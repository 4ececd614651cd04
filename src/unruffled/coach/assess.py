"""``assess``, ``judge`` and ``check_reply``: the reply coach's public contract."""

from __future__ import annotations

import functools
import html
from dataclasses import dataclass, field
from typing import Iterable

from .criteria import WORD, Check, Found, Text, build_checks
from .lexicon import CRITERIA, PITFALLS, STRENGTHS, Lexicon, default_lexicon

# Longer replies are judged on their first part: no customer reads an essay, and
# grading must never stall on a pasted book.
MAX_CHARS = 20_000


@dataclass(frozen=True)
class CriterionResult:
    """What the coach found for one criterion."""

    id: str
    kind: str
    name: str
    met: bool
    evidence: list[str]
    advice: str
    syllabus: tuple[str, ...]
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Assessment:
    """The coach's verdict on one reply; shows itself with the evidence highlighted."""

    reply: str
    customer: str | None
    criteria: dict[str, CriterionResult]
    score: float
    notice: str | None = None

    @property
    def judged(self) -> bool:
        """False when the reply was empty or not in a language the lexicon can read."""
        return self.notice is None

    @property
    def strengths(self) -> list[str]:
        return [c for c in STRENGTHS if self.criteria[c].met]

    @property
    def pitfalls(self) -> list[str]:
        return [c for c in PITFALLS if self.criteria[c].met]

    def _highlighted(self) -> str:
        spans = sorted({s for c in self.criteria.values() if c.met for s in c.spans})
        kinds = {s: c.kind for c in self.criteria.values() if c.met for s in c.spans}
        out, pos = [], 0
        for start, end in spans:
            if start < pos:
                continue
            out.append(html.escape(self.reply[pos:start]))
            kind = kinds[(start, end)]
            label = "strength" if kind == "strength" else "pitfall"
            style = ("background:var(--jp-success-color3,#d4edda);border-bottom:2px solid var(--jp-success-color1,#2e7d32)"
                     if kind == "strength" else
                     "background:var(--jp-error-color3,#f8d7da);border-bottom:2px dashed var(--jp-error-color1,#c62828)")
            out.append(f'<mark title="{label}" style="{style};color:inherit">{html.escape(self.reply[start:end])}'
                       f'<span style="position:absolute;left:-9999px"> ({label})</span></mark>')
            pos = end
        out.append(html.escape(self.reply[pos:]))
        return "".join(out)

    def _repr_html_(self) -> str:
        if self.notice:
            return f'<div class="unruffled-coach" role="status"><p>{html.escape(self.notice)}</p></div>'
        rows = []
        for cid in STRENGTHS + PITFALLS:
            c = self.criteria[cid]
            good = c.met if c.kind == "strength" else not c.met
            mark = "✓" if good else ("✗" if c.kind == "pitfall" else "○")
            status = ("shown" if c.met else "not yet") if c.kind == "strength" else ("found: avoid" if c.met else "avoided")
            evidence = "; ".join(f"“{html.escape(e)}”" for e in c.evidence)
            tip = "" if good else f" <em>{html.escape(c.advice)}</em>"
            rows.append(f"<li>{mark} <strong>{html.escape(c.name)}</strong>: {status}"
                        f"{(' (' + evidence + ')') if evidence else ''}{tip}</li>")
        return (
            '<div class="unruffled-coach" style="color:var(--jp-ui-font-color1);font-size:var(--jp-content-font-size2,1.1em)">'
            f'<p style="line-height:1.6;padding:.5em;border:1px solid var(--jp-border-color1,#ccc);position:relative">{self._highlighted()}</p>'
            f"<p><strong>Score: {self.score:.0%}</strong> ({len(self.strengths)} strengths, {len(self.pitfalls)} pitfalls)</p>"
            f'<ul style="list-style:none;padding-left:0">{"".join(rows)}</ul></div>'
        )


def _readable(words: list[str], lexicon: Lexicon) -> bool:
    """Whether the reply is in the lexicon's language, judged by its share of common words."""
    letters = [ch for w in words for ch in w if ch.isalpha()]
    if letters and sum(1 for ch in letters if not ch.isascii()) / len(letters) > 0.5:
        return False
    if len(words) < lexicon.min_words_for_language_check:
        return True
    markers = {m.lower() for m in lexicon.markers}
    share = sum(1 for w in words if w.lower() in markers) / len(words)
    return share >= lexicon.min_marker_share


@functools.lru_cache(maxsize=8)
def _checks(language: str) -> tuple[Check, ...]:
    return tuple(build_checks(default_lexicon(language)))


def _empty(reply: str, customer: str | None, notice: str, lexicon: Lexicon) -> Assessment:
    crits = {
        c.id: CriterionResult(c.id, c.kind, c.name, False, [], c.advice, tuple(c.syllabus))
        for c in lexicon.criteria
    }
    return Assessment(reply, customer, crits, 0.0, notice)


def assess(reply: str, customer: str | None = None, language: str = "en") -> Assessment:
    """Read ``reply`` (an agent's answer to ``customer``) and say which criteria it shows.

    Deterministic: the same reply always gets the same verdict, so nbgrader can
    grade with it. Empty replies and replies the lexicon cannot read get a
    :attr:`Assessment.notice` and score 0 instead of a verdict.
    """
    if not isinstance(reply, str):
        raise TypeError(f"reply must be text (str), got {type(reply).__name__}")
    lexicon = default_lexicon(language)
    if not reply.strip():
        return _empty(reply, customer, "Your reply is empty. Write what you would say to the customer, then check again.", lexicon)
    text_in = reply[:MAX_CHARS]
    text = Text.prepare(text_in)
    words = WORD.findall(text.masked)
    if not _readable(words, lexicon):
        return _empty(reply, customer, f"The coach reads {lexicon.name} only, and this reply does not look like {lexicon.name}. "
                      "Try writing it in English, or ask your trainer for feedback.", lexicon)
    found: dict[str, list[Found]] = {}
    for check in _checks(language):
        found[check.id] = check.find(text, found)
    results = {}
    for spec in lexicon.criteria:
        spots = found.get(spec.id, [])
        results[spec.id] = CriterionResult(
            spec.id, spec.kind, spec.name, bool(spots), [text.original[f.start:f.end] for f in spots], spec.advice,
            tuple(spec.syllabus), tuple((f.start, f.end) for f in spots),
        )
    strengths = sum(1 for c in STRENGTHS if results[c].met)
    pitfalls = sum(1 for c in PITFALLS if results[c].met)
    s = lexicon.scoring
    score = min(1.0, strengths / s.strengths_for_full_marks) * max(0.0, 1.0 - s.pitfall_penalty * pitfalls)
    ordered = {c: results[c] for c in CRITERIA}
    return Assessment(reply, customer, ordered, round(score, 4))


@dataclass(frozen=True)
class Judgement:
    """Whether a reply meets what an exercise requires and avoids what it forbids."""

    passed: bool
    missing: list[str]
    violated: list[str]
    assessment: Assessment
    message: str
    require: tuple[str, ...] = field(default=())
    forbid: tuple[str, ...] = field(default=())

    def _repr_html_(self) -> str:
        head = "✓ Well done" if self.passed else "✗ Not yet"
        return (f'<div role="status"><p><strong>{head}.</strong> {html.escape(self.message)}</p></div>'
                + self.assessment._repr_html_())


def _validate_ids(ids: Iterable[str], what: str) -> tuple[str, ...]:
    ids = tuple(ids)
    unknown = [i for i in ids if i not in CRITERIA]
    if unknown:
        raise ValueError(f"unknown {what} criterion id(s): {', '.join(unknown)}; known ids: {', '.join(CRITERIA)}")
    return ids


def judge(reply: str, require: Iterable[str] = (), forbid: Iterable[str] = (), customer: str | None = None) -> Judgement:
    """Check ``reply`` against required and forbidden criteria (used by quizzes, role-plays and graders)."""
    require = _validate_ids(require, "required")
    forbid = _validate_ids(forbid, "forbidden")
    a = assess(reply, customer)
    if not a.judged:
        return Judgement(False, list(require), [], a, a.notice or "", require, forbid)
    missing = [c for c in require if not a.criteria[c].met]
    violated = [c for c in forbid if a.criteria[c].met]
    parts = []
    for c in violated:
        r = a.criteria[c]
        parts.append(f"Watch out: {r.name.lower()} (you wrote “{r.evidence[0]}”). {r.advice}")
    for c in missing:
        r = a.criteria[c]
        parts.append(f"Missing: {r.name.lower()}. {r.advice}")
    if not parts:
        shown = ", ".join(a.criteria[c].name.lower() for c in require) or "no pitfalls"
        parts.append(f"Your reply shows {shown}.")
    passed = not missing and not violated
    return Judgement(passed, missing, violated, a, " ".join(parts), require, forbid)


def check_reply(reply: str, require: Iterable[str] = (), forbid: Iterable[str] = ()) -> None:
    """For nbgrader tests: return quietly if ``reply`` passes, else raise an ``AssertionError`` that explains why."""
    if not isinstance(reply, str):
        raise AssertionError(f"Your reply should be text in quotes, like \"I'm sorry about the wait...\", not {type(reply).__name__}.")
    j = judge(reply, require, forbid)
    if not j.passed:
        lines = [j.message]
        for c in j.violated:
            lines.append(f"  - {c}: found {', '.join(repr(e) for e in j.assessment.criteria[c].evidence)}")
        for c in j.missing:
            lines.append(f"  - {c}: not found in your reply")
        raise AssertionError("\n".join(lines))
