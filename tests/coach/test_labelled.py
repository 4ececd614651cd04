"""Agreement with the two labelled sets (tests/data/coach_labelled*.yaml), printed as tables.

Every set was labelled by meaning, independently of the rules, by a helper
who never saw them. A file's ``role`` says what may be tuned on: the first
two files are split (first 80% tuning, last 20% held out); later files are
wholly tuning or wholly held out. Of held-out items only the aggregate table
is ever looked at.
Floors sit a little under what the coach reaches, so a regression fails.
"""

from pathlib import Path

import pytest

from unruffled.coach import CRITERIA
from unruffled.coach.evaluate import evaluate, load_items, parts as file_parts

DATA = Path(__file__).resolve().parents[1] / "data"
FILES = tuple(sorted(p.name for p in DATA.glob("coach_labelled*.yaml")))

# Tuning parts (first 80% of sets 1-2, all of sets 3-4): every criterion 0.82+ precision
# and recall, 0.978 agreement overall, measured after the cue families of round 3.
TUNING_FLOOR = 0.80
TUNING_OVERALL_AGREEMENT = 0.975
# Held-out parts (never looked at while tuning), measured 0.96 agreement.
# The pitfall cues still generalise worse than the strength cues (see the
# printed table), so recall floors are per criterion: each a little under
# what was measured, so losing a cue family fails the test.
HELD_OUT_OVERALL_AGREEMENT = 0.94
HELD_OUT_PRECISION_FLOOR = 0.60
HELD_OUT_RECALL_FLOOR = {
    "empathy": 0.55, "apology": 0.85, "clarifying_question": 0.85, "mirroring": 0.80, "agree_first": 0.70,
    "options": 0.75, "next_step": 0.85, "follow_up": 0.75, "calm_down": 0.80, "blame": 0.45, "excuse": 0.55,
    "over_promise": 0.70, "condescension": 0.40, "hostility": 0.40,
}


@pytest.fixture(scope="module")
def parts():
    tuning, held_out = [], []
    for name in FILES:
        t, h = file_parts(DATA / name)
        tuning += t
        held_out += h
    return tuning, held_out


@pytest.mark.parametrize("name", FILES)
def test_labelled_set_is_big_and_uses_known_criteria(name):
    at_least = 300 if name == "coach_labelled.yaml" else 250  # the issue asks 300+ of the first set
    items = load_items(DATA / name)
    assert len(items) >= at_least
    assert len({item["id"] for item in items}) == len(items)
    for item in items:
        assert set(item.get("has", [])) | set(item.get("lacks", [])) <= set(CRITERIA)
        assert not set(item.get("has", [])) & set(item.get("lacks", []))


def test_held_out_floors_name_every_criterion():
    assert set(HELD_OUT_RECALL_FLOOR) == set(CRITERIA)


def test_tuning_parts_precision_recall(parts, capsys):
    report = evaluate(parts[0])
    with capsys.disabled():
        print("\n" + report.table("Reply coach, tuning parts (first 80% of each labelled file)"))
    assert report.overall.agreement >= TUNING_OVERALL_AGREEMENT
    low = {c: (round(t.precision, 2), round(t.recall, 2)) for c, t in report.tallies.items()
           if t.precision < TUNING_FLOOR or t.recall < TUNING_FLOOR}
    assert not low, f"criteria under the floor {TUNING_FLOOR}: {low}"


def test_held_out_parts_agreement(parts, capsys):
    report = evaluate(parts[1])
    with capsys.disabled():
        print("\n" + report.table("Reply coach, held-out parts (last 20% of each labelled file, never tuned on)"))
    assert report.overall.agreement >= HELD_OUT_OVERALL_AGREEMENT


def test_held_out_parts_precision(parts):
    report = evaluate(parts[1])
    low = {c: round(t.precision, 2) for c, t in report.tallies.items() if t.tp + t.fp >= 3 and t.precision < HELD_OUT_PRECISION_FLOOR}
    assert not low, f"held-out precision under {HELD_OUT_PRECISION_FLOOR}: {low}"


def test_held_out_parts_recall(parts):
    report = evaluate(parts[1])
    low = {c: (round(t.recall, 2), HELD_OUT_RECALL_FLOOR[c]) for c, t in report.tallies.items()
           if t.recall < HELD_OUT_RECALL_FLOOR[c]}
    assert not low, f"held-out recall under its floor (measured, floor): {low}"
