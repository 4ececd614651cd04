"""``unruffled grade`` on a synthetic class: every submission graded or flagged, scores as nbgrader's."""

from __future__ import annotations

import csv
import io
import shutil

import pytest

from unruffled.grading import CSV_COLUMNS, GradeOptions, GradingError, grade
from unruffled.grading.export import per_question_scores
from unruffled.grading.kernels import POOL_LOG_MARK
from unruffled.grading.pipeline import STEPS, autograde
from unruffled.grading.synthetic import KINDS, build_class

from .conftest import A, autograded_max, total_max

pytestmark = pytest.mark.nbgrader


@pytest.mark.parametrize("kind", list(KINDS))
def test_submission_gets_the_expected_status(parallel_report, kind):
    result = parallel_report.by_student()[kind]
    assert result.status == KINDS[kind][1].status, result.reason


@pytest.mark.parametrize("kind", [k for k, (_, e) in KINDS.items() if e.reason_contains])
def test_reason_names_the_problem(parallel_report, kind):
    assert KINDS[kind][1].reason_contains in parallel_report.by_student()[kind].reason


def test_hidden_test_failure_is_graded_not_flagged(parallel_report):
    assert parallel_report.by_student()["hiddenfail"].status == "graded"


def test_good_submission_scores_every_autograded_point(parallel_report):
    good = parallel_report.by_student()["good"]
    assert good.score == autograded_max() and good.max_score == total_max()


def test_blank_submission_scores_zero(parallel_report):
    assert parallel_report.by_student()["blank"].score == 0


def test_rewritten_test_cell_is_graded_with_the_real_tests(parallel_report):
    # Its answers are blank; the rewritten "assert True" tests must not earn points.
    assert parallel_report.by_student()["rewrote"].score == 0


def test_changed_points_do_not_change_the_maximum(parallel_report):
    assert parallel_report.by_student()["points"].max_score == total_max()


def test_ungradable_submissions_are_not_scored(parallel_report, synthetic_class):
    root, _, _ = synthetic_class
    graded_students = {r["student_id"] for r in per_question_scores(f"sqlite:///{root / 'grading' / 'gradebook.db'}", A)}
    for kind in ("badjson", "misnamed", "empty"):
        assert parallel_report.by_student()[kind].score is None
        assert kind not in graded_students


def test_parallel_scores_match_sequential_nbgrader_per_cell(parallel_report, synthetic_class, sequential_scores):
    root, _, _ = synthetic_class
    ours = {(r["student_id"], r["grade_id"]): r["score"]
            for r in per_question_scores(f"sqlite:///{root / 'grading' / 'gradebook.db'}", A)}
    assert len({s for s, _ in ours}) == sum(r.gradable for r in parallel_report.submissions)
    assert ours == {k: v for k, v in sequential_scores.items() if k in ours}


def test_parallel_run_executed_every_gradable_notebook_through_the_kernel_pool(parallel_report, synthetic_class):
    root, _, _ = synthetic_class
    log = (root / "grading" / "reports" / f"{A}.log").read_text()
    notebooks = len(list((root / "exercises" / A).glob("*.ipynb")))
    assert log.count(POOL_LOG_MARK) == sum(r.gradable for r in parallel_report.submissions) * notebooks


def test_report_csv_has_the_documented_columns_and_one_row_per_submission(parallel_report, synthetic_class):
    root, _, roster = synthetic_class
    rows = list(csv.DictReader(io.StringIO((root / "grading" / "reports" / f"{A}.csv").read_text())))
    assert list(rows[0]) == CSV_COLUMNS
    assert sorted(r["student_id"] for r in rows) == sorted(roster)


def test_report_html_lists_every_submission(parallel_report, synthetic_class):
    root, _, roster = synthetic_class
    page = (root / "grading" / "reports" / f"{A}.html").read_text()
    assert all(f"<td>{s}</td>" in page for s in roster)


def test_no_student_needed_a_regrade_in_a_normal_run(parallel_report):
    assert not any(s.regraded for s in parallel_report.submissions)


def test_unknown_assignment_is_a_clear_error(released_template):
    with pytest.raises(GradingError, match="no released notebooks for 'no-such-assignment'"):
        grade("no-such-assignment", released_template, GradeOptions(progress=False, write_report=False))


def test_assignment_without_submissions_is_a_clear_error(released_template):
    with pytest.raises(GradingError, match=rf"no submissions for '{A}' in grading/submitted; expected grading/submitted/<student>/{A}/{A}.ipynb"):
        grade(A, released_template, GradeOptions(progress=False, write_report=False))


def _drop_blank(run):
    """A shard that silently leaves one student out, as TOOLCHAIN.md once saw."""
    original = run.results["blank"]
    del run.results["blank"]
    try:
        autograde(run)
    finally:
        run.results["blank"] = original


def test_student_dropped_by_a_shard_is_regraded_and_reported(released_template, tmp_path):
    root = tmp_path / "course"
    shutil.copytree(released_template, root)
    build_class(root, A, kinds=["good", "blank"])
    steps = [_drop_blank if s is autograde else s for s in STEPS]
    report = grade(A, root, GradeOptions(jobs=2, progress=False), steps=steps)
    blank = report.by_student()["blank"]
    assert blank.regraded and blank.score == 0 and blank.status == "graded"
    assert "regraded" in report.summary()
