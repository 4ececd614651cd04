"""The workshop launcher: modules and scenarios with their times, linking to the apps."""

from __future__ import annotations

import html
from dataclasses import dataclass
from urllib.parse import quote

from ..course import CourseMap
from ..content.manifest import Manifest
from .presenter import ScenarioInfo

CSS = """<style>
.unruffled-launcher { color: var(--jp-ui-font-color0, #000); font-size: 18px; max-width: 64rem; }
.unruffled-launcher table { border-collapse: collapse; margin: 0.4em 0 1.2em; }
.unruffled-launcher caption { text-align: left; font-weight: bold; padding: 0.2em 0; }
.unruffled-launcher th, .unruffled-launcher td { border: 1px solid var(--jp-border-color1, #666); padding: 0.25em 0.7em; text-align: left; }
.unruffled-launcher a { color: var(--jp-content-link-color, #0d47a1); font-weight: bold; }
.unruffled-launcher .unruffled-apps a { display: inline-block; margin: 0 1.5em 0.5em 0; font-size: 20px; }
</style>"""


@dataclass(frozen=True)
class Launcher:
    """The landing page: links to the apps, the modules and the scenarios."""

    manifest: Manifest
    scenarios: tuple[ScenarioInfo, ...]
    token: str = ""  # kept on links when the server needs one (`unruffled present --lan`)

    def _href(self, page: str, **query: str) -> str:
        params = {**query, **({"token": self.token} if self.token else {})}
        qs = "&".join(f"{k}={quote(v)}" for k, v in params.items())
        return html.escape(page + (f"?{qs}" if qs else ""))

    def _repr_html_(self) -> str:
        e = html.escape
        modules = {m.number: m.title for m in self.manifest.modules}
        rows = "".join(
            f"<tr><td>{e(s.title)}</td><td>{s.module:02d} {e(modules.get(s.module, ''))}</td><td>{s.minutes} min</td>"
            f"<td>{e(s.persona)} ({e(s.setting)}): {e(s.difficulty)}</td>"
            f'<td><a href="{self._href("presenter.ipynb", scenario=s.id)}">Present \u201c{e(s.title)}\u201d</a></td></tr>'
            for s in self.scenarios)
        total = sum(m.minutes for m in self.manifest.modules)
        return (
            f'<div class="unruffled-launcher">{CSS}'
            '<nav class="unruffled-apps" aria-label="Facilitator apps">'
            f'<a href="{self._href("presenter.ipynb")}">Scenario presenter</a>'
            f'<a href="{self._href("class-results.ipynb")}">Class results</a></nav>'
            f"<h2>Modules ({total} min in all)</h2>{CourseMap(self.manifest)._repr_html_()}"
            f"<h2>Role-play scenarios ({len(self.scenarios)})</h2>"
            '<table class="unruffled-scenarios"><caption>Scenarios to present, by module</caption><thead><tr>'
            '<th scope="col">Scenario</th><th scope="col">Module</th><th scope="col">Time</th>'
            '<th scope="col">Customer</th><th scope="col">Open</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></div>"
        )
