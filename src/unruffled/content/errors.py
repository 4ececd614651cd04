"""Errors raised for bad content, each naming the file, line, item and field."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one content file.

    Rendered as ``path:line: item: field: message`` so an author can jump
    straight to it, e.g.
    ``assets/scenarios/venting.yaml:42: node 'n3': choice 2: 'next' names unknown node 'n9'``.
    """

    path: str
    message: str
    line: int | None = None
    item: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        parts = [where]
        if self.item:
            parts.append(self.item)
        if self.field:
            parts.append(self.field)
        parts.append(self.message)
        return ": ".join(parts)


@dataclass
class ContentError(Exception):
    """Raised when a content file cannot be loaded; carries every problem found."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    @classmethod
    def single(cls, path: str | Path, message: str, **where) -> "ContentError":
        """Build an error with one problem."""
        return cls([Problem(str(path), message, **where)])
