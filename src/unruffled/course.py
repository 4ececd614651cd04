"""Small views of the course itself: the course map shown in module 01 and the launcher."""

from __future__ import annotations

import html
from dataclasses import dataclass

from .content.manifest import Manifest, load_manifest


@dataclass(frozen=True)
class CourseMap:
    """The modules in order, with minutes and status; shows itself as an accessible table."""

    manifest: Manifest

    def _repr_html_(self) -> str:
        rows = []
        for m in self.manifest.modules:
            state = {"finished": "ready", "draft": "in preview", "planned": "coming soon"}[m.status]
            rows.append(
                f"<tr><td>{m.number:02d}</td><td>{html.escape(m.title)}</td>"
                f"<td>{m.minutes} min</td><td>{state}</td></tr>"
            )
        return (
            '<table class="unruffled-course-map" style="font-size:var(--jp-content-font-size1,14px);'
            'color:var(--jp-ui-font-color1)">'
            f"<caption>{html.escape(self.manifest.title)}: {len(self.manifest.modules)} modules</caption>"
            '<thead><tr><th scope="col">#</th><th scope="col">Module</th><th scope="col">Time</th>'
            '<th scope="col">Status</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )

    def markdown(self) -> str:
        """The same table as Markdown (used for the README's course map)."""
        lines = ["| # | Module | Time | Status |", "|---|---|---|---|"]
        for m in self.manifest.modules:
            lines.append(f"| {m.number:02d} | {m.title} | {m.minutes} min | {m.status} |")
        return "\n".join(lines)


def course_map(manifest: Manifest | None = None):
    """A widget showing the course map (an ``ipywidgets.HTML``)."""
    import ipywidgets as widgets

    cmap = CourseMap(manifest or load_manifest())
    return widgets.HTML(cmap._repr_html_(), layout=widgets.Layout(width="auto"))
