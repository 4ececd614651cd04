"""The quiz engine, tested with small inline banks."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field

import pytest

from unruffled.content.quiz import QuizBank
from unruffled.quiz.engine import CORRECT, PARTLY, WRONG, AnswerError, NoAttemptsLeft, QuizSession, check, present


def opt(id, correct=False, text=None):
    return {"id": id, "text": text or f"Option {id}", "correct": correct, "feedback": f"feedback {id}"}


BASE = {"syllabus": ["WHO-2"], "prompt": "Prompt?", "explanation": "Because reasons."}


def bank(*questions, seed=3):
    return QuizBank.model_validate({"module": "01-who-is-difficult", "title": "T", "seed": seed,
                                    "questions": list(questions)})


def single(**kw):
    return {**BASE, "id": "s", "type": "single", "options": [opt("a", True), opt("b"), opt("c"), opt("d")], **kw}


def multiple(partial="right_minus_wrong", **kw):
    return {**BASE, "id": "m", "type": "multiple", "partial": partial,
            "options": [opt("a", True), opt("b", True), opt("c"), opt("d")], **kw}


def ordering(partial="position", **kw):
    items = [{"id": x, "text": f"Step {x}", "feedback": f"why {x}"} for x in "wxyz"]
    return {**BASE, "id": "o", "type": "ordering", "items": items, "answer": list("wxyz"), "partial": partial, **kw}


def matching(**kw):
    return {**BASE, "id": "mt", "type": "matching",
            "left": [{"id": "l1", "text": "Line 1", "feedback": "fb l1"}, {"id": "l2", "text": "Line 2", "feedback": "fb l2"}],
            "right": [{"id": "r1", "text": "R1"}, {"id": "r2", "text": "R2"}, {"id": "r3", "text": "R3"}],
            "answer": {"l1": "r1", "l2": "r2"}, **kw}


def judgement(**kw):
    return {**BASE, "id": "j", "type": "judgement",
            "exchange": [{"speaker": "customer", "text": "This is the third time!"}, {"speaker": "agent", "text": "Calm down."}],
            "options": [opt("a", True), opt("b")], **kw}


def free_text(**kw):
    return {**BASE, "id": "f", "type": "free_text", "customer": "You lost my parcel!", "require": ["empathy"],
            "forbid": ["calm_down"], "model_answer": "I'm sorry, that is annoying. Let me look.", **kw}


def q(d):
    return bank(d).questions[0]


# -- presenting ---------------------------------------------------------

def test_present_shuffles_reproducibly():
    a = present(q(single()), seed=1)
    b = present(q(single()), seed=1)
    assert a.choices == b.choices


def test_present_order_depends_on_seed():
    orders = {tuple(c.id for c in present(q(single()), seed=s).choices) for s in range(10)}
    assert len(orders) > 1


def test_present_keeps_order_when_shuffle_off():
    assert [c.id for c in present(q(single(shuffle=False)), seed=5).choices] == list("abcd")


def test_present_carries_nothing_that_marks_the_key():
    p = present(q(single(hint="Think.")))
    text = repr(p)
    assert "feedback" not in text and "correct" not in text.lower() and "Because reasons" not in text
    assert "Think." not in text and p.has_hint


def test_present_ordering_never_starts_in_the_right_order():
    for seed in range(30):
        assert [c.id for c in present(q(ordering()), seed=seed).choices] != list("wxyz")


def test_present_matching_lists_left_and_targets():
    p = present(q(matching()))
    assert {c.id for c in p.left} == {"l1", "l2"} and {c.id for c in p.choices} == {"r1", "r2", "r3"}


def test_present_judgement_includes_the_exchange():
    assert present(q(judgement())).exchange[1] == ("agent", "Calm down.")


def test_present_html_escapes_text():
    assert "&lt;b&gt;" in present(q(single(prompt="<b>hi</b>")))._repr_html_()


# -- single -------------------------------------------------------------

def test_single_right_answer_scores_one_with_its_feedback():
    r = check(q(single()), "a", attempts_left=1)
    assert (r.score, r.correct, r.headline) == (1.0, True, CORRECT)
    assert [f.text for f in r.feedback] == ["feedback a"]
    assert r.explanation == "Because reasons."


def test_single_wrong_answer_with_tries_left_hides_the_key():
    r = check(q(single()), "b", attempts_left=1)
    assert (r.score, r.correct, r.headline) == (0.0, False, WRONG)
    assert [f.text for f in r.feedback] == ["feedback b"]
    assert r.explanation is None and r.revealed is None and not r.finished


def test_single_wrong_on_last_attempt_reveals_when_allowed():
    r = check(q(single()), "b", attempts_left=0)
    assert r.revealed == "Option a" and r.explanation == "Because reasons."
    assert {f.text for f in r.feedback} == {"feedback a", "feedback b"}


def test_single_wrong_on_last_attempt_keeps_key_when_reveal_off():
    r = check(q(single(reveal=False)), "b", attempts_left=0)
    assert r.revealed is None and r.explanation is None and [f.text for f in r.feedback] == ["feedback b"]


def test_single_rejects_missing_answer():
    with pytest.raises(AnswerError):
        check(q(single()), None, attempts_left=1)


def test_single_rejects_unknown_option():
    with pytest.raises(AnswerError, match="unknown"):
        check(q(single()), "zz", attempts_left=1)


# -- multiple -----------------------------------------------------------

@pytest.mark.parametrize("partial,picked,score", [
    ("none", {"a", "b"}, 1.0),
    ("none", {"a"}, 0.0),
    ("proportional", {"a"}, 0.75),
    ("proportional", {"a", "c"}, 0.5),
    ("right_minus_wrong", {"a"}, 0.5),
    ("right_minus_wrong", {"a", "c"}, 0.0),
    ("right_minus_wrong", {"c", "d"}, 0.0),
    ("right_minus_wrong", {"a", "b"}, 1.0),
])
def test_multiple_partial_credit_rules(partial, picked, score):
    assert check(q(multiple(partial)), picked, attempts_left=1).score == pytest.approx(score)


def test_multiple_part_right_says_partly():
    assert check(q(multiple()), ["a"], attempts_left=1).headline == PARTLY


def test_multiple_rejects_empty_selection():
    with pytest.raises(AnswerError):
        check(q(multiple()), [], attempts_left=1)


def test_multiple_before_the_end_gives_feedback_only_on_ticked_options():
    r = check(q(multiple()), ["a", "c"], attempts_left=1)
    assert [f.label for f in r.feedback] == ["Option a", "Option c"]
    assert [f.ok for f in r.feedback] == [True, False]


# -- ordering -----------------------------------------------------------

def test_ordering_scores_by_position():
    r = check(q(ordering()), list("wxzy"), attempts_left=1)
    assert r.score == 0.5 and r.summary == "2 of 4 in the right place."


def test_ordering_none_partial_is_all_or_nothing():
    assert check(q(ordering("none")), list("wxzy"), attempts_left=1).score == 0.0


def test_ordering_hides_misplaced_steps_reasons_until_finished():
    r = check(q(ordering()), list("wxzy"), attempts_left=1)
    assert [f.text for f in r.feedback] == ["why w", "why x", "Not in the right place yet.", "Not in the right place yet."]


def test_ordering_reveals_order_after_last_attempt():
    r = check(q(ordering()), list("xwyz"), attempts_left=0)
    assert r.revealed == "Step w → Step x → Step y → Step z"


def test_ordering_rejects_a_step_used_twice():
    with pytest.raises(AnswerError, match="exactly once"):
        check(q(ordering()), list("wwyz"), attempts_left=1)


# -- matching -----------------------------------------------------------

def test_matching_proportional_score():
    r = check(q(matching()), {"l1": "r1", "l2": "r3"}, attempts_left=1)
    assert r.score == 0.5 and [f.ok for f in r.feedback] == [True, False]


def test_matching_all_right_is_correct():
    assert check(q(matching()), {"l1": "r1", "l2": "r2"}, attempts_left=1).correct


def test_matching_rejects_unmatched_item():
    with pytest.raises(AnswerError, match="every item"):
        check(q(matching()), {"l1": "r1", "l2": None}, attempts_left=1)


# -- judgement ----------------------------------------------------------

def test_judgement_scores_like_single():
    assert check(q(judgement()), "a", attempts_left=0).correct
    assert not check(q(judgement()), "b", attempts_left=1).correct


# -- free text ----------------------------------------------------------

@dataclass
class FakeAssessment:
    score: float


@dataclass
class FakeJudgement:
    passed: bool
    missing: tuple = ()
    violated: tuple = ()
    message: str = ""
    assessment: FakeAssessment = field(default_factory=lambda: FakeAssessment(0.0))

    def _repr_html_(self):
        return "<p>coach says hi</p>"


def fake_judge(calls):
    def judge(reply, require=(), forbid=(), customer=None):
        calls.append((reply, require, forbid, customer))
        ok = "sorry" in reply.lower()
        return FakeJudgement(ok, () if ok else ("empathy",), (), "Nice." if ok else "Show empathy first.",
                             FakeAssessment(0.8 if ok else 0.2))
    return judge


def test_free_text_passes_criteria_to_the_coach():
    calls = []
    check(q(free_text()), "I'm sorry", attempts_left=1, judge=fake_judge(calls))
    assert calls == [("I'm sorry", ("empathy",), ("calm_down",), "You lost my parcel!")]


def test_free_text_pass_is_correct_and_shows_coach_html():
    r = check(q(free_text()), "I'm so sorry", attempts_left=1, judge=fake_judge([]))
    assert r.correct and r.score == 1.0 and r.coach_html == "<p>coach says hi</p>"


def test_free_text_fail_uses_assessment_score_and_message():
    r = check(q(free_text()), "Calm down", attempts_left=1, judge=fake_judge([]))
    assert (r.correct, r.score, r.summary) == (False, 0.2, "Show empathy first.")


def test_free_text_reveals_model_answer_after_last_attempt():
    r = check(q(free_text()), "Calm down", attempts_left=0, judge=fake_judge([]))
    assert r.revealed == "I'm sorry, that is annoying. Let me look."


def test_free_text_rejects_blank_reply():
    with pytest.raises(AnswerError):
        check(q(free_text()), "   ", attempts_left=1, judge=fake_judge([]))


# -- results ------------------------------------------------------------

def test_result_is_frozen():
    r = check(q(single()), "a", attempts_left=1)
    with pytest.raises(AttributeError):
        r.score = 0


def test_result_html_says_correct_in_words_and_symbol():
    html = check(q(single()), "a", attempts_left=1)._repr_html_()
    assert "✓ Correct" in html and 'aria-live="polite"' in html


def test_result_html_counts_tries_left():
    html = check(q(single()), "b", attempts_left=1)._repr_html_()
    assert "✗ Not quite" in html and "1 more try" in html


# -- session ------------------------------------------------------------

def test_session_counts_attempts_and_stops_at_zero():
    s = QuizSession(bank(single(attempts=2)))
    assert s.check("b").attempts_left == 1
    assert s.check("c").attempts_left == 0
    with pytest.raises(NoAttemptsLeft):
        s.check("a")


def test_session_malformed_answer_uses_no_attempt():
    s = QuizSession(bank(single(attempts=2)))
    with pytest.raises(AnswerError):
        s.check(None)
    assert s.attempts_left() == 2


def test_session_right_answer_finishes_question():
    s = QuizSession(bank(single(attempts=2)))
    s.check("a")
    assert s.attempts_left() == 0 and s.done == 1 and s.right == 1


def test_session_only_selects_and_orders_questions():
    s = QuizSession(bank(single(), multiple(), ordering()), only=["o", "s"])
    assert [x.id for x in s.questions] == ["o", "s"]


def test_session_only_rejects_unknown_ids():
    with pytest.raises(KeyError, match="nope"):
        QuizSession(bank(single()), only=["nope"])


def test_session_records_every_check():
    seen = []
    s = QuizSession(bank(single()), record=lambda q, a, r: seen.append((q.id, a, r.score)))
    s.check("b")
    s.check("a")
    assert seen == [("s", "b", 0.0), ("s", "a", 1.0)]


def test_session_next_and_progress_line():
    s = QuizSession(bank(single(), multiple()))
    s.check("a")
    assert s.next() and s.progress_line() == "Question 2 of 2 · 1 right so far"
    assert not s.next()


def test_session_uses_bank_seed():
    s = QuizSession(bank(single(), seed=11))
    assert s.present() == present(q(single()), seed=11)


def test_engine_does_not_import_ipywidgets():
    code = ("import sys, unruffled.quiz, unruffled.quiz.engine, unruffled.content.quiz; "
            "assert 'ipywidgets' not in sys.modules, 'ipywidgets imported'")
    subprocess.run([sys.executable, "-c", code], check=True)
