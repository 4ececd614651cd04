"""The presenter's plain-Python state: pick, reveal, next, to an ending; feedback only after reveal."""

from __future__ import annotations

import pytest

from unruffled.dashboards.presenter import Presentation, scenario_catalogue, scenario_from_query
from unruffled.roleplay import load


def test_catalogue_lists_every_shipped_scenario_with_minutes_and_persona(repo_root):
    cat = scenario_catalogue(repo_root)
    assert {s.id for s in cat} == {p.stem for p in (repo_root / "assets" / "scenarios").glob("*.yaml")}
    assert all(s.minutes > 0 and s.persona for s in cat)


def test_query_picks_a_known_scenario_only():
    assert scenario_from_query("scenario=a&x=1", ["a", "b"]) == "a"
    assert scenario_from_query("scenario=zzz", ["a", "b"]) is None


def test_picking_does_not_play_the_reply():
    p = Presentation(load("silent-hotel-guest"))
    p.pick(1)
    assert p.phase == "picked" and p.conversation.turns == []


def test_reveal_plays_the_picked_reply_and_shows_feedback():
    p = Presentation(load("silent-hotel-guest"))
    p.pick(0)
    turn = p.reveal()
    assert p.phase == "revealed" and turn.feedback and p.conversation.turns == [turn]


def test_reveal_before_a_pick_is_refused():
    with pytest.raises(RuntimeError):
        Presentation(load("silent-hotel-guest")).reveal()


@pytest.mark.parametrize("sid", ["venting-broken-laptop", "silent-hotel-guest", "impatient-cafe-client",
                                 "condescending-api-architect"])
def test_every_scenario_plays_to_an_ending(sid):
    p = Presentation(load(sid))
    for _ in range(50):
        if p.phase == "over":
            break
        p.pick(0)
        p.reveal()
        p.next()
    assert p.phase == "over" and p.conversation.debrief().finished


def test_typed_reply_nodes_offer_the_facilitator_a_verdict():
    p = Presentation(load("venting-broken-laptop"))
    for i in (1, 0):  # listen, then mirror: the way to the typed reply
        p.pick(i)
        p.reveal()
        p.next()
    assert p.conversation.current().free_text
    assert [o.id for o in p.options()] == ["room-pass", "room-fail"]


def test_a_typed_reply_judged_good_raises_the_mood():
    p = Presentation(load("venting-broken-laptop"))
    for i in (1, 0):
        p.pick(i)
        p.reveal()
        p.next()
    p.pick(0)
    assert p.reveal().mood_change > 0


def test_number_key_picks_the_reply_with_that_position():
    p = Presentation(load("silent-hotel-guest"))
    assert p.press("2") and p.picked == 1 and p.conversation.turns == []


def test_number_key_beyond_the_replies_on_offer_is_ignored():
    p = Presentation(load("silent-hotel-guest"))
    n = len(p.options())
    assert n < 4 and not p.press(str(n + 1)) and p.phase == "choosing"


def test_r_reveals_only_after_a_pick():
    p = Presentation(load("silent-hotel-guest"))
    assert not p.press("r") and p.phase == "choosing"
    p.press("1")
    assert p.press("r") and p.phase == "revealed"


def test_n_moves_on_only_after_a_reveal():
    p = Presentation(load("silent-hotel-guest"))
    p.press("1")
    assert not p.press("n") and p.phase == "picked"
    p.press("R")
    assert p.press("N") and p.phase in ("choosing", "over") and len(p.conversation.turns) == 1


def test_keys_alone_play_every_scenario_to_an_ending_and_p_plays_it_again():
    for info in scenario_catalogue():
        p = Presentation(load(info.id))
        for _ in range(50):
            if p.phase == "over":
                break
            assert p.press("1") and p.press("R") and p.press("N")
        assert p.phase == "over" and p.press("P") and p.phase == "choosing" and p.conversation.turns == []


def test_keys_other_than_the_listed_ones_do_nothing():
    p = Presentation(load("silent-hotel-guest"))
    assert not any(p.press(k) for k in ("Tab", "Enter", " ", "a", "5", "0", "12"))
    assert p.phase == "choosing"
