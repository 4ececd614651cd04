"""Class results read from a really autograded gradebook, and the friendly messages for bad ones."""

from __future__ import annotations

import base64
import csv
import io
import sqlite3
from collections import defaultdict
from operator import itemgetter

import pytest
from nbgrader.api import Gradebook

from unruffled.dashboards.results import (ClassResults, ResultsProblem, _grades, _open, gradebook_url_from_query,
                                          load_results, question_syllabus)
from unruffled.grading.export import per_question_scores

from .gradebooks import ABSENT, copy_of, empty_gradebook, foreign_gradebook

MANUAL = "part3-answer"  # the assignment's written answer, graded by hand in the formgrader

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


def test_totals_match_the_grading_report_over_the_graded_questions(graded):
    # the report counts an answer awaiting manual grading as 0 of its points; the dashboard leaves it out
    waiting = defaultdict(float)
    for r in per_question_scores(f"sqlite:///{graded / 'grading' / 'gradebook.db'}"):
        if r["status"] == "needs_manual_grade":
            waiting[r["student_id"]] += r["max_score"]
    totals = _results(graded).totals["01-who-is-difficult"]
    with open(graded / "grading" / "reports" / "01-who-is-difficult.csv", newline="") as fh:
        report = {r["student_id"]: float(r["score"]) / (float(r["max_score"]) - waiting[r["student_id"]])
                  for r in csv.DictReader(fh) if r["score"]}
    assert waiting and totals == pytest.approx(report)


def test_gradebook_rows_read_with_sql_match_nbgraders_own_api(graded):
    url = f"sqlite:///{graded / 'grading' / 'gradebook.db'}"
    with _open(url, 1.0) as db:
        ours = _grades(db, "unruffled")
    key = itemgetter("assignment", "student_id", "grade_id")
    assert sorted(ours, key=key) == sorted(per_question_scores(url), key=key)


def test_answer_awaiting_manual_grading_is_listed_not_scored(graded):
    awaiting = {(x.student_id, x.grade_id) for x in _results(graded).awaiting}
    assert awaiting == {("good", MANUAL), ("raises", MANUAL)}


def test_answer_awaiting_manual_grading_is_left_out_of_the_question_average(graded):
    q = {q.grade_id: q for q in _results(graded).questions}[MANUAL]
    # only blank and partial left the answer unchanged (nbgrader scores that 0 itself); good and raises wait
    assert (q.count, q.awaiting, q.average) == (2, 2, 0.0)


def _one_manual_grade(graded, tmp_path):
    """A copy of the class where the formgrader has given ``good`` full marks on the written answer."""
    path = copy_of(graded, tmp_path, "manually-graded")
    with Gradebook(f"sqlite:///{path}", course_id="unruffled") as gb:  # what the formgrader does on save
        g = gb.find_grade(MANUAL, "01-who-is-difficult", "01-who-is-difficult", "good")
        g.manual_score, g.needs_manual_grade = 3.0, False
        gb.db.commit()
    return load_results(f"sqlite:///{path}")


def test_manual_grade_once_entered_counts_in_the_question_average(graded, tmp_path):
    r = _one_manual_grade(graded, tmp_path)
    q = {q.grade_id: q for q in r.questions}[MANUAL]
    assert (q.count, q.awaiting) == (3, 1) and q.average == pytest.approx(1 / 3)
    assert ("good", MANUAL) not in {(x.student_id, x.grade_id) for x in r.awaiting}


def test_answer_awaiting_manual_grading_is_left_out_of_mastery(graded, tmp_path):
    # WHO-5 is tagged on the written answer only: 3 of the 9 graded points; counting
    # the answer still awaiting as 0 would give 3 of 12
    mastery = {m.syllabus_id: m.share for m in _one_manual_grade(graded, tmp_path).mastery}
    assert mastery["WHO-5"] == pytest.approx(1 / 3)


def test_question_with_every_answer_awaiting_has_no_average(graded, tmp_path):
    path = copy_of(graded, tmp_path, "all-awaiting")
    with sqlite3.connect(path) as con:
        con.execute("UPDATE grade SET auto_score = NULL, needs_manual_grade = 1 WHERE cell_id IN "
                    "(SELECT id FROM base_cell WHERE name = ?)", (MANUAL,))
    r = load_results(f"sqlite:///{path}")
    q = {q.grade_id: q for q in r.questions}[MANUAL]
    assert q.average is None and q.count == 0 and "WHO-5" not in {m.syllabus_id for m in r.mastery}
    assert "awaiting manual grading" in r._repr_html_()


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
    assert {row["section"] for row in rows} == {"score", "question", "mastery", "needs_help", "flagged",
                                                  "awaiting_manual_grade"}
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


def test_gradebook_url_read_without_nbgrader_matches_nbgraders_own(repo_root):
    from unruffled.dashboards.results import configured_gradebook_url
    from unruffled.grading.course import CourseLayout

    assert configured_gradebook_url(repo_root) == CourseLayout.load(repo_root).db_url


def test_gradebook_url_defaults_to_nbgraders_root_when_the_config_names_none(tmp_path):
    from unruffled.dashboards.results import configured_gradebook_url

    (tmp_path / "nbgrader_config.py").write_text(f"c = get_config()\nc.CourseDirectory.root = {str(tmp_path / 'r')!r}\n")
    assert configured_gradebook_url(tmp_path) == f"sqlite:///{tmp_path / 'r' / 'gradebook.db'}"


def test_a_database_url_sqlite3_cannot_open_is_read_through_sqlalchemy_alike(graded):
    db = graded / "grading" / "gradebook.db"
    where = {"solutions": graded / "solutions", "reports": graded / "grading" / "reports"}
    direct = load_results(f"sqlite:///{db}", **where)
    via_sqlalchemy = load_results(f"sqlite+pysqlite:///{db}", **where)
    assert isinstance(via_sqlalchemy, ClassResults)
    assert via_sqlalchemy.csv_text() == direct.csv_text()
