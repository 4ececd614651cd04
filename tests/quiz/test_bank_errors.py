"""Each bad-input fixture fails with one exact message naming file, line, question and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from unruffled.content import ContentError
from unruffled.content.quiz import load_bank

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = "tests/fixtures/quiz"


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch):
    # Messages show paths relative to the working directory.
    monkeypatch.chdir(ROOT)


def messages(name: str) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_bank(f"{FIXTURES}/{name}")
    return [str(p) for p in info.value.problems]


def test_no_correct_option():
    assert messages("no_correct_option.yaml") == [
        f"{FIXTURES}/no_correct_option.yaml:16: question 'q2': 'options': no option is marked 'correct: true'"]


def test_single_with_two_correct_options():
    assert messages("single_with_two_correct.yaml") == [
        f"{FIXTURES}/single_with_two_correct.yaml:8: question 'q1': 'options': a single-choice question needs "
        "exactly one correct option, found 2 (use type: multiple)"]


def test_duplicate_question_id():
    assert messages("duplicate_question_id.yaml") == [
        f"{FIXTURES}/duplicate_question_id.yaml:12: question 'q1': 'id': duplicate question id 'q1' (first used on line 4)"]


def test_ordering_answer_not_a_permutation():
    assert messages("ordering_not_permutation.yaml") == [
        f"{FIXTURES}/ordering_not_permutation.yaml:20: question 'steps': 'answer': is not a permutation of the "
        "item ids (missing solve; repeated empathy)"]


def test_malformed_yaml():
    assert messages("malformed_yaml.yaml") == [
        f"{FIXTURES}/malformed_yaml.yaml:16: invalid YAML: found unexpected end of stream"]


def test_unknown_question_type():
    assert messages("unknown_question_type.yaml") == [
        f"{FIXTURES}/unknown_question_type.yaml:13: question 'essay1': 'type': unknown question type 'essay'; "
        "use one of single, multiple, ordering, matching, judgement, free_text"]


def test_missing_feedback():
    assert messages("missing_feedback.yaml") == [
        f"{FIXTURES}/missing_feedback.yaml:18: question 'q2': option 'b': 'feedback': is required"]


def test_unknown_syllabus_id_pattern():
    assert messages("unknown_syllabus_id_pattern.yaml") == [
        f"{FIXTURES}/unknown_syllabus_id_pattern.yaml:14: question 'q2': 'syllabus': entry 1: 'who-2' is not a "
        "syllabus id (capital letters, a hyphen and a number, like WHO-2)"]


def test_matching_keys_do_not_line_up():
    assert messages("matching_keys_do_not_line_up.yaml") == [
        f"{FIXTURES}/matching_keys_do_not_line_up.yaml:22: question 'match1': 'answer': no match given for left "
        "item(s) l2; key(s) l3 are not left item ids"]


def test_unknown_field():
    assert messages("unknown_field.yaml") == [
        f"{FIXTURES}/unknown_field.yaml:12: question 'q1': 'atempts': is not a known field (check the spelling)"]


def test_module_must_match_file_name():
    assert messages("02-module-does-not-match-file.yaml") == [
        f"{FIXTURES}/02-module-does-not-match-file.yaml:1: 'module': is '01-who-is-difficult' but the file is "
        "named 02-module-does-not-match-file.yaml; they must match"]


def test_every_problem_in_a_file_is_listed_in_line_order():
    assert messages("many_problems.yaml") == [
        f"{FIXTURES}/many_problems.yaml:8: question 'q1': 'options': no option is marked 'correct: true'",
        f"{FIXTURES}/many_problems.yaml:12: question 'q1': 'id': duplicate question id 'q1' (first used on line 4)",
        f"{FIXTURES}/many_problems.yaml:18: question 'q1': option 'b': 'feedback': is required",
    ]


def test_every_fixture_has_a_test():
    tested = {
        "no_correct_option", "single_with_two_correct", "duplicate_question_id", "ordering_not_permutation",
        "malformed_yaml", "unknown_question_type", "missing_feedback", "unknown_syllabus_id_pattern",
        "matching_keys_do_not_line_up", "unknown_field", "02-module-does-not-match-file", "many_problems",
    }
    assert {p.stem for p in (ROOT / FIXTURES).glob("*.yaml")} == tested
