"""Turn pydantic validation errors into :class:`Problem` lines authors can act on."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import ContentError, Problem
from .yamlfile import Loc, YamlDoc

M = TypeVar("M", bound=BaseModel)

# How a list's elements are named in messages: nodes -> "node 'n3'".
SINGULAR = {
    "modules": "module",
    "questions": "question",
    "options": "option",
    "pairs": "pair",
    "items": "item",
    "nodes": "node",
    "choices": "choice",
    "lines": "line",
    "endings": "ending",
    "syllabus": "syllabus entry",
    "criteria": "criterion",
    "cues": "cue",
}


def describe(data: Any, loc: Loc) -> tuple[str | None, str | None]:
    """Split a location into a readable item ("node 'n3': choice 2") and field ("'next'").

    List elements that are mappings with an ``id`` are named by that id; others
    by their 1-based position. The trailing mapping keys form the field.
    """
    items: list[str] = []
    fields: list[str] = []
    cur = data
    parent_key: Any = None
    for part in loc:
        if isinstance(part, int) and isinstance(cur, list):
            noun = SINGULAR.get(parent_key, str(parent_key or "item"))
            elem = cur[part] if 0 <= part < len(cur) else None
            name = next((elem[k] for k in ("id", "slug") if isinstance(elem, dict) and isinstance(elem.get(k), (str, int))), None)
            if name is not None:
                items.append(f"{noun} '{name}'")
            else:
                items.append(f"{noun} {part + 1}")
            fields = []
            cur = elem
        else:
            fields.append(str(part))
            cur = cur.get(part) if isinstance(cur, dict) else None
        parent_key = part
    field = ".".join(fields)
    return (": ".join(items) or None), (f"'{field}'" if field else None)


def _message(err: dict) -> str:
    kind = err.get("type", "")
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return "is not a known field (check the spelling)"
    msg = err.get("msg", "invalid value")
    # Pydantic prefixes custom errors with "Value error, "; authors do not need it.
    return msg.removeprefix("Value error, ")


def validate_doc(doc: YamlDoc, model: type[M]) -> M:
    """Validate ``doc.data`` against ``model``; raise :class:`ContentError` listing every problem."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        problems: list[Problem] = []
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
            # Discriminated unions add the tag ("single") to the loc; drop it.
            loc = _drop_union_tags(doc.data, loc)
            item, field = describe(doc.data, loc)
            problems.append(doc.problem(loc, _message(err), item=item, field=field))
        raise ContentError(problems) from None


def _drop_union_tags(data: Any, loc: Loc) -> Loc:
    out: list[Any] = []
    cur = data
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(cur, dict) and isinstance(part, str) and part not in cur and out and not last:
            # A tag such as 'single' or 'ordering' inserted by a tagged union.
            continue
        out.append(part)
        if isinstance(cur, dict):
            cur = cur.get(part)
        elif isinstance(cur, list) and isinstance(part, int) and 0 <= part < len(cur):
            cur = cur[part]
        else:
            cur = None
    return tuple(out)
