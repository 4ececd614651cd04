"""Quiz widgets: thin ipywidgets views over :mod:`unruffled.quiz.engine`.

The answer key stays in the kernel. A view is built only from
:class:`~unruffled.quiz.engine.Presented` (prompt, labels, exchange), so the
only traits synced to the browser before Check are texts the learner is meant
to see and their selection: choice widgets get ``(label, id)`` pairs and
ipywidgets syncs only the labels and the selected index. Feedback, the
explanation and the hint reach the browser only after Check (or Show hint).

Usage in a teaching notebook::

    from unruffled.quiz import show_quiz
    show_quiz("01-who-is-difficult", only=["q1", "q2"])
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any, Callable, Sequence

import ipywidgets as W
from IPython.display import display

from ..content.quiz import QuizBank, find_bank, load_bank
from .engine import AnswerError, NoAttemptsLeft, Presented, QuizSession, Result

# Scoped to .unruffled-quiz; only JupyterLab CSS variables, so light and dark
# themes both work. The widget variables are raised for projector-readable text.
STYLE = """<style>
.unruffled-quiz {
  --jp-widgets-font-size: var(--jp-content-font-size2, 1.2em);
  --jp-widgets-inline-height: 2.2em;
  --jp-widgets-inline-label-width: 9em;
  color: var(--jp-ui-font-color1); background: var(--jp-layout-color1);
  font-size: var(--jp-content-font-size2, 1.2em); line-height: 1.5;
  border: 1px solid var(--jp-border-color2); border-radius: 6px; padding: 0.6em 1em; max-width: 56em;
}
.unruffled-quiz .widget-html-content, .unruffled-quiz label, .unruffled-quiz button,
.unruffled-quiz select, .unruffled-quiz textarea, .unruffled-quiz .widget-label {
  font-size: var(--jp-content-font-size2, 1.2em); color: var(--jp-ui-font-color1);
}
.unruffled-quiz .widget-radio-box label, .unruffled-quiz .widget-label-basic, .unruffled-quiz .widget-label-basic span,
.unruffled-quiz .widget-html-content { white-space: normal; height: auto; line-height: 1.45; }
.unruffled-quiz .widget-radio-box label { margin: 0.25em 0; }
.unruffled-quiz .widget-checkbox { height: auto; min-height: var(--jp-widgets-inline-height); }
.unruffled-quiz input[type=radio], .unruffled-quiz input[type=checkbox] { width: 1.1em; height: 1.1em; }
.unruffled-quiz button:focus-visible, .unruffled-quiz input:focus-visible, .unruffled-quiz select:focus-visible,
.unruffled-quiz textarea:focus-visible { outline: 3px solid var(--jp-brand-color1); outline-offset: 2px; }
.unruffled-quiz .widget-button { margin: 0 0.5em 0.3em 0; width: auto; min-width: 8em; height: auto; min-height: var(--jp-widgets-inline-height); }
.unruffled-quiz .unruffled-prompt { font-size: var(--jp-content-font-size3, 1.44em); font-weight: 600; margin: 0.3em 0; }
.unruffled-quiz .unruffled-progress { color: var(--jp-ui-font-color2); margin: 0; }
.unruffled-quiz .unruffled-exchange p { margin: 0.2em 0 0.2em 1em; }
.unruffled-quiz .unruffled-result { border-left: 0.4em solid var(--jp-border-color1); padding: 0.2em 0.8em; margin-top: 0.4em; }
.unruffled-quiz .unruffled-correct { border-left-color: var(--jp-success-color1); }
.unruffled-quiz .unruffled-partial { border-left-color: var(--jp-warn-color1); }
.unruffled-quiz .unruffled-wrong { border-left-color: var(--jp-error-color1); }
.unruffled-quiz .unruffled-headline { font-size: var(--jp-content-font-size3, 1.44em); margin: 0.2em 0; }
.unruffled-quiz .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
</style>"""

def _wide() -> W.Layout:
    return W.Layout(width="100%")


def _html(value: str = "", cls: str | None = None) -> W.HTML:
    w = W.HTML(value, layout=W.Layout(width="100%"))
    if cls:
        w.add_class(cls)
    return w


def _status(message: str) -> str:
    return f'<div role="status" aria-live="polite"><p>⚠ {escape(message)}</p></div>'


class QuestionPanel:
    """Controls for one presented question; knows how to read the learner's answer.

    Built only from a :class:`Presented`: it never sees the key.
    """

    def __init__(self, p: Presented, number: int | None = None) -> None:
        self.p = p
        label = f"Question {number}: " if number else ""
        self.prompt = _html(f'<p class="unruffled-prompt">{escape(label + p.prompt)}</p>')
        context = []
        if p.exchange:
            lines = "".join(f"<p><strong>{'Customer' if s == 'customer' else 'You'}:</strong> {escape(t)}</p>"
                            for s, t in p.exchange)
            context.append(_html(f'<div class="unruffled-exchange">{lines}</div>'))
        if p.customer:
            context.append(_html(f'<div class="unruffled-exchange"><p><strong>Customer:</strong> '
                                 f'“{escape(p.customer)}”</p></div>'))
        self.controls: list[W.Widget] = []
        style = {"description_width": "initial"}
        if p.type in ("single", "judgement"):
            self.radio = W.RadioButtons(options=[(c.label, c.id) for c in p.choices], value=None,
                                        description="Your answer:", style=style, layout=_wide())
            self.controls = [self.radio]
        elif p.type == "multiple":
            self.boxes = [W.Checkbox(value=False, description=c.label, indent=False, layout=_wide()) for c in p.choices]
            self.controls = [_html("<p>Tick every option that applies.</p>"), *self.boxes]
        elif p.type == "ordering":
            opts = [(c.label, c.id) for c in p.choices]
            self.drops = [W.Dropdown(options=opts, value=c.id, description=f"Step {i}:", style=style,
                                     layout=_wide()) for i, c in enumerate(p.choices, start=1)]
            self.controls = [_html("<p>Choose which step comes at each position (use each step once).</p>"),
                             *self.drops]
        elif p.type == "matching":
            opts = [("— choose —", None)] + [(c.label, c.id) for c in p.choices]
            self.pairs = []
            for i, left in enumerate(p.left, start=1):
                drop = W.Dropdown(options=opts, value=None, description=f"Match for {i}:", style=style, layout=_wide())
                self.pairs.append((left.id, drop))
                self.controls += [_html(f"<p><strong>{i}.</strong> {escape(left.label)}</p>"), drop]
        elif p.type == "free_text":
            self.text = W.Textarea(value="", placeholder="Type what you would say to the customer…",
                                   description="Your reply:", rows=3, style=style, layout=_wide())
            self.controls = [self.text]
        self.box = W.VBox([self.prompt, *context, *self.controls], layout=_wide())

    def _inputs(self) -> list[W.Widget]:
        return [c for c in self.controls if not isinstance(c, W.HTML)]

    def answer(self) -> Any:
        """The learner's answer in the engine's format."""
        t = self.p.type
        if t in ("single", "judgement"):
            return self.radio.value
        if t == "multiple":
            return [c.id for c, b in zip(self.p.choices, self.boxes) if b.value]
        if t == "ordering":
            return [d.value for d in self.drops]
        if t == "matching":
            return {lid: d.value for lid, d in self.pairs}
        return self.text.value

    def set_enabled(self, enabled: bool) -> None:
        """Lock the inputs once a question is finished."""
        for w in self._inputs():
            w.disabled = not enabled

    def reset(self) -> None:
        """Back to the start state for another try."""
        t = self.p.type
        if t in ("single", "judgement"):
            self.radio.value = None
        elif t == "multiple":
            for b in self.boxes:
                b.value = False
        elif t == "ordering":
            for d, c in zip(self.drops, self.p.choices):
                d.value = c.id
        elif t == "matching":
            for _, d in self.pairs:
                d.value = None
        else:
            self.text.value = ""

    def close(self) -> None:
        """Close every widget (frees their comms when moving to the next question)."""
        for w in [self.prompt, *self.controls, self.box]:
            w.close()


def _recorder(module: str, learner: str | None, store: Any, warn: Callable[[str], None]):
    """A ``record`` hook saving each result to the progress store (opened on first use)."""
    state: dict[str, Any] = {"store": store}

    def record(question, answer, result: Result) -> None:
        try:
            if state["store"] is None:
                from ..progress.store import ProgressStore

                state["store"] = ProgressStore.shared()
            who = learner or state["store"].default_learner()
            state["store"].record(who, module, question.id, question.type, answer, result.score,
                                  outcome=result.outcome, syllabus=list(question.syllabus))
        except Exception as exc:  # the answer is still checked; the learner must know it was not saved
            warn(f"Your answer was checked but could not be saved to your progress: {exc}")

    return record


def _resolve(bank_or_name: QuizBank | str | Path) -> QuizBank:
    if isinstance(bank_or_name, QuizBank):
        return bank_or_name
    p = Path(bank_or_name)
    if p.suffix == ".yaml" and p.exists():
        return load_bank(p)
    return load_bank(find_bank(str(bank_or_name)))


class QuizWidget(W.VBox):
    """A bank (or some of its questions), one question at a time: Check, Try again, Next.

    Callbacks only read the answer, call the engine and render its result.
    """

    def __init__(self, bank: QuizBank, only: Sequence[str] | None = None, *, learner: str | None = None,
                 store: Any = None, seed: int | str | None = None, judge: Callable | None = None,
                 save: bool = True, single: bool = False) -> None:
        super().__init__(layout=W.Layout(width="100%", max_width="60em"))
        self.add_class("unruffled-quiz")
        self._warnings: list[str] = []
        record = _recorder(bank.module, learner, store, self._warnings.append) if save else None
        self.session = QuizSession(bank, only=only, seed=seed, record=record, judge=judge)
        self._single = single
        self.progress = _html(cls="unruffled-progress-line")
        self.feedback = _html(cls="unruffled-feedback-area")
        self.hint_area = _html()
        self.check_button = W.Button(description="Check", button_style="primary", tooltip="Check your answer",
                                     icon="check")
        self.retry_button = W.Button(description="Try again", tooltip="Clear your answer and try again",
                                     disabled=True, icon="undo")
        self.hint_button = W.Button(description="Show hint", tooltip="Show a hint for this question", icon="lightbulb-o")
        self.next_button = W.Button(description="Next question", tooltip="Go to the next question", icon="arrow-right")
        self.check_button.on_click(lambda _: self.on_check())
        self.retry_button.on_click(lambda _: self.on_retry())
        self.hint_button.on_click(lambda _: self.on_hint())
        self.next_button.on_click(lambda _: self.on_next())
        self.style = _html(STYLE)
        self.panel: QuestionPanel | None = None
        self._show_current()

    # -- rendering ---------------------------------------------------------

    def _show_current(self) -> None:
        if self.panel is not None:
            self.panel.close()
        s = self.session
        p = s.present()
        self.panel = QuestionPanel(p, None if self._single else s.index + 1)
        self.progress.value = "" if self._single else f'<p class="unruffled-progress">{escape(s.progress_line())}</p>'
        self.feedback.value = ""
        self.hint_area.value = ""
        self.hint_button.layout.display = None if p.has_hint else "none"
        self.hint_button.disabled = not p.has_hint
        self.check_button.disabled = False
        self.retry_button.disabled = True
        is_last = s.index + 1 >= len(s.questions)
        self.next_button.layout.display = "none" if self._single else None
        self.next_button.disabled = is_last
        buttons = W.HBox([self.check_button, self.retry_button, self.hint_button, self.next_button],
                         layout=W.Layout(flex_flow="row wrap", margin="0.5em 0"))
        self.children = [self.style, self.progress, self.panel.box, buttons, self.hint_area, self.feedback]

    def _render(self, result: Result) -> None:
        html = result._repr_html_()
        if result.finished and not self._single:
            html += self._finished_line(result)
        if self._warnings:
            html += _status(self._warnings.pop())
        self.feedback.value = html
        self.progress.value = "" if self._single else f'<p class="unruffled-progress">{escape(self.session.progress_line())}</p>'
        self.check_button.disabled = result.finished
        self.retry_button.disabled = result.finished
        self.panel.set_enabled(not result.finished)

    def _finished_line(self, result: Result) -> str:
        s = self.session
        if s.index + 1 >= len(s.questions):
            return (f"<p><strong>End of this quiz:</strong> {s.right} of {len(s.questions)} right, "
                    f"total score {s.total_score:.1f} of {len(s.questions)}.</p>")
        return "<p>Press <strong>Next question</strong> to go on.</p>"

    # -- callbacks: read, call the engine, render --------------------------

    def on_check(self) -> None:
        """Check the current answer."""
        try:
            result = self.session.check(self.panel.answer())
        except AnswerError as exc:
            self.feedback.value = _status(str(exc)[:1].upper() + str(exc)[1:] + ".")
            return
        except NoAttemptsLeft:
            self.feedback.value = _status("This question is finished. Go on to the next one.")
            return
        self._render(result)

    def on_retry(self) -> None:
        """Clear the answer and the feedback for another attempt."""
        self.panel.reset()
        self.panel.set_enabled(True)
        n = self.session.attempts_left()
        self.feedback.value = _status(f"Try again: you have {n} {'try' if n == 1 else 'tries'} left.")
        self.retry_button.disabled = True

    def on_hint(self) -> None:
        """Send the hint to the browser, only now that it was asked for."""
        text = self.session.hint()
        if text:
            self.hint_area.value = f'<div role="status" aria-live="polite"><p><strong>Hint:</strong> {escape(text)}</p></div>'

    def on_next(self) -> None:
        """Go to the next question."""
        if self.session.next():
            self._show_current()


def quiz(bank_or_name: QuizBank | str | Path, only: Sequence[str] | None = None, **kw: Any) -> QuizWidget:
    """A widget for a whole bank (or the questions in ``only``), one question at a time.

    ``bank_or_name``: a :class:`QuizBank`, a ``.yaml`` path, or a bank name such
    as ``"01-who-is-difficult"``. Keywords: ``learner``, ``store`` (a
    ``ProgressStore``; default opened on the first answer), ``seed``, ``save``.
    """
    return QuizWidget(_resolve(bank_or_name), only=only, **kw)


def question(bank_or_name: QuizBank | str | Path, qid: str, **kw: Any) -> QuizWidget:
    """A widget for one question of a bank, with Check and Try again (no Next)."""
    return QuizWidget(_resolve(bank_or_name), only=[qid], single=True, **kw)


def show_quiz(bank_or_name: QuizBank | str | Path, only: Sequence[str] | None = None, **kw: Any) -> None:
    """Display :func:`quiz` in the notebook, e.g. ``show_quiz("01-who-is-difficult", only=["q1", "q2"])``."""
    display(quiz(bank_or_name, only=only, **kw))


def show_question(bank_or_name: QuizBank | str | Path, qid: str, **kw: Any) -> None:
    """Display :func:`question` in the notebook."""
    display(question(bank_or_name, qid, **kw))
