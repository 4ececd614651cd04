"""Rubric lexicons (``assets/rubric/<language>.yaml``): the schema, its loader and the compiled form.

A lexicon holds every language-specific part of the reply coach: the cue
patterns of each criterion, the words that negate a cue, how quotes and
reported speech are recognised, and the learner-facing advice. The engine
holds none of it, so a second language is one more YAML file.

``load_lexicon`` reports every problem in a file at once, each naming file,
line, criterion and field (a bad regex included).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Annotated, Literal, Union

from pydantic import Field

from ..content.base import Strict
from ..content.errors import ContentError, Problem
from ..content.validate_model import validate_doc
from ..content.yamlfile import YamlDoc, load_yaml

# The contract: other parts of the course name these ids.
STRENGTHS: tuple[str, ...] = ("empathy", "apology", "clarifying_question", "mirroring", "agree_first",
                              "options", "next_step", "follow_up")
PITFALLS: tuple[str, ...] = ("calm_down", "blame", "excuse", "over_promise", "condescension", "hostility")
CRITERIA: tuple[str, ...] = STRENGTHS + PITFALLS

SYLLABUS_ID = r"^[A-Z]+-[0-9]+$"
Text = Annotated[str, Field(min_length=1)]
Regex = Annotated[str, Field(min_length=1)]


class _CriterionBase(Strict):
    """Fields every criterion has."""

    id: str
    name: Text = Field(description="Short display name, e.g. 'Empathy'.")
    syllabus: list[Annotated[str, Field(pattern=SYLLABUS_ID)]] = Field(min_length=1)
    advice_met: Text = Field(description="One sentence shown when the criterion is met.")
    advice_unmet: Text = Field(description="One sentence shown when it is not met.")
    patterns: list[Regex] = Field(default_factory=list, description="Cue regexes (case-insensitive).")
    veto: list[Regex] = Field(default_factory=list, description="A cue does not count if its sentence matches one of these.")
    veto_if: list[str] = Field(default_factory=list, description="A cue does not count if its sentence shows one of these criteria.")
    veto_scope: Literal["sentence", "reply"] = Field(default="sentence", description="Where a 'veto_if' criterion must appear to cancel a cue.")
    negatable: bool = Field(default=True, description="A negation word shortly before the cue, in the same clause, cancels it.")


class CueCriterion(_CriterionBase):
    """Met when any cue pattern matches (and is neither negated nor vetoed)."""

    kind: Literal["cues"]


class QuestionCriterion(_CriterionBase):
    """Met by a genuine question: a sentence ending in '?' that is not rhetorical, or an indirect-question cue."""

    kind: Literal["question"]
    rhetorical: list[Regex] = Field(default_factory=list, description="Questions matching these are rhetorical or accusing.")


class AlternativesCriterion(_CriterionBase):
    """Met by an explicit alternatives cue, or by offers in ``min_offers`` different clauses."""

    kind: Literal["alternatives"]
    offers: list[Regex] = Field(default_factory=list)
    min_offers: int = Field(default=2, ge=2, le=5)


Criterion = Annotated[Union[CueCriterion, QuestionCriterion, AlternativesCriterion], Field(discriminator="kind")]


class Scoring(Strict):
    """How met strengths and pitfalls become a score in [0, 1]."""

    strengths_for_full_marks: int = Field(default=4, ge=1, le=len(STRENGTHS))
    pitfall_penalty: float = Field(default=0.25, gt=0, le=1)


class Messages(Strict):
    """Learner-facing notices and message templates."""

    empty: Text
    unjudgeable: Text
    too_long: Text
    passed: Text
    missing: Text
    violated: Text


class LexiconFile(Strict):
    """The YAML document as written."""

    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)?$")]
    name: Text
    letters: Regex = Field(description="One letter of the script this lexicon reads, e.g. '[A-Za-z]'.")
    min_letter_share: float = Field(ge=0, le=1)
    function_words: list[Text] = Field(min_length=10, description="Common words; a reply with too few of them is another language.")
    min_function_share: float = Field(ge=0, le=1)
    min_words_for_language_check: int = Field(ge=1)
    max_chars: int = Field(default=20000, ge=100, description="Only this much of a reply is read; the rest is ignored with a notice.")
    clause_breaks: Regex
    sentence_breaks: Regex
    negation: Regex
    negation_window: int = Field(ge=1, le=10, description="Words before a cue in which a negation cancels it.")
    quotes: list[Regex] = Field(default_factory=list, description="Quoted words are the customer's, not the reply's.")
    reported_speech: list[Regex] = Field(default_factory=list, description="'You said ...': the rest of the clause is the customer's.")
    scoring: Scoring = Field(default_factory=Scoring)
    messages: Messages
    criteria: list[Criterion] = Field(min_length=1)


# -- compiled form -------------------------------------------------------------

FLAGS = re.IGNORECASE | re.UNICODE


def _required_literals(pattern: str) -> tuple[frozenset[str], ...]:
    """Groups of lower-case strings: any text ``pattern`` matches holds at least one string of every group.

    Python's regex engine tries every branch of a big alternation at every
    position; checking a required literal with ``in`` first lets the coach
    skip most patterns for most replies. An empty tuple means no usable literal.
    """
    from re import _parser as sre  # the standard library's own regex parser

    try:
        parsed = sre.parse(pattern, FLAGS)
    except re.error:
        return ()

    def required(items) -> list[frozenset[str]]:
        candidates: list[frozenset[str]] = []
        run: list[str] = []

        def flush():
            if run:
                candidates.append(frozenset(["".join(run).lower()]))
                run.clear()

        for op, arg in items:
            if op is sre.LITERAL:
                run.append(chr(arg))
                continue
            flush()
            if op is sre.SUBPATTERN:
                candidates.extend(required(arg[-1]))
            elif op is sre.BRANCH:
                subs = [_best(required(b)) for b in arg[1]]
                if all(subs):
                    candidates.append(frozenset().union(*subs))
            elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and arg[0] >= 1:
                candidates.extend(required(arg[2]))
        flush()
        return [c for c in candidates if min(map(len, c)) >= 2]

    def _best(groups: list[frozenset[str]]) -> frozenset[str] | None:
        return max(groups, key=lambda c: (min(map(len, c)), -len(c)), default=None)

    # Keep the most selective small group: each hint costs one look-up per reply.
    groups = [g for g in set(required(list(parsed))) if len(g) <= 3]
    return tuple(sorted(groups, key=lambda c: (-min(map(len, c)), len(c)))[:1])


class CueSet:
    """Several cue regexes, each compiled once and tried only when its required literal occurs."""

    __slots__ = ("items",)

    def __init__(self, patterns: list[str]):
        self.items = tuple((_required_literals(p), re.compile(p, FLAGS)) for p in patterns)

    def finditer(self, text: str, present: frozenset[str]):
        """Every match of every pattern in ``text``; ``present`` holds the hint strings found in it."""
        for gates, rx in self.items:
            for group in gates:
                if group.isdisjoint(present):
                    break  # a required literal is absent: this pattern cannot match
            else:
                yield from rx.finditer(text)

    def hints(self) -> set[str]:
        """Every hint string the gates use."""
        return {h for gates, _ in self.items for group in gates for h in group}

    def __bool__(self) -> bool:
        return bool(self.items)


def _alternation(patterns: list[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), FLAGS)


@functools.total_ordering
class CompiledCriterion:
    """A criterion with its regexes compiled once."""

    def __init__(self, spec: _CriterionBase):
        self.spec = spec
        self.id = spec.id
        self.kind = spec.kind
        self.polarity = "strength" if spec.id in STRENGTHS else "pitfall"
        self.patterns = CueSet(spec.patterns) if spec.patterns else None
        self.veto = _alternation(spec.veto)
        self.veto_if = tuple(spec.veto_if)
        self.veto_scope = spec.veto_scope
        self.negatable = spec.negatable
        self.rhetorical = _alternation(getattr(spec, "rhetorical", []))
        self.offers = CueSet(spec.offers) if getattr(spec, "offers", None) else None
        self.min_offers = getattr(spec, "min_offers", 2)

    def __lt__(self, other: "CompiledCriterion") -> bool:
        return CRITERIA.index(self.id) < CRITERIA.index(other.id)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CompiledCriterion) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)


class Lexicon:
    """A validated lexicon with every regex compiled; what the engine runs on."""

    def __init__(self, data: LexiconFile, path: str):
        self.data = data
        self.path = path
        self.language = data.language
        self.letters = re.compile(data.letters, FLAGS)
        self.function_words = frozenset(w.lower() for w in data.function_words)
        self.clause_breaks = re.compile(data.clause_breaks, FLAGS)
        self.sentence_breaks = re.compile(data.sentence_breaks, FLAGS)
        self.negation = re.compile(data.negation, FLAGS)
        self.quotes = _alternation(data.quotes)
        self.reported_speech = _alternation(data.reported_speech)
        self.criteria = tuple(CompiledCriterion(c) for c in data.criteria)
        self.ordered = tuple(sorted(self.criteria))
        self.hints = tuple(sorted({h for c in self.criteria for cs in (c.patterns, c.offers) if cs for h in cs.hints()}))
        self.by_id = {c.id: c for c in self.criteria}

    def syllabus(self, criterion: str) -> tuple[str, ...]:
        """Syllabus ids a criterion stands for."""
        return tuple(self.by_id[criterion].spec.syllabus)

    def syllabus_ids(self) -> set[str]:
        """Every syllabus id the criteria map to (a lexicon teaches and exercises nothing by itself)."""
        return {s for c in self.criteria for s in c.spec.syllabus}

    def __repr__(self) -> str:
        return f"Lexicon({self.language!r}, {len(self.criteria)} criteria, from {self.path})"


# -- loading ---------------------------------------------------------------------

_TOP_REGEXES = ("letters", "clause_breaks", "sentence_breaks", "negation")
_TOP_REGEX_LISTS = ("quotes", "reported_speech")
_CRIT_REGEX_LISTS = ("patterns", "veto", "rhetorical", "offers")


def _regex_problem(doc: YamlDoc, loc: tuple, pattern: str, item: str | None, field: str, index: int | None) -> Problem | None:
    try:
        re.compile(pattern, FLAGS)
    except re.error as exc:
        which = f"pattern {index + 1} " if index is not None else ""
        return doc.problem(loc, f"{which}is not a valid regular expression ({exc}): {pattern!r}", item=item, field=field)
    return None


def check_lexicon(doc: YamlDoc, lex: LexiconFile) -> list[Problem]:
    """Checks a schema cannot express: the exact criterion set, cross-references and every regex."""
    problems: list[Problem] = []
    add = problems.append
    for key in _TOP_REGEXES:
        p = _regex_problem(doc, (key,), getattr(lex, key), None, f"'{key}'", None)
        if p:
            add(p)
    for key in _TOP_REGEX_LISTS:
        for j, pat in enumerate(getattr(lex, key)):
            p = _regex_problem(doc, (key, j), pat, None, f"'{key}'", j)
            if p:
                add(p)
    seen: dict[str, int] = {}
    for i, crit in enumerate(lex.criteria):
        item = f"criterion '{crit.id}'"
        if crit.id not in CRITERIA:
            close = [c for c in CRITERIA if c.split("_")[0] in crit.id or crit.id in c]
            hint = f"did you mean {close[0]!r}? " if close else ""
            add(doc.problem(("criteria", i, "id"), f"unknown criterion {crit.id!r}; {hint}the criteria are {', '.join(CRITERIA)}", item=item, field="'id'"))
        elif crit.id in seen:
            add(doc.problem(("criteria", i, "id"), f"is defined twice (first at criterion {seen[crit.id] + 1})", item=item, field="'id'"))
        else:
            seen[crit.id] = i
        for j, other in enumerate(crit.veto_if):
            if other not in CRITERIA:
                add(doc.problem(("criteria", i, "veto_if", j), f"names unknown criterion {other!r}", item=item, field="'veto_if'"))
            elif other == crit.id:
                add(doc.problem(("criteria", i, "veto_if", j), "a criterion cannot veto itself", item=item, field="'veto_if'"))
        if crit.kind == "cues" and not crit.patterns:
            add(doc.problem(("criteria", i), "needs at least one pattern", item=item, field="'patterns'"))
        if crit.kind == "alternatives" and not (crit.patterns or crit.offers):
            add(doc.problem(("criteria", i), "needs 'patterns' or 'offers'", item=item, field="'patterns'"))
        for key in _CRIT_REGEX_LISTS:
            for j, pat in enumerate(getattr(crit, key, None) or []):
                p = _regex_problem(doc, ("criteria", i, key, j), pat, item, f"'{key}'", j)
                if p:
                    add(p)
    missing = [c for c in CRITERIA if c not in seen]
    if missing:
        add(doc.problem(("criteria",), f"is missing criteria: {', '.join(missing)} (every lexicon defines all {len(CRITERIA)})", field="'criteria'"))
    return problems


def load_lexicon(path: str | Path) -> Lexicon:
    """Load, validate and compile a lexicon file; raise :class:`ContentError` listing every problem."""
    doc = load_yaml(path)
    data = validate_doc(doc, LexiconFile)
    problems = check_lexicon(doc, data)
    if problems:
        raise ContentError(problems)
    return Lexicon(data, doc.path)


def rubric_dir() -> Path:
    """Folder of the shipped lexicons (``assets/rubric`` in the repository)."""
    here = Path(__file__).resolve()
    for folder in here.parents:
        candidate = folder / "assets" / "rubric"
        if candidate.is_dir():
            return candidate
    from ..content.manifest import find_root

    return find_root() / "assets" / "rubric"


@functools.lru_cache(maxsize=8)
def default_lexicon(language: str = "en") -> Lexicon:
    """The shipped lexicon for ``language``, loaded and compiled once per process."""
    return load_lexicon(rubric_dir() / f"{language}.yaml")
