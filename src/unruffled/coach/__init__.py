"""The reply coach: a transparent, deterministic rubric for a learner's written reply.

``from unruffled.coach import assess, judge, check_reply``. The lexicon lives in
``assets/rubric/<lang>.yaml``; the widget (``unruffled.coach.widget``) is
imported only when asked for, so this package never imports ipywidgets.
"""

from .assess import Assessment, CriterionResult, Judgement, assess, check_reply, judge
from .lexicon import CRITERIA, PITFALLS, STRENGTHS, load_lexicon

__all__ = ["CRITERIA", "PITFALLS", "STRENGTHS", "Assessment", "CriterionResult", "Judgement", "assess", "check_reply",
           "judge", "load_lexicon"]
