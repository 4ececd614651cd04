"""judge() and check_reply(): the verdicts quizzes, role-plays and nbgrader use."""

import dataclasses

import pytest

from unruffled.coach import check_reply, judge

GOOD = "I'm so sorry your order arrived broken, that must be really annoying. I'll send a new one today."


def test_judge_passes_when_required_shown_and_forbidden_absent():
    j = judge(GOOD, require=["empathy", "apology"], forbid=["calm_down"])
    assert j.passed and j.missing == [] and j.violated == []


def test_judge_lists_missing_required_criteria():
    j = judge(GOOD, require=["empathy", "follow_up"])
    assert not j.passed and j.missing == ["follow_up"]


def test_judge_lists_violated_forbidden_criteria():
    j = judge("Calm down, it's only a parcel.", forbid=["calm_down", "blame"])
    assert not j.passed and j.violated == ["calm_down"]


def test_judge_message_quotes_the_evidence_of_a_violation():
    assert "Calm down" in judge("Calm down, please.", forbid=["calm_down"]).message


def test_judge_message_names_what_is_missing():
    assert "follow-up" in judge(GOOD, require=["follow_up"]).message


def test_judge_keeps_the_assessment():
    assert judge(GOOD, require=["empathy"]).assessment.criteria["empathy"].met


def test_judgement_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        judge(GOOD).passed = False


def test_unknown_criterion_raises_value_error_naming_it():
    with pytest.raises(ValueError, match="'kindness'"):
        judge(GOOD, require=["empathy", "kindness"])


def test_criterion_both_required_and_forbidden_is_an_error():
    with pytest.raises(ValueError, match="both required and forbidden"):
        judge(GOOD, require=["apology"], forbid=["apology"])


def test_judge_accepts_a_single_id_as_a_string():
    assert judge(GOOD, require="apology").passed


def test_judgement_has_html():
    assert "Passed" in judge(GOOD, require=["apology"])._repr_html_()


def test_check_reply_returns_none_when_fine():
    assert check_reply(GOOD, require=["empathy"], forbid=["blame"]) is None


def test_check_reply_names_missing_criterion_and_advice():
    with pytest.raises(AssertionError) as err:
        check_reply(GOOD, require=["clarifying_question"])
    msg = str(err.value)
    assert "Missing: a clarifying question" in msg and "open question" in msg


def test_check_reply_quotes_evidence_of_violation():
    with pytest.raises(AssertionError) as err:
        check_reply("You should have read the instructions.", forbid=["blame"])
    msg = str(err.value)
    assert "To avoid: blaming the customer" in msg and "\u201cYou should have\u201d" in msg


def test_check_reply_unknown_criterion_is_value_error_not_assertion():
    with pytest.raises(ValueError):
        check_reply(GOOD, require=["kindness"])
