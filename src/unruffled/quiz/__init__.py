"""Quizzes: the engine (pure Python) and thin widget views over it.

``from unruffled.quiz import show_quiz`` imports ipywidgets only at that
moment; the engine never does.
"""

from __future__ import annotations

from typing import Any

__all__ = ["QuizSession", "Result", "check", "present", "show_question", "show_quiz", "quiz", "question"]

_ENGINE = {"QuizSession", "Result", "check", "present"}
_WIDGET = {"show_quiz", "show_question", "quiz", "question"}


def __getattr__(name: str) -> Any:
    if name in _ENGINE:
        from . import engine

        return getattr(engine, name)
    if name in _WIDGET:
        from . import widget

        return getattr(widget, name)
    raise AttributeError(name)
