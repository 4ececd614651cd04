"""Agreement with the labelled set (tests/data/coach_labelled.yaml), printed as a table.

The labels were written by meaning, independently of the rules. The cues were
tuned on the first 80% only; the last 20% is held out and reported on its own.
Floors sit a little under what the coach reaches, so a regression fails.
"""

from pathlib import Path

import pytest

from unruffled.coach import CRITERIA
from unruffled.coach.evaluate import evaluate, load_items, split

DATA = Path(__file__).resolve().parents[1] / "data" / "coach_labelled.yaml"

# Measured on the tuning part (first 80%): every criterion 0.89+ precision and recall.
TUNING_FLOOR = 0.85
TUNING_OVERALL_AGREEMENT = 0.97
# Held-out part (never looked at while tuning): an honest, lower bar. The
# pitfall cues generalise worse to unseen phrasing than the strength cues,
# see the printed table; the per-criterion floor here guards precision only.
HELD_OUT_OVERALL_AGREEMENT = 0.93
HELD_OUT_PRECISION_FLOOR = 0.5


@pytest.fixture(scope="module")
def parts():
    return split(load_items(DATA))


def test_labelled_set_is_big_and_uses_known_criteria(parts):
    items = parts[0] + parts[1]
    assert len(items) >= 300
    for item in items:
        assert set(item.get("has", [])) | set(item.get("lacks", [])) <= set(CRITERIA)
        assert not set(item.get("has", [])) & set(item.get("lacks", []))


def test_tuning_part_precision_recall(parts, capsys):
    report = evaluate(parts[0])
    with capsys.disabled():
        print("\n" + report.table("Reply coach, tuning part (first 80%)"))
    assert report.overall.agreement >= TUNING_OVERALL_AGREEMENT
    low = {c: (round(t.precision, 2), round(t.recall, 2)) for c, t in report.tallies.items()
           if t.precision < TUNING_FLOOR or t.recall < TUNING_FLOOR}
    assert not low, f"criteria under the floor {TUNING_FLOOR}: {low}"


def test_held_out_part_precision_recall(parts, capsys):
    report = evaluate(parts[1])
    with capsys.disabled():
        print("\n" + report.table("Reply coach, held-out part (last 20%, never tuned on)"))
    assert report.overall.agreement >= HELD_OUT_OVERALL_AGREEMENT
    low = {c: round(t.precision, 2) for c, t in report.tallies.items() if t.tp + t.fp >= 3 and t.precision < HELD_OUT_PRECISION_FLOOR}
    assert not low, f"held-out precision under {HELD_OUT_PRECISION_FLOOR}: {low}"
