"""Quiz banks (``assets/quizzes/NN-slug.yaml``): the schema and its loader.

A bank holds one module's questions. Each question names the syllabus ids it
exercises, explains itself, and gives feedback on every option, so a learner
always learns *why*. ``load_bank`` reports every problem in a file at once,
each naming file, line, question and field.

Example (one question)::

    module: 01-who-is-difficult
    title: Who is a difficult customer?
    seed: 7
    questions:
      - id: q1
        type: single
        syllabus: [WHO-2]
        prompt: Which customer is "difficult"?
        options:
          - {id: a, text: "...", correct: true, feedback: "Yes, because ..."}
          - {id: b, text: "...", feedback: "Not quite: ..."}
        explanation: "..."
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import Field, ValidationError, ValidationInfo, field_validator

from .base import Strict
from .errors import ContentError, Problem
from .validate_model import _drop_union_tags, _message, describe
from .yamlfile import YamlDoc, load_yaml

SYLLABUS_ID = r"^[A-Z]+-[0-9]+$"
SLUG_ID = r"^[a-z0-9][a-z0-9_-]*$"
MODULE_NAME = r"^[0-9]{2}-[a-z0-9]+(-[a-z0-9]+)*$"
CRITERION_ID = r"^[a-z][a-z0-9_]*$"
QUESTION_TYPES = ("single", "multiple", "ordering", "matching", "judgement", "free_text")

Text = Annotated[str, Field(min_length=1)]
SyllabusId = Annotated[str, Field(pattern=SYLLABUS_ID)]
ItemId = Annotated[str, Field(pattern=SLUG_ID, max_length=40)]


class Option(Strict):
    """One answer option of a choice question, with the feedback it earns."""

    id: ItemId
    text: Text
    correct: bool = False
    feedback: Text = Field(description="Why this option is right or wrong; shown after Check.")


class Item(Strict):
    """An ordering step, or one side of a matching pair."""

    id: ItemId
    text: Text


class MatchItem(Item):
    """A left-hand matching item; its feedback explains its correct partner."""

    feedback: Text


class Line(Strict):
    """One line of a short exchange."""

    speaker: Literal["customer", "agent"]
    text: Text


class QuestionBase(Strict):
    """Fields every question has."""

    id: ItemId
    syllabus: list[SyllabusId] = Field(min_length=1, description="Syllabus ids this question exercises.")
    prompt: Text
    explanation: Text = Field(description="Shown once the question is finished (answered right, or out of attempts with reveal on).")
    hint: str | None = Field(default=None, min_length=1, description="Shown only when the learner asks for it.")
    attempts: int = Field(default=2, ge=1, le=5)
    reveal: bool = Field(default=True, description="Show the right answer after the last attempt.")

    @field_validator("syllabus")
    @classmethod
    def _unique_ids(cls, ids: list[str]) -> list[str]:
        if len(set(ids)) != len(ids):
            raise ValueError("lists a syllabus id twice")
        return ids


def _check_options(options: list[Option]) -> list[Option]:
    ids = [o.id for o in options]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ValueError(f"option ids must be unique; repeated: {', '.join(dupes)}")
    texts = [o.text for o in options]
    if len(set(texts)) != len(texts):
        raise ValueError("two options have the same text; learners could not tell them apart")
    if not any(o.correct for o in options):
        raise ValueError("no option is marked 'correct: true'")
    return options


class _ChoiceQuestion(QuestionBase):
    shuffle: bool = Field(default=True, description="Shuffle options (seeded); turn off for 'all of the above'.")
    options: list[Option] = Field(min_length=2)


def _exactly_one_correct(options: list[Option], kind: str, tip: str = "") -> list[Option]:
    """``options`` checked, with exactly one marked correct (single-choice and judgement questions)."""
    _check_options(options)
    n = sum(o.correct for o in options)
    if n != 1:
        raise ValueError(f"a {kind} question needs exactly one correct option, found {n}{tip}")
    return options

class SingleQuestion(_ChoiceQuestion):
    """Exactly one right option."""

    type: Literal["single"]

    @field_validator("options")
    @classmethod
    def _one_correct(cls, options: list[Option]) -> list[Option]:
        return _exactly_one_correct(options, "single-choice", " (use type: multiple)")


class MultipleQuestion(_ChoiceQuestion):
    """Several right options; ``partial`` declares how part-right answers score.

    * ``none``: 1 only for exactly the right set, else 0;
    * ``proportional``: the share of options judged right (ticked if right, left if wrong);
    * ``right_minus_wrong``: (right ticks - wrong ticks) / number of right options, at least 0.
    """

    type: Literal["multiple"]
    partial: Literal["none", "proportional", "right_minus_wrong"] = "right_minus_wrong"

    @field_validator("options")
    @classmethod
    def _some_correct(cls, options: list[Option]) -> list[Option]:
        return _check_options(options)


class JudgementQuestion(_ChoiceQuestion):
    """A short exchange, then "what went wrong / what is the best next line" (one right option)."""

    type: Literal["judgement"]
    exchange: list[Line] = Field(min_length=1)

    @field_validator("options")
    @classmethod
    def _one_correct(cls, options: list[Option]) -> list[Option]:
        return _exactly_one_correct(options, "judgement")


def _distinct(items: list, noun: str) -> list:
    """Items with unique ids and texts (learners could not tell two identical texts apart)."""
    ids = [i.id for i in items]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ValueError(f"{noun} must be unique; repeated: {', '.join(dupes)}")
    if len({i.text for i in items}) != len(items):
        raise ValueError("two items have the same text; learners could not tell them apart")
    return items


class OrderingItem(Item):
    """A step to put in order; its feedback says why it belongs where it does."""

    feedback: Text


class OrderingQuestion(QuestionBase):
    """Put ``items`` in the order given by ``answer`` (item ids); scored by position.

    ``partial: position`` scores the share of items in the right place;
    ``none`` scores 1 only for the whole order right.
    """

    type: Literal["ordering"]
    items: list[OrderingItem] = Field(min_length=2)
    answer: list[ItemId] = Field(min_length=2, description="Item ids in the correct order.")
    partial: Literal["none", "position"] = "position"

    @field_validator("items")
    @classmethod
    def _unique_items(cls, items: list[OrderingItem]) -> list[OrderingItem]:
        return _distinct(items, "item ids")

    @field_validator("answer")
    @classmethod
    def _permutation(cls, answer: list[str], info: ValidationInfo) -> list[str]:
        items = info.data.get("items")
        if items is None:  # items already failed; that error is reported
            return answer
        ids = [i.id for i in items]
        if sorted(answer) != sorted(ids):
            missing = [i for i in ids if i not in answer]
            unknown = [a for a in answer if a not in ids]
            repeated = sorted({a for a in answer if answer.count(a) > 1})
            why = "; ".join(filter(None, [
                f"missing {', '.join(missing)}" if missing else "",
                f"unknown {', '.join(unknown)}" if unknown else "",
                f"repeated {', '.join(repeated)}" if repeated else "",
            ]))
            raise ValueError(f"is not a permutation of the item ids ({why})")
        return answer


class MatchingQuestion(QuestionBase):
    """Match each ``left`` item to one ``right`` item; ``answer`` maps left id -> right id.

    ``right`` may hold extra distractors, and a right item may be the answer
    for several left items. ``partial: proportional`` scores the share of
    left items matched right; ``none`` scores 1 only if all are.
    """

    type: Literal["matching"]
    left: list[MatchItem] = Field(min_length=2)
    right: list[Item] = Field(min_length=2)
    answer: dict[ItemId, ItemId] = Field(description="Left item id -> right item id.")
    partial: Literal["none", "proportional"] = "proportional"

    @field_validator("left", "right")
    @classmethod
    def _unique(cls, items: list[Item]) -> list[Item]:
        return _distinct(items, "ids")

    @field_validator("answer")
    @classmethod
    def _lines_up(cls, answer: dict[str, str], info: ValidationInfo) -> dict[str, str]:
        left, right = info.data.get("left"), info.data.get("right")
        if left is None or right is None:
            return answer
        left_ids = [i.id for i in left]
        right_ids = {i.id for i in right}
        problems = []
        missing = [i for i in left_ids if i not in answer]
        if missing:
            problems.append(f"no match given for left item(s) {', '.join(missing)}")
        unknown_left = [k for k in answer if k not in left_ids]
        if unknown_left:
            problems.append(f"key(s) {', '.join(unknown_left)} are not left item ids")
        unknown_right = sorted({v for v in answer.values() if v not in right_ids})
        if unknown_right:
            problems.append(f"value(s) {', '.join(unknown_right)} are not right item ids")
        if problems:
            raise ValueError("; ".join(problems))
        return answer


class FreeTextQuestion(QuestionBase):
    """The customer says ``customer``; the learner writes a reply, judged by the reply coach.

    ``require`` and ``forbid`` are coach criterion ids (steps such as
    ``empathy``, pitfalls such as ``calm_down``); ``model_answer`` is shown
    when the answer is revealed.
    """

    type: Literal["free_text"]
    customer: Text
    require: list[Annotated[str, Field(pattern=CRITERION_ID)]] = Field(default_factory=list)
    # validate_default: the "at least one criterion" check must run when forbid is left out.
    forbid: list[Annotated[str, Field(pattern=CRITERION_ID)]] = Field(default_factory=list, validate_default=True)
    model_answer: Text
    attempts: int = Field(default=3, ge=1, le=5)

    @field_validator("forbid")
    @classmethod
    def _some_criterion(cls, forbid: list[str], info: ValidationInfo) -> list[str]:
        require = info.data.get("require") or []
        if not require and not forbid:
            raise ValueError("a free-text question needs at least one 'require' or 'forbid' criterion")
        both = sorted(set(require) & set(forbid))
        if both:
            raise ValueError(f"criteria both required and forbidden: {', '.join(both)}")
        return forbid


Question = Annotated[
    Union[SingleQuestion, MultipleQuestion, OrderingQuestion, MatchingQuestion, JudgementQuestion, FreeTextQuestion],
    Field(discriminator="type"),
]


class QuizBank(Strict):
    """One module's quiz bank."""

    module: str = Field(pattern=MODULE_NAME, description="NN-slug of the module; must match the file name.")
    title: Text
    seed: int = Field(default=0, description="Seeds the option shuffle, so every learner sees the same order.")
    questions: list[Question] = Field(min_length=1)

    def exercised_ids(self) -> set[str]:
        """Syllabus ids exercised by at least one question."""
        return {sid for q in self.questions for sid in q.syllabus}

    def question(self, qid: str):
        """The question with id ``qid``."""
        for q in self.questions:
            if q.id == qid:
                return q
        raise KeyError(f"{self.module} has no question {qid!r}; it has {', '.join(q.id for q in self.questions)}")


def quiz_json_schema() -> dict[str, Any]:
    """JSON Schema of a quiz bank file, for editor validation."""
    return QuizBank.model_json_schema()


def _raw_checks(doc: YamlDoc, path: Path) -> tuple[list[Problem], set[int]]:
    """Checks on the raw data that the schema cannot express well; also returns the
    indexes of questions whose ``type`` is missing or unknown (already reported)."""
    problems: list[Problem] = []
    bad_type: set[int] = set()
    data = doc.data
    if not isinstance(data, dict):
        return [doc.problem((), "a quiz bank must be a mapping with 'module', 'title' and 'questions'")], bad_type
    module = data.get("module")
    # Only NN-slug file names are module banks; other names (test fixtures) skip this check.
    if isinstance(module, str) and re.match(MODULE_NAME, path.stem) and module != path.stem:
        problems.append(doc.problem(("module",), f"is {module!r} but the file is named {path.name}; they must match",
                                    field="'module'"))
    questions = data.get("questions")
    if not isinstance(questions, list):
        return problems, bad_type
    first_seen: dict[str, int] = {}
    for i, q in enumerate(questions):
        if not isinstance(q, dict):
            continue
        item = describe(data, ("questions", i))[0]
        qtype = q.get("type")
        if "type" not in q:
            bad_type.add(i)
            problems.append(doc.problem(("questions", i), f"is required; use one of {', '.join(QUESTION_TYPES)}",
                                        item=item, field="'type'"))
        elif qtype not in QUESTION_TYPES:
            bad_type.add(i)
            problems.append(doc.problem(("questions", i, "type"),
                                        f"unknown question type {qtype!r}; use one of {', '.join(QUESTION_TYPES)}",
                                        item=item, field="'type'"))
        qid = q.get("id")
        if isinstance(qid, str):
            if qid in first_seen:
                problems.append(doc.problem(("questions", i, "id"),
                                            f"duplicate question id {qid!r} (first used on line {first_seen[qid]})",
                                            item=item, field="'id'"))
            else:
                first_seen[qid] = doc.line_of(("questions", i, "id")) or 0
    return problems, bad_type


_PATTERN_HINTS = {
    SYLLABUS_ID: "is not a syllabus id (capital letters, a hyphen and a number, like WHO-2)",
    SLUG_ID: "is not a valid id (lower-case letters, digits, '-' and '_', like q1 or calm_down)",
    MODULE_NAME: "is not a module name (two digits and a slug, like 01-who-is-difficult)",
    CRITERION_ID: "is not a criterion id (lower-case letters, digits and '_', like calm_down)",
}


def _pattern_message(err: dict) -> str:
    pattern = (err.get("ctx") or {}).get("pattern", "")
    return f"{err.get('input')!r} " + _PATTERN_HINTS.get(pattern, f"does not match the pattern {pattern}")


def load_bank(path: str | Path) -> QuizBank:
    """Load and validate a quiz bank; raise :class:`ContentError` listing every problem."""
    path = Path(path)
    doc = load_yaml(path)
    problems, bad_type = _raw_checks(doc, path)
    bank: QuizBank | None = None
    try:
        bank = QuizBank.model_validate(doc.data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
            if len(loc) >= 2 and loc[0] == "questions" and loc[1] in bad_type:
                continue  # its type is wrong; the per-type errors would only confuse
            if err.get("type") in ("union_tag_invalid", "union_tag_not_found"):
                continue
            loc = _drop_union_tags(doc.data, loc)
            message = _message(err)
            if err.get("type") == "string_pattern_mismatch":
                message = _pattern_message(err)
                if loc and isinstance(loc[-1], int):
                    # An element of a list of ids: name the list as the field, not "syllabus entry 2".
                    message = f"entry {loc[-1] + 1}: {message}"
                    line_loc, loc = loc, loc[:-1]
                    item, field = describe(doc.data, loc)
                    problems.append(doc.problem(line_loc, message, item=item, field=field))
                    continue
            item, field = describe(doc.data, loc)
            problems.append(doc.problem(loc, message, item=item, field=field))
    if problems:
        problems.sort(key=lambda p: (p.line or 0))
        raise ContentError(problems)
    assert bank is not None
    return bank


def find_bank(name: str, root: Path | None = None) -> Path:
    """Path of the bank named ``name`` (``"01-who-is-difficult"``) in the repository's ``assets/quizzes``."""
    from .manifest import find_root

    folder = (root or find_root()) / "assets" / "quizzes"
    path = folder / f"{name.removesuffix('.yaml')}.yaml"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in folder.glob("*.yaml"))) or "none"
        raise ContentError.single(str(path), f"no quiz bank named {name!r} (banks: {known})")
    return path
