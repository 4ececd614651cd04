"""Pre-flight checks on in-memory notebooks (no nbgrader run)."""

from __future__ import annotations

import copy

import nbformat
import pytest

from unruffled.grading.checks import check_files, check_locked_cells, check_outputs
from unruffled.grading.report import GradingReport, SubmissionResult
from unruffled.grading.shards import split
from unruffled.grading.synthetic import answered

from .conftest import A, ROOT, source_points

RELEASE = nbformat.read(ROOT / "exercises" / A / f"{A}.ipynb", as_version=4)
SOURCE = nbformat.read(ROOT / "solutions" / A / f"{A}.ipynb", as_version=4)


def _cell(nb, gid):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == gid)


def _tamper(nb):
    result = SubmissionResult("x", A)
    check_locked_cells(result, A, nb, RELEASE)
    return result


def test_answered_submission_is_not_tampered():
    assert _tamper(answered(RELEASE, SOURCE)).problems == []


def test_edited_locked_context_cell_is_tampered():
    nb = copy.deepcopy(RELEASE)
    _cell(nb, "part1-lines").source += "\n# mine"
    assert _tamper(nb).reason == "cell 'part1-lines' was edited"


def test_changed_points_are_reported_without_calling_the_source_edited():
    nb = copy.deepcopy(RELEASE)
    _cell(nb, "part2-tests").metadata.nbgrader["points"] = 9
    original = source_points()["part2-tests"][1]
    assert _tamper(nb).reason == f"points of cell 'part2-tests' changed from {original:g} to 9"


def test_changed_points_of_a_manual_cell_are_tampered():
    nb = copy.deepcopy(RELEASE)
    _cell(nb, "part3-answer").metadata.nbgrader["points"] = 20
    assert _tamper(nb).status == "tampered"


def test_unlocked_test_cell_is_tampered():
    nb = copy.deepcopy(RELEASE)
    _cell(nb, "part1-tests").metadata.nbgrader["locked"] = False
    assert "cell type changed" in _tamper(nb).reason


def test_missing_notebook_names_the_file_found(tmp_path):
    (tmp_path / "01-who-is-difficult-copy.ipynb").write_text(nbformat.writes(RELEASE))
    result = SubmissionResult("x", A)
    check_files(result, tmp_path, [A])
    assert result.reason == f"notebook {A}.ipynb not found; found 01-who-is-difficult-copy.ipynb"


def test_unanswered_cell_raising_not_implemented_is_not_a_crash():
    nb = copy.deepcopy(RELEASE)
    _cell(nb, "part1-answer").outputs = [nbformat.v4.new_output("error", ename="NotImplementedError", evalue="", traceback=[])]
    result = SubmissionResult("x", A)
    check_outputs(result, A, nb, RELEASE, 5)
    assert result.status == "graded"


def test_failing_test_cell_is_not_a_crash():
    nb = answered(RELEASE, SOURCE)
    _cell(nb, "part1-tests").outputs = [nbformat.v4.new_output("error", ename="AssertionError", evalue="no", traceback=[])]
    result = SubmissionResult("x", A)
    check_outputs(result, A, nb, RELEASE, 5)
    assert result.status == "graded"


def test_most_serious_status_wins_and_all_reasons_are_kept():
    result = SubmissionResult("x", A)
    result.flag("raised", "cell 'a' raised ValueError")
    result.flag("tampered", "cell 'b' was edited")
    assert result.status == "tampered" and result.reason == "cell 'b' was edited; cell 'a' raised ValueError"


def test_unknown_status_is_refused():
    with pytest.raises(ValueError):
        SubmissionResult("x", A).flag("fine", "")


def test_shards_are_disjoint_and_cover_the_class():
    groups = split([f"s{i}" for i in range(7)], 3)
    flat = [s for g in groups for s in g]
    assert len(groups) == 3 and sorted(flat) == sorted(set(flat)) and len(flat) == 7


def test_more_jobs_than_students_gives_one_shard_per_student():
    assert split(["a", "b"], 8) == [["a"], ["b"]]


def test_report_renders_in_a_notebook():
    html = GradingReport(A, [SubmissionResult("ann", A, score=8, max_score=10)])._repr_html_()
    assert "<table>" in html and "<td>ann</td>" in html
