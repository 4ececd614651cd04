"""Learner progress: every attempt saved durably in SQLite, and a view of it.

``ProgressStore`` is plain Python (sqlite3); ``show_progress`` (the widget)
is imported lazily so that using the store never pulls in ipywidgets.
"""

from __future__ import annotations

from typing import Any

from .store import Attempt, ProgressStore, default_db_path

__all__ = ["Attempt", "ProgressStore", "default_db_path", "show_progress"]


def __getattr__(name: str) -> Any:
    # Lazy: the widget imports ipywidgets, which the store must not need.
    if name == "show_progress":
        from .widget import show_progress

        return show_progress
    raise AttributeError(name)
