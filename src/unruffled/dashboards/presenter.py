"""The scenario presenter: a role-play shown to a room on a projector.

:class:`Presentation` is plain Python over the role-play engine: the
facilitator *picks* a reply (nothing happens yet: the room can still argue),
then *reveals* it (only now does the engine take the reply and the feedback
and mood change exist). :func:`presenter_widget` is a thin ipywidgets view.

Keyboard, two ways that both work:

* Keys 1-4, R, N, P (:data:`KEYS`, :meth:`Presentation.press`): a facilitator at
  a projector picks reply A-D, reveals, moves on and plays again without
  clicking first. ipywidgets has no key events; ``ipyevents`` delivers them, and
  only while the mouse pointer rests over the *stage* (everything below the
  scenario list): that is how ipyevents decides the keys are meant for the page.
  While the pointer is there ipyevents takes every key (Tab too), so the stage
  keys alone must be enough to play a scenario through, and they are.
* Tab / Shift+Tab and Enter: every control is a plain focusable button; with the
  pointer elsewhere, Tab moves between the scenario list, the lettered replies,
  *Reveal* and *Next*. Each reply button's accessible name starts with its
  letter ("A: ..."), and its tooltip (the accessible description) names its key.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs

from ..roleplay.engine import LETTERS, Conversation, Option, Turn


@dataclass(frozen=True)
class ScenarioInfo:
    """What the launcher and the scenario list show about a scenario."""

    id: str
    title: str
    module: int
    minutes: int
    persona: str
    setting: str
    difficulty: str


def scenario_catalogue(root: Path | None = None) -> list[ScenarioInfo]:
    """Every valid scenario in ``assets/scenarios``, by module then title (broken files are left out)."""
    from ..content.scenario import load_scenario, scenario_dir

    out = []
    for path in sorted(scenario_dir(root).glob("*.yaml")):
        try:
            sc = load_scenario(path)
        except Exception:  # a broken scenario is the validator's business, not the room's
            continue
        out.append(ScenarioInfo(sc.id, sc.title, sc.module, sc.minutes, sc.persona.name, sc.persona.setting,
                                sc.persona.difficulty_text))
    return sorted(out, key=lambda s: (s.module, s.title))


def scenario_from_query(query_string: str, known: list[str]) -> str | None:
    """The scenario id in ``?scenario=<id>`` if it is one of ``known``."""
    values = parse_qs(query_string or "").get("scenario")
    return values[0] if values and values[0] in known else None


KEYS = {"1": "pick reply A", "2": "pick reply B", "3": "pick reply C", "4": "pick reply D",
        "R": "reveal", "N": "next", "P": "play again"}


class Presentation:
    """One run of a scenario in front of the room: pick, reveal, next, until an ending."""

    def __init__(self, scenario) -> None:
        self.scenario = scenario
        self.conversation = Conversation(scenario)
        self.picked: int | None = None
        self.revealed: Turn | None = None

    @property
    def phase(self) -> str:
        """``choosing`` (no pick yet), ``picked``, ``revealed`` or ``over``."""
        if self.revealed is not None:
            return "revealed"
        if self.conversation.is_over:
            return "over"
        return "picked" if self.picked is not None else "choosing"

    def customer_line(self) -> str:
        """What the customer says now."""
        return " ".join(self.conversation.current().lines)

    def options(self) -> list[Option]:
        """Replies on offer (texts only: their feedback stays in the kernel until revealed).

        Where the scenario asks for a typed reply, the room says its reply aloud
        and the facilitator judges it: A (it does what the prompt asks) or B (it does not).
        """
        if self.revealed is not None or self.conversation.is_over:
            return []
        m = self.conversation.current()
        if m.free_text:
            brief = m.prompt or "a reply of your own"
            return [Option(0, "room-pass", f"The room's own reply does it ({brief})"),
                    Option(1, "room-fail", "The room's own reply misses it")]
        return self.conversation.choices()

    def pick(self, index: int) -> None:
        """The facilitator points at a reply; the room may still change its mind."""
        if self.revealed is not None or self.conversation.is_over:
            raise RuntimeError("nothing to pick now")
        if not 0 <= index < len(self.options()):
            raise IndexError(f"no reply {index}")
        self.picked = index

    def reveal(self) -> Turn:
        """Play the picked reply: returns its feedback and mood change."""
        if self.picked is None:
            raise RuntimeError("pick a reply first")
        if self.conversation.current().free_text:
            self.revealed = self.conversation.reply("(the room's reply, said aloud)", passed=self.picked == 0)
        else:
            self.revealed = self.conversation.choose(self.picked)
        self.picked = None
        return self.revealed

    def next(self) -> None:
        """Move on to the customer's next line (or the ending)."""
        self.revealed = None

    def restart(self) -> None:
        """Play the scenario again from the start."""
        self.conversation.restart()
        self.picked = None
        self.revealed = None

    def press(self, key: str) -> bool:
        """Act on a key of :data:`KEYS` (letters in either case); ``False`` if it means nothing now.

        A key that does not fit the moment (R before a pick, 4 when there are two
        replies) is ignored rather than an error: the room should not see one.
        """
        key = key.upper()
        phase = self.phase
        if key in "1234" and len(key) == 1 and phase in ("choosing", "picked"):
            if int(key) - 1 < len(self.options()):
                self.pick(int(key) - 1)
                return True
        elif key == "R" and phase == "picked":
            self.reveal()
            return True
        elif key == "N" and phase == "revealed":
            self.next()
            return True
        elif key == "P" and phase == "over":
            self.restart()
            return True
        return False


CSS = """<style>
.unruffled-presenter { color: var(--jp-ui-font-color0, #000); background: var(--jp-layout-color0, #fff);
  max-width: 1200px; font-size: 22px; line-height: 1.35; }
.unruffled-presenter .unruffled-customer-line { font-size: 34px; font-weight: 600; line-height: 1.3; margin: 0.2em 0 0.4em;
  padding: 0.3em 0.6em; border-left: 8px solid var(--jp-brand-color1, #1565c0); }
.unruffled-presenter .unruffled-who { font-size: 20px; color: var(--jp-ui-font-color1, #222); margin: 0; }
.unruffled-presenter .unruffled-mood-text { font-weight: bold; }
.unruffled-presenter .unruffled-mood-track { height: 14px; max-width: 480px; border: 1px solid var(--jp-border-color1, #444);
  background: var(--jp-layout-color2, #eee); }
.unruffled-presenter .unruffled-mood-fill { height: 100%; background: var(--jp-brand-color1, #1565c0); }
.unruffled-presenter button.unruffled-reply { height: auto; min-height: 48px; width: 100%; white-space: normal; text-align: left;
  font-size: 24px; line-height: 1.3; padding: 6px 12px; margin: 3px 0; color: var(--jp-ui-font-color0, #000);
  background: var(--jp-layout-color1, #fff); border: 2px solid var(--jp-border-color1, #444); }
.unruffled-presenter button.unruffled-reply.unruffled-picked { border-width: 5px; border-color: var(--jp-brand-color0, #0d47a1);
  font-weight: bold; }
.unruffled-presenter button.unruffled-action { font-size: 22px; height: 48px; padding: 0 24px; }
.unruffled-presenter button:focus-visible, .unruffled-presenter select:focus-visible {
  outline: 4px solid var(--jp-brand-color0, #0d47a1); outline-offset: 2px; }
.unruffled-presenter .unruffled-status { font-size: 20px; margin: 0.3em 0; }
.unruffled-presenter .unruffled-reveal { font-size: 26px; padding: 0.4em 0.8em; border: 2px solid var(--jp-border-color1, #444);
  background: var(--jp-layout-color2, #eee); }
.unruffled-presenter select, .unruffled-presenter .widget-label { font-size: 20px; }
.unruffled-presenter .unruffled-map svg { max-width: 100%; height: auto; }
.unruffled-presenter .unruffled-keys { font-size: 18px; margin: 0.2em 0; color: var(--jp-ui-font-color1, #222); }
.unruffled-presenter kbd { font-size: 18px; font-family: inherit; font-weight: bold; padding: 0 0.35em;
  border: 1px solid var(--jp-border-color1, #444); border-radius: 3px; background: var(--jp-layout-color2, #eee);
  color: var(--jp-ui-font-color0, #000); }
</style>"""


def mood_words(change: int) -> str:
    """The mood change in words with an arrow (never colour alone)."""
    if change > 0:
        return f"\u25b2 Mood went up by {change}"
    if change < 0:
        return f"\u25bc Mood went down by {-change}"
    return "\u25cf Mood unchanged"


def import_view_modules() -> None:
    """Import what :func:`presenter_widget` needs (a preheated kernel does this before its page is asked for)."""
    import ipyevents  # noqa: F401
    import ipywidgets  # noqa: F401

    from ..content import scenario  # noqa: F401
    from ..roleplay import graph, widget  # noqa: F401


def presenter_widget(scenario_id: str | None = None, query_string: str | None = None):
    """The presenter as an ipywidgets ``VBox`` (the dashboard's one call)."""
    import os

    import ipywidgets as W

    from ..content.scenario import find_scenario, load_scenario
    from ..roleplay.graph import scenario_map
    from ..roleplay.widget import mood_meter_html

    catalogue = scenario_catalogue()
    if not catalogue:
        return W.HTML("<p role='status'>No role-play scenarios found in assets/scenarios.</p>")
    ids = [s.id for s in catalogue]
    qs = os.environ.get("QUERY_STRING", "") if query_string is None else query_string
    first = scenario_id if scenario_id in ids else scenario_from_query(qs, ids) or ids[0]

    picker = W.Dropdown(options=[(f"{s.title} (module {s.module}, {s.minutes} min)", s.id) for s in catalogue],
                        value=first, description="Scenario", style={"description_width": "initial"},
                        layout=W.Layout(width="auto"))
    who = W.HTML()
    line = W.HTML()
    mood = W.HTML()
    buttons = [W.Button(layout=W.Layout(width="100%")) for _ in LETTERS]
    for b in buttons:
        b.add_class("unruffled-reply")
    status = W.HTML()
    reveal = W.Button(description="Reveal", tooltip="Reveal the feedback for the picked reply, key R")
    nxt = W.Button(description="Next", tooltip="The customer's next line, key N")
    again = W.Button(description="Play again", tooltip="Play this scenario again, key P")
    keys = W.HTML(KEYS_HTML)
    for b in (reveal, nxt, again):
        b.add_class("unruffled-action")
    result = W.HTML()
    ending = W.HTML()
    state = {"p": None}

    def render() -> None:
        p: Presentation = state["p"]
        sc = p.scenario
        m = p.conversation.current()
        who.value = (f'<p class="unruffled-who">{html.escape(sc.persona.name)}, {html.escape(sc.persona.setting)}: '
                     f"{html.escape(sc.persona.difficulty_text)}</p>")
        speaker = "The customer says" if not m.is_ending else "The customer's last words"
        line.value = (f'<blockquote class="unruffled-customer-line" aria-label="{speaker}">'
                      f"\u201c{html.escape(p.customer_line())}\u201d</blockquote>")
        mood.value = mood_meter_html(m.mood, sc.mood_scale.min, sc.mood_scale.max, m.mood_label)
        opts = p.options()
        for i, b in enumerate(buttons):
            if i < len(opts):
                picked = p.picked == i
                b.description = f"{opts[i].letter}: {opts[i].text}"
                b.tooltip = f"Reply {opts[i].letter}, key {i + 1}" + (" (picked)" if picked else "")
                b.layout.display = None
                b.disabled = False
                (b.add_class if picked else b.remove_class)("unruffled-picked")
                b.icon = "check" if picked else ""
            else:
                b.layout.display = "none"
                b.remove_class("unruffled-picked")
        phase = p.phase
        if phase == "choosing":
            status.value = ('<p class="unruffled-status" role="status">Discuss, then pick a reply: press its number, '
                            "or Tab to its letter and press Enter.</p>")
        elif phase == "picked":
            status.value = (f'<p class="unruffled-status" role="status">Picked: reply {LETTERS[p.picked]}. '
                            "Change it, or press Reveal (key R).</p>")
        elif phase == "revealed":
            t = p.revealed
            status.value = ""
            result.value = (f'<div class="unruffled-reveal" role="status"><p><strong>You picked:</strong> '
                            f"\u201c{html.escape(t.reply)}\u201d</p><p>{html.escape(t.feedback)}</p>"
                            f"<p><strong>{mood_words(t.mood_change)}</strong> (now {html.escape(p.conversation.mood_label())})</p></div>")
        else:
            status.value = f'<p class="unruffled-status" role="status"><strong>Ending: {html.escape(m.outcome or "")}.</strong></p>'
        if phase != "revealed":
            result.value = ""
        reveal.layout.display = None if phase in ("choosing", "picked") else "none"
        reveal.disabled = phase != "picked"
        nxt.layout.display = None if phase == "revealed" else "none"
        again.layout.display = None if phase == "over" else "none"
        if phase == "over":
            svg = scenario_map(sc)._repr_svg_()
            ending.value = (p.conversation.debrief()._repr_html_()
                            + f'<section class="unruffled-map" aria-label="Scenario map"><h3>Scenario map</h3>{svg}</section>')
        else:
            ending.value = ""

    def load(sid: str) -> None:
        state["p"] = Presentation(load_scenario(find_scenario(sid)))
        render()

    def on_pick(i: int):
        def handler(_b) -> None:
            state["p"].pick(i)
            render()
        return handler

    for i, b in enumerate(buttons):
        b.on_click(on_pick(i))

    def on_reveal(_b) -> None:
        if state["p"].picked is not None:
            state["p"].reveal()
            render()

    def on_next(_b) -> None:
        state["p"].next()
        render()

    def on_again(_b) -> None:
        state["p"].restart()
        render()

    reveal.on_click(on_reveal)
    nxt.on_click(on_next)
    again.on_click(on_again)
    picker.observe(lambda ch: load(ch["new"]), names="value")
    load(first)
    stage = W.VBox([who, line, mood, keys, W.VBox(buttons), status, W.HBox([reveal]), result, W.HBox([nxt, again]),
                    ending])
    stage.add_class("unruffled-stage")

    def on_key(event: dict) -> None:
        if event.get("repeat") or event.get("ctrlKey") or event.get("altKey") or event.get("metaKey"):
            return
        if state["p"].press(str(event.get("key", ""))):
            render()

    from ipyevents import Event

    # Keys go to the stage while the pointer is over it (ipyevents' rule); the scenario
    # list stays outside, so its arrow keys keep working.
    listener = Event(source=stage, watched_events=["keydown"], ignore_modifier_key_events=True)
    listener.on_dom_event(on_key)
    box = W.VBox([W.HTML(CSS), picker, stage])
    box.add_class("unruffled-presenter")
    box._unruffled_keys = listener  # keep the listener alive as long as the page
    return box


KEYS_HTML = ('<p class="unruffled-keys">With the pointer anywhere below the scenario list: '
             "<kbd>1</kbd> to <kbd>4</kbd> pick reply A to D, <kbd>R</kbd> reveals, <kbd>N</kbd> next, "
             "<kbd>P</kbd> plays again.</p>")
