"""Scenario maps for authors and facilitators: the dialogue graph as a self-made SVG.

Layered layout: each node sits in the column of its distance (in replies) from
the start, so a map reads left to right like the conversation. No Graphviz
binary is needed. Endings are coloured by outcome *and* marked with a symbol
and a word, so the map works in greyscale and for colour-blind readers.
"""

from __future__ import annotations

import html
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content.scenario import Node, Scenario

OUTCOME_STYLE = {  # colour, symbol, words
    "won_over": ("#2e7d32", "\u2605", "won over"),
    "resolved": ("#1565c0", "\u2713", "resolved"),
    "declined_politely": ("#6a1b9a", "\u2013", "declined politely"),
    "escalated": ("#c62828", "\u25b2", "escalated"),
    "walked_away": ("#5d4037", "\u2715", "walked away"),
}

BOX_W, BOX_H, COL_W, ROW_H, PAD = 168, 48, 250, 78, 24
LEGEND_H = 120  # legend plus room for the arcs of backward edges drawn above the boxes


@dataclass(frozen=True)
class SvgImage:
    """An SVG picture: shown inline by Jupyter, saved with :meth:`save`."""

    svg: str
    title: str = ""

    def _repr_svg_(self) -> str:
        return self.svg

    def save(self, path: str | Path) -> Path:
        """Write the SVG to ``path`` and return it."""
        path = Path(path)
        path.write_text(self.svg, encoding="utf-8")
        return path


def _layers(sc: Scenario) -> dict[str, int]:
    depth = {sc.start: 0}
    queue = deque([sc.start])
    known = {n.id for n in sc.nodes}
    while queue:
        cur = queue.popleft()
        for target, _, _ in sc.node(cur).targets():
            if target in known and target not in depth:
                depth[target] = depth[cur] + 1
                queue.append(target)
    last = max(depth.values(), default=0) + 1
    return {n.id: depth.get(n.id, last) for n in sc.nodes}


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "\u2026"


def _node_svg(n: Node, x: float, y: float) -> str:
    e = html.escape
    cx, cy = x + BOX_W / 2, y + BOX_H / 2
    first = n.lines[0].text if n.lines else ""
    if n.ending is not None:
        colour, symbol, words = OUTCOME_STYLE[n.ending.outcome]
        shape = (f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="22" fill="{colour}" '
                 f'stroke="#000" stroke-width="1.5"/>')
        label = (f'<text x="{cx}" y="{cy - 4}" fill="#fff" font-weight="bold">{symbol} {e(words)}</text>'
                 f'<text x="{cx}" y="{cy + 13}" fill="#fff">{e(n.id)}</text>')
        desc = f"ending {n.id}: {words}. {n.ending.note}"
    elif n.route is not None:
        pts = f"{cx},{y} {x + BOX_W},{cy} {cx},{y + BOX_H} {x},{cy}"
        shape = f'<polygon points="{pts}" fill="#fff8e1" stroke="#8d6e00" stroke-width="1.5"/>'
        label = f'<text x="{cx}" y="{cy + 4}">\u25c6 {e(n.id)} (mood)</text>'
        desc = f"route {n.id}: goes on by mood"
    else:
        dash = ' stroke-dasharray="6 3"' if n.free_text is not None else ""
        kind = "\u270e typed reply" if n.free_text is not None else f"{len(n.choices or [])} replies"
        shape = (f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="4" fill="#eceff1" '
                 f'stroke="#37474f" stroke-width="1.5"{dash}/>')
        label = (f'<text x="{cx}" y="{cy - 4}" font-weight="bold">{e(n.id)}</text>'
                 f'<text x="{cx}" y="{cy + 13}">{e(kind)}</text>')
        desc = f"node {n.id}: \u201c{first}\u201d ({kind})"
    return f'<g class="node" data-node="{e(n.id)}"><title>{e(desc)}</title>{shape}{label}</g>'


def scenario_map(scenario: Scenario | str | Any) -> SvgImage:
    """Draw ``scenario`` (a Scenario, or an id in ``assets/scenarios``) as an accessible SVG."""
    if isinstance(scenario, str):
        from ..content.scenario import find_scenario, load_scenario

        scenario = load_scenario(find_scenario(scenario))
    sc: Scenario = scenario
    e = html.escape
    layer = _layers(sc)
    columns: dict[int, list[Node]] = {}
    for n in sc.nodes:
        columns.setdefault(layer[n.id], []).append(n)
    pos: dict[str, tuple[float, float]] = {}
    for col, nodes in columns.items():
        for row, n in enumerate(nodes):
            pos[n.id] = (PAD + col * COL_W, PAD + LEGEND_H + row * ROW_H)
    width = PAD * 2 + (max(columns) + 1) * COL_W - (COL_W - BOX_W)
    height = PAD * 2 + LEGEND_H + max(len(v) for v in columns.values()) * ROW_H
    width = max(width, 5 * 150 + 2 * PAD)

    edges = []
    for n in sc.nodes:
        x1, y1 = pos[n.id]
        labels = {c.id: (f"{chr(65 + i)}", c.text) for i, c in enumerate(n.choices or [])}
        for target, _, label in n.targets():
            if target not in pos:
                continue
            x2, y2 = pos[target]
            sx, sy, tx, ty = x1 + BOX_W, y1 + BOX_H / 2, x2, y2 + BOX_H / 2
            if x2 <= x1:  # a step back: arc over the boxes so it is not hidden behind them
                sx, sy, tx, ty = x1 + BOX_W / 2, y1, x2 + BOX_W / 2, y2
                path = f"M{sx},{sy} C{sx},{sy - 60} {tx},{ty - 60} {tx},{ty}"
            else:
                mid = (sx + tx) / 2
                path = f"M{sx},{sy} C{mid},{sy} {mid},{ty} {tx},{ty}"
            letter, text = labels.get(label, (label, label))
            dash = ' stroke-dasharray="4 3"' if n.route is not None or n.free_text is not None else ""
            lx, ly = (sx + tx) / 2, (sy + ty) / 2 - 3
            edges.append(
                f'<g class="edge" data-from="{e(n.id)}" data-to="{e(target)}"><title>{e(n.id)} \u2192 {e(target)}: {e(text)}</title>'
                f'<path d="{path}" fill="none" stroke="#546e7a" stroke-width="1.4" marker-end="url(#arrow)"{dash}/>'
                f'<text x="{lx}" y="{ly}" class="edge-label">{e(_short(letter, 14))}</text></g>')

    legend = ['<g class="legend" aria-label="Legend">',
              f'<text x="{PAD}" y="{PAD + 4}" text-anchor="start" font-weight="bold">Endings:</text>']
    for i, (colour, symbol, words) in enumerate(OUTCOME_STYLE.values()):
        lx = PAD + i * 150
        legend.append(f'<rect x="{lx}" y="{PAD + 14}" width="140" height="26" rx="13" fill="{colour}"/>'
                      f'<text x="{lx + 70}" y="{PAD + 32}" fill="#fff">{symbol} {e(words)}</text>')
    legend.append(f'<text x="{PAD}" y="{PAD + 58}" text-anchor="start">Grey box: customer speaks, learner picks a reply '
                  f'(edge letters A\u2013D); dashed box: typed reply; \u25c6 diamond: goes on by mood.</text></g>')

    n_end = len(sc.endings)
    title = f"Scenario map: {sc.title}"
    desc = (f"{len(sc.nodes)} nodes, {n_end} endings ({', '.join(sorted({n.ending.outcome.replace('_', ' ') for n in sc.endings}))}); "
            f"starts at {sc.start}.")
    body = "".join(edges) + "".join(_node_svg(n, *pos[n.id]) for n in sc.nodes)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="unruffled-scenario-map" role="img" '
        f'width="{width}" height="{height + 20}" viewBox="0 0 {width} {height + 20}" '
        f'aria-label="{e(title)}. {e(desc)}" font-family="sans-serif" font-size="12" text-anchor="middle">'
        f"<title>{e(title)}</title><desc>{e(desc)}</desc>"
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#546e7a"/></marker></defs>'
        f'<rect width="100%" height="100%" fill="#ffffff"/>'
        + "".join(legend) + body + "</svg>"
    )
    return SvgImage(svg, title)
