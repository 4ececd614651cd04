"""Agreement with the labelled sets (tests/data/coach_labelled*.yaml), printed as tables.

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

# Tuning parts (first 80% of sets 1-2, all of sets 3, 4, 5, 7 and 8; 2,233 replies): after the cue
# families of round 4 (session 4), written for ways of speaking rather than single items, every
# criterion measured 0.86+ precision and 0.83+ recall, 0.978 agreement overall; after round 5
# (session 6, pitfalls only) 0.86+ and 0.86+, 0.980.
TUNING_FLOOR = 0.80
TUNING_OVERALL_AGREEMENT = 0.975
# Held-out parts, never looked at while tuning: "split" is the last 20% of sets 1 and 2 (the
# measurement of earlier sessions, so its floors only ever rise), each floor a little under what
# was measured, so losing a cue family fails the test. Set 5 was written blind as the held-out
# exam of session 3, measured once then, and retired to tuning in session 4 when set 6 replaced
# it; a wholly held-out file (role: held_out) needs its own entry here. Sets 6 and 9 are the
# exams of session 4, written blind while the cues were tuned and measured once afterwards;
# their floors sit about 0.03 under that measurement. The pitfall cues still find only about
# half of the blame, excuses and condescension and under half of the hostility in them.
# Set 10 is the exam of session 6, written blind before that session's pitfall families (round
# 5) and measured before and after them: the same verdicts and evidence on every reply, so
# round 5 found nothing in it that round 4 had missed.
HELD_OUT = {
    "split": {
        # session 4 measured agreement 0.969, precision 0.79+ on every criterion; floors sit about one item under
        "agreement": 0.96, "precision": 0.75,
        "recall": {"empathy": 0.80, "apology": 0.95, "clarifying_question": 0.95, "mirroring": 0.80,
                   "agree_first": 0.80, "options": 0.85, "next_step": 0.90, "follow_up": 0.85, "calm_down": 0.90,
                   "blame": 0.55, "excuse": 0.80, "over_promise": 0.75, "condescension": 0.55, "hostility": 0.55},
    },
    "coach_labelled_6.yaml": {
        # measured: agreement 0.951, precision 0.71+ on every criterion
        "agreement": 0.94, "precision": 0.68,
        "recall": {"empathy": 0.81, "apology": 0.94, "clarifying_question": 0.96, "mirroring": 0.84,
                   "agree_first": 0.88, "options": 0.89, "next_step": 0.92, "follow_up": 0.89, "calm_down": 0.73,
                   "blame": 0.45, "excuse": 0.54, "over_promise": 0.84, "condescension": 0.47, "hostility": 0.32},
    },
    "coach_labelled_9.yaml": {
        # measured: agreement 0.950, precision 0.66+ on every criterion
        "agreement": 0.94, "precision": 0.63,
        "recall": {"empathy": 0.80, "apology": 0.93, "clarifying_question": 0.93, "mirroring": 0.76,
                   "agree_first": 0.92, "options": 0.80, "next_step": 0.88, "follow_up": 0.66, "calm_down": 0.83,
                   "blame": 0.62, "excuse": 0.53, "over_promise": 0.89, "condescension": 0.59, "hostility": 0.49},
    },
    "coach_labelled_10.yaml": {
        # measured: agreement 0.951, precision 0.70+ on every criterion
        "agreement": 0.94, "precision": 0.67,
        "recall": {"empathy": 0.74, "apology": 0.94, "clarifying_question": 0.94, "mirroring": 0.88,
                   "agree_first": 0.55, "options": 0.84, "next_step": 0.85, "follow_up": 0.85, "calm_down": 0.90,
                   "blame": 0.52, "excuse": 0.59, "over_promise": 0.97, "condescension": 0.64, "hostility": 0.32},
    },
}


def held_out(group):
    """The held-out items of one group: the split files' last fifths, or one held-out file."""
    if group != "split":
        return file_parts(DATA / group)[1]
    split = [file_parts(DATA / name) for name in FILES]
    return [item for tune, held in split if tune and held for item in held]


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


@pytest.mark.parametrize("group", HELD_OUT)
def test_held_out_floors_name_every_criterion(group):
    assert set(HELD_OUT[group]["recall"]) == set(CRITERIA)


def test_every_held_out_file_has_floors():
    held = {n for n in FILES if file_parts(DATA / n)[1] and not file_parts(DATA / n)[0]}
    assert held <= set(HELD_OUT)


def test_tuning_parts_precision_recall(parts, capsys):
    report = evaluate(parts[0])
    with capsys.disabled():
        print("\n" + report.table("Reply coach, tuning parts (first 80% of each labelled file)"))
    assert report.overall.agreement >= TUNING_OVERALL_AGREEMENT
    low = {c: (round(t.precision, 2), round(t.recall, 2)) for c, t in report.tallies.items()
           if t.precision < TUNING_FLOOR or t.recall < TUNING_FLOOR}
    assert not low, f"criteria under the floor {TUNING_FLOOR}: {low}"


@pytest.fixture(scope="module")
def held_out_reports():
    return {group: evaluate(held_out(group)) for group in HELD_OUT}


@pytest.mark.parametrize("group", HELD_OUT)
def test_held_out_agreement(group, held_out_reports, capsys):
    report = held_out_reports[group]
    with capsys.disabled():
        print("\n" + report.table(f"Reply coach, held-out part {group!r} (never tuned on)"))
    assert report.items >= 100
    assert report.overall.agreement >= HELD_OUT[group]["agreement"]


@pytest.mark.parametrize("group", HELD_OUT)
def test_held_out_precision(group, held_out_reports):
    floor = HELD_OUT[group]["precision"]
    low = {c: round(t.precision, 2) for c, t in held_out_reports[group].tallies.items()
           if t.tp + t.fp >= 3 and t.precision < floor}
    assert not low, f"held-out precision under {floor}: {low}"


@pytest.mark.parametrize("group", HELD_OUT)
def test_held_out_recall(group, held_out_reports):
    floors = HELD_OUT[group]["recall"]
    low = {c: (round(t.recall, 2), floors[c]) for c, t in held_out_reports[group].tallies.items() if t.recall < floors[c]}
    assert not low, f"held-out recall under its floor (measured, floor): {low}"
