"""The learner's progress as data and as an accessible SVG bar chart (pure Python).

The widget (``widget.py``) only wraps this HTML; building it here keeps it
testable without ipywidgets and without a browser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from .store import ProgressStore


@dataclass(frozen=True)
class ModuleProgress:
    """One module: questions done out of the bank's total, and mastery per syllabus id.

    ``mastery`` maps every id the module's quizzes exercise to a score in
    [0, 1], or ``None`` when the learner has not tried any item for it yet.
    """

    module: str
    title: str
    done: int
    total: int
    mastery: dict[str, float | None] = field(default_factory=dict)

    def summary(self) -> str:
        """One sentence a screen reader can read instead of the chart."""
        tried = {k: v for k, v in self.mastery.items() if v is not None}
        parts = [f"{self.title}: {self.done} of {self.total} questions done."]
        if tried:
            parts.append("Mastery " + ", ".join(f"{k} {v:.0%}" for k, v in tried.items()) + ".")
        untried = [k for k, v in self.mastery.items() if v is None]
        if untried:
            parts.append("Not tried yet: " + ", ".join(untried) + ".")
        return " ".join(parts)


def _banks(root: Path | None):
    """(module name, title, question ids, exercised ids in question order) for every bank found."""
    from ..content.errors import ContentError
    from ..content.quiz import load_bank

    if root is None:
        from ..content.manifest import find_root

        try:
            root = find_root()
        except ContentError:
            return []
    out = []
    for path in sorted((root / "assets" / "quizzes").glob("*.yaml")):
        try:
            bank = load_bank(path)
        except ContentError:
            continue  # a broken bank is reported by 'unruffled validate', not here
        ids: list[str] = []
        for q in bank.questions:
            ids += [s for s in q.syllabus if s not in ids]
        out.append((bank.module, bank.title, [q.id for q in bank.questions], sorted(ids, key=_id_key)))
    return out


def _id_key(sid: str) -> tuple[str, int]:
    prefix, _, num = sid.partition("-")
    return prefix, int(num) if num.isdigit() else 0


def collect(store: ProgressStore, learner: str, root: Path | None = None) -> list[ModuleProgress]:
    """Progress per module: modules with a quiz bank, plus any other module with attempts."""
    best = store.best_scores(learner)
    mastery = store.mastery(learner)
    out: list[ModuleProgress] = []
    seen: set[str] = set()
    for module, title, qids, ids in _banks(root):
        seen.add(module)
        done = sum(1 for q in qids if q in best.get(module, {}))
        m = mastery.get(module, {})
        out.append(ModuleProgress(module, title, done, len(qids), {sid: m.get(sid) for sid in ids}))
    for module in sorted(set(best) - seen):
        m = mastery.get(module, {})
        out.append(ModuleProgress(module, module, len(best[module]), len(best[module]),
                                  {sid: m[sid] for sid in sorted(m, key=_id_key)}))
    return out


BAR_W, ROW_H, LABEL_W, PAD = 360, 30, 90, 8


def svg_chart(mp: ModuleProgress, index: int = 0) -> str:
    """A horizontal bar per syllabus id; ``role="img"`` with a title summarising the numbers."""
    rows = list(mp.mastery.items())
    height = PAD * 2 + ROW_H * max(1, len(rows))
    width = LABEL_W + BAR_W + 70
    tid = f"unruffled-progress-title-{index}"
    parts = [f'<svg class="unruffled-chart" role="img" aria-labelledby="{tid}" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{tid}">{escape(mp.summary())}</title>']
    for i, (sid, score) in enumerate(rows):
        y = PAD + i * ROW_H
        parts.append(f'<text x="0" y="{y + ROW_H * 0.65:.1f}" style="fill: var(--jp-ui-font-color1); '
                     f'font-size: var(--jp-content-font-size2, 16px); font-family: var(--jp-ui-font-family)">{escape(sid)}</text>')
        parts.append(f'<rect x="{LABEL_W}" y="{y + 5}" width="{BAR_W}" height="{ROW_H - 10}" rx="4" '
                     f'style="fill: var(--jp-layout-color3); stroke: var(--jp-border-color1)"/>')
        if score is not None:
            w = max(2.0, BAR_W * score)
            parts.append(f'<rect x="{LABEL_W}" y="{y + 5}" width="{w:.1f}" height="{ROW_H - 10}" rx="4" '
                         f'style="fill: var(--jp-brand-color1)"/>')
        label = "not yet" if score is None else f"{score:.0%}"
        parts.append(f'<text x="{LABEL_W + BAR_W + 8}" y="{y + ROW_H * 0.65:.1f}" style="fill: var(--jp-ui-font-color1); '
                     f'font-size: var(--jp-content-font-size1, 14px); font-family: var(--jp-ui-font-family)">{label}</text>')
    parts.append("</svg>")
    return "".join(parts)


def table(mp: ModuleProgress) -> str:
    """The same numbers as a table (hidden visually, read by screen readers)."""
    rows = "".join(f"<tr><th scope=\"row\">{escape(k)}</th><td>{'not tried yet' if v is None else f'{v:.0%}'}</td></tr>"
                   for k, v in mp.mastery.items())
    return (f'<table class="unruffled-visually-hidden"><caption>{escape(mp.title)}: mastery per syllabus id</caption>'
            f'<thead><tr><th scope="col">Syllabus id</th><th scope="col">Mastery</th></tr></thead><tbody>{rows}</tbody></table>')


STYLE = """<style>
.unruffled-progress { color: var(--jp-ui-font-color1); background: var(--jp-layout-color1);
  font-size: var(--jp-content-font-size2, 1.2em); max-width: 56em; }
.unruffled-progress h3 { font-size: var(--jp-content-font-size3, 1.44em); margin: 0.8em 0 0.2em; }
.unruffled-progress .unruffled-done { margin: 0 0 0.3em; color: var(--jp-ui-font-color2); }
.unruffled-progress progress { width: 20em; height: 1em; }
.unruffled-visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
</style>"""


def progress_html(modules: list[ModuleProgress], learner: str) -> str:
    """The whole progress view: per module a heading, questions done, and the chart."""
    if not modules:
        return (f'{STYLE}<div class="unruffled-progress"><p>No progress saved yet for {escape(learner)}. '
                "Answer a quiz question and it will show up here.</p></div>")
    out = [STYLE, f'<div class="unruffled-progress"><p>Progress of <strong>{escape(learner)}</strong></p>']
    for i, mp in enumerate(modules):
        out.append(f"<h3>{escape(mp.title)}</h3>")
        out.append(f'<p class="unruffled-done">{mp.done} of {mp.total} questions done '
                   f'<progress max="{mp.total}" value="{mp.done}" aria-label="{escape(mp.title)}: '
                   f'{mp.done} of {mp.total} questions done"></progress></p>')
        out.append(svg_chart(mp, i))
        out.append(table(mp))
    out.append("</div>")
    return "".join(out)
