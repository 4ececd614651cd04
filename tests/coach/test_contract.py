"""The public contract of the reply coach: ids, result shapes, evidence, score, HTML."""

import dataclasses
import subprocess
import sys

import pytest

from unruffled.coach import CRITERIA, PITFALLS, STRENGTHS, assess, default_lexicon, judge

REPLIES = [
    "I can see why that's frustrating, and I'm sorry. I'll send a replacement today and call you on Friday to check it arrived.",
    "Calm down. You should have read the manual, it's not that hard.",
    "I guarantee it will never happen again, 100%.",
    "So if I understand correctly, the parcel came damaged? Would you prefer a refund or a new one?",
]


def test_criterion_ids_are_exactly_the_contract():
    assert STRENGTHS == ("empathy", "apology", "clarifying_question", "mirroring", "agree_first", "options", "next_step", "follow_up")
    assert PITFALLS == ("calm_down", "blame", "excuse", "over_promise", "condescension", "hostility")
    assert set(assess("Thanks for waiting.").criteria) == set(CRITERIA)


@pytest.mark.parametrize("reply", REPLIES)
def test_evidence_is_exact_substrings_of_the_reply(reply):
    for result in assess(reply).criteria.values():
        for ev in result.evidence:
            assert ev in reply


@pytest.mark.parametrize("reply", REPLIES)
def test_met_exactly_when_there_is_evidence(reply):
    for result in assess(reply).criteria.values():
        assert result.met == bool(result.evidence)


@pytest.mark.parametrize("reply", REPLIES)
def test_score_is_between_zero_and_one(reply):
    assert 0.0 <= assess(reply).score <= 1.0


def test_good_reply_scores_higher_than_bad_reply():
    assert assess(REPLIES[0]).score > assess(REPLIES[1]).score


def test_every_result_has_one_sentence_of_advice():
    for result in assess(REPLIES[0]).criteria.values():
        assert result.advice.strip() and result.advice.count(". ") == 0


def test_assessment_and_results_are_frozen():
    a = assess(REPLIES[0])
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.score = 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.criteria["empathy"].met = False


def test_html_escapes_script_in_reply():
    html = assess("<script>alert('x')</script> I'm sorry about that.")._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_html_highlights_evidence_with_marks_and_words():
    html = assess("I'm sorry about that.")._repr_html_()
    assert "<mark" in html and "sorry" in html and "\u2713" in html and "shown" in html


def test_html_uses_jupyterlab_css_variables():
    assert "var(--jp-ui-font-color1" in assess("I'm sorry.")._repr_html_()


def test_judgement_html_escapes_user_text():
    html = judge("<img src=x onerror=alert(1)> sorry", require=["apology"])._repr_html_()
    assert "<img" not in html


def test_every_criterion_maps_to_syllabus_ids_in_the_manifest(repo_root):
    from unruffled.content import load_manifest

    ids = load_manifest(repo_root / "course" / "syllabus.yaml").ids
    lex = default_lexicon()
    for c in CRITERIA:
        assert lex.syllabus(c) and set(lex.syllabus(c)) <= ids


def test_calm_down_maps_to_vent_2_and_over_promise_to_agree_4():
    lex = default_lexicon()
    assert "VENT-2" in lex.syllabus("calm_down") and "AGREE-4" in lex.syllabus("over_promise")


def test_importing_the_coach_does_not_import_ipywidgets():
    code = "import sys, unruffled.coach; unruffled.coach.assess('sorry'); print('ipywidgets' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"


def test_default_lexicon_is_loaded_once():
    assert default_lexicon() is default_lexicon()
