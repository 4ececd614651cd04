"""Odd input never crashes the coach; it explains itself instead."""

import pytest

from unruffled.coach import assess, check_reply, judge


@pytest.mark.parametrize("reply", ["", "   ", "\n\t "])
def test_empty_reply_gets_a_notice_and_zero_score(reply):
    a = assess(reply)
    assert a.notice and "empty" in a.notice.lower() and a.score == 0 and not a.judged


def test_empty_reply_fails_judge_with_the_notice_as_message():
    j = judge("  ", require=["empathy"])
    assert not j.passed and "empty" in j.message.lower()


def test_check_reply_on_empty_reply_says_it_is_empty():
    with pytest.raises(AssertionError, match="^Your reply is empty"):
        check_reply("   ", require=["empathy"])


def test_hundred_thousand_characters_do_not_crash():
    a = assess("I'm sorry about the wait. " * 4000)
    assert a.criteria["apology"].met and a.notice and "first" in a.notice


def test_emoji_only_reply_is_judged_without_crash():
    a = assess("\U0001F600\U0001F44D\U0001F64F")
    assert a.judged and a.score == 0


def test_emoji_inside_english_reply_keeps_evidence_exact():
    reply = "So sorry \U0001F64F I'll send a new one today \U0001F4E6"
    a = assess(reply)
    assert a.criteria["apology"].met and all(e in reply for e in a.criteria["next_step"].evidence)


@pytest.mark.parametrize("reply", [
    "Olen todella pahoillani, että tilauksesi myöhästyi. Lähetämme uuden huomenna.",
    "주문이 늦어져서 정말 죄송합니다. 내일 새 제품을 보내드리겠습니다.",
    "非常抱歉给您带来不便，我们明天会给您寄一个新的。",
])
def test_non_english_reply_gets_a_notice_not_a_verdict(reply):
    a = assess(reply)
    assert not a.judged and "English" in a.notice and not a.strengths and not a.pitfalls


def test_non_english_reply_fails_check_reply_with_the_notice():
    with pytest.raises(AssertionError, match="English"):
        check_reply("Olen todella pahoillani, että tilauksesi myöhästyi.", require=["apology"])


def test_none_reply_is_treated_as_empty():
    assert assess(None).notice


def test_non_text_reply_raises_type_error():
    with pytest.raises(TypeError):
        assess(42)


def test_short_english_reply_without_common_words_is_still_judged():
    assert assess("Calm down, relax.").criteria["calm_down"].met
