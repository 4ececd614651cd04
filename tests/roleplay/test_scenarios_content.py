"""The shipped scenarios: valid, rich enough to practise with, and tied to the syllabus."""

import re
from pathlib import Path

import pytest

from unruffled.content.manifest import load_manifest
from unruffled.content.scenario import load_scenario
from unruffled.roleplay import Conversation

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted((ROOT / "assets" / "scenarios").glob("*.yaml"))
SCENARIOS = {p.stem: load_scenario(p) for p in FILES}


def decision_depth(sc, node_id, seen=()):
    """Most decisions on any loop-free path from ``node_id`` to an ending."""
    n = sc.node(node_id)
    if n.ending is not None:
        return 0
    here = 1 if n.route is None else 0
    depths = [decision_depth(sc, t, seen + (node_id,)) for t, _, _ in n.targets() if t not in seen]
    return here + max(depths, default=0)


def walk(sc, *, verdicts=(True, False), every_path=False, stop=lambda conv: False):
    """Finished conversations reached by replying every possible way (free-text turns with ``verdicts``).

    By default a (node, mood) state is explored once, which is enough to find every
    reachable ending; ``every_path`` follows each path on its own (steps differ by path).
    ``stop(conv)`` prunes a path early.
    """
    stack, seen = [Conversation(sc).to_dict()], set()
    while stack:
        conv = Conversation.from_dict(sc, stack.pop())
        key = (conv.node.id, conv.mood)
        if stop(conv) or (not every_path and key in seen):
            continue
        seen.add(key)
        if conv.is_over:
            yield conv
            continue
        moves = ([("reply", v) for v in verdicts] if conv.node.free_text is not None
                 else [("choose", opt.id) for opt in conv.choices()])
        for how, arg in moves:
            c = Conversation.from_dict(sc, conv.to_dict())
            if how == "reply":
                c.reply("(typed reply)", passed=arg)
            else:
                c.choose(arg)
            stack.append(c.to_dict())


def outcomes_reachable(sc):
    """Every ending reachable by some sequence of replies, exploring mood too."""
    return {conv.node.ending.outcome for conv in walk(sc)}


def test_there_are_the_four_personas_of_modules_one_to_three():
    assert {sc.persona.difficulty for sc in SCENARIOS.values()} >= {"venting", "condescending", "silent", "impatient"}


def test_scenarios_come_from_varied_trades():
    assert {sc.persona.trade for sc in SCENARIOS.values()} >= {"retail", "software support", "hospitality", "freelancing"}


@pytest.mark.parametrize("sid", sorted(SCENARIOS))
def test_scenario_has_at_least_four_decision_points_on_one_path(sid):
    sc = SCENARIOS[sid]
    assert decision_depth(sc, sc.start) >= 4


@pytest.mark.parametrize("sid", sorted(SCENARIOS))
def test_scenario_can_end_in_at_least_three_different_ways(sid):
    assert len(outcomes_reachable(SCENARIOS[sid])) >= 3


@pytest.mark.parametrize("sid", sorted(SCENARIOS))
def test_scenario_can_be_won_over(sid):
    assert "won_over" in outcomes_reachable(SCENARIOS[sid])


@pytest.mark.parametrize("sid", sorted(SCENARIOS))
def test_every_reply_feedback_names_the_idea_by_syllabus_id(sid):
    unnamed = [f"{n.id}/{c.id}" for n, c in SCENARIOS[sid].iter_choices() if not re.search(r"\b[A-Z]+-\d+\b", c.feedback)]
    assert unnamed == []


@pytest.mark.parametrize("sid", sorted(SCENARIOS))
def test_every_pitfall_taught_has_a_tempting_reply_that_raises_or_keeps_mood_somewhere(sid):
    # "Tempting": at least one reply committing pitfalls is not an obvious mood crash.
    pitfall_moves = [c.effects.mood for _, c in SCENARIOS[sid].iter_choices() if c.effects.pitfalls]
    assert pitfall_moves and max(pitfall_moves) >= -1


def test_module_of_each_persona():
    modules = {sc.persona.difficulty: sc.module for sc in SCENARIOS.values()}
    assert modules["venting"] == 3 and modules["condescending"] == 2
    assert modules["silent"] in (1, 2) and modules["impatient"] in (1, 2)


def test_starred_ids_of_modules_one_to_three_are_exercised():
    wanted = {"VENT-1", "VENT-2", "VENT-3", "VENT-5", "VENT-6", "SELF-1", "SELF-2", "SELF-3", "SELF-6", "SELF-7", "WHO-2", "WHO-3"}
    exercised = set().union(*(sc.exercised_ids() for sc in SCENARIOS.values()))
    assert wanted - exercised == set()


def test_every_exercised_id_is_in_the_syllabus():
    known = load_manifest(ROOT / "course" / "syllabus.yaml").ids
    assert set().union(*(sc.exercised_ids() for sc in SCENARIOS.values())) - known == set()


def test_at_least_one_scenario_has_a_typed_reply_turn():
    assert any(n.free_text is not None for sc in SCENARIOS.values() for n in sc.nodes)


def test_scenario_module_exists_in_the_manifest():
    numbers = {m.number for m in load_manifest(ROOT / "course" / "syllabus.yaml").modules}
    assert {sc.module for sc in SCENARIOS.values()} <= numbers


def clean_wins(sc):
    """Debriefs of every path that wins the customer over without a single pitfall."""
    return [conv.debrief() for conv in walk(sc, verdicts=(True,), every_path=True,
                                            stop=lambda conv: any(t.pitfalls for t in conv.turns))
            if conv.node.ending.outcome == "won_over"]


@pytest.mark.parametrize("sid", sorted(SCENARIOS))
def test_the_best_path_is_not_told_its_steps_were_out_of_order(sid):
    # A learner who plays the model path must not get "next time, do X before Y".
    wins = clean_wins(SCENARIOS[sid])
    assert wins, f"{sid}: no path wins the customer over without a pitfall"
    assert any(d.in_order for d in wins), f"{sid}: every clean win is judged out of order: " + \
        "; ".join(",".join(s.id for s in d.steps) for d in wins)
