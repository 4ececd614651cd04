"""The quiz engine: present a question, check an answer, track a session.

Pure Python: no ipywidgets here (widgets are thin views in ``widget.py``).
The split matters for the answer key: :class:`Presented` is everything a view
may show *before* the learner answers (prompt, labels in a seeded order, no
correct flags, no feedback, no explanation); :class:`Result` is produced only
by :func:`check` and carries the feedback.

Answers, by question type:

* ``single`` / ``judgement``: an option id;
* ``multiple``: a collection of option ids;
* ``ordering``: item ids in the learner's order;
* ``matching``: ``{left id: right id}``;
* ``free_text``: the learner's reply as a string.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from html import escape
from typing import Any, Callable, Iterable, Mapping, Sequence

from ..content.quiz import (
    FreeTextQuestion,
    JudgementQuestion,
    MatchingQuestion,
    MultipleQuestion,
    OrderingQuestion,
    QuizBank,
    SingleQuestion,
)

CORRECT = "✓ Correct"
PARTLY = "◐ Partly right"
WRONG = "✗ Not quite"
_EPS = 1e-9


class AnswerError(ValueError):
    """The answer is not well-formed (e.g. a step used twice); no attempt is used up."""


class NoAttemptsLeft(RuntimeError):
    """Check was called on a question that is already finished."""


@dataclass(frozen=True)
class Choice:
    """Something the learner can pick or place: a stable id and the label shown."""

    id: str
    label: str


@dataclass(frozen=True)
class Presented:
    """What a view may show before the learner answers: nothing that marks the key."""

    id: str
    type: str
    prompt: str
    choices: tuple[Choice, ...] = ()  # options, ordering items (start order), or matching targets
    left: tuple[Choice, ...] = ()  # matching: the items to match
    exchange: tuple[tuple[str, str], ...] = ()  # judgement: (speaker, text)
    customer: str | None = None  # free text: what the customer says
    multi: bool = False
    attempts: int = 1
    has_hint: bool = False

    def _repr_html_(self) -> str:
        parts = [f"<p><strong>{escape(self.prompt)}</strong></p>"]
        parts += [f"<p><em>{escape(_speaker(s))}:</em> {escape(t)}</p>" for s, t in self.exchange]
        if self.customer:
            parts.append(f"<p><em>Customer:</em> “{escape(self.customer)}”</p>")
        parts += [f"<li>{escape(c.label)}</li>" for c in self.left]
        parts.append("<ul>" + "".join(f"<li>{escape(c.label)}</li>" for c in self.choices) + "</ul>")
        return "".join(parts)


@dataclass(frozen=True)
class Feedback:
    """Feedback on one option, item or pair: ``ok`` is whether the learner got this part right."""

    label: str
    text: str
    ok: bool


@dataclass(frozen=True)
class Result:
    """The outcome of one Check."""

    question_id: str
    score: float
    correct: bool
    feedback: tuple[Feedback, ...]
    explanation: str | None
    attempts_left: int
    revealed: str | None = None
    summary: str = ""
    coach_html: str | None = None

    @property
    def finished(self) -> bool:
        """True when the question takes no more attempts."""
        return self.correct or self.attempts_left == 0

    @property
    def headline(self) -> str:
        """Words and a symbol, never colour alone."""
        if self.correct:
            return CORRECT
        return PARTLY if self.score > _EPS else WRONG

    @property
    def outcome(self) -> str:
        """A short word for the progress store."""
        return "correct" if self.correct else ("partial" if self.score > _EPS else "wrong")

    def _repr_html_(self) -> str:
        kind = "correct" if self.correct else ("partial" if self.score > _EPS else "wrong")
        out = [f'<div class="unruffled-result unruffled-{kind}" role="status" aria-live="polite">',
               f'<p class="unruffled-headline"><strong>{escape(self.headline)}</strong>'
               f' <span class="unruffled-score">(score {self.score:.0%})</span></p>']
        if self.summary:
            out.append(f"<p>{escape(self.summary)}</p>")
        if self.feedback:
            out.append('<ul class="unruffled-feedback">')
            for fb in self.feedback:
                mark = "✓" if fb.ok else "✗"
                out.append(f'<li><span aria-hidden="true">{mark}</span> <span class="visually-hidden">'
                           f'{"right" if fb.ok else "not right"}:</span> <strong>{escape(fb.label)}</strong>'
                           f" — {escape(fb.text)}</li>")
            out.append("</ul>")
        if self.coach_html:
            out.append(self.coach_html)
        if self.revealed:
            out.append(f'<p class="unruffled-revealed"><strong>Answer:</strong> {escape(self.revealed)}</p>')
        if self.explanation:
            out.append(f'<p class="unruffled-explanation"><strong>Why:</strong> {escape(self.explanation)}</p>')
        if not self.finished:
            n = self.attempts_left
            out.append(f'<p class="unruffled-attempts">You have {n} more {"try" if n == 1 else "tries"}.</p>')
        out.append("</div>")
        return "".join(out)


def _speaker(s: str) -> str:
    return "Customer" if s == "customer" else "You"


def _rng(seed: int | str, qid: str) -> random.Random:
    # A string seed is hashed with SHA-512 by random, so the order is the same
    # on every machine and every run (unlike hash()).
    return random.Random(f"{seed}:{qid}")


def present(question, seed: int | str = 0) -> Presented:
    """What to show before answering, with options in a seeded, reproducible order."""
    rng = _rng(seed, question.id)
    common = dict(id=question.id, type=question.type, prompt=question.prompt, attempts=question.attempts,
                  has_hint=question.hint is not None)
    if isinstance(question, (SingleQuestion, MultipleQuestion, JudgementQuestion)):
        choices = [Choice(o.id, o.text) for o in question.options]
        if question.shuffle:
            rng.shuffle(choices)
        exchange = tuple((l.speaker, l.text) for l in getattr(question, "exchange", ()))
        return Presented(choices=tuple(choices), exchange=exchange, multi=isinstance(question, MultipleQuestion),
                         **common)
    if isinstance(question, OrderingQuestion):
        items = [Choice(i.id, i.text) for i in question.items]
        # Never start in the right order, or the question answers itself.
        for _ in range(50):
            rng.shuffle(items)
            if [c.id for c in items] != list(question.answer):
                break
        return Presented(choices=tuple(items), **common)
    if isinstance(question, MatchingQuestion):
        left = [Choice(i.id, i.text) for i in question.left]
        right = [Choice(i.id, i.text) for i in question.right]
        rng.shuffle(left)
        rng.shuffle(right)
        return Presented(choices=tuple(right), left=tuple(left), **common)
    if isinstance(question, FreeTextQuestion):
        return Presented(customer=question.customer, **common)
    raise TypeError(f"unknown question type {type(question).__name__}")


def hint(question) -> str | None:
    """The hint, only when the learner asks for it."""
    return question.hint


def _finish(question, score: float, feedback: Sequence[Feedback], attempts_left: int, revealed: str,
            summary: str = "", coach_html: str | None = None) -> Result:
    correct = score >= 1.0 - _EPS
    score = max(0.0, min(1.0, score))
    done = correct or attempts_left == 0
    show_key = correct or (done and question.reveal)
    return Result(
        question_id=question.id, score=score, correct=correct, feedback=tuple(feedback),
        explanation=question.explanation if show_key else None, attempts_left=attempts_left,
        revealed=revealed if (done and not correct and question.reveal) else None,
        summary=summary, coach_html=coach_html,
    )


def _check_choice(q, answer: Any, attempts_left: int) -> Result:
    by_id = {o.id: o for o in q.options}
    if isinstance(q, MultipleQuestion):
        if isinstance(answer, str) or not isinstance(answer, Iterable):
            raise AnswerError("pick any number of options (a list of option ids)")
        picked = set(answer)
    else:
        if answer is None:
            raise AnswerError("pick one option first")
        picked = {answer}
    unknown = picked - by_id.keys()
    if unknown:
        raise AnswerError(f"unknown option id(s): {', '.join(sorted(map(str, unknown)))}")
    if not picked and not isinstance(q, MultipleQuestion):
        raise AnswerError("pick one option first")
    if not picked:
        raise AnswerError("tick at least one option first")
    right = {o.id for o in q.options if o.correct}
    if isinstance(q, MultipleQuestion):
        hits, false = len(picked & right), len(picked - right)
        if q.partial == "none":
            score = 1.0 if picked == right else 0.0
        elif q.partial == "proportional":
            judged_right = sum((o.id in picked) == o.correct for o in q.options)
            score = judged_right / len(q.options)
        else:
            score = max(0.0, (hits - false) / len(right))
    else:
        score = 1.0 if picked <= right else 0.0
    done = score >= 1 - _EPS or attempts_left == 0
    # Before the question is finished, only the options the learner picked get
    # feedback: telling them about a missed right option would give it away.
    shown = [o for o in q.options if o.id in picked or (done and q.reveal and o.correct)]
    feedback = [Feedback(o.text, o.feedback, (o.id in picked) == o.correct) for o in shown]
    summary = ""
    if isinstance(q, MultipleQuestion) and not done:
        summary = f"{hits} of your {len(picked)} ticks {'is' if hits == 1 else 'are'} right."
    revealed = "; ".join(o.text for o in q.options if o.correct)
    return _finish(q, score, feedback, attempts_left, revealed, summary)


def _check_ordering(q: OrderingQuestion, answer: Any, attempts_left: int) -> Result:
    order = list(answer) if answer is not None else []
    ids = [i.id for i in q.items]
    if sorted(order) != sorted(ids):
        raise AnswerError("use every step exactly once")
    by_id = {i.id: i for i in q.items}
    in_place = [a == b for a, b in zip(order, q.answer)]
    n_right = sum(in_place)
    score = n_right / len(ids) if q.partial == "position" else float(n_right == len(ids))
    done = n_right == len(ids) or attempts_left == 0
    feedback = []
    for pos, (iid, ok) in enumerate(zip(order, in_place), start=1):
        # A misplaced step's feedback says where it belongs, so it waits until the end.
        text = by_id[iid].feedback if ok or (done and q.reveal) else "Not in the right place yet."
        feedback.append(Feedback(f"{pos}. {by_id[iid].text}", text, ok))
    revealed = " → ".join(by_id[i].text for i in q.answer)
    summary = f"{n_right} of {len(ids)} in the right place."
    return _finish(q, score, feedback, attempts_left, revealed, summary)


def _check_matching(q: MatchingQuestion, answer: Any, attempts_left: int) -> Result:
    if not isinstance(answer, Mapping):
        raise AnswerError("match every item (a mapping of left id to right id)")
    right = {i.id: i for i in q.right}
    missing = [l.text for l in q.left if answer.get(l.id) is None]
    if missing:
        raise AnswerError(f"choose a match for every item ({len(missing)} left to do)")
    unknown = [v for v in answer.values() if v not in right]
    if unknown:
        raise AnswerError(f"unknown choice(s): {', '.join(map(str, unknown))}")
    oks = [answer[l.id] == q.answer[l.id] for l in q.left]
    n_right = sum(oks)
    score = n_right / len(q.left) if q.partial == "proportional" else float(n_right == len(q.left))
    done = n_right == len(q.left) or attempts_left == 0
    feedback = []
    for l, ok in zip(q.left, oks):
        text = l.feedback if ok or (done and q.reveal) else "Not this one; think again about what this customer needs."
        feedback.append(Feedback(f"{l.text} → {right[answer[l.id]].text}", text, ok))
    revealed = "; ".join(f"{l.text} → {right[q.answer[l.id]].text}" for l in q.left)
    summary = f"{n_right} of {len(q.left)} matched."
    return _finish(q, score, feedback, attempts_left, revealed, summary)


def _check_free_text(q: FreeTextQuestion, answer: Any, attempts_left: int, judge: Callable | None) -> Result:
    if not isinstance(answer, str) or not answer.strip():
        raise AnswerError("write a reply first")
    if judge is None:
        from ..coach import judge  # lazy: only free-text questions need the coach
    j = judge(answer, require=tuple(q.require), forbid=tuple(q.forbid), customer=q.customer)
    assessed = getattr(getattr(j, "assessment", None), "score", None)
    score = float(assessed) if assessed is not None else (1.0 if j.passed else 0.0)
    # The coach decides pass/fail; a pass counts as fully right even if its
    # graded assessment is below 1 (style points are not the criterion).
    if j.passed:
        score = 1.0
    elif score >= 1 - _EPS:
        score = 0.99
    html_fn = getattr(j, "_repr_html_", None)
    coach_html = html_fn() if callable(html_fn) else None
    summary = str(getattr(j, "message", "") or "")
    return _finish(q, score, (), attempts_left, q.model_answer, summary, coach_html)


def check(question, answer: Any, attempts_left: int, judge: Callable | None = None) -> Result:
    """Check ``answer`` as one attempt, with ``attempts_left`` counted *after* this attempt.

    Raises :class:`AnswerError` for a malformed answer (no attempt should be used).
    ``judge`` replaces the reply coach for free-text questions (tests).
    """
    if isinstance(question, (SingleQuestion, MultipleQuestion, JudgementQuestion)):
        return _check_choice(question, answer, attempts_left)
    if isinstance(question, OrderingQuestion):
        return _check_ordering(question, answer, attempts_left)
    if isinstance(question, MatchingQuestion):
        return _check_matching(question, answer, attempts_left)
    if isinstance(question, FreeTextQuestion):
        return _check_free_text(question, answer, attempts_left, judge)
    raise TypeError(f"unknown question type {type(question).__name__}")


@dataclass
class QuestionState:
    """Attempts used and the last result of one question in a session."""

    used: int = 0
    last: Result | None = None


@dataclass
class QuizSession:
    """A learner working through a bank (or some of its questions), one attempt at a time.

    ``record`` is called with each result (the progress store hook); errors it
    raises propagate, so a failed save is never silent.
    """

    bank: QuizBank
    only: Sequence[str] | None = None
    seed: int | str | None = None
    record: Callable[[Any, Any, Result], None] | None = None
    judge: Callable | None = None
    index: int = 0
    states: dict[str, QuestionState] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.only is not None:
            unknown = [q for q in self.only if q not in {x.id for x in self.bank.questions}]
            if unknown:
                raise KeyError(f"{self.bank.module} has no question(s) {', '.join(unknown)}")
            self.questions = [self.bank.question(qid) for qid in self.only]
        else:
            self.questions = list(self.bank.questions)
        self.states = {q.id: QuestionState() for q in self.questions}

    @property
    def current(self):
        """The question now on screen."""
        return self.questions[self.index]

    def present(self, qid: str | None = None) -> Presented:
        """The current (or named) question as the learner may see it."""
        q = self.current if qid is None else self.bank.question(qid)
        return present(q, self.bank.seed if self.seed is None else self.seed)

    def attempts_left(self, qid: str | None = None) -> int:
        """Attempts still allowed on the current (or named) question."""
        q = self.current if qid is None else self.bank.question(qid)
        st = self.states[q.id]
        if st.last is not None and st.last.correct:
            return 0
        return q.attempts - st.used

    def check(self, answer: Any, qid: str | None = None) -> Result:
        """Check an answer to the current (or named) question, using one attempt."""
        q = self.current if qid is None else self.bank.question(qid)
        st = self.states[q.id]
        if self.attempts_left(q.id) <= 0:
            raise NoAttemptsLeft(f"question {q.id} is finished")
        result = check(q, answer, q.attempts - st.used - 1, judge=self.judge)
        st.used += 1
        st.last = result
        if self.record is not None:
            self.record(q, answer, result)
        return result

    def hint(self, qid: str | None = None) -> str | None:
        """The hint for the current (or named) question."""
        return hint(self.current if qid is None else self.bank.question(qid))

    def next(self) -> bool:
        """Move to the next question; False if this was the last."""
        if self.index + 1 < len(self.questions):
            self.index += 1
            return True
        return False

    @property
    def done(self) -> int:
        """Questions finished (right, or out of attempts)."""
        return sum(1 for s in self.states.values() if s.last is not None and s.last.finished)

    @property
    def right(self) -> int:
        """Questions answered right."""
        return sum(1 for s in self.states.values() if s.last is not None and s.last.correct)

    @property
    def total_score(self) -> float:
        """Sum of each question's last score."""
        return sum(s.last.score for s in self.states.values() if s.last is not None)

    def progress_line(self) -> str:
        """E.g. ``Question 2 of 8 · 1 right so far``."""
        return f"Question {self.index + 1} of {len(self.questions)} · {self.right} right so far"
