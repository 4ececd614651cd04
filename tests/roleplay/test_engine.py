"""The role-play engine, one behaviour per test, on small inline scenarios."""

import json
import subprocess
import sys

import pytest

from unruffled.roleplay import Conversation
from unruffled.roleplay.engine import ScenarioMismatch


def test_current_shows_the_start_nodes_lines_and_mood(tiny):
    now = Conversation(tiny).current()
    assert (now.node_id, now.lines, now.mood, now.is_ending) == ("open", ("It leaks!", "Again!"), -2, False)


def test_current_names_the_mood_in_words(tiny):
    assert Conversation(tiny).current().mood_label == "annoyed"


def test_choices_give_ids_and_texts_only(tiny):
    opts = Conversation(tiny).choices()
    assert [(o.id, o.text, o.letter) for o in opts] == [("calm", "Calm down.", "A"), ("listen", "Tell me everything.", "B")]
    assert not hasattr(opts[0], "feedback") and not hasattr(opts[0], "next")


def test_choose_by_index_returns_feedback_and_mood_change(tiny):
    turn = Conversation(tiny).choose(0)
    assert (turn.feedback, turn.mood_change, turn.pitfalls) == ("Never say calm down.", -2, ("calm_down",))


def test_choose_by_id_moves_to_the_next_node(tiny):
    conv = Conversation(tiny)
    conv.choose("listen")
    assert conv.current().node_id == "ask"


def test_choose_records_the_steps_performed(tiny):
    assert Conversation(tiny).choose("listen").steps == ("vent",)


def test_choice_with_unmet_requirement_is_not_offered(tiny):
    conv = Conversation(tiny)
    conv.choose("calm")  # mood -4
    assert [o.id for o in conv.choices()] == ["fix", "promise"]


def test_choice_with_met_requirement_is_offered(tiny):
    conv = Conversation(tiny)
    conv.choose("listen")
    conv.mood = 0  # as if an earlier turn had already won them round
    assert "secret" in [o.id for o in conv.choices()]


def test_choosing_a_hidden_choice_by_id_is_refused(tiny):
    conv = Conversation(tiny)
    conv.choose("calm")
    with pytest.raises(KeyError, match="secret"):
        conv.choose("secret")


def test_choosing_out_of_range_is_an_index_error(tiny):
    with pytest.raises(IndexError):
        Conversation(tiny).choose(5)


def test_mood_is_clamped_to_the_scale(tiny):
    conv = Conversation(tiny)
    conv.mood = -5
    turn = conv.choose("calm")
    assert (turn.mood_after, turn.mood_change) == (-5, 0)


def test_route_sends_a_low_mood_to_its_branch(tiny):
    conv = Conversation(tiny)
    conv.choose("calm")   # -4
    conv.choose("fix")    # -2 -> route: below 0
    assert conv.current().outcome == "resolved"


def test_route_else_branch_when_mood_is_high_enough(tiny):
    conv = Conversation(tiny)
    conv.choose("listen")  # -1
    conv.choose("fix")     # +1 -> else
    assert conv.current().outcome == "won_over"


def test_route_nodes_never_become_current(tiny):
    conv = Conversation(tiny)
    conv.choose("listen")
    conv.choose("fix")
    assert conv.current().node_id == "happy"


def test_ending_sets_is_over_and_note(tiny):
    conv = Conversation(tiny)
    conv.choose("listen")
    conv.choose("promise")
    assert conv.is_over and conv.current().note == "Broken promise."


def test_no_choices_once_over(tiny):
    conv = Conversation(tiny)
    conv.choose("listen")
    conv.choose("promise")
    assert conv.choices() == []


def test_choose_after_the_end_is_refused(tiny):
    conv = Conversation(tiny)
    conv.choose("listen")
    conv.choose("promise")
    with pytest.raises(RuntimeError, match="over"):
        conv.choose(0)


def test_transcript_alternates_customer_and_learner(tiny):
    conv = Conversation(tiny)
    conv.choose("listen")
    assert [(e.speaker, e.text) for e in conv.transcript] == [
        ("customer", "It leaks!"), ("customer", "Again!"), ("learner", "Tell me everything."), ("customer", "So what now?")]


def test_transcript_numbers_entries_by_turn(tiny):
    conv = Conversation(tiny)
    conv.choose("listen")
    assert [e.turn for e in conv.transcript] == [0, 0, 1, 1]


def test_restart_goes_back_to_the_start(tiny):
    conv = Conversation(tiny)
    conv.choose("calm")
    conv.restart()
    assert (conv.current().node_id, conv.mood, conv.turns, len(conv.transcript)) == ("open", -2, [], 2)


def test_to_dict_is_json_ready(tiny):
    conv = Conversation(tiny)
    conv.choose("listen")
    assert json.loads(json.dumps(conv.to_dict()))["node"] == "ask"


def test_from_dict_resumes_where_it_was_saved(tiny):
    conv = Conversation(tiny)
    conv.choose("calm")
    again = Conversation.from_dict(tiny, json.loads(json.dumps(conv.to_dict())))
    assert (again.current().node_id, again.mood, len(again.turns), again.transcript) == ("ask", -4, 1, conv.transcript)


def test_from_dict_refuses_another_scenarios_save(tiny):
    data = Conversation(tiny).to_dict() | {"scenario": "other"}
    with pytest.raises(ScenarioMismatch, match="other"):
        Conversation.from_dict(tiny, data)


def test_from_dict_refuses_a_save_that_no_longer_replays(tiny):
    conv = Conversation(tiny)
    conv.choose("calm")
    data = conv.to_dict()
    data["turns"][0]["choice_id"] = "gone"
    with pytest.raises(ScenarioMismatch, match="turn 1"):
        Conversation.from_dict(tiny, data)


def test_reply_on_a_choice_node_is_refused(tiny):
    with pytest.raises(RuntimeError, match="choose"):
        Conversation(tiny).reply("hello")


def test_free_text_node_offers_no_choices(typed, judge_calls):
    conv = Conversation(typed, judge=judge_calls)
    assert (conv.choices(), conv.current().free_text) == ([], True)


def test_free_text_pass_follows_the_pass_branch(typed, judge_calls):
    conv = Conversation(typed, judge=judge_calls)
    turn = conv.reply("I'm so sorry about that.")
    assert (turn.passed, conv.current().node_id, turn.feedback) == (True, "happy", "Empathy first: good.")


def test_free_text_fail_follows_the_fail_branch_and_shows_a_model_answer(typed, judge_calls):
    conv = Conversation(typed, judge=judge_calls)
    turn = conv.reply("What is the order number?")
    assert (turn.passed, conv.current().node_id) == (False, "angry")
    assert "I'm sorry, that must be annoying." in turn.feedback


def test_free_text_passes_criteria_and_customer_to_the_coach(typed, judge_calls):
    Conversation(typed, judge=judge_calls).reply("sorry")
    assert judge_calls.calls == [("sorry", ("empathy",), ("calm_down",), "It leaks!")]


def test_free_text_records_pitfalls_the_coach_found(typed, judge_calls):
    turn = Conversation(typed, judge=judge_calls).reply("Please calm down.")
    assert turn.pitfalls == ("calm_down",)


def test_free_text_pass_counts_the_required_steps(typed, judge_calls):
    assert Conversation(typed, judge=judge_calls).reply("sorry").steps == ("empathy",)


def test_free_text_turn_resumes_without_calling_the_coach_again(typed, judge_calls):
    conv = Conversation(typed, judge=judge_calls)
    conv.reply("sorry")
    again = Conversation.from_dict(typed, conv.to_dict(), judge=judge_calls)
    assert (again.current().node_id, len(judge_calls.calls)) == ("happy", 1)


def test_empty_free_text_reply_is_refused(typed, judge_calls):
    with pytest.raises(ValueError, match="reply"):
        Conversation(typed, judge=judge_calls).reply("   ")


def test_engine_does_not_import_ipywidgets():
    code = ("import sys, unruffled.roleplay, unruffled.roleplay.engine, unruffled.roleplay.graph;"
            "print('ipywidgets' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
