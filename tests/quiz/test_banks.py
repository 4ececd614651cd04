"""The shipped quiz banks for modules 01-03 load and meet the course's coverage rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from unruffled.content.manifest import load_manifest
from unruffled.content.quiz import QUESTION_TYPES, OrderingQuestion, load_bank

ROOT = Path(__file__).resolve().parents[2]
BANKS = ["01-who-is-difficult", "02-your-side-of-the-counter", "03-let-them-vent"]


@pytest.fixture(scope="module")
def banks():
    return {name: load_bank(ROOT / "assets" / "quizzes" / f"{name}.yaml") for name in BANKS}


@pytest.fixture(scope="module")
def manifest():
    return load_manifest(ROOT / "course" / "syllabus.yaml")


@pytest.mark.parametrize("name", BANKS)
def test_bank_has_at_least_eight_questions(banks, name):
    assert len(banks[name].questions) >= 8


@pytest.mark.parametrize("name", BANKS)
def test_bank_module_is_in_the_manifest(banks, manifest, name):
    assert manifest.module(banks[name].module).name == name


def test_banks_exercise_every_starred_id_of_modules_1_to_3(banks, manifest):
    starred = {sid for n in (1, 2, 3) for sid in manifest.module(n).covers if sid in manifest.starred}
    exercised = set().union(*(b.exercised_ids() for b in banks.values()))
    assert starred - exercised == set()


def test_banks_name_only_known_syllabus_ids(banks, manifest):
    exercised = set().union(*(b.exercised_ids() for b in banks.values()))
    assert exercised - manifest.ids == set()


def test_banks_use_every_question_type(banks):
    used = {q.type for b in banks.values() for q in b.questions}
    assert used == set(QUESTION_TYPES)


def test_six_step_ordering_question_is_present(banks):
    orders = [q.answer for b in banks.values() for q in b.questions if isinstance(q, OrderingQuestion)]
    assert ["vent", "filter", "empathy", "solve", "agree", "follow_up"] in orders


def test_twelve_reasons_are_all_offered_in_a_matching_question(banks):
    q3 = banks["01-who-is-difficult"].question("q3")
    assert q3.type == "matching" and len(q3.right) == 12 and q3.syllabus == ["WHO-3"]
