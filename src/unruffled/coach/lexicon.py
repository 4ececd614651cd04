"""The reply coach's lexicon: cue patterns per criterion, as data (``assets/rubric/<lang>.yaml``).

Patterns are compiled once when the file is loaded; a bad pattern is a
:class:`ContentError` naming the file, line, criterion and field.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Literal

from pydantic import Field

from ..content.base import Strict
from ..content.errors import ContentError
from ..content.validate_model import validate_doc
from ..content.yamlfile import YamlDoc, load_yaml

STRENGTHS = ("empathy", "apology", "clarifying_question", "mirroring", "agree_first", "options", "next_step", "follow_up")
PITFALLS = ("calm_down", "blame", "excuse", "over_promise", "condescension", "hostility")
CRITERIA = STRENGTHS + PITFALLS


class Scoring(Strict):
    """How criteria turn into the overall score."""

    strengths_for_full_marks: int = Field(ge=1, le=len(STRENGTHS))
    pitfall_penalty: float = Field(ge=0, le=1)


class CriterionSpec(Strict):
    """One criterion: its cues and the patterns that cancel it."""

    id: Literal[CRITERIA]  # type: ignore[valid-type]
    kind: Literal["strength", "pitfall"]
    name: str = Field(min_length=1)
    syllabus: list[str] = Field(min_length=1)
    advice: str = Field(min_length=1)
    cues: list[str] = Field(min_length=1)
    not_if: list[str] = []
    cancelled_by: list[Literal[PITFALLS]] = []  # type: ignore[valid-type]
    question: bool = False
    rhetorical: list[str] = []
    options: bool = False
    offer_verbs: str | None = None
    or_exclusions: str | None = None


class Lexicon(Strict):
    """A whole lexicon file for one language."""

    language: str = Field(pattern=r"^[a-z]{2,3}$")
    name: str
    markers: list[str] = Field(min_length=10)
    min_marker_share: float = Field(gt=0, lt=1)
    min_words_for_language_check: int = Field(ge=1)
    negators: list[str] = Field(min_length=1)
    negation_window: int = Field(ge=1, le=20)
    clause_breaks: str
    scoring: Scoring
    criteria: list[CriterionSpec]

    def exercised_ids(self) -> set[str]:
        """A lexicon teaches nothing by itself; exercises that use it declare their ids."""
        return set()


@functools.lru_cache(maxsize=4096)
def _compile(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE | re.MULTILINE)


def _check(doc: YamlDoc, lex: Lexicon) -> list:
    problems = []

    def try_compile(loc, pattern, item, field):
        try:
            _compile(pattern)
        except re.error as exc:
            problems.append(doc.problem(loc, f"bad regular expression: {exc}", item=item, field=field))

    try_compile(("clause_breaks",), lex.clause_breaks, None, "'clause_breaks'")
    seen: set[str] = set()
    for ci, crit in enumerate(lex.criteria):
        item = f"criterion '{crit.id}'"
        if crit.id in seen:
            problems.append(doc.problem(("criteria", ci, "id"), "is listed twice", item=item, field="'id'"))
        seen.add(crit.id)
        expected_kind = "strength" if crit.id in STRENGTHS else "pitfall"
        if crit.kind != expected_kind:
            problems.append(doc.problem(("criteria", ci, "kind"), f"'{crit.id}' is a {expected_kind}", item=item, field="'kind'"))
        for key in ("cues", "not_if", "rhetorical"):
            for pi, pattern in enumerate(getattr(crit, key)):
                try_compile(("criteria", ci, key, pi), pattern, item, f"'{key}' {pi + 1}")
        for key in ("offer_verbs", "or_exclusions"):
            if getattr(crit, key):
                try_compile(("criteria", ci, key), getattr(crit, key), item, f"'{key}'")
    for missing in [c for c in CRITERIA if c not in seen]:
        problems.append(doc.problem(("criteria",), f"criterion '{missing}' is missing", field="'criteria'"))
    order = [c.id for c in lex.criteria]
    for ci, crit in enumerate(lex.criteria):
        for other in crit.cancelled_by:
            if other in order and order.index(other) > ci:
                problems.append(doc.problem(("criteria", ci, "cancelled_by"), f"'{other}' must be listed before '{crit.id}'",
                                            item=f"criterion '{crit.id}'", field="'cancelled_by'"))
    return problems


def load_lexicon(path: str | Path) -> Lexicon:
    """Load and check one lexicon file; raise :class:`ContentError` listing every problem."""
    doc = load_yaml(path)
    lex = validate_doc(doc, Lexicon)
    problems = _check(doc, lex)
    if problems:
        raise ContentError(problems)
    return lex


def rubric_dir() -> Path:
    """``assets/rubric`` of the repository this package is installed from."""
    return Path(__file__).resolve().parents[3] / "assets" / "rubric"


@functools.lru_cache(maxsize=8)
def default_lexicon(language: str = "en") -> Lexicon:
    """The lexicon for ``language``, loaded once per process."""
    return load_lexicon(rubric_dir() / f"{language}.yaml")


compiled = _compile
