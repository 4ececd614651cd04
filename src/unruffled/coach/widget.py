"""The coach widget: a thin ipywidgets view over :func:`unruffled.coach.judge`.

Usage in a notebook::

    from unruffled.coach.widget import ReplyCoach
    ReplyCoach("I've been on hold for forty minutes!", require=["empathy", "next_step"], forbid=["calm_down"])

The learner types a reply, presses *Check my reply* (or Tab to it and press
Enter or Space), and sees the reply with the words the coach found
highlighted, then a checklist with ✓/✗, words and advice. All logic lives in
the engine; the click handler only calls it and renders the result.
This is the only module of the coach that imports ipywidgets.
"""

from __future__ import annotations

from html import escape
from typing import Iterable

import ipywidgets as W

from .engine import Judgement, judge

# Scoped to .unruffled-coach-widget; JupyterLab CSS variables only, so light
# and dark themes both work; sizes raised for projectors.
STYLE = """<style>
.unruffled-coach-widget {
  --jp-widgets-font-size: var(--jp-content-font-size2, 1.2em);
  color: var(--jp-ui-font-color1); background: var(--jp-layout-color1);
  font-size: var(--jp-content-font-size2, 1.2em); line-height: 1.5;
  border: 1px solid var(--jp-border-color2); border-radius: 6px; padding: 0.6em 1em; max-width: 56em;
}
.unruffled-coach-widget textarea, .unruffled-coach-widget button, .unruffled-coach-widget label,
.unruffled-coach-widget .widget-label, .unruffled-coach-widget .widget-html-content {
  font-size: var(--jp-content-font-size2, 1.2em); color: var(--jp-ui-font-color1); white-space: normal; line-height: 1.45;
}
.unruffled-coach-widget textarea { min-height: 6em; background: var(--jp-input-background, var(--jp-layout-color1)); }
.unruffled-coach-widget button:focus-visible, .unruffled-coach-widget textarea:focus-visible {
  outline: 3px solid var(--jp-brand-color1); outline-offset: 2px;
}
.unruffled-coach-widget .widget-button { width: auto; min-width: 10em; height: auto; min-height: 2.2em; }
</style>"""


class ReplyCoach(W.VBox):
    """A customer line, a labelled text area, a *Check my reply* button and the coach's feedback.

    ``require`` and ``forbid`` are coach criterion ids (see
    :data:`unruffled.coach.CRITERIA`); unknown ids raise ``ValueError`` at once.
    ``last`` holds the latest :class:`~unruffled.coach.Judgement`.
    """

    def __init__(self, customer_line: str, require: Iterable[str] = (), forbid: Iterable[str] = (), **kwargs):
        self.customer_line = customer_line
        self.require = tuple(require)
        self.forbid = tuple(forbid)
        judge("x", self.require, self.forbid)  # fail now, not on the learner's first click
        self.last: Judgement | None = None
        self.customer = W.HTML(f'{STYLE}<p><strong>Customer:</strong> \u201c{escape(customer_line)}\u201d</p>')
        self.reply = W.Textarea(
            placeholder="Write what you would say to this customer\u2026",
            description="Your reply",
            description_allow_html=False,
            layout=W.Layout(width="100%"),
            style={"description_width": "initial"},
        )
        self.check = W.Button(
            description="Check my reply",
            tooltip="Check my reply with the coach",
            button_style="primary",
            icon="check",
        )
        self.feedback = W.HTML(value="", layout=W.Layout(width="100%"))
        self.check.on_click(self._on_check)
        super().__init__([self.customer, self.reply, self.check, self.feedback], **kwargs)
        self.add_class("unruffled-coach-widget")

    def _on_check(self, _button=None) -> None:
        self.last = judge(self.reply.value, self.require, self.forbid, customer=self.customer_line)
        self.feedback.value = self.last._repr_html_()


def coach_widget(customer_line: str, require: Iterable[str] = (), forbid: Iterable[str] = ()) -> ReplyCoach:
    """Build a :class:`ReplyCoach` (a function form for notebooks that prefer one)."""
    return ReplyCoach(customer_line, require=require, forbid=forbid)


# Short name used in teaching notebooks: ``from unruffled.coach.widget import coach``.
coach = coach_widget
