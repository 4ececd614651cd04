"""Assignment 01 (who is a difficult customer?): the instructor's solution earns every
autograded point, the blank release earns none, and a written answer waits for a person."""

from __future__ import annotations

import shutil

import nbformat
import pytest
from nbgrader.api import Gradebook

from .conftest import ROOT, Course, filled_submission

pytestmark = pytest.mark.nbgrader

A = "01-who-is-difficult"
SOURCE = ROOT / "solutions" / A / f"{A}.ipynb"


def _cells(kind: str) -> dict[str, float]:
    """grade_id -> points of the source's graded cells: 'code' (autograded) or 'markdown' (manual)."""
    nb = nbformat.read(SOURCE, as_version=4)
    return {c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"]["points"] for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == kind}


@pytest.fixture(scope="module")
def gradebook(released_course, tmp_path_factory):
    """One autograde run of two submissions, in a private copy of the released course."""
    root = tmp_path_factory.mktemp("module01")
    shutil.copy(released_course.root / "nbgrader_config.py", root)
    for folder in ("solutions", "exercises"):
        shutil.copytree(released_course.root / folder, root / folder)
    course = Course(root)
    course.nbgrader("generate_assignment", A, "--force")  # registers the assignment in this gradebook
    release = root / "exercises" / A / f"{A}.ipynb"
    course.submit("m01-solution", A, filled_submission(release, root / "solutions" / A / f"{A}.ipynb"))
    course.submit("m01-blank", A, nbformat.read(release, as_version=4))
    course.nbgrader("autograde", A)
    with Gradebook(f"sqlite:///{root / 'grading' / 'gradebook.db'}") as gb:
        yield {student: {
            "score": nb.score,
            "needs_manual_grade": nb.needs_manual_grade,
            "cells": {g.name: (g.score, g.max_score, g.needs_manual_grade) for g in nb.grades},
        } for student in ("m01-solution", "m01-blank")
            for nb in [gb.find_submission_notebook(A, A, student)]}


def test_assignment_is_between_10_and_20_points_with_one_manual_answer():
    auto, manual = _cells("code"), _cells("markdown")
    assert 10 <= sum(auto.values()) + sum(manual.values()) <= 20
    assert len(manual) == 1 and sum(auto.values()) > 0


@pytest.mark.parametrize("student, expected", [("m01-solution", "full"), ("m01-blank", "zero")])
def test_autograded_parts(gradebook, student, expected):
    cells = gradebook[student]["cells"]
    for grade_id, points in _cells("code").items():
        score, max_score, _ = cells[grade_id]
        assert max_score == points
        want = points if expected == "full" else 0
        assert score == want, f"{student}: {grade_id} scored {score}, expected {want}"


def test_written_answer_needs_manual_grading(gradebook):
    (grade_id,) = _cells("markdown")
    _, _, needs_manual = gradebook["m01-solution"]["cells"][grade_id]
    assert needs_manual, f"{grade_id} should wait for the instructor"
    assert gradebook["m01-solution"]["needs_manual_grade"]
    # nbgrader scores an untouched "YOUR ANSWER HERE" as 0 by itself; nothing is left to grade.
    score, _, needs_manual = gradebook["m01-blank"]["cells"][grade_id]
    assert (score, needs_manual) == (0, False)


def test_release_keeps_rubric_model_answer_and_hidden_tests_out():
    release = (ROOT / "exercises" / A / f"{A}.ipynb").read_text()
    for secret in ("Rubric", "Model answer", "Instructor notes", "HIDDEN TESTS", "BEGIN SOLUTION",
                   '"too_nice"', "accounting practice"):
        assert secret not in release, f"{secret!r} leaked into the learner's release"
