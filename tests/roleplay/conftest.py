"""Small inline scenarios for engine tests: built from dicts, no files."""

from __future__ import annotations

import copy

import pytest

from unruffled.content.scenario import Scenario

FB = "why it works or not"

BASE = {
    "id": "tiny",
    "title": "Tiny",
    "module": 3,
    "minutes": 5,
    "persona": {"name": "Pat", "setting": "Shop counter", "trade": "retail", "difficulty": "venting",
                "backstory": "Bought a kettle that leaks.", "mood": -2},
    "start": "open",
    "nodes": [
        {"id": "open", "lines": [{"id": "l1", "text": "It leaks!"}, {"id": "l2", "text": "Again!"}],
         "choices": [
             {"id": "calm", "text": "Calm down.", "next": "ask", "feedback": "Never say calm down.",
              "effects": {"mood": -2, "pitfalls": ["calm_down"]}},
             {"id": "listen", "text": "Tell me everything.", "next": "ask", "feedback": "Good: let them vent.",
              "effects": {"mood": 1, "steps": ["vent"]}},
         ]},
        {"id": "ask", "lines": [{"id": "l1", "text": "So what now?"}],
         "choices": [
             {"id": "fix", "text": "Let me swap it now.", "next": "check", "feedback": FB,
              "effects": {"mood": 2, "steps": ["solve", "agree"]}},
             {"id": "promise", "text": "You'll get ten free kettles!", "next": "angry", "feedback": FB,
              "effects": {"mood": 1, "pitfalls": ["over_promise"]}},
             {"id": "secret", "text": "Only for calm customers.", "next": "check", "feedback": FB,
              "requires": {"mood_at_least": 0}, "effects": {"steps": ["empathy"]}},
         ]},
        {"id": "check", "route": [{"if_mood_below": 0, "next": "meh"}, {"else": "happy"}]},
        {"id": "happy", "lines": [{"id": "l1", "text": "Thanks!"}], "ending": {"outcome": "won_over", "note": "Kept."}},
        {"id": "meh", "lines": [{"id": "l1", "text": "Fine."}], "ending": {"outcome": "resolved", "note": "Fixed, but cool."}},
        {"id": "angry", "lines": [{"id": "l1", "text": "Liar."}], "ending": {"outcome": "escalated", "note": "Broken promise."}},
    ],
}


@pytest.fixture
def tiny() -> Scenario:
    """Two decisions, a mood route and three endings."""
    return Scenario.model_validate(copy.deepcopy(BASE))


@pytest.fixture
def typed() -> Scenario:
    """One free-text node whose coach verdict picks the ending."""
    data = copy.deepcopy(BASE)
    data["nodes"][0] = {
        "id": "open", "lines": [{"id": "l1", "text": "It leaks!"}],
        "free_text": {"require": ["empathy"], "forbid": ["calm_down"], "pass": "happy", "fail": "angry",
                      "feedback_pass": "Empathy first: good.", "feedback_fail": "Show you understand first.",
                      "model_answer": "I'm sorry, that must be annoying."},
    }
    return Scenario.model_validate(data)


class FakeJudgement:
    def __init__(self, passed, missing=(), violated=(), message="verdict"):
        self.passed, self.missing, self.violated, self.message = passed, missing, violated, message


@pytest.fixture
def judge_calls():
    """A stand-in for the reply coach: passes replies containing 'sorry', records calls."""
    calls = []

    def judge(reply, require=(), forbid=(), customer=None):
        calls.append((reply, tuple(require), tuple(forbid), customer))
        if "calm down" in reply:
            return FakeJudgement(False, missing=("empathy",), violated=("calm_down",), message="Told them to calm down.")
        if "sorry" in reply:
            return FakeJudgement(True, message="Empathy shown.")
        return FakeJudgement(False, missing=("empathy",), message="No empathy.")

    judge.calls = calls
    return judge
