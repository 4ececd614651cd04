"""Quiz widgets in the kernel: what their traits hold before and after Check.

The browser test proves the same on the wire; these tests pin it down for
every question of every shipped bank, quickly.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ipywidgets = pytest.importorskip("ipywidgets")
from ipywidgets.widgets import widget as _w  # noqa: E402

from unruffled.content.quiz import (  # noqa: E402
    MatchingQuestion,
    OrderingQuestion,
    load_bank,
)
from unruffled.quiz.widget import QuizWidget, question, quiz  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
BANKS = ["01-who-is-difficult", "02-your-side-of-the-counter", "03-let-them-vent"]


def synced_state(since: set) -> str:
    """Every trait of every widget created since ``since``, as JSON text."""
    return json.dumps([w.get_state() for k, w in list(_w._instances.items()) if k not in since],
                      ensure_ascii=False, default=str)


def all_questions():
    for name in BANKS:
        bank = load_bank(ROOT / "assets" / "quizzes" / f"{name}.yaml")
        for q in bank.questions:
            yield pytest.param(bank, q, id=f"{name}:{q.id}")


@pytest.mark.parametrize("bank,q", list(all_questions()))
def test_no_trait_marks_the_key_before_check(bank, q, quiz_secrets):
    before = set(_w._instances)
    question(bank, q.id, save=False)
    state = synced_state(before)
    for text in quiz_secrets(q):
        assert text not in state
    assert '"correct"' not in state and "correct:" not in state.lower()


def right_answer(q):
    if isinstance(q, OrderingQuestion):
        return list(q.answer)
    if isinstance(q, MatchingQuestion):
        return dict(q.answer)
    if q.type == "multiple":
        return [o.id for o in q.options if o.correct]
    return next(o.id for o in q.options if o.correct)


def set_answer(view: QuizWidget, answer) -> None:
    p = view.panel
    if p.p.type in ("single", "judgement"):
        p.radio.value = answer
    elif p.p.type == "multiple":
        for c, b in zip(p.p.choices, p.boxes):
            b.value = c.id in answer
    elif p.p.type == "ordering":
        for d, iid in zip(p.drops, answer):
            d.value = iid
    elif p.p.type == "matching":
        for lid, d in p.pairs:
            d.value = answer[lid]
    else:
        p.text.value = answer


@pytest.fixture
def bank1():
    return load_bank(ROOT / "assets" / "quizzes" / "01-who-is-difficult.yaml")


def test_check_right_answer_shows_correct_and_explanation(bank1):
    view = question(bank1, "q1", save=False)
    set_answer(view, "both")
    view.on_check()
    assert "✓ Correct" in view.feedback.value
    assert "There is no single difficult type" in view.feedback.value
    assert view.check_button.disabled


def test_check_wrong_answer_shows_not_quite_and_keeps_key(bank1):
    view = question(bank1, "q1", save=False)
    set_answer(view, "priya")
    view.on_check()
    assert "✗ Not quite" in view.feedback.value
    assert "Rudeness is one kind" in view.feedback.value
    assert bank1.question("q1").explanation not in view.feedback.value
    assert not view.retry_button.disabled


def test_check_without_answer_asks_for_one_and_uses_no_attempt(bank1):
    view = question(bank1, "q1", save=False)
    view.on_check()
    assert "Pick one option first" in view.feedback.value
    assert view.session.attempts_left() == 2


def test_try_again_clears_selection(bank1):
    view = question(bank1, "q1", save=False)
    set_answer(view, "priya")
    view.on_check()
    view.on_retry()
    assert view.panel.radio.value is None and "1 try left" in view.feedback.value


def test_hint_is_sent_only_when_asked(bank1):
    view = question(bank1, "q1", save=False)
    assert view.hint_area.value == ""
    view.on_hint()
    assert bank1.question("q1").hint in view.hint_area.value


def test_next_moves_on_and_updates_progress_line(bank1):
    view = quiz(bank1, only=["q1", "q6"], save=False)
    assert "Question 1 of 2" in view.progress.value
    view.on_next()
    assert "Question 2 of 2" in view.progress.value and view.next_button.disabled


def test_every_control_has_a_label(bank1):
    for qid in ("q1", "q2", "q3"):
        view = question(bank1, qid, save=False)
        for w in view.panel._inputs():
            assert w.description.strip(), f"{qid}: {type(w).__name__} has no label"


def test_check_records_attempt_in_store(bank1, tmp_path):
    from unruffled.progress.store import ProgressStore

    store = ProgressStore(tmp_path / "p.sqlite3")
    view = question(bank1, "q1", store=store, learner="ana")
    set_answer(view, "both")
    view.on_check()
    (att,) = store.attempts()
    assert (att.learner, att.module, att.item_id, att.answer, att.score, att.syllabus) == (
        "ana", "01-who-is-difficult", "q1", "both", 1.0, ("WHO-2",))


def test_failed_save_is_shown_not_hidden(bank1):
    class Broken:
        def record(self, *a, **k):
            raise OSError("disk full")

        def default_learner(self):
            return "ana"

    view = question(bank1, "q1", store=Broken())
    set_answer(view, "both")
    view.on_check()
    assert "✓ Correct" in view.feedback.value and "could not be saved" in view.feedback.value


@pytest.mark.parametrize("bank,q", [p for p in all_questions() if "free_text" not in str(p.values[1].type)])
def test_right_answer_is_correct_for_every_shipped_question(bank, q):
    view = question(bank, q.id, save=False)
    set_answer(view, right_answer(q))
    view.on_check()
    assert "✓ Correct" in view.feedback.value


def test_show_quiz_resolves_bank_by_name(monkeypatch):
    monkeypatch.chdir(ROOT / "tests")
    view = quiz("03-let-them-vent", only=["q1"], save=False)
    assert view.session.bank.module == "03-let-them-vent"
