"""Class results read from a really autograded gradebook, and the friendly messages for bad ones."""

from __future__ import annotations

import base64
import csv
import io
import sqlite3

import pytest

from unruffled.dashboards.results import (ClassResults, ResultsProblem, gradebook_url_from_query, load_results,
                                          question_syllabus)

from .gradebooks import ABSENT, copy_of, empty_gradebook, foreign_gradebook

def _results(graded) -> ClassResults:
    r = load_results(f"sqlite:///{graded / 'grading' / 'gradebook.db'}")
    assert isinstance(r, ClassResults), r
    return r


def test_questions_are_sorted_hardest_first(graded):
    qs = _results(graded).questions
    assert [q.average for q in qs] == sorted(q.average for q in qs)


def test_every_graded_cell_of_the_assignment_has_an_average(graded):
    graded_cells = {g for (a, g) in question_syllabus(graded / "solutions") if a == "01-who-is-difficult"}
    assert {q.grade_id for q in _results(graded).questions} == graded_cells


def test_test_cells_take_the_syllabus_ids_of_the_answer_they_check(repo_root):
    tags = question_syllabus(repo_root / "solutions")
    assert tags[("01-who-is-difficult", "part1-tests")] == ("WHO-3",)
    assert tags[("01-who-is-difficult", "part2-tests")] == ("WHO-2",)
    assert tags[("01-who-is-difficult", "part3-answer")] == ("WHO-3", "WHO-5")


def test_mastery_covers_every_tagged_syllabus_id(graded):
    assert {m.syllabus_id for m in _results(graded).mastery} == {"WHO-2", "WHO-3", "WHO-5"}


def test_totals_match_the_grading_report(graded):
    totals = _results(graded).totals["01-who-is-difficult"]
    with open(graded / "grading" / "reports" / "01-who-is-difficult.csv", newline="") as fh:
        report = {r["student_id"]: float(r["score"]) / float(r["max_score"]) for r in csv.DictReader(fh) if r["score"]}
    assert totals == pytest.approx(report)


def test_absent_and_low_scoring_learners_need_help(graded):
    needs = {x.student_id: x.reasons for x in _results(graded).learners}
    assert "no submission for 01-who-is-difficult" in needs[ABSENT]
    assert any("below 50 %" in r for r in needs["blank"])
    assert "good" not in needs


def test_ungradable_learner_is_listed_as_needing_help(graded):
    needs = {x.student_id: x.reasons for x in _results(graded).learners}
    assert needs["badjson"] == ("01-who-is-difficult: ungradable",)


def test_flagged_submissions_come_from_the_grading_report(graded):
    flagged = {(f.student_id, f.status) for f in _results(graded).flagged}
    assert ("badjson", "ungradable") in flagged and ("raises", "raised") in flagged


def test_ungradable_submission_is_not_averaged_as_zero(graded):
    assert "badjson" not in _results(graded).totals["01-who-is-difficult"]


def test_distribution_counts_every_scored_learner(graded):
    r = _results(graded)
    assert sum(r.distribution("01-who-is-difficult")) == len(r.totals["01-who-is-difficult"])


def test_csv_link_holds_every_section_shown(graded):
    r = _results(graded)
    href = r.csv_link().split('href="', 1)[1].split('"', 1)[0]
    text = base64.b64decode(href.split("base64,", 1)[1]).decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {row["section"] for row in rows} == {"score", "question", "mastery", "needs_help", "flagged"}
    assert text == r.csv_text()


def test_charts_are_svg_with_a_title(graded):
    page = _results(graded)._repr_html_()
    assert page.count("<svg") == 2 and "<title>Score distribution for 01-who-is-difficult</title>" in page
    assert "Traceback" not in page


def test_missing_gradebook_gives_a_message(tmp_path):
    r = load_results(f"sqlite:///{tmp_path / 'nope' / 'gradebook.db'}")
    assert isinstance(r, ResultsProblem) and r.kind == "missing"
    assert not (tmp_path / "nope").exists()


def test_empty_gradebook_gives_a_message(tmp_path):
    r = load_results(f"sqlite:///{empty_gradebook(tmp_path)}")
    assert isinstance(r, ResultsProblem) and r.kind == "empty"


def test_gradebook_of_another_course_gives_a_message_and_is_not_changed(tmp_path):
    path = foreign_gradebook(tmp_path)
    r = load_results(f"sqlite:///{path}")
    assert isinstance(r, ResultsProblem) and r.kind == "unknown_course" and "another-course" in r.message
    assert [row[0] for row in sqlite3.connect(path).execute("SELECT id FROM course")] == ["another-course"]


def test_locked_gradebook_gives_a_message(graded, tmp_path):
    path = copy_of(graded, tmp_path, "locked")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        r = load_results(f"sqlite:///{path}", lock_timeout=0.2)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert isinstance(r, ResultsProblem) and r.kind == "locked"


def test_query_names_only_absolute_sqlite_files(tmp_path):
    assert gradebook_url_from_query(f"gradebook={tmp_path}/g.db", "D") == f"sqlite:///{tmp_path}/g.db"
    assert gradebook_url_from_query("gradebook=postgresql://x/y", "D") == "D"
    assert gradebook_url_from_query("gradebook=rel/g.db", "D") == "D"


def test_query_is_ignored_on_the_lan(tmp_path, monkeypatch):
    monkeypatch.setenv("UNRUFFLED_PRESENT_LAN", "1")
    assert gradebook_url_from_query(f"gradebook={tmp_path}/g.db", "D") == "D"
