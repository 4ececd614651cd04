"""The debrief: steps and their order, pitfalls with turns, mood path, ending, advice."""

from unruffled.roleplay import Conversation


def play(sc, *ids):
    conv = Conversation(sc)
    for i in ids:
        conv.choose(i)
    return conv


def test_debrief_lists_steps_in_the_order_performed(tiny):
    d = play(tiny, "listen", "fix").debrief()
    assert [(s.id, s.turn) for s in d.steps] == [("vent", 1), ("solve", 2), ("agree", 2)]


def test_debrief_recommends_the_six_step_order_of_offered_steps(tiny):
    assert play(tiny).debrief().recommended == ("vent", "empathy", "solve", "agree")


def test_debrief_in_order_when_steps_follow_the_recommendation(tiny):
    assert play(tiny, "listen", "fix").debrief().in_order is True


def test_debrief_lists_missed_steps(tiny):
    assert play(tiny, "listen", "fix").debrief().missed == ("empathy",)


def test_debrief_lists_pitfalls_with_their_turn(tiny):
    d = play(tiny, "calm", "promise").debrief()
    assert [(p.id, p.turn) for p in d.pitfalls] == [("calm_down", 1), ("over_promise", 2)]


def test_debrief_traces_the_mood_from_start_to_end(tiny):
    d = play(tiny, "calm", "fix").debrief()
    assert (d.mood_start, d.mood_path, d.mood_end) == (-2, (-4, -2), -2)


def test_debrief_names_the_ending_and_its_note(tiny):
    d = play(tiny, "listen", "promise").debrief()
    assert (d.outcome, d.note) == ("escalated", "Broken promise.")


def test_debrief_before_the_end_has_no_outcome(tiny):
    assert play(tiny, "listen").debrief().outcome is None


def test_first_advice_names_the_pitfall_turn_and_syllabus_id(tiny):
    advice = play(tiny, "calm", "fix").debrief().advice[0]
    assert advice.text.startswith("You told them to calm down on turn 1 (VENT-2)")
    assert advice.syllabus == ("VENT-2",)


def test_at_most_two_pieces_of_advice(tiny):
    assert len(play(tiny, "calm", "promise").debrief().advice) == 2


def test_advice_names_a_missed_step_when_there_are_no_pitfalls(tiny):
    advice = play(tiny, "listen", "fix").debrief().advice
    assert "express empathy" in advice[0].text and "EMP-1" in advice[0].text


def test_clean_play_scores_higher_than_one_with_pitfalls(tiny):
    assert play(tiny, "listen", "fix").debrief().score > play(tiny, "calm", "promise").debrief().score


def test_score_stays_between_zero_and_one(tiny):
    assert 0.0 <= play(tiny, "calm", "promise").debrief().score <= 1.0


def test_markdown_holds_ending_steps_pitfalls_and_advice(tiny):
    md = play(tiny, "calm", "fix").debrief().to_markdown()
    assert "**Ending:** Resolved. Fixed, but cool." in md
    assert "- turn 1: Telling them to calm down (VENT-2)" in md
    assert "done, turn 2: Solve the problem actively" in md


def test_markdown_with_transcript_shows_both_speakers(tiny):
    md = play(tiny, "listen").to_markdown()
    assert "- **Pat:** It leaks!" in md and "- **You:** Tell me everything." in md


def test_html_escapes_learner_text(typed, judge_calls):
    conv = Conversation(typed, judge=judge_calls)
    conv.reply("<b>calm down</b>")
    assert "<b>calm" not in conv.debrief()._repr_html_()


def test_html_is_a_labelled_section(tiny):
    assert play(tiny, "listen", "fix").debrief()._repr_html_().startswith('<section class="unruffled-debrief" aria-label=')



def _solve_then_empathy(step_order: str):
    """Tiny, but the first reply solves and the second shows empathy: out of the recommended order."""
    import copy

    from unruffled.content.scenario import Scenario

    from .conftest import BASE

    data = copy.deepcopy(BASE)
    data["step_order"] = step_order
    data["nodes"][0]["choices"][1]["effects"]["steps"] = ["solve"]
    data["nodes"][1]["choices"][0]["effects"]["steps"] = ["empathy"]
    return Scenario.model_validate(data)


def test_solving_before_empathy_is_out_of_the_recommended_order():
    d = play(_solve_then_empathy("recommended"), "listen", "fix").debrief()
    assert d.in_order is False
    assert any("before" in a.text for a in d.advice)


def test_free_step_order_reports_the_order_without_judging_it():
    d = play(_solve_then_empathy("free"), "listen", "fix").debrief()
    assert d.in_order is True
    assert not any("before" in a.text for a in d.advice)
    assert "with this customer the order is free" in d.to_markdown()
