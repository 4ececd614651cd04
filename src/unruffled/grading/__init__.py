"""Grading at scale: parallel nbgrader autograde, a report, leak-free feedback, per-question export."""

from .course import CourseLayout, GradingError
from .pipeline import STEPS, GradeOptions, grade
from .report import CSV_COLUMNS, GradingReport, SubmissionResult

__all__ = ["CourseLayout", "GradingError", "GradeOptions", "grade", "STEPS", "GradingReport", "SubmissionResult", "CSV_COLUMNS"]
