"""Feedback shows which part failed and the visible tests' messages, never a hidden test."""

from __future__ import annotations

import re

import nbformat
import pytest

from unruffled.grading.feedback import NEUTRAL, find_leaks, hidden_region, sanitise_error, visible_text

from .conftest import A, ROOT


def _hidden_code_lines() -> set[str]:
    nb = nbformat.read(ROOT / "solutions" / A / f"{A}.ipynb", as_version=4)
    lines = set()
    for cell in nb.cells:
        _, texts = hidden_region(cell.source, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
        lines |= {t for t in texts if "HIDDEN TESTS" not in t}
    assert lines, "assignment 01 should have hidden tests"
    return lines


def _page(synthetic_class, student):
    root, _, _ = synthetic_class
    return visible_text((root / "grading" / "feedback" / student / A / f"{A}.html").read_text())


@pytest.mark.nbgrader
def test_feedback_is_written_for_every_graded_submission(feedback, parallel_report):
    students = {p.parts[-3] for p in feedback.pages}
    assert students == {s.student_id for s in parallel_report.submissions if s.gradable}


@pytest.mark.nbgrader
def test_no_feedback_page_shows_hidden_test_code(feedback):
    leaks = [(p.name, line) for p in feedback.pages for line in _hidden_code_lines()
             if line in visible_text(p.read_text())]
    assert leaks == []


@pytest.mark.nbgrader
def test_no_feedback_page_shows_hidden_test_markers(feedback):
    assert not [p for p in feedback.pages if "HIDDEN TESTS" in visible_text(p.read_text())]


@pytest.mark.nbgrader
def test_leak_check_of_generate_feedback_passes(feedback):
    assert feedback.ok, feedback.leaks


@pytest.mark.nbgrader
def test_failing_hidden_test_shows_a_neutral_message(feedback, synthetic_class):
    assert _page(synthetic_class, "hiddenfail").count(NEUTRAL) >= 2


@pytest.mark.nbgrader
def test_failing_visible_test_keeps_its_message(feedback, synthetic_class):
    assert "AssertionError: pick at least one" in _page(synthetic_class, "partial")


@pytest.mark.nbgrader
def test_visible_test_code_is_still_shown(feedback, synthetic_class):
    assert 'assert reasons["a"] == "impatient"' in _page(synthetic_class, "good")


# Unit tests of the sanitiser on a traceback shaped like IPython 9's.

SOURCE = 'assert len(x) > 0, "pick one"\n### BEGIN HIDDEN TESTS\nassert x == ["secret answer"]\n### END HIDDEN TESTS'


def _error(failing_line: int, message: str):
    context = "\n".join(f"{'---->' if i == failing_line else '     '} {i} {line}" for i, line in enumerate(SOURCE.split("\n"), 1))
    return nbformat.from_dict({
        "output_type": "error", "ename": "AssertionError", "evalue": message,
        "traceback": ["\x1b[31m-----\x1b[39m", "AssertionError   Traceback (most recent call last)",
                      f"\x1b[36mCell In[7], line {failing_line}\x1b[39m\n{context}\n",
                      f"\x1b[31mAssertionError\x1b[39m: {message}"]})


def test_sanitiser_hides_a_failing_hidden_line_and_its_message():
    out = _error(3, "the answer is secret answer")
    numbers, texts = hidden_region(SOURCE, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
    sanitise_error(out, 7, numbers, texts)
    text = "\n".join(out.traceback)
    assert "secret answer" not in text and NEUTRAL in text and out.evalue == NEUTRAL


def test_sanitiser_keeps_a_visible_failure_but_drops_hidden_context():
    out = _error(1, "pick one")
    numbers, texts = hidden_region(SOURCE, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
    sanitise_error(out, 7, numbers, texts)
    text = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(out.traceback))
    assert "AssertionError: pick one" in text and 'assert len(x) > 0, "pick one"' in text
    assert "secret answer" not in text and "HIDDEN" not in text


def test_leak_check_finds_hidden_code_split_by_highlighting(tmp_path):
    page = tmp_path / "f.html"
    page.write_text('<span class="k">assert</span> x == [<span class="s">&quot;secret answer&quot;</span>]')
    assert find_leaks([page], {'assert x == ["secret answer"]'})
