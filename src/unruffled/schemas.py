"""JSON Schemas of the content models, for editor validation of the YAML files.

``unruffled schema`` writes them to ``schemas/``; a test checks the committed
files match the models.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

# (file name, "module:Model") for every kind of content file.
SCHEMAS: tuple[tuple[str, str], ...] = (
    ("manifest.schema.json", "unruffled.content.manifest:Manifest"),
    ("quiz.schema.json", "unruffled.content.quiz:QuizBank"),
    ("scenario.schema.json", "unruffled.content.scenario:Scenario"),
    ("lexicon.schema.json", "unruffled.coach.lexicon:LexiconFile"),
)


def render(target: str) -> str:
    """The JSON Schema of one model, as stable, pretty-printed text."""
    module, name = target.split(":")
    model = getattr(importlib.import_module(module), name)
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_all(folder: Path) -> list[Path]:
    """Write every schema into ``folder``; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for filename, target in SCHEMAS:
        path = folder / filename
        path.write_text(render(target), encoding="utf-8")
        written.append(path)
    return written
