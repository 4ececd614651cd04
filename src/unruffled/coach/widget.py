"""The coach widget: write a reply, check it, see the evidence and the advice.

A thin view: the button calls :func:`judge` and shows its result; nothing about
what makes a good reply lives here.
"""

from __future__ import annotations

import html
from typing import Iterable

import ipywidgets as W

from .assess import judge


class ReplyCoach(W.VBox):
    """A customer line, a labelled text area, *Check my reply*, and the coach's feedback."""

    def __init__(self, customer: str, require: Iterable[str] = (), forbid: Iterable[str] = (), prompt: str | None = None,
                 **kwargs) -> None:
        self.customer = customer
        self.require = tuple(require)
        self.forbid = tuple(forbid)
        self.result = None
        quote = W.HTML(
            '<div class="unruffled-coach-customer" style="font-size:var(--jp-content-font-size3,1.25em);'
            'color:var(--jp-ui-font-color1);border-left:4px solid var(--jp-brand-color1,#1976d2);padding:.4em .8em">'
            f'<span style="font-weight:600">Customer:</span> “{html.escape(customer)}”</div>')
        hint = prompt or "Write what you would say back. Then press Check my reply."
        self.text = W.Textarea(placeholder=hint, description="Your reply", rows=4,
                               layout=W.Layout(width="100%"), style={"description_width": "initial"})
        self.button = W.Button(description="Check my reply", button_style="primary", icon="check",
                               tooltip="Check my reply with the coach")
        self.feedback = W.HTML('<div aria-live="polite"></div>', layout=W.Layout(width="100%"))
        self.button.on_click(lambda _: self.check())
        super().__init__([quote, W.HTML(f"<p>{html.escape(hint)}</p>"), self.text, self.button, self.feedback],
                         **kwargs)
        self.add_class("unruffled-coach-widget")

    def check(self):
        """Judge the current text and show the verdict."""
        self.result = judge(self.text.value, self.require, self.forbid, customer=self.customer)
        self.feedback.value = f'<div aria-live="polite">{self.result._repr_html_()}</div>'
        return self.result


def coach(customer: str, require: Iterable[str] = (), forbid: Iterable[str] = (), prompt: str | None = None) -> ReplyCoach:
    """Show a reply-coach exercise: ``coach("Where is my order?", require=["empathy"], forbid=["excuse"])``."""
    return ReplyCoach(customer, require, forbid, prompt)
