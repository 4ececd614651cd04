"""Per-question export: one row per learner per graded cell, from the gradebook."""

from __future__ import annotations

import csv
import io

import pytest

from unruffled.cli import main
from unruffled.grading.export import COLUMNS, per_question_scores

from .conftest import A, source_points

pytestmark = pytest.mark.nbgrader


def _rows(root):
    return per_question_scores(f"sqlite:///{root / 'grading' / 'gradebook.db'}", A)


def test_export_has_one_row_per_graded_student_per_graded_cell(parallel_report, synthetic_class):
    root, _, _ = synthetic_class
    graded = [s for s in parallel_report.submissions if s.gradable]
    rows = _rows(root)
    cells = source_points()
    assert len(rows) == len(cells) * len(graded)
    assert {r["grade_id"] for r in rows} == set(cells)


def test_per_cell_scores_add_up_to_the_report_score(parallel_report, synthetic_class):
    root, _, _ = synthetic_class
    totals: dict[str, float] = {}
    for r in _rows(root):
        totals[r["student_id"]] = totals.get(r["student_id"], 0) + r["score"]
    assert totals == {s.student_id: s.score for s in parallel_report.submissions if s.gradable}


def test_manual_cell_waits_for_the_formgrader(parallel_report, synthetic_class):
    root, _, _ = synthetic_class
    row = next(r for r in _rows(root) if r["student_id"] == "good" and r["grade_id"] == "part3-answer")
    assert row["needs_manual_grade"] and row["status"] == "needs_manual_grade"


def test_deleted_test_cell_is_exported_as_not_graded(parallel_report, synthetic_class):
    root, _, _ = synthetic_class
    row = next(r for r in _rows(root) if r["student_id"] == "deltest" and r["grade_id"] == "part1-tests")
    assert row["score"] == 0 and row["status"] != "autograded"


def test_export_command_writes_the_documented_columns(parallel_report, synthetic_class, tmp_path):
    root, _, _ = synthetic_class
    out = tmp_path / "scores.csv"
    assert main(["export", A, "--to", str(out), "--root", str(root)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert list(rows[0]) == COLUMNS and len(rows) == len(_rows(root))


def test_export_of_an_unknown_assignment_is_a_clear_error(synthetic_class, capsys):
    root, _, _ = synthetic_class
    assert main(["export", "nope", "--root", str(root)]) == 1
    assert "no assignment 'nope' in the gradebook" in capsys.readouterr().err
