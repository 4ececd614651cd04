"""The ``grade``, ``feedback`` and ``export`` sub-commands of ``unruffled``.

Kept apart from the main command line so that importing it stays cheap: nbgrader
is only imported when one of these commands runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _root(args: argparse.Namespace) -> Path:
    if args.root:
        return Path(args.root).resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "nbgrader_config.py").is_file():
            return folder
    return here


def _cmd_grade(args: argparse.Namespace) -> int:
    from .course import GradingError
    from .pipeline import GradeOptions, grade

    opts = GradeOptions(jobs=args.jobs or 0, sequential=args.sequential, timeout=args.timeout,
                        kernel_pool=not args.no_kernel_pool)
    try:
        report = grade(args.assignment, _root(args), opts)
    except GradingError as exc:
        print(f"unruffled grade: {exc}", file=sys.stderr)
        return 1
    print(report.summary())
    for s in sorted(report.submissions, key=lambda s: s.student_id):
        if s.status != "graded":
            print(f"  {s.student_id}: {s.status}: {s.reason}")
    reports = _root(args) / "grading" / "reports"
    print(f"Report: {reports / (args.assignment + '.csv')} and .html (log: .log)")
    if args.feedback:
        return _feedback(args)
    return 0


def _feedback(args: argparse.Namespace) -> int:
    from .course import GradingError
    from .feedback import generate_feedback

    try:
        result = generate_feedback(args.assignment, _root(args), getattr(args, "student", None))
    except GradingError as exc:
        print(f"unruffled feedback: {exc}", file=sys.stderr)
        return 1
    print(f"Feedback: {len(result.pages)} page(s) written.")
    if not result.ok:
        print("Hidden tests are visible in feedback; do not return these pages:", file=sys.stderr)
        for page, line in result.leaks:
            print(f"  {page}: {line}", file=sys.stderr)
        print("Check that GenerateFeedback.preprocessors in nbgrader_config.py lists "
              "unruffled.grading.feedback.SanitiseHiddenTracebacks before ClearHiddenTests.", file=sys.stderr)
        return 1
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from nbgrader.api import MissingEntry

    from .course import CourseLayout, GradingError
    from .export import per_question_scores, to_csv

    try:
        course = CourseLayout.load(_root(args))
        rows = per_question_scores(course.db_url, args.assignment, course_id=course.course_id)
    except GradingError as exc:
        print(f"unruffled export: {exc}", file=sys.stderr)
        return 1
    except MissingEntry:
        print(f"unruffled export: no assignment '{args.assignment}' in the gradebook ({course.db_url}); "
              "grade it first with 'unruffled grade'", file=sys.stderr)
        return 1
    if args.to:
        to_csv(rows, Path(args.to))
        print(f"{len(rows)} rows written to {args.to}")
    else:
        sys.stdout.write(to_csv(rows))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``grade``, ``feedback`` and ``export`` to the ``unruffled`` sub-commands."""
    p = sub.add_parser("grade", help="autograde every submission of an assignment in parallel, with a report")
    p.add_argument("assignment", help="assignment id, e.g. 01-who-is-difficult")
    p.add_argument("--jobs", "-j", type=int, default=0, help="parallel nbgrader processes (default: number of cores)")
    p.add_argument("--sequential", action="store_true", help="one nbgrader process for the whole class")
    p.add_argument("--timeout", type=int, default=None, help="seconds a cell may run (default: ExecutePreprocessor.timeout in nbgrader_config.py)")
    p.add_argument("--no-kernel-pool", action="store_true",
                   help="start and stop each kernel as plain nbgrader does (default: the next kernel boots "
                        "while a notebook runs, and finished kernels stop in the background)")
    p.add_argument("--feedback", action="store_true", help="generate feedback afterwards (as 'unruffled feedback')")
    p.add_argument("--root", help="course root holding nbgrader_config.py (default: found from the current folder)")
    p.set_defaults(func=_cmd_grade)

    p = sub.add_parser("feedback", help="generate feedback pages without hidden tests, and check for leaks")
    p.add_argument("assignment")
    p.add_argument("--student", help="only this student")
    p.add_argument("--root", help="course root holding nbgrader_config.py")
    p.set_defaults(func=_feedback)

    p = sub.add_parser("export", help="CSV of scores per learner per graded cell")
    p.add_argument("assignment", nargs="?", help="assignment id (default: every assignment)")
    p.add_argument("--to", help="write to this file instead of standard output")
    p.add_argument("--root", help="course root holding nbgrader_config.py")
    p.set_defaults(func=_cmd_export)
