"""The course's fixed vocabulary: the six steps and the pitfalls.

Role-play choices, quiz questions and the reply coach all speak of these by
id, so they live in one place. Each names the syllabus ids it stands for.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """A step or pitfall: stable id, display name, syllabus ids it stands for."""

    id: str
    name: str
    syllabus: tuple[str, ...]


STEPS: tuple[Term, ...] = (
    Term("vent", "Let the customer vent", ("VENT-1", "VENT-2", "VENT-3")),
    Term("filter", "Drop the negative filter", ("SELF-3",)),
    Term("empathy", "Express empathy", ("EMP-1", "EMP-3")),
    Term("solve", "Solve the problem actively", ("SOLVE-1", "SOLVE-3", "SOLVE-6")),
    Term("agree", "Agree on the solution together", ("AGREE-1", "AGREE-3")),
    Term("follow_up", "Follow up", ("FOLLOW-1",)),
)

PITFALLS: tuple[Term, ...] = (
    Term("calm_down", "Telling them to calm down", ("VENT-2",)),
    Term("hostility", "Returning aggression", ("VENT-6",)),
    Term("excuse", "Making excuses", ("AGREE-5",)),
    Term("blame", "Blaming the customer", ("RESP-1",)),
    Term("over_promise", "Promising what you cannot deliver", ("AGREE-4",)),
    Term("condescension", "Talking down to them", ("SELF-7",)),
    Term("sympathy_overload", "Dissolving in sympathy", ("EMP-2",)),
)

STEP_IDS: tuple[str, ...] = tuple(t.id for t in STEPS)
PITFALL_IDS: tuple[str, ...] = tuple(t.id for t in PITFALLS)
