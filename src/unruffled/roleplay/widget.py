"""The role-play widget: a thin ipywidgets view over :class:`Conversation`.

Only what the learner may see goes into widget state (it is sent to the
browser): customer lines, reply *texts*, and feedback for replies already
chosen. Effects, next nodes and the feedback of replies not taken stay in the
kernel.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path
from typing import Any, Callable

import ipywidgets as W

from ..content.scenario import Scenario, find_scenario, load_scenario
from .engine import LETTERS, Conversation, Turn

CSS = """
<style>
.unruffled-roleplay { max-width: 60rem; font-size: 1.1rem; color: var(--jp-ui-font-color1);
  background: var(--jp-layout-color1); }
.unruffled-roleplay h3 { font-size: 1.4rem; margin: 0.2em 0; }
.unruffled-persona p { margin: 0.2em 0; }
.unruffled-mood { margin: 0.5em 0; }
.unruffled-mood-text { font-weight: bold; }
.unruffled-mood-track { height: 0.8rem; border: 1px solid var(--jp-border-color1); border-radius: 0.4rem;
  background: var(--jp-layout-color2); overflow: hidden; max-width: 24rem; }
.unruffled-mood-fill { height: 100%; background: var(--jp-brand-color1); }
.unruffled-chat { list-style: none; padding: 0; margin: 0.5em 0; }
.unruffled-bubble { margin: 0.4em 0; padding: 0.5em 0.8em; border-radius: 0.8em; max-width: 80%;
  line-height: 1.45; border: 1px solid var(--jp-border-color1); }
.unruffled-customer { background: var(--jp-layout-color2); margin-right: auto; }
.unruffled-learner { background: var(--jp-layout-color3); margin-left: auto; text-align: left; }
.unruffled-speaker { display: block; font-size: 0.85em; font-weight: bold; color: var(--jp-ui-font-color2); }
.unruffled-feedback { padding: 0.5em 0.8em; border-left: 0.3em solid var(--jp-brand-color1);
  background: var(--jp-layout-color2); margin: 0.5em 0; }
.unruffled-feedback:empty { display: none; }
.unruffled-roleplay .unruffled-reply { height: auto; min-height: 2.6rem; width: 100%; white-space: normal;
  text-align: left; font-size: 1.05rem; line-height: 1.4; padding: 0.4em 0.8em; margin: 0.2em 0;
  color: var(--jp-ui-font-color1); background: var(--jp-layout-color2); border: 1px solid var(--jp-border-color1); }
.unruffled-roleplay .unruffled-reply:hover { background: var(--jp-layout-color3); }
.unruffled-roleplay button:focus-visible, .unruffled-roleplay textarea:focus-visible {
  outline: 3px solid var(--jp-brand-color1); outline-offset: 2px; }
.unruffled-roleplay textarea { font-size: 1.05rem; min-height: 5rem; }
.unruffled-debrief { border: 1px solid var(--jp-border-color1); padding: 0.5em 1em; margin-top: 0.5em; }
.unruffled-export a { color: var(--jp-content-link-color); margin-right: 1.5em; }
</style>
"""


def _data_link(text: str, mime: str, filename: str, label: str) -> str:
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return f'<a download="{html.escape(filename)}" href="data:{mime};charset=utf-8;base64,{payload}">{html.escape(label)}</a>'


def mood_meter_html(mood: int, low: int, high: int, label: str) -> str:
    """An accessible mood meter: a progressbar with a text value, plus a visible label."""
    text = f"Mood: {label} ({mood:+d} of {low:+d} to {high:+d})".replace("(+0", "(0")
    share = round(100 * (mood - low) / (high - low))
    return (
        f'<div class="unruffled-mood" role="progressbar" aria-label="Customer mood" aria-valuemin="{low}" '
        f'aria-valuemax="{high}" aria-valuenow="{mood}" aria-valuetext="{html.escape(text)}">'
        f'<span class="unruffled-mood-text" aria-hidden="true">{html.escape(text)}</span>'
        f'<div class="unruffled-mood-track" aria-hidden="true"><div class="unruffled-mood-fill" style="width: {share}%"></div></div>'
        "</div>"
    )


def _mood_words(change: int) -> str:
    if change > 0:
        return f"\u25b2 Mood went up by {change}"
    if change < 0:
        return f"\u25bc Mood went down by {-change}"
    return "\u25cf Mood unchanged"


class RolePlay:
    """The widget for one scenario; display it, or use ``.conversation`` directly."""

    def __init__(self, scenario: Scenario, judge: Callable[..., Any] | None = None, record: bool = True,
                 learner: str | None = None) -> None:
        self.scenario = scenario
        self.conversation = Conversation(scenario, judge=judge)
        self._record = record
        self._learner = learner
        self._store: Any = None
        self._module: str | None = None
        p = scenario.persona
        self._header = W.HTML(
            CSS + f'<div class="unruffled-persona"><h3>{html.escape(scenario.title)}</h3>'
            f"<p><strong>{html.escape(p.name)}</strong>, {html.escape(p.setting)}</p>"
            f"<p><em>What makes this customer difficult:</em> {html.escape(p.difficulty_text)}.</p>"
            f"<p>{html.escape(p.backstory)}</p></div>")
        self._mood = W.HTML()
        self._chat = W.HTML()
        self._feedback = W.HTML()
        self._buttons = []
        for i, letter in enumerate(LETTERS):
            b = W.Button(layout=W.Layout(width="100%", height="auto"))
            b.add_class("unruffled-reply")
            b.add_class(f"unruffled-reply-{letter.lower()}")
            b.on_click(lambda _b, i=i: self._choose(i))
            self._buttons.append(b)
        self._replies = W.VBox(self._buttons)
        self._replies.add_class("unruffled-replies")
        self._text = W.Textarea(description="Your reply", placeholder="Type what you would say to the customer",
                                layout=W.Layout(width="100%"), style={"description_width": "initial"})
        self._send = W.Button(description="Send reply", tooltip="Send your typed reply to the customer")
        self._send.add_class("unruffled-send")
        self._send.on_click(lambda _b: self._reply())
        self._typed = W.VBox([self._text, self._send])
        self._restart = W.Button(description="Restart", icon="refresh", tooltip="Start this conversation again from the beginning")
        self._restart.add_class("unruffled-restart")
        self._restart.on_click(lambda _b: self._restart_clicked())
        self._debrief = W.HTML()
        self._export = W.HTML()
        self.view = W.VBox([self._header, self._mood, self._chat, self._feedback, self._replies, self._typed,
                            self._debrief, self._export, self._restart])
        self.view.add_class("unruffled-roleplay")
        self._render(None)

    # -- callbacks: each only asks the engine and redraws ----------------------

    def _choose(self, i: int) -> None:
        self._render(self.conversation.choose(i))

    def _reply(self) -> None:
        try:
            turn = self.conversation.reply(self._text.value)
        except (ValueError, RuntimeError) as exc:
            self._feedback.value = f'<div class="unruffled-feedback" role="status" aria-live="polite">{html.escape(str(exc))}</div>'
            return
        self._text.value = ""
        self._render(turn)

    def _restart_clicked(self) -> None:
        if self.conversation.turns and not self.conversation.is_over:
            self._save_attempt()  # an abandoned attempt is still practice worth counting
        self.conversation.restart()
        self._render(None)

    # -- drawing ------------------------------------------------------------------

    def _chat_html(self) -> str:
        name = html.escape(self.scenario.persona.name)
        items = []
        for e in self.conversation.transcript:
            who, cls = (name, "unruffled-customer") if e.speaker == "customer" else ("You", "unruffled-learner")
            items.append(f'<li class="unruffled-bubble {cls}"><span class="unruffled-speaker">{who}:</span> {html.escape(e.text)}</li>')
        return f'<ol class="unruffled-chat" aria-label="Conversation with {name}">{"".join(items)}</ol>'

    def _render(self, turn: Turn | None) -> None:
        conv = self.conversation
        scale = self.scenario.mood_scale
        # Save before drawing, so whoever sees the debrief can rely on the attempt being stored.
        saved = self._save_attempt() if conv.is_over else ""
        # The customer's answer first: it is what the learner waits for.
        self._chat.value = self._chat_html()
        self._mood.value = mood_meter_html(conv.mood, scale.min, scale.max, conv.mood_label())
        if turn is None:
            self._feedback.value = ""
        else:
            self._feedback.value = (
                f'<div class="unruffled-feedback" role="status" aria-live="polite"><strong>Feedback on your reply '
                f"(turn {turn.number}):</strong> {html.escape(turn.feedback)} <strong>{_mood_words(turn.mood_change)}.</strong></div>")
        options = conv.choices()
        for i, b in enumerate(self._buttons):
            with b.hold_sync():
                if i < len(options):
                    b.description = f"{options[i].letter}. {options[i].text}"
                    b.tooltip = f"Reply {options[i].letter}: {options[i].text}"
                    b.layout.display = None
                else:
                    b.description, b.tooltip = "", ""
                    b.layout.display = "none"
        now = conv.current()
        self._typed.layout.display = None if now.free_text else "none"
        if now.free_text:
            self._text.placeholder = now.prompt or "Type what you would say to the customer"
        if conv.is_over:
            debrief = conv.debrief()
            self._debrief.value = debrief._repr_html_()
            md = debrief.to_markdown(transcript=True)
            page = f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(debrief.title)}</title></head><body>{self._chat_html()}{debrief._repr_html_()}</body></html>"
            self._export.value = (
                '<p class="unruffled-export">Keep a copy: '
                + _data_link(md, "text/markdown", f"{self.scenario.id}-debrief.md", "Download transcript and debrief (Markdown)")
                + _data_link(page, "text/html", f"{self.scenario.id}-debrief.html", "Download as a web page (HTML)")
                + "</p>" + saved)
        else:
            self._debrief.value = ""
            self._export.value = ""

    # -- progress ---------------------------------------------------------------------

    def _module_name(self) -> str:
        # Parsing the manifest costs tens of milliseconds: do it once, on the first ending.
        if self._module is None:
            try:
                from ..content.manifest import load_manifest

                self._module = load_manifest().module(self.scenario.module).name
            except Exception:  # no repository around (e.g. a copied notebook): the number alone still groups
                self._module = f"{self.scenario.module:02d}"
        return self._module

    def _save_attempt(self) -> str:
        """Record this attempt in the progress store, if the store is installed; return any error as HTML."""
        if not self._record:
            return ""
        try:
            from ..progress.store import ProgressStore
        except ImportError:
            return ""
        d = self.conversation.debrief()
        ids = sorted({sid for t in self.conversation.turns for sid in t.syllabus}
                     | {sid for s in d.steps for sid in s.syllabus} | {sid for p in d.pitfalls for sid in p.syllabus})
        try:
            if self._store is None:
                self._store = ProgressStore()
            self._store.record(self._learner or ProgressStore.default_learner(), self._module_name(), self.scenario.id,
                               "roleplay", self.conversation.to_dict(), d.score, outcome=d.outcome, syllabus=ids)
        except Exception as exc:  # saving progress must never break the conversation itself
            return f'<p role="status">Progress could not be saved: {html.escape(str(exc))}</p>'
        return ""

    def _repr_mimebundle_(self, **kwargs: Any):
        return self.view._repr_mimebundle_(**kwargs)


def play(scenario: Scenario | str | Path, **kwargs: Any) -> RolePlay:
    """A role-play widget for a scenario id (``"venting-broken-laptop"``), a YAML path or a Scenario."""
    if isinstance(scenario, Scenario):
        sc = scenario
    elif isinstance(scenario, Path) or str(scenario).endswith(".yaml"):
        sc = load_scenario(scenario)
    else:
        sc = load_scenario(find_scenario(str(scenario)))
    return RolePlay(sc, **kwargs)
