"""``show_progress()``: the learner's progress per module, as a chart with a Refresh button."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as W
from IPython.display import display

from .report import collect, progress_html
from .store import ProgressStore


class ProgressWidget(W.VBox):
    """Questions done and mastery per syllabus id for one learner; Refresh re-reads the store."""

    def __init__(self, learner: str | None = None, store: ProgressStore | None = None, root: Path | None = None) -> None:
        super().__init__(layout=W.Layout(width="100%"))
        self.store = store if store is not None else ProgressStore.shared()
        self.learner = learner or ProgressStore.default_learner()
        self.root = root
        self.view = W.HTML(layout=W.Layout(width="100%"))
        self.refresh_button = W.Button(description="Refresh", tooltip="Read your latest progress", icon="refresh")
        self.refresh_button.on_click(lambda _: self.refresh())
        self.children = [self.view, self.refresh_button]
        self.refresh()

    def refresh(self) -> None:
        """Re-read the store and redraw."""
        self.view.value = progress_html(collect(self.store, self.learner, self.root), self.learner)


def progress(learner: str | None = None, store: ProgressStore | None = None, **kw: Any) -> ProgressWidget:
    """The progress widget (not displayed)."""
    return ProgressWidget(learner, store, **kw)


def show_progress(learner: str | None = None, store: ProgressStore | None = None, **kw: Any) -> None:
    """Display the learner's progress: per module, questions done and a mastery bar per syllabus id."""
    display(progress(learner, store, **kw))
