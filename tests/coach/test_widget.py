"""The coach widget builds, is labelled, and updates on click (no browser needed)."""

import pytest

pytest.importorskip("ipywidgets")

from unruffled.coach.widget import ReplyCoach, coach_widget  # noqa: E402


def test_widget_has_labelled_controls():
    w = ReplyCoach("My order is late!", require=["empathy"])
    assert w.reply.description == "Your reply" and w.check.description == "Check my reply" and w.check.tooltip


def test_widget_shows_the_customer_line_escaped():
    w = ReplyCoach("<b>late</b> again!", require=["empathy"])
    assert "&lt;b&gt;late" in w.customer.value


def test_click_renders_the_judgement():
    w = ReplyCoach("My order is late!", require=["apology"], forbid=["calm_down"])
    w.reply.value = "I'm so sorry it's late."
    w.check.click()
    assert w.last.passed and "\u2713 Passed" in w.feedback.value


def test_click_on_empty_reply_shows_the_notice():
    w = ReplyCoach("My order is late!", require=["apology"])
    w.check.click()
    assert "empty" in w.feedback.value


def test_feedback_escapes_the_reply():
    w = ReplyCoach("Hi", forbid=["hostility"])
    w.reply.value = "<script>alert(1)</script> sorry"
    w.check.click()
    assert "<script>" not in w.feedback.value


def test_unknown_criterion_fails_when_building():
    with pytest.raises(ValueError):
        coach_widget("Hi", require=["kindness"])
