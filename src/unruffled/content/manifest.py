"""The course manifest (``course/syllabus.yaml``): syllabus ids and module order."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator

from .base import Strict

from .errors import ContentError, Problem
from .validate_model import validate_doc
from .yamlfile import YamlDoc, load_yaml

SYLLABUS_ID = r"^[A-Z]+-[0-9]+$"


class SyllabusEntry(Strict):
    """One idea of the syllabus."""

    id: str = Field(pattern=SYLLABUS_ID)
    idea: str = Field(min_length=1)
    starred: bool = False


class Module(Strict):
    """One module of the course, in the order learners take it."""

    number: int = Field(ge=1, le=99)
    slug: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    title: str = Field(min_length=1)
    minutes: int = Field(ge=5, le=180)
    status: Literal["planned", "draft", "finished"] = "planned"
    objectives: list[str] = Field(min_length=1)
    covers: list[str] = Field(min_length=1)

    @property
    def name(self) -> str:
        """``NN-slug``: the notebook stem, the quiz bank stem and the assignment id."""
        return f"{self.number:02d}-{self.slug}"

    @property
    def notebook(self) -> str:
        """Path of the teaching notebook, relative to the repository root."""
        return f"course/{self.name}.ipynb"


class Manifest(Strict):
    """The whole manifest."""

    course: str
    title: str
    syllabus: list[SyllabusEntry] = Field(min_length=1)
    modules: list[Module] = Field(min_length=1)

    @field_validator("modules")
    @classmethod
    def _numbered_in_order(cls, modules: list[Module]) -> list[Module]:
        numbers = [m.number for m in modules]
        if numbers != list(range(1, len(modules) + 1)):
            raise ValueError(f"modules must be numbered 1, 2, 3, ... in order; found {numbers}")
        return modules

    @property
    def starred(self) -> set[str]:
        """Ids that must be exercised, not only taught."""
        return {s.id for s in self.syllabus if s.starred}

    @property
    def ids(self) -> set[str]:
        """Every syllabus id."""
        return {s.id for s in self.syllabus}

    def module(self, key: int | str) -> Module:
        """Module by number or by ``NN-slug`` name."""
        for m in self.modules:
            if key in (m.number, m.name):
                return m
        raise KeyError(key)


def find_root(start: Path | None = None) -> Path:
    """The repository root: the nearest folder at or above ``start`` holding the manifest."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "course" / "syllabus.yaml").is_file():
            return folder
    raise ContentError([Problem(str(here), "no course/syllabus.yaml here or in any parent folder; run from the Unruffled repository")])


def check_manifest(doc: YamlDoc, manifest: Manifest) -> list[Problem]:
    """Cross-checks a schema cannot express: every syllabus id is unique and in exactly one module."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, entry in enumerate(manifest.syllabus):
        if entry.id in seen:
            problems.append(doc.problem(("syllabus", i, "id"), f"{entry.id} is listed twice", item=f"syllabus entry '{entry.id}'", field="'id'"))
        seen.add(entry.id)
    owner: dict[str, str] = {}
    for mi, module in enumerate(manifest.modules):
        for ci, sid in enumerate(module.covers):
            where = dict(item=f"module '{module.slug}'", field="'covers'")
            if sid not in seen:
                problems.append(doc.problem(("modules", mi, "covers", ci), f"names unknown syllabus id {sid!r}", **where))
            elif sid in owner:
                problems.append(doc.problem(("modules", mi, "covers", ci), f"{sid} is already covered by module '{owner[sid]}'", **where))
            else:
                owner[sid] = module.slug
    for i, entry in enumerate(manifest.syllabus):
        if entry.id not in owner:
            problems.append(doc.problem(("syllabus", i), "is in no module's 'covers'", item=f"syllabus entry '{entry.id}'"))
    return problems


def load_manifest(path: str | Path | None = None) -> Manifest:
    """Load and validate the manifest (default: the one in the repository root)."""
    if path is None:
        path = find_root() / "course" / "syllabus.yaml"
    doc = load_yaml(path)
    manifest = validate_doc(doc, Manifest)
    problems = check_manifest(doc, manifest)
    if problems:
        raise ContentError(problems)
    return manifest


def syllabus_ids_in(text: str) -> set[str]:
    """Syllabus ids mentioned in free text, e.g. ``"see VENT-2"`` -> ``{"VENT-2"}``."""
    return set(re.findall(r"\b[A-Z]{2,}-[0-9]+\b", text))
