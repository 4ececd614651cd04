"""The debrief: how a role-play went, scored against the six steps and the pitfalls."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..content.vocab import PITFALLS, STEP_IDS, STEPS

if TYPE_CHECKING:
    from .engine import Conversation, Entry

STEP = {t.id: t for t in STEPS}
PITFALL = {t.id: t for t in PITFALLS}

# How much each ending is worth in the score: keeping the customer matters most,
# a polite, honest "no" beats losing them, escalation is close to losing them.
OUTCOME_VALUE = {"won_over": 1.0, "resolved": 0.8, "declined_politely": 0.6, "escalated": 0.2, "walked_away": 0.0}
OUTCOME_TEXT = {
    "won_over": "Won over", "resolved": "Resolved", "escalated": "Escalated",
    "declined_politely": "Declined politely", "walked_away": "Walked away",
}

# What to do instead, per pitfall: the second half of a piece of advice.
PITFALL_ADVICE = {
    "calm_down": ("you told them to calm down",
                  "that tells an upset person their feelings are the problem, and it rarely calms anyone. "
                  "Stay calm yourself, let them finish and show you are listening."),
    "hostility": ("you answered sharpness with sharpness",
                  "returning aggression escalates; a steady, calm tone is what lets the other person slow down."),
    "excuse": ("you made an excuse",
               "excuses sound like 'not my problem'. Acknowledge what went wrong and move to what you will do."),
    "blame": ("you put the blame on the customer",
              "even when they share responsibility, leading with blame starts a fight. Clarify the facts first, tactfully."),
    "over_promise": ("you promised more than you can deliver",
                     "a broken promise costs more trust than an honest, smaller one. Offer only what you can make happen."),
    "condescension": ("you talked down to them",
                      "respect their knowledge and address them politely; respect costs you nothing."),
    "sympathy_overload": ("you dissolved in sympathy",
                          "a short, sincere line of empathy helps; drowning in pity leaves nobody steering towards a solution."),
}

STEP_ADVICE = {
    "vent": "let them get it all out before offering anything; only then can they hear you",
    "filter": "swap your private label for the question 'what does this customer need, and how can I provide it?'",
    "empathy": "say one short, sincere sentence that shows you understand how it feels",
    "solve": "ask a question that gets to the real cause, or reflect back what you understood",
    "agree": "agree with them on what happens next and spell out the steps",
    "follow_up": "offer to check back later that the fix really worked",
}


@dataclass(frozen=True)
class StepUse:
    """A step the learner performed, first on ``turn``."""

    id: str
    name: str
    turn: int
    syllabus: tuple[str, ...]


@dataclass(frozen=True)
class PitfallHit:
    """A pitfall the learner fell into on ``turn``, with the reply that did it."""

    id: str
    name: str
    turn: int
    reply: str
    syllabus: tuple[str, ...]


@dataclass(frozen=True)
class Advice:
    """One concrete piece of advice and the syllabus ids it rests on."""

    text: str
    syllabus: tuple[str, ...]


@dataclass(frozen=True)
class Debrief:
    """How the conversation went: steps and their order, pitfalls, mood, ending, advice, score."""

    scenario_id: str
    title: str
    persona: str
    setting: str
    turns: int
    steps: tuple[StepUse, ...]
    recommended: tuple[str, ...]
    in_order: bool
    missed: tuple[str, ...]
    pitfalls: tuple[PitfallHit, ...]
    mood_start: int
    mood_path: tuple[int, ...]
    mood_end: int
    mood_min: int
    mood_max: int
    mood_end_label: str
    outcome: str | None
    note: str | None
    advice: tuple[Advice, ...]
    score: float
    transcript: tuple["Entry", ...] = ()
    order_free: bool = False

    @property
    def finished(self) -> bool:
        """Whether the conversation reached an ending."""
        return self.outcome is not None

    @property
    def outcome_text(self) -> str:
        """The ending in words."""
        return OUTCOME_TEXT.get(self.outcome or "", "Not finished yet")

    def _mood_line(self) -> str:
        path = " → ".join(f"{m:+d}" for m in (self.mood_start, *self.mood_path))
        return f"{path} (scale {self.mood_min:+d} to {self.mood_max:+d}; ended {self.mood_end_label})"

    def _step_lines(self) -> list[str]:
        done = {s.id: s for s in self.steps}
        out = []
        for sid in self.recommended:
            if sid in done:
                out.append(f"done, turn {done[sid].turn}: {STEP[sid].name} ({', '.join(STEP[sid].syllabus)})")
            else:
                out.append(f"not done: {STEP[sid].name} ({', '.join(STEP[sid].syllabus)})")
        return out

    def _order_line(self) -> str:
        yours = ", ".join(STEP[s.id].name.lower() for s in self.steps) or "none"
        if self.order_free:
            verdict = "with this customer the order is free"
        else:
            verdict = "in the recommended order" if self.in_order else "not in the recommended order"
        return f"Your order: {yours} ({verdict})."

    def to_markdown(self, transcript: bool = False) -> str:
        """The debrief as Markdown; with ``transcript=True`` the conversation comes first."""
        md = [f"# {self.title}", "", f"*{self.persona}, {self.setting}*", ""]
        if transcript and self.transcript:
            md += ["## Transcript", ""]
            for e in self.transcript:
                who = self.persona if e.speaker == "customer" else "You"
                md.append(f"- **{who}:** {e.text}")
            md.append("")
        md += ["## Debrief", "", f"**Ending:** {self.outcome_text}" + (f". {self.note}" if self.note else ""), "",
               f"**Score:** {round(self.score * 100)} %", "", f"**Mood:** {self._mood_line()}", "",
               "**The six steps** (recommended order):", ""]
        md += [f"- {line}" for line in self._step_lines()]
        md += ["", self._order_line(), "", "**Pitfalls:**", ""]
        if self.pitfalls:
            md += [f"- turn {p.turn}: {p.name} ({', '.join(p.syllabus)}): \u201c{p.reply}\u201d" for p in self.pitfalls]
        else:
            md.append("- none")
        md += ["", "**Advice:**", ""]
        md += [f"- {a.text}" for a in self.advice]
        return "\n".join(md) + "\n"

    def _repr_html_(self) -> str:
        e = html.escape
        steps = "".join(f"<li>{e(line)}</li>" for line in self._step_lines())
        pits = "".join(f"<li>Turn {p.turn}: {e(p.name)} ({e(', '.join(p.syllabus))}): \u201c{e(p.reply)}\u201d</li>"
                       for p in self.pitfalls) or "<li>None. Well done.</li>"
        advice = "".join(f"<li>{e(a.text)}</li>" for a in self.advice)
        note = f" {e(self.note)}" if self.note else ""
        return (
            f'<section class="unruffled-debrief" aria-label="Debrief: {e(self.title)}">'
            f"<h3>Debrief: {e(self.title)}</h3>"
            f'<p class="unruffled-debrief-ending"><strong>Ending: {e(self.outcome_text)}.</strong>{note}</p>'
            f"<p><strong>Score:</strong> {round(self.score * 100)} %</p>"
            f"<p><strong>Mood:</strong> {e(self._mood_line())}</p>"
            f"<h4>The six steps (recommended order)</h4><ul>{steps}</ul><p>{e(self._order_line())}</p>"
            f"<h4>Pitfalls</h4><ul>{pits}</ul>"
            f"<h4>Advice</h4><ul>{advice}</ul></section>"
        )


def _advice(steps: list[StepUse], order_breaks: list[tuple[StepUse, StepUse]], missed: list[str],
            pitfalls: list[PitfallHit], outcome: str | None) -> tuple[Advice, ...]:
    out: list[Advice] = []
    for p in pitfalls:
        if len(out) == 2 or any(p.id in a.text for a in out):
            break
        did, instead = PITFALL_ADVICE[p.id]
        out.append(Advice(f"{did[0].upper()}{did[1:]} on turn {p.turn} ({', '.join(p.syllabus)}): {instead}", p.syllabus))
    if len(out) < 2 and order_breaks:
        early, late = order_breaks[0]
        sy = STEP[late.id].syllabus
        out.append(Advice(
            f"On turn {early.turn} you moved to \u201c{early.name.lower()}\u201d before \u201c{late.name.lower()}\u201d "
            f"(turn {late.turn}) ({', '.join(sy)}): next time, {STEP_ADVICE[late.id]}.", sy))
    for sid in missed:
        if len(out) == 2:
            break
        sy = STEP[sid].syllabus
        out.append(Advice(f"You never got to \u201c{STEP[sid].name.lower()}\u201d ({', '.join(sy)}): {STEP_ADVICE[sid]}.", sy))
    if not out:
        if outcome in ("won_over", "resolved"):
            out.append(Advice("A clean conversation: every step, no pitfalls. Play it again and try a tempting wrong "
                              "reply on purpose, to see how quickly the mood turns.", ()))
        else:
            out.append(Advice("Play it again from the start and watch the mood meter after each reply.", ()))
    return tuple(out)


def build_debrief(conv: "Conversation") -> Debrief:
    """Score ``conv`` against the six steps and the pitfalls."""
    sc = conv.scenario
    first: dict[str, int] = {}
    hits: list[PitfallHit] = []
    for t in conv.turns:
        for s in t.steps:
            first.setdefault(s, t.number)
        for p in t.pitfalls:
            hits.append(PitfallHit(p, PITFALL[p].name, t.number, t.reply, PITFALL[p].syllabus))
    steps = [StepUse(s, STEP[s].name, n, STEP[s].syllabus) for s, n in sorted(first.items(), key=lambda kv: (kv[1], STEP_IDS.index(kv[0])))]
    offered = sc.offered_steps() | set(first)
    recommended = tuple(s for s in STEP_IDS if s in offered)
    missed = [s for s in recommended if s not in first]
    # An order break: a step that should come later was done on an earlier turn.
    breaks = [(a, b) for i, a in enumerate(steps) for b in steps[i + 1:]
              if STEP_IDS.index(a.id) > STEP_IDS.index(b.id) and a.turn < b.turn]
    if sc.step_order == "free":
        breaks = []
    # Order compares only the steps done; steps never done are reported as missed.
    outcome = conv.node.ending.outcome if conv.node.ending else None
    note = conv.node.ending.note if conv.node.ending else None
    share = len(first.keys() & set(recommended)) / len(recommended) if recommended else 1.0
    score = 0.5 * OUTCOME_VALUE.get(outcome or "", 0.0) + 0.5 * share - 0.1 * len(hits)
    score = round(max(0.0, min(1.0, score)), 3)
    scale = sc.mood_scale
    return Debrief(
        scenario_id=sc.id, title=sc.title, persona=sc.persona.name, setting=sc.persona.setting,
        turns=len(conv.turns), steps=tuple(steps), recommended=recommended, in_order=not breaks,
        missed=tuple(missed), pitfalls=tuple(hits), mood_start=sc.persona.mood,
        mood_path=tuple(t.mood_after for t in conv.turns), mood_end=conv.mood, mood_min=scale.min,
        mood_max=scale.max, mood_end_label=scale.label(conv.mood), outcome=outcome, note=note,
        advice=_advice(steps, breaks, missed, hits, outcome), score=score, transcript=tuple(conv.transcript),
        order_free=sc.step_order == "free",
    )
