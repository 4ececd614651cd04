"""The reply coach: reads a learner's written reply to a customer and explains what works and what does not.

``assess(reply, customer=None)`` finds every criterion with its evidence;
``judge(reply, require, forbid)`` gives a pass/fail verdict for quizzes and
role-plays; ``check_reply`` does the same for nbgrader tests. The rules live
in ``assets/rubric/<language>.yaml``. The widget (``unruffled.coach.widget``)
is imported only on request, so importing this package never loads ipywidgets.
"""

from .engine import Assessment, CriterionResult, Judgement, assess, check_reply, judge
from .lexicon import CRITERIA, PITFALLS, STRENGTHS, Lexicon, default_lexicon, load_lexicon

__all__ = [
    "CRITERIA",
    "PITFALLS",
    "STRENGTHS",
    "Assessment",
    "CriterionResult",
    "Judgement",
    "Lexicon",
    "assess",
    "check_reply",
    "default_lexicon",
    "judge",
    "load_lexicon",
]
