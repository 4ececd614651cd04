"""Role-play scenarios (``assets/scenarios/<id>.yaml``): the schema and its loader.

A scenario is a persona and a graph of nodes. A node is one of four kinds:

* **choices**: the customer says ``lines``; the learner picks one of 2-4
  replies, each with ``next``, declarative ``effects`` and ``feedback``;
* **free_text**: the customer says ``lines``; the learner types a reply and the
  reply coach's verdict picks ``pass`` or ``fail``;
* **route**: no lines; moves on at once by the customer's mood
  (``[{if_mood_below: -3, next: x}, {else: y}]``);
* **ending**: the customer's last ``lines`` and an ``outcome`` with a ``note``.

Conditions and effects are declared keys, never code. ``load_scenario``
reports every problem at once, each naming file, line, node and field, e.g.
``assets/scenarios/venting.yaml:42: node 'n3': choice 'b': 'next': names unknown node 'n9'``.

Example (two nodes)::

    id: venting-broken-laptop
    title: The laptop that died twice
    module: 3
    minutes: 10
    persona: {name: Dana, setting: "Electronics shop, returns desk", trade: retail,
              difficulty: venting, backstory: "...", mood: -3}
    start: open
    nodes:
      - id: open
        lines: [{id: l1, text: "This is the second time!"}]
        choices:
          - id: a
            text: "Please calm down."
            next: worse
            effects: {mood: -2, pitfalls: [calm_down]}
            feedback: "Telling someone to calm down ... (VENT-2)"
          - ...
      - id: worse
        lines: [{id: l1, text: "I'm leaving."}]
        ending: {outcome: walked_away, note: "..."}
"""

from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import Annotated, Any, Iterator, Literal

from pydantic import Field, ValidationError, model_validator

from .base import Strict
from .errors import ContentError, Problem
from .validate_model import _message, describe
from .vocab import PITFALLS, PITFALL_IDS, STEP_IDS, STEPS
from .yamlfile import YamlDoc, load_yaml

SYLLABUS_ID = r"^[A-Z]+-[0-9]+$"
SLUG = r"^[a-z0-9]+([-_][a-z0-9]+)*$"
NODE_ID = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"

Text = Annotated[str, Field(min_length=1)]
SyllabusId = Annotated[str, Field(pattern=SYLLABUS_ID)]
NodeId = Annotated[str, Field(pattern=NODE_ID, max_length=40)]

OUTCOMES: tuple[str, ...] = ("won_over", "resolved", "escalated", "declined_politely", "walked_away")
Outcome = Literal["won_over", "resolved", "escalated", "declined_politely", "walked_away"]

# What makes the customer difficult: the persona list of the course brief.
DIFFICULTIES: dict[str, str] = {
    "venting": "venting, with a real grievance",
    "condescending": "superior and condescending",
    "silent": "silent and uncommunicative",
    "indecisive": "cannot make a decision",
    "language_or_knowledge": "speaks another language or lacks product knowledge",
    "impatient": "impatient",
    "own_responsibility": "angry about what is their own responsibility",
    "wronged": "wronged by you (your mistake)",
    "anxious": "anxious (fear, anxiety)",
    "controlling": "a controlling micromanager",
    "out_of_depth": "newly wealthy and out of their depth",
    "red_flags": "a prospect with red flags you should decline",
    "chronic_complainer": "a chronic complainer where doing nothing is right",
}

# Criteria the reply coach knows (see unruffled.coach): strengths and pitfalls.
COACH_STRENGTHS = ("empathy", "apology", "clarifying_question", "mirroring", "agree_first", "options", "next_step", "follow_up")
COACH_PITFALLS = ("calm_down", "blame", "excuse", "over_promise", "condescension", "hostility")
COACH_CRITERIA = COACH_STRENGTHS + COACH_PITFALLS

DEFAULT_MOOD_LABELS = {
    -5: "furious", -4: "angry", -3: "upset", -2: "annoyed", -1: "wary", 0: "neutral",
    1: "listening", 2: "calmer", 3: "reassured", 4: "pleased", 5: "won over",
}


class MoodScale(Strict):
    """The integer scale the customer's mood moves on; labels name some values."""

    min: int = -5
    max: int = 5
    labels: dict[int, Text] = Field(default_factory=lambda: dict(DEFAULT_MOOD_LABELS))

    @model_validator(mode="after")
    def _ordered(self) -> "MoodScale":
        if self.max - self.min < 2:
            raise ValueError(f"'max' ({self.max}) must be at least 2 above 'min' ({self.min})")
        return self

    @property
    def max_delta(self) -> int:
        """The largest believable change of mood in one turn: half the scale."""
        return (self.max - self.min) // 2

    def clamp(self, mood: int) -> int:
        """``mood`` kept inside the scale."""
        return max(self.min, min(self.max, mood))

    def label(self, mood: int) -> str:
        """The label of ``mood``, or of the nearest labelled value at or below it."""
        below = [k for k in self.labels if k <= mood]
        if below:
            return self.labels[max(below)]
        return self.labels[min(self.labels)] if self.labels else str(mood)


class Persona(Strict):
    """Who the learner is talking to."""

    name: Text
    setting: Text = Field(description="Where the conversation happens, e.g. 'Hotel front desk, late evening'.")
    trade: Text = Field(description="retail, software support, hospitality, freelancing, ...")
    difficulty: Literal[tuple(DIFFICULTIES)]  # type: ignore[valid-type]
    backstory: Text
    mood: int = Field(description="Starting mood on the scenario's mood scale.")

    @property
    def difficulty_text(self) -> str:
        """What makes this customer difficult, in words."""
        return DIFFICULTIES[self.difficulty]


class Line(Strict):
    """One thing the customer says."""

    id: NodeId
    text: Text


class Effects(Strict):
    """What a reply does: mood change, steps performed, pitfalls committed."""

    mood: int = 0
    steps: list[str] = Field(default_factory=list)
    pitfalls: list[str] = Field(default_factory=list)
    syllabus: list[SyllabusId] = Field(default_factory=list)


class Requires(Strict):
    """When a reply is offered at all."""

    mood_at_least: int | None = None
    mood_below: int | None = None

    def met(self, mood: int) -> bool:
        """Whether a customer at ``mood`` is offered this reply."""
        if self.mood_at_least is not None and mood < self.mood_at_least:
            return False
        if self.mood_below is not None and mood >= self.mood_below:
            return False
        return True


class Choice(Strict):
    """One reply the learner can pick."""

    id: NodeId
    text: Text
    next: NodeId
    effects: Effects = Field(default_factory=Effects)
    feedback: str | None = Field(default=None, description="Why this reply works or not; shown after choosing.")
    requires: Requires | None = None
    syllabus: list[SyllabusId] = Field(default_factory=list)


class FreeText(Strict):
    """A typed reply judged by the reply coach; its verdict picks the branch."""

    require: list[str] = Field(default_factory=list)
    forbid: list[str] = Field(default_factory=list)
    pass_: NodeId = Field(alias="pass")
    fail: NodeId
    feedback_pass: Text
    feedback_fail: Text
    mood_pass: int = 2
    mood_fail: int = -1
    prompt: str | None = Field(default=None, description="What the learner is asked to write.")
    model_answer: str | None = Field(default=None, description="One good reply, shown after a failed attempt.")


class RouteRule(Strict):
    """One rule of a mood route; exactly one condition key, or ``else``."""

    if_mood_below: int | None = None
    if_mood_at_least: int | None = None
    next: NodeId | None = None
    else_: NodeId | None = Field(default=None, alias="else")

    @model_validator(mode="after")
    def _one_key(self) -> "RouteRule":
        conds = [k for k in ("if_mood_below", "if_mood_at_least") if getattr(self, k) is not None]
        if self.else_ is not None:
            if conds or self.next is not None:
                raise ValueError("an 'else' rule has no condition and no 'next'")
        elif len(conds) != 1 or self.next is None:
            raise ValueError("a rule needs exactly one of 'if_mood_below' or 'if_mood_at_least', and 'next'")
        return self

    @property
    def target(self) -> str:
        return self.else_ if self.else_ is not None else self.next  # type: ignore[return-value]

    def matches(self, mood: int) -> bool:
        """Whether this rule sends a customer at ``mood`` on."""
        if self.else_ is not None:
            return True
        if self.if_mood_below is not None:
            return mood < self.if_mood_below
        return mood >= self.if_mood_at_least  # type: ignore[operator]

    def describe(self) -> str:
        """The condition in words, for maps."""
        if self.else_ is not None:
            return "otherwise"
        if self.if_mood_below is not None:
            return f"mood < {self.if_mood_below}"
        return f"mood >= {self.if_mood_at_least}"


class Ending(Strict):
    """How the conversation ends."""

    outcome: Outcome
    note: Text


class Node(Strict):
    """One moment of the conversation."""

    id: NodeId
    lines: list[Line] = Field(default_factory=list)
    choices: list[Choice] | None = None
    free_text: FreeText | None = None
    route: list[RouteRule] | None = None
    ending: Ending | None = None
    syllabus: list[SyllabusId] = Field(default_factory=list)

    @property
    def kind(self) -> str:
        """``choices``, ``free_text``, ``route``, ``ending`` or ``dead_end``."""
        for k in ("choices", "free_text", "route", "ending"):
            if getattr(self, k) is not None:
                return k
        return "dead_end"

    def targets(self) -> list[tuple[str, tuple[Any, ...], str]]:
        """``(next node, location of the key, label)`` for every way out of this node."""
        out: list[tuple[str, tuple[Any, ...], str]] = []
        for ci, c in enumerate(self.choices or []):
            out.append((c.next, ("choices", ci, "next"), c.id))
        if self.free_text is not None:
            out.append((self.free_text.pass_, ("free_text", "pass"), "pass"))
            out.append((self.free_text.fail, ("free_text", "fail"), "fail"))
        for ri, r in enumerate(self.route or []):
            out.append((r.target, ("route", ri, "else" if r.else_ is not None else "next"), r.describe()))
        return out


class Scenario(Strict):
    """A whole role-play."""

    id: str = Field(pattern=SLUG)
    title: Text
    module: int = Field(ge=1, le=99, description="Number of the course module this role-play belongs to.")
    minutes: int = Field(ge=1, le=60)
    persona: Persona
    mood_scale: MoodScale = Field(default_factory=MoodScale)
    step_order: Literal["recommended", "free"] = Field(
        "recommended",
        description="'recommended': the debrief checks the six steps came in their recommended order. "
                    "'free': this customer does not need them in order (e.g. an expert who came with facts, "
                    "not feelings), so the debrief reports the order without judging it.")
    start: NodeId
    syllabus: list[SyllabusId] = Field(default_factory=list)
    nodes: list[Node] = Field(min_length=1)

    def node(self, node_id: str) -> Node:
        """The node with id ``node_id``."""
        for n in self.nodes:
            if n.id == node_id:
                return n
        raise KeyError(f"scenario {self.id!r} has no node {node_id!r}")

    def iter_choices(self) -> Iterator[tuple[Node, Choice]]:
        """Every (node, choice) pair."""
        for n in self.nodes:
            for c in n.choices or []:
                yield n, c

    @property
    def endings(self) -> list[Node]:
        """Nodes that end the conversation."""
        return [n for n in self.nodes if n.ending is not None]

    def offered_steps(self) -> set[str]:
        """Steps at least one reply in this scenario performs."""
        steps = {s for _, c in self.iter_choices() for s in c.effects.steps}
        for n in self.nodes:
            if n.free_text is not None:
                steps |= {CRITERION_STEP[c] for c in n.free_text.require if c in CRITERION_STEP}
        return steps

    def exercised_ids(self) -> set[str]:
        """Syllabus ids this role-play exercises: its replies' steps and pitfalls, plus declared ids."""
        steps = {t.id: t.syllabus for t in STEPS}
        pitfalls = {t.id: t.syllabus for t in PITFALLS}
        ids: set[str] = set(self.syllabus)
        for n in self.nodes:
            ids.update(n.syllabus)
            for c in n.choices or []:
                ids.update(c.syllabus)
                ids.update(c.effects.syllabus)
                for s in c.effects.steps:
                    ids.update(steps.get(s, ()))
                for p in c.effects.pitfalls:
                    ids.update(pitfalls.get(p, ()))
            if n.free_text is not None:
                for crit in (*n.free_text.require, *n.free_text.forbid):
                    if crit in CRITERION_STEP:
                        ids.update(steps[CRITERION_STEP[crit]])
                    if crit in pitfalls:
                        ids.update(pitfalls[crit])
        return ids


# Which of the six steps a coach strength counts as, when a free-text reply shows it.
CRITERION_STEP: dict[str, str] = {
    "empathy": "empathy", "apology": "empathy", "clarifying_question": "solve", "mirroring": "solve",
    "agree_first": "solve", "options": "solve", "next_step": "agree", "follow_up": "follow_up",
}


# -- semantic checks ---------------------------------------------------------

def _item(doc: YamlDoc, loc: tuple[Any, ...]) -> str | None:
    return describe(doc.data, loc)[0]


def _ids_once(doc: YamlDoc, items: list[Any], base: tuple[Any, ...], noun: str, problems: list[Problem]) -> None:
    first: dict[str, int] = {}
    for i, it in enumerate(items):
        loc = base + (i, "id")
        if it.id in first:
            problems.append(doc.problem(loc, f"duplicate {noun} id {it.id!r} (first used on line {first[it.id]})",
                                        item=_item(doc, base + (i,)), field="'id'"))
        else:
            first[it.id] = doc.line_of(loc) or 0


def _closest(name: str, known: tuple[str, ...]) -> str:
    import difflib

    near = difflib.get_close_matches(name, known, n=1)
    return f"did you mean {near[0]!r}? " if near else ""


def check_scenario(doc: YamlDoc, sc: Scenario, path: Path) -> list[Problem]:
    """Every cross-check the schema cannot express: graph shape, ids, mood range, vocabulary."""
    problems: list[Problem] = []
    P = problems.append
    if sc.id != path.stem:
        P(doc.problem(("id",), f"is {sc.id!r} but the file is named {path.name}; they must match", field="'id'"))

    scale = sc.mood_scale
    rng = f"{scale.min}..{scale.max}"

    def in_range(value: int | None, loc: tuple[Any, ...], field: str, what: str) -> None:
        if value is not None and not scale.min <= value <= scale.max:
            P(doc.problem(loc, f"{what} {value} is outside the mood scale {rng}", item=_item(doc, loc), field=field))

    in_range(sc.persona.mood, ("persona", "mood"), "'persona.mood'", "starting mood")
    _ids_once(doc, sc.nodes, ("nodes",), "node", problems)

    ids = {n.id: i for i, n in enumerate(sc.nodes)}
    if sc.start not in ids:
        P(doc.problem(("start",), f"names unknown node {sc.start!r}", field="'start'"))

    for ni, n in enumerate(sc.nodes):
        base = ("nodes", ni)
        item = _item(doc, base)
        _ids_once(doc, n.lines, base + ("lines",), "line", problems)
        kinds = [k for k in ("choices", "free_text", "route", "ending") if getattr(n, k) is not None]
        if not kinds:
            P(doc.problem(base + ("id",), "is a dead end: it has no 'choices', 'free_text' or 'route' and is not an 'ending'", item=item))
        elif len(kinds) > 1:
            P(doc.problem(base + (kinds[1],), f"a node is one kind only; this one has {' and '.join(repr(k) for k in kinds)}", item=item, field=f"'{kinds[1]}'"))
        if n.route is not None:
            if n.lines:
                P(doc.problem(base + ("lines",), "a route node moves on at once, so the customer's lines would never be shown; put them on the next node", item=item, field="'lines'"))
            if not n.route or n.route[-1].else_ is None:
                P(doc.problem(base + ("route",), "must end with an {else: node} rule, so every mood has a way on", item=item, field="'route'"))
            for ri, r in enumerate(n.route):
                in_range(r.if_mood_below, base + ("route", ri, "if_mood_below"), "'if_mood_below'", "threshold")
                in_range(r.if_mood_at_least, base + ("route", ri, "if_mood_at_least"), "'if_mood_at_least'", "threshold")
        elif not n.lines:
            P(doc.problem(base + ("id",), "needs at least one customer line", item=item, field="'lines'"))
        if n.choices is not None:
            if not 2 <= len(n.choices) <= 4:
                P(doc.problem(base + ("choices",), f"has {len(n.choices)} choice(s); give 2 to 4 replies", item=item, field="'choices'"))
            _ids_once(doc, n.choices, base + ("choices",), "choice", problems)
            if n.choices and all(c.requires is not None for c in n.choices):
                P(doc.problem(base + ("choices",), "every reply has 'requires'; at least one must always be offered", item=item, field="'choices'"))
            for ci, c in enumerate(n.choices):
                cloc = base + ("choices", ci)
                citem = _item(doc, cloc)
                if not (c.feedback or "").strip():
                    P(doc.problem(cloc, "is missing: every reply must say why it works or not", item=citem, field="'feedback'"))
                if abs(c.effects.mood) > scale.max_delta:
                    P(doc.problem(cloc + ("effects", "mood"), f"change of {c.effects.mood:+d} in one reply is not believable on the scale {rng} (at most ±{scale.max_delta})", item=citem, field="'effects.mood'"))
                for si, s in enumerate(c.effects.steps):
                    if s not in STEP_IDS:
                        P(doc.problem(cloc + ("effects", "steps", si), f"unknown step {s!r}; {_closest(s, STEP_IDS)}the steps are {', '.join(STEP_IDS)}", item=citem, field="'effects.steps'"))
                for pi, p in enumerate(c.effects.pitfalls):
                    if p not in PITFALL_IDS:
                        P(doc.problem(cloc + ("effects", "pitfalls", pi), f"unknown pitfall {p!r}; {_closest(p, PITFALL_IDS)}the pitfalls are {', '.join(PITFALL_IDS)}", item=citem, field="'effects.pitfalls'"))
                if c.requires is not None:
                    in_range(c.requires.mood_at_least, cloc + ("requires", "mood_at_least"), "'requires.mood_at_least'", "threshold")
                    in_range(c.requires.mood_below, cloc + ("requires", "mood_below"), "'requires.mood_below'", "threshold")
        if n.free_text is not None:
            ft = n.free_text
            floc = base + ("free_text",)
            if not ft.require and not ft.forbid:
                P(doc.problem(floc, "needs at least one 'require' or 'forbid' criterion", item=item, field="'free_text'"))
            for key, crits in (("require", ft.require), ("forbid", ft.forbid)):
                for k, crit in enumerate(crits):
                    if crit not in COACH_CRITERIA:
                        P(doc.problem(floc + (key, k), f"unknown coach criterion {crit!r}; {_closest(crit, COACH_CRITERIA)}the criteria are {', '.join(COACH_CRITERIA)}", item=item, field=f"'free_text.{key}'"))
            for key, value in (("mood_pass", ft.mood_pass), ("mood_fail", ft.mood_fail)):
                if abs(value) > scale.max_delta:
                    P(doc.problem(floc + (key,), f"change of {value:+d} in one reply is not believable on the scale {rng} (at most ±{scale.max_delta})", item=item, field=f"'free_text.{key}'"))
        for target, loc, _ in n.targets():
            if target not in ids:
                key = loc[-1]
                field = f"'{key}'" if loc[0] == "choices" else f"'{loc[0]}.{key}'" if loc[0] == "free_text" else f"'{key}'"
                P(doc.problem(base + loc, f"names unknown node {target!r}", item=_item(doc, base + loc[:-1]) if loc[0] != "free_text" else item, field=field))

    if not sc.endings:
        P(doc.problem(("nodes",), "no node is an 'ending'; every conversation must be able to end", field="'nodes'"))
    problems.extend(_graph_problems(doc, sc, ids))
    return problems


def _closure(starts: set[str], edges: dict[str, list[str]]) -> set[str]:
    """Every node reachable from ``starts`` along ``edges`` (``starts`` included)."""
    seen = set(starts)
    queue = deque(seen)
    while queue:
        for t in edges[queue.popleft()]:
            if t not in seen:
                seen.add(t)
                queue.append(t)
    return seen


def _graph_problems(doc: YamlDoc, sc: Scenario, ids: dict[str, int]) -> list[Problem]:
    """Unreachable nodes, and loops from which no ending can be reached."""
    problems: list[Problem] = []
    out = {n.id: [t for t, _, _ in n.targets() if t in ids] for n in sc.nodes}
    if sc.start not in ids:
        return problems
    reached = _closure({sc.start}, out)
    for n in sc.nodes:
        if n.id not in reached:
            ni = ids[n.id]
            problems.append(doc.problem(("nodes", ni, "id"), f"is unreachable: no reply, route or free-text branch leads here from start {sc.start!r}",
                                        item=_item(doc, ("nodes", ni))))
    if not sc.endings:
        return problems
    # Nodes from which some ending can be reached: walk the edges backwards from the endings.
    into: dict[str, list[str]] = {i: [] for i in ids}
    for src, targets in out.items():
        for t in targets:
            into[t].append(src)
    can_end = _closure({n.id for n in sc.endings}, into)
    for n in sc.nodes:
        if n.id in reached and n.id not in can_end and n.kind != "dead_end":
            cycle = _cycle_through(n.id, out)
            how = f"a loop with no way out ({' -> '.join(cycle)})" if cycle else "every way on leads to a dead end"
            ni = ids[n.id]
            problems.append(doc.problem(("nodes", ni, "id"), f"no ending can be reached from here: {how}", item=_item(doc, ("nodes", ni))))
    return problems


def _cycle_through(start: str, out: dict[str, list[str]]) -> list[str] | None:
    """A shortest path start -> ... -> start, if there is one."""
    prev: dict[str, str] = {}
    queue = deque([start])
    seen = {start}
    while queue:
        cur = queue.popleft()
        for t in out[cur]:
            if t == start:
                path = [cur]
                while path[-1] != start:
                    path.append(prev[path[-1]])
                return [*reversed(path), start]
            if t not in seen:
                seen.add(t)
                prev[t] = cur
                queue.append(t)
    return None


def _schema_problems(doc: YamlDoc, exc: ValidationError) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        item, field = describe(doc.data, loc)
        problems.append(doc.problem(loc, _message(err), item=item, field=field))
    return problems


def load_scenario(path: str | Path) -> Scenario:
    """Load and validate a scenario; raise :class:`ContentError` listing every problem."""
    path = Path(path)
    doc = load_yaml(path)
    if not isinstance(doc.data, dict):
        raise ContentError([doc.problem((), "a scenario must be a mapping with 'id', 'persona', 'start' and 'nodes'")])
    try:
        sc = Scenario.model_validate(doc.data)
    except ValidationError as exc:
        # The graph cannot be checked until every node has its shape.
        raise ContentError(sorted(_schema_problems(doc, exc), key=lambda p: p.line or 0)) from None
    problems = check_scenario(doc, sc, path)
    if problems:
        raise ContentError(sorted(problems, key=lambda p: p.line or 0))
    return sc


def scenario_dir(root: Path | None = None) -> Path:
    """The repository's ``assets/scenarios`` folder."""
    from .manifest import find_root

    return (root or find_root()) / "assets" / "scenarios"


def find_scenario(scenario_id: str, root: Path | None = None) -> Path:
    """Path of the scenario with id ``scenario_id``."""
    folder = scenario_dir(root)
    path = folder / f"{scenario_id.removesuffix('.yaml')}.yaml"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in folder.glob("*.yaml"))) or "none"
        raise ContentError.single(str(path), f"no scenario named {scenario_id!r} (scenarios: {known})")
    return path


def scenario_json_schema() -> dict[str, Any]:
    """JSON Schema of a scenario file, for editor validation."""
    return Scenario.model_json_schema(by_alias=True)
