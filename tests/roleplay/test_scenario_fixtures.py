"""Broken scenarios fail at load with a precise message: file, line, node, field."""

from pathlib import Path

import pytest

from unruffled.content import ContentError
from unruffled.content.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "scenarios"

# fixture name (the rule it breaks) -> the first problem it must produce, after the file name.
EXPECTED = {
    "unknown_next_target": ":26: node 'open': choice 'b': 'next': names unknown node 'goood'",
    "unreachable_node": ":37: node 'orphan': is unreachable: no reply, route or free-text branch leads here from start 'open'",
    "dead_end_not_ending": ":29: node 'good': is a dead end: it has no 'choices', 'free_text' or 'route' and is not an 'ending'",
    "no_ending": ":14: 'nodes': no node is an 'ending'; every conversation must be able to end",
    "loop_without_exit": ":41: node 'trap1': no ending can be reached from here: a loop with no way out (trap1 -> trap2 -> trap1)",
    "mood_out_of_range": ":12: 'persona.mood': starting mood -9 is outside the mood scale -5..5",
    "mood_change_absurd": ":22: node 'open': choice 'a': 'effects.mood': change of -8 in one reply is not believable on the scale -5..5 (at most ±5)",
    "unknown_step": ":27: node 'open': choice 'b': 'effects.steps': unknown step 'venting'; did you mean 'vent'?",
    "unknown_pitfall": ":22: node 'open': choice 'a': 'effects.pitfalls': unknown pitfall 'calm'; did you mean 'calm_down'?",
    "duplicate_node_id": ":33: node 'good': 'id': duplicate node id 'good' (first used on line 29)",
    "duplicate_choice_id": ":24: node 'open': choice 'a': 'id': duplicate choice id 'a' (first used on line 19)",
    "duplicate_line_id": ":18: node 'open': line 'l1': 'id': duplicate line id 'l1' (first used on line 17)",
    "too_many_choices": ":18: node 'open': 'choices': has 5 choice(s); give 2 to 4 replies",
    "too_few_choices": ":18: node 'open': 'choices': has 1 choice(s); give 2 to 4 replies",
    "missing_feedback": ":24: node 'open': choice 'b': 'feedback': is missing: every reply must say why it works or not",
    "malformed_yaml": ":5: invalid YAML: did not find expected ',' or '}'",
    "unknown_outcome": ":32: node 'good': 'ending.outcome': Input should be 'won_over', 'resolved', 'escalated', 'declined_politely' or 'walked_away'",
    "start_names_unknown_node": ":13: 'start': names unknown node 'opening'",
    "id_does_not_match_file": ":2: 'id': is 'some-other-scenario' but the file is named id_does_not_match_file.yaml; they must match",
    "unknown_field": ":19: node 'open': choice 'a': 'next': is required",
    "route_without_else": ":38: node 'check': 'route': must end with an {else: node} rule, so every mood has a way on",
    "unknown_coach_criterion": ":19: node 'open': 'free_text.require': unknown coach criterion 'kindness'",
    "several_problems": ":12: 'persona.mood': starting mood 7 is outside the mood scale -5..5",
}


def problems_of(rule):
    with pytest.raises(ContentError) as info:
        load_scenario(FIXTURES / f"{rule}.yaml")
    return [str(p) for p in info.value.problems]


def test_every_fixture_has_an_expected_message():
    assert {p.stem for p in FIXTURES.glob("*.yaml")} - {"valid"} == set(EXPECTED)


def test_valid_fixture_loads():
    assert load_scenario(FIXTURES / "valid.yaml").id == "valid"


@pytest.mark.parametrize("rule", sorted(EXPECTED))
def test_broken_scenario_names_file_line_node_and_field(rule):
    first = problems_of(rule)[0]
    assert first.startswith(f"tests/fixtures/scenarios/{rule}.yaml:") or first.split(":")[0].endswith(f"{rule}.yaml"), first
    assert EXPECTED[rule] in first, first


def test_every_problem_in_a_file_is_reported_not_only_the_first():
    found = problems_of("several_problems")
    assert len(found) == 3
    assert any("unknown step 'venting'" in p for p in found)
    assert any("choice 'b': 'feedback': is missing" in p for p in found)


def test_unknown_target_also_reports_the_node_it_orphans():
    assert any("node 'good': is unreachable" in p for p in problems_of("unknown_next_target"))


def test_a_loop_reports_each_trapped_node():
    assert [p.split(": ")[1] for p in problems_of("loop_without_exit")] == ["node 'trap1'", "node 'trap2'"]
