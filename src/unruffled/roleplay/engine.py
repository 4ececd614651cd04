"""The role-play runtime: a small state machine over a validated scenario.

Shaped like ink's runtime: present the current content (:meth:`Conversation.current`),
list the replies (:meth:`Conversation.choices`), take one (:meth:`Conversation.choose`
or :meth:`Conversation.reply` for typed replies), repeat until :attr:`Conversation.is_over`.
Plain Python: no widgets here, so notebooks, tests and graders share it.
"""

from __future__ import annotations

import html
from dataclasses import asdict, dataclass, field
from typing import Any, Callable

from ..content.scenario import CRITERION_STEP, Choice, Node, Scenario
from ..content.vocab import PITFALL_IDS
from .debrief import Debrief, build_debrief

LETTERS = "ABCD"


@dataclass(frozen=True)
class Option:
    """A reply the learner may pick: only what the page may show before choosing."""

    index: int
    id: str
    text: str

    @property
    def letter(self) -> str:
        """A, B, C or D."""
        return LETTERS[self.index]


@dataclass(frozen=True)
class Entry:
    """One bubble of the transcript."""

    speaker: str  # "customer" or "learner"
    text: str
    node_id: str
    turn: int  # 0 before the learner's first reply
    line_id: str | None = None


@dataclass(frozen=True)
class Moment:
    """What the learner sees now: the customer's lines, the mood, whether it is over."""

    node_id: str
    lines: tuple[str, ...]
    mood: int
    mood_label: str
    is_ending: bool
    outcome: str | None = None
    note: str | None = None
    free_text: bool = False
    prompt: str | None = None


@dataclass(frozen=True)
class Turn:
    """What one reply did."""

    number: int
    node_id: str
    kind: str  # "choice" or "free_text"
    reply: str
    feedback: str
    mood_before: int
    mood_after: int
    next_node: str
    choice_id: str | None = None
    steps: tuple[str, ...] = ()
    pitfalls: tuple[str, ...] = ()
    syllabus: tuple[str, ...] = ()
    passed: bool | None = None
    verdict: str | None = None

    @property
    def mood_change(self) -> int:
        """Change of mood this turn (after clamping to the scale)."""
        return self.mood_after - self.mood_before

    def _repr_html_(self) -> str:
        sign = f"{self.mood_change:+d}"
        return (f"<div><strong>Turn {self.number}</strong>: {html.escape(self.feedback)} "
                f"<em>(mood {sign})</em></div>")


class ScenarioMismatch(ValueError):
    """A saved conversation does not fit the scenario it is resumed with."""


class Conversation:
    """One learner's way through one scenario.

    ``judge`` scores typed replies (default: the reply coach,
    ``unruffled.coach.judge``, imported only when a typed reply arrives).
    """

    def __init__(self, scenario: Scenario, judge: Callable[..., Any] | None = None) -> None:
        self.scenario = scenario
        self._judge = judge
        self.restart()

    # -- state -----------------------------------------------------------

    def restart(self) -> None:
        """Start again from the first node, at the persona's starting mood."""
        self.mood = self.scenario.persona.mood
        self.turns: list[Turn] = []
        self.transcript: list[Entry] = []
        self._node: Node = self._enter(self.scenario.start)

    @property
    def node(self) -> Node:
        """The node the conversation is at (never a route node)."""
        return self._node

    @property
    def is_over(self) -> bool:
        """Whether an ending has been reached."""
        return self._node.ending is not None

    def _enter(self, node_id: str) -> Node:
        node = self.scenario.node(node_id)
        # Route nodes pass straight on; mood cannot change on the way, so a
        # route that revisits itself would spin for ever: stop it loudly.
        for _ in range(len(self.scenario.nodes) + 1):
            if node.route is None:
                break
            node = self.scenario.node(next(r.target for r in node.route if r.matches(self.mood)))
        else:
            raise RuntimeError(f"scenario {self.scenario.id!r}: routes loop without reaching a node with lines")
        turn = len(self.turns)
        for line in node.lines:
            self.transcript.append(Entry("customer", line.text, node.id, turn, line.id))
        return node

    # -- reading -----------------------------------------------------------

    def mood_label(self, mood: int | None = None) -> str:
        """Words for a mood, e.g. ``"annoyed"``."""
        return self.scenario.mood_scale.label(self.mood if mood is None else mood)

    def current(self) -> Moment:
        """What the customer says now, the mood, and whether the conversation is over."""
        n = self._node
        return Moment(
            node_id=n.id,
            lines=tuple(line.text for line in n.lines),
            mood=self.mood,
            mood_label=self.mood_label(),
            is_ending=n.ending is not None,
            outcome=n.ending.outcome if n.ending else None,
            note=n.ending.note if n.ending else None,
            free_text=n.free_text is not None,
            prompt=n.free_text.prompt if n.free_text else None,
        )

    def _offered(self) -> list[Choice]:
        return [c for c in self._node.choices or [] if c.requires is None or c.requires.met(self.mood)]

    def choices(self) -> list[Option]:
        """The replies on offer now (ids and texts only; empty at free-text nodes and endings)."""
        return [Option(i, c.id, c.text) for i, c in enumerate(self._offered())]

    # -- acting --------------------------------------------------------------

    def _move(self, delta: int) -> tuple[int, int]:
        before = self.mood
        self.mood = self.scenario.mood_scale.clamp(self.mood + delta)
        return before, self.mood

    def choose(self, which: int | str) -> Turn:
        """Pick a reply by its position in :meth:`choices` or by its id; returns what it did."""
        if self.is_over:
            raise RuntimeError("the conversation is over; call restart() to play again")
        if self._node.choices is None:
            raise RuntimeError(f"node {self._node.id!r} asks for a typed reply; use reply(text)")
        offered = self._offered()
        if isinstance(which, int) and not isinstance(which, bool):
            if not 0 <= which < len(offered):
                raise IndexError(f"choice {which} is not on offer; there are {len(offered)} (0-{len(offered) - 1})")
            choice = offered[which]
        else:
            found = [c for c in offered if c.id == which]
            if not found:
                raise KeyError(f"no reply {which!r} on offer at node {self._node.id!r}; offered: {', '.join(c.id for c in offered)}")
            choice = found[0]
        node = self._node
        number = len(self.turns) + 1
        self.transcript.append(Entry("learner", choice.text, node.id, number, choice.id))
        before, after = self._move(choice.effects.mood)
        turn = Turn(
            number=number, node_id=node.id, kind="choice", reply=choice.text, feedback=choice.feedback or "",
            mood_before=before, mood_after=after, next_node=choice.next, choice_id=choice.id,
            steps=tuple(choice.effects.steps), pitfalls=tuple(choice.effects.pitfalls),
            syllabus=tuple(dict.fromkeys([*choice.syllabus, *choice.effects.syllabus, *node.syllabus])),
        )
        self.turns.append(turn)
        self._node = self._enter(choice.next)
        return turn

    def reply(self, text: str, *, passed: bool | None = None) -> Turn:
        """Answer a free-text node with ``text``; the reply coach's verdict picks the branch.

        ``passed`` skips the coach and uses a verdict given before (resuming a
        saved conversation).
        """
        if self.is_over:
            raise RuntimeError("the conversation is over; call restart() to play again")
        ft = self._node.free_text
        if ft is None:
            raise RuntimeError(f"node {self._node.id!r} offers choices; use choose(i)")
        if not text.strip() and passed is None:
            raise ValueError("write a reply first")
        verdict = None
        steps: tuple[str, ...] = ()
        pitfalls: tuple[str, ...] = ()
        if passed is None:
            judge = self._judge or _coach_judge()
            customer = " ".join(line.text for line in self._node.lines)
            j = judge(text, require=tuple(ft.require), forbid=tuple(ft.forbid), customer=customer)
            passed = bool(j.passed)
            verdict = str(getattr(j, "message", "") or "") or None
            violated = [_criterion_id(v) for v in getattr(j, "violated", ()) or ()]
            missing = {_criterion_id(m) for m in getattr(j, "missing", ()) or ()}
            pitfalls = tuple(dict.fromkeys(v for v in violated if v in PITFALL_IDS))
            steps = tuple(dict.fromkeys(CRITERION_STEP[r] for r in ft.require if r not in missing and r in CRITERION_STEP))
        elif passed:
            steps = tuple(dict.fromkeys(CRITERION_STEP[r] for r in ft.require if r in CRITERION_STEP))
        node = self._node
        number = len(self.turns) + 1
        self.transcript.append(Entry("learner", text, node.id, number))
        before, after = self._move(ft.mood_pass if passed else ft.mood_fail)
        feedback = ft.feedback_pass if passed else ft.feedback_fail
        if not passed and ft.model_answer:
            feedback = f"{feedback} One reply that works: \u201c{ft.model_answer}\u201d"
        nxt = ft.pass_ if passed else ft.fail
        turn = Turn(number=number, node_id=node.id, kind="free_text", reply=text, feedback=feedback,
                    mood_before=before, mood_after=after, next_node=nxt, steps=steps, pitfalls=pitfalls,
                    syllabus=tuple(node.syllabus), passed=passed, verdict=verdict)
        self.turns.append(turn)
        self._node = self._enter(nxt)
        return turn

    # -- results ---------------------------------------------------------------

    def debrief(self) -> Debrief:
        """How the conversation went, step by step (works before the end too)."""
        return build_debrief(self)

    def to_markdown(self) -> str:
        """Transcript and debrief as Markdown, for the learner to keep."""
        return self.debrief().to_markdown(transcript=True)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready record from which :meth:`from_dict` resumes this conversation."""
        return {
            "format": 1,
            "scenario": self.scenario.id,
            "node": self._node.id,
            "mood": self.mood,
            "turns": [asdict(t) for t in self.turns],
        }

    @classmethod
    def from_dict(cls, scenario: Scenario, data: dict[str, Any], judge: Callable[..., Any] | None = None) -> "Conversation":
        """Resume a conversation saved by :meth:`to_dict` (replays its replies, so a changed scenario is caught)."""
        if data.get("scenario") != scenario.id:
            raise ScenarioMismatch(f"saved conversation is for scenario {data.get('scenario')!r}, not {scenario.id!r}")
        conv = cls(scenario, judge=judge)
        for t in data.get("turns", []):
            try:
                if t["kind"] == "choice":
                    conv.choose(t["choice_id"])
                else:
                    conv.reply(t["reply"], passed=bool(t["passed"]))
            except (KeyError, IndexError, RuntimeError) as exc:
                raise ScenarioMismatch(f"cannot replay turn {t.get('number')} on scenario {scenario.id!r}: {exc}") from None
            # A typed reply's verdict came from the coach; keep its words.
            if t["kind"] == "free_text":
                conv.turns[-1] = Turn(**{**asdict(conv.turns[-1]), "verdict": t.get("verdict"),
                                         "steps": tuple(t.get("steps", ())), "pitfalls": tuple(t.get("pitfalls", ()))})
        if conv._node.id != data.get("node") or conv.mood != data.get("mood"):
            raise ScenarioMismatch(f"replaying the saved turns on scenario {scenario.id!r} ends at node "
                                   f"{conv._node.id!r} (mood {conv.mood}), not {data.get('node')!r} (mood {data.get('mood')})")
        return conv


def _criterion_id(value: Any) -> str:
    """A coach criterion as its id, whether the coach reports strings or objects."""
    return value if isinstance(value, str) else str(getattr(value, "id", value))


def _coach_judge() -> Callable[..., Any]:
    try:
        from ..coach import judge
    except ImportError as exc:
        raise RuntimeError(f"typed replies need the reply coach (unruffled.coach), which could not be imported: {exc}") from None
    return judge
