"""The lexicon file's schema (pydantic) and the checks a schema cannot express.

Kept apart from :mod:`unruffled.coach.lexicon` so that judging a reply with an
already validated lexicon never imports pydantic: a graded notebook kernel
pays for validation only when the YAML file has changed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal, Union

from pydantic import Field

from ..content.base import Strict
from ..content.errors import ContentError, Problem
from ..content.validate_model import validate_doc
from ..content.yamlfile import YamlDoc, load_yaml
from .lexicon import CRITERIA, FLAGS, STRENGTHS

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
    veto_reply: list[Regex] = Field(default_factory=list, description="No cue counts if the reply matches one of these anywhere (e.g. the agent owns the fault in another sentence).")
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


class Wording(Strict):
    """The words the coach's reports are built from (nbgrader messages, checklist, HTML labels)."""

    check_empty: Text = Field(description="check_reply's message for an empty reply.")
    avoid_line: Text = Field(description="check_reply line per violated criterion: {name}, {evidence}, {advice}.")
    missing_line: Text = Field(description="check_reply line per missing criterion: {name}, {advice}.")
    quoted: Text = Field(description="How one piece of evidence is quoted: {text}.")
    quote_separator: str = Field(description="Between quoted pieces of evidence.")
    list_separator: str = Field(description="Between names in a list, e.g. ', '.")
    list_last_separator: str = Field(description="Before the last name in a list, e.g. ' and '.")
    verdict_passed: Text
    verdict_not_yet: Text
    strength_shown: Text
    strength_not_shown: Text
    pitfall_found: Text
    pitfall_avoided: Text
    evidence_label: Text
    score: Text = Field(description="The score line: {percent}.")
    reply_label: Text = Field(description="Accessible name of the highlighted reply.")
    checklist_label: Text = Field(description="Accessible name of the checklist.")


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
    wording: Wording
    criteria: list[Criterion] = Field(min_length=1)



# -- checks a schema cannot express ---------------------------------------------

_TOP_REGEXES = ("letters", "clause_breaks", "sentence_breaks", "negation")
_TOP_REGEX_LISTS = ("quotes", "reported_speech")
_CRIT_REGEX_LISTS = ("patterns", "veto", "veto_reply", "rhetorical", "offers")


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



def validate_lexicon(path: str | Path) -> tuple[LexiconFile, str]:
    """Load and validate a lexicon file: the model and the path it was read from.

    Raises :class:`ContentError` listing every problem, each naming file,
    line, criterion and field.
    """
    doc = load_yaml(path)
    data = validate_doc(doc, LexiconFile)
    problems = check_lexicon(doc, data)
    if problems:
        raise ContentError(problems)
    return data, doc.path
