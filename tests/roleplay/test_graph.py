"""The scenario map: a self-made, accessible SVG."""

import xml.etree.ElementTree as ET

from unruffled.roleplay.graph import scenario_map

SVG = "{http://www.w3.org/2000/svg}"


def test_map_is_well_formed_svg_with_a_title(tiny):
    root = ET.fromstring(scenario_map(tiny)._repr_svg_())
    assert root.find(f"{SVG}title").text == "Scenario map: Tiny"


def test_map_has_an_aria_label(tiny):
    assert ET.fromstring(scenario_map(tiny).svg).get("aria-label").startswith("Scenario map: Tiny. 6 nodes, 3 endings")


def test_map_draws_every_node(tiny):
    root = ET.fromstring(scenario_map(tiny).svg)
    assert {g.get("data-node") for g in root.iter(f"{SVG}g") if g.get("class") == "node"} == {
        "open", "ask", "check", "happy", "meh", "angry"}


def test_map_draws_one_edge_per_choice_and_route_rule(tiny):
    root = ET.fromstring(scenario_map(tiny).svg)
    assert sum(1 for g in root.iter(f"{SVG}g") if g.get("class") == "edge") == 7


def test_legend_names_outcomes_in_words_not_only_colour(tiny):
    svg = scenario_map(tiny).svg
    assert all(word in svg for word in ("won over", "resolved", "escalated", "declined politely", "walked away"))


def test_start_is_in_the_first_column(tiny):
    root = ET.fromstring(scenario_map(tiny).svg)
    xs = {g.get("data-node"): float(g.find(f"{SVG}rect").get("x")) for g in root.iter(f"{SVG}g")
          if g.get("class") == "node" and g.find(f"{SVG}rect") is not None}
    assert xs["open"] == min(xs.values())


def test_save_writes_the_svg(tiny, tmp_path):
    path = scenario_map(tiny).save(tmp_path / "map.svg")
    assert path.read_text().startswith("<svg")
