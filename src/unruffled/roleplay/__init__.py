"""Role-play: branching conversations with difficult-customer personas.

``Conversation`` (the engine) and ``scenario_map`` are plain Python; ``play``
builds the widget and is imported lazily, so ``import unruffled.roleplay``
never pulls in ipywidgets.
"""

from __future__ import annotations

from typing import Any

from .debrief import Debrief
from .engine import Conversation, Entry, Moment, Option, Turn

__all__ = ["Conversation", "Debrief", "Entry", "Moment", "Option", "Turn", "load", "play", "scenario_map"]


def load(scenario_id: str):
    """The validated scenario with id ``scenario_id`` from ``assets/scenarios``."""
    from ..content.scenario import find_scenario, load_scenario

    return load_scenario(find_scenario(scenario_id))


def play(scenario: Any, **kwargs: Any):
    """Show a role-play: ``play("venting-broken-laptop")`` (an id, a path or a Scenario)."""
    from .widget import play as _play

    return _play(scenario, **kwargs)


def scenario_map(scenario: Any):
    """Draw a scenario's graph as SVG: ``scenario_map("venting-broken-laptop")``."""
    from .graph import scenario_map as _map

    return _map(scenario)
