"""Read YAML while remembering the line of every key and list item.

Pydantic reports a failing field as a location such as ``('nodes', 3,
'choices', 1, 'next')``; :class:`YamlDoc` maps that location back to the line
it came from, so errors can point authors to the right place.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError, Problem

Loc = tuple[Any, ...]


@dataclass
class YamlDoc:
    """A parsed YAML file, its data and the line of each location in it."""

    path: str
    data: Any
    lines: dict[Loc, int]

    def line_of(self, loc: Loc) -> int | None:
        """Line (1-based) of ``loc`` or of its nearest ancestor that has one."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), None)

    def problem(self, loc: Loc, message: str, item: str | None = None, field: str | None = None) -> Problem:
        """A :class:`Problem` at ``loc`` in this file."""
        return Problem(self.path, message, line=self.line_of(loc), item=item, field=field)


def display_path(path: Path) -> str:
    """Path as authors see it: relative to the working directory when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _walk(node: yaml.Node, loc: Loc, lines: dict[Loc, int]) -> Any:
    lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = yaml.safe_load(yaml.serialize(key_node)) if not isinstance(key_node, yaml.ScalarNode) else _scalar(key_node)
            out[key] = _walk(value_node, loc + (key,), lines)
            lines[loc + (key,)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_walk(child, loc + (i,), lines) for i, child in enumerate(node.value)]
    return _scalar(node)


@functools.lru_cache(maxsize=1)
def _constructor() -> yaml.SafeLoader:
    return yaml.SafeLoader("")


def _scalar(node: yaml.Node) -> Any:
    return _constructor().construct_object(node, deep=True)


def load_yaml(path: str | Path) -> YamlDoc:
    """Parse ``path`` into a :class:`YamlDoc`; raise :class:`ContentError` on bad YAML.

    Aliases and merge keys are not supported in content files (they would hide
    where a value comes from); plain YAML is all authors need.
    """
    path = Path(path)
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError.single(shown, "file not found") from None
    except UnicodeDecodeError as exc:
        raise ContentError.single(shown, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    try:
        # The C loader (when PyYAML has it) keeps marks and is ~15x faster.
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise ContentError.single(shown, f"invalid YAML: {exc.problem or exc.context}", line=line) from None
    if root is None:
        raise ContentError.single(shown, "file is empty")
    lines: dict[Loc, int] = {}
    data = _walk(root, (), lines)
    return YamlDoc(shown, data, lines)
