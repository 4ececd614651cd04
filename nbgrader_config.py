"""nbgrader configuration for the Unruffled course.

Assignments are written once, with solution markers and hidden tests, in
``solutions/<assignment>/``; ``nbgrader generate_assignment`` writes the
student release into ``exercises/<assignment>/``. Everything produced while
grading lives in the git-ignored ``grading/`` folder.
"""

from pathlib import Path

c = get_config()  # noqa: F821  (provided by nbgrader when it reads this file)

ROOT = Path(__file__).resolve().parent
GRADING = ROOT / "grading"
# nbgrader cannot create the gradebook's parent folder and then blames the
# database ("unable to open database file"), so make sure it exists.
GRADING.mkdir(exist_ok=True)

c.CourseDirectory.course_id = "unruffled"
c.CourseDirectory.root = str(ROOT)
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
c.CourseDirectory.submitted_directory = "grading/submitted"
c.CourseDirectory.autograded_directory = "grading/autograded"
c.CourseDirectory.feedback_directory = "grading/feedback"
c.CourseDirectory.db_url = f"sqlite:///{GRADING / 'gradebook.db'}"

# Assets (rubric lexicons, images) are read from the package, not copied.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]

# A learner's infinite loop must not hold up the class.
c.ExecutePreprocessor.timeout = 60

# Feedback must not show hidden tests (nbgrader#917): clear them from the
# feedback notebook before it is rendered to HTML. ClearHiddenTests only clears
# sources; a failing hidden test still shows its code in the traceback, so the
# sanitiser runs first, while the source still marks the hidden lines.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "unruffled.grading.feedback.SanitiseHiddenTracebacks",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
