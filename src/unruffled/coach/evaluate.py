"""Measure the coach against a labelled set: per-criterion precision, recall and agreement.

The labelled set (``tests/data/coach_labelled.yaml``) lists, per reply, the
criteria it clearly ``has`` and clearly ``lacks``; a criterion in neither list
is ambiguous for that reply and not scored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .engine import assess
from .lexicon import CRITERIA


@dataclass
class Tally:
    """Counts for one criterion."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def agreement(self) -> float:
        n = self.tp + self.fp + self.fn + self.tn
        return (self.tp + self.tn) / n if n else 1.0


@dataclass
class Report:
    """Tallies per criterion, overall, and the disagreements."""

    tallies: dict[str, Tally] = field(default_factory=lambda: {c: Tally() for c in CRITERIA})
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)  # (item id, criterion, "FP"/"FN", reply)
    items: int = 0

    @property
    def overall(self) -> Tally:
        t = Tally()
        for x in self.tallies.values():
            t.tp += x.tp; t.fp += x.fp; t.fn += x.fn; t.tn += x.tn
        return t

    def table(self, title: str = "") -> str:
        """A plain-text table, one line per criterion."""
        lines = [f"{title} ({self.items} replies)" if title else f"{self.items} replies",
                 f"{'criterion':22} {'prec':>6} {'recall':>6} {'agree':>6} {'tp':>4} {'fp':>4} {'fn':>4} {'tn':>4}"]
        for c, t in [*self.tallies.items(), ("OVERALL", self.overall)]:
            lines.append(f"{c:22} {t.precision:6.2f} {t.recall:6.2f} {t.agreement:6.2f} {t.tp:4} {t.fp:4} {t.fn:4} {t.tn:4}")
        return "\n".join(lines)


def _load(path: str | Path) -> dict:
    # libyaml's safe loader when present: the same documents, about ten times faster.
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def load_items(path: str | Path) -> list[dict]:
    """The items of a labelled set."""
    return _load(path)["items"]


def split(items: list[dict], held_out: float = 0.2) -> tuple[list[dict], list[dict]]:
    """Tuning part and held-out part (the last ``held_out`` share, never looked at while tuning)."""
    cut = len(items) - int(round(len(items) * held_out))
    return items[:cut], items[cut:]


ROLES = ("split", "tuning", "held_out")


def parts(path: str | Path) -> tuple[list[dict], list[dict]]:
    """A labelled file's tuning part and held-out part, by the file's ``role``.

    ``tuning``: every item may be tuned on; ``held_out``: none may (a test set
    whose errors are never read); ``split`` (the default, for the first two
    sets): the first 80% tunes, the last 20% is held out.
    """
    doc = _load(path)
    role = doc.get("role", "split")
    if role not in ROLES:
        raise ValueError(f"{path}: role must be one of {', '.join(ROLES)}, not {role!r}")
    items = doc["items"]
    if role == "tuning":
        return items, []
    if role == "held_out":
        return [], items
    return split(items)


def evaluate(items: list[dict]) -> Report:
    """Assess every item and tally against its labels."""
    report = Report()
    for item in items:
        report.items += 1
        a = assess(item["reply"], item.get("customer"))
        for c in item.get("has", []):
            if a.criteria[c].met:
                report.tallies[c].tp += 1
            else:
                report.tallies[c].fn += 1
                report.errors.append((item["id"], c, "FN", item["reply"]))
        for c in item.get("lacks", []):
            if a.criteria[c].met:
                report.tallies[c].fp += 1
                report.errors.append((item["id"], c, "FP", item["reply"] + "  <<" + "; ".join(a.criteria[c].evidence) + ">>"))
            else:
                report.tallies[c].tn += 1
    return report
