"""The role-play widget in the kernel: what it shows, what it keeps back, what it records."""

import pytest

pytest.importorskip("ipywidgets")

from unruffled.roleplay.widget import RolePlay, mood_meter_html


def visible(rp):
    return [b for b in rp._buttons if b.layout.display != "none"]


def test_reply_buttons_are_lettered_with_the_reply_text(tiny):
    rp = RolePlay(tiny, record=False)
    assert [b.description for b in visible(rp)] == ["A. Calm down.", "B. Tell me everything."]


def test_reply_buttons_have_tooltips(tiny):
    assert RolePlay(tiny, record=False)._buttons[0].tooltip == "Reply A: Calm down."


def test_unused_buttons_are_hidden(tiny):
    assert len(visible(RolePlay(tiny, record=False))) == 2


def test_no_feedback_or_next_node_is_in_widget_state_before_choosing(tiny):
    rp = RolePlay(tiny, record=False)
    state = str([w.get_state() for w in [rp._header, rp._mood, rp._chat, rp._feedback, rp._debrief, rp._export, *rp._buttons]])
    assert "Never say calm down" not in state and "Good: let them vent" not in state
    assert "'ask'" not in state


def test_clicking_a_reply_shows_its_feedback_and_mood_change(tiny):
    rp = RolePlay(tiny, record=False)
    rp._buttons[0].click()
    assert "Never say calm down." in rp._feedback.value and "Mood went down by 2" in rp._feedback.value


def test_feedback_region_is_polite_live(tiny):
    rp = RolePlay(tiny, record=False)
    rp._buttons[1].click()
    assert 'aria-live="polite"' in rp._feedback.value


def test_chat_shows_persona_and_learner_bubbles(tiny):
    rp = RolePlay(tiny, record=False)
    rp._buttons[1].click()
    assert "Pat:</span> It leaks!" in rp._chat.value and "You:</span> Tell me everything." in rp._chat.value


def test_mood_meter_is_a_progressbar_with_text():
    out = mood_meter_html(-2, -5, 5, "annoyed")
    assert 'role="progressbar"' in out and 'aria-valuenow="-2"' in out
    assert 'aria-valuetext="Mood: annoyed (-2 of -5 to +5)"' in out
    assert ">Mood: annoyed (-2 of -5 to +5)<" in out


def test_debrief_and_export_links_appear_at_the_end(tiny):
    rp = RolePlay(tiny, record=False)
    rp._buttons[1].click()
    rp._buttons[1].click()  # promise -> escalated
    assert "Debrief: Tiny" in rp._debrief.value
    assert 'download="tiny-debrief.md"' in rp._export.value and "data:text/markdown" in rp._export.value


def test_restart_clears_the_debrief_and_shows_the_start(tiny):
    rp = RolePlay(tiny, record=False)
    rp._buttons[1].click()
    rp._buttons[1].click()
    rp._restart.click()
    assert (rp._debrief.value, rp.conversation.current().node_id) == ("", "open")


def test_typed_reply_box_shows_only_on_free_text_nodes(typed, tiny, judge_calls):
    assert RolePlay(typed, judge=judge_calls, record=False)._typed.layout.display is None
    assert RolePlay(tiny, record=False)._typed.layout.display == "none"


def test_send_passes_the_typed_reply_to_the_engine(typed, judge_calls):
    rp = RolePlay(typed, judge=judge_calls, record=False)
    rp._text.value = "I'm sorry about that."
    rp._send.click()
    assert rp.conversation.is_over and rp._text.value == ""


def test_ending_is_recorded_in_the_progress_store(tiny, tmp_path, monkeypatch):
    store_mod = pytest.importorskip("unruffled.progress.store")
    monkeypatch.setenv("UNRUFFLED_PROGRESS_DB", str(tmp_path / "p.sqlite3"))
    rp = RolePlay(tiny, learner="ada")
    rp._buttons[1].click()
    rp._buttons[0].click()  # fix -> won over
    [a] = store_mod.ProgressStore(tmp_path / "p.sqlite3").attempts(learner="ada")
    assert (a.kind, a.item_id, a.outcome, a.module) == ("roleplay", "tiny", "won_over", "03-let-them-vent")
    assert a.score == rp.conversation.debrief().score and "VENT-1" in a.syllabus
