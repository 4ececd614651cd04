"""The speed-ups never change a match: gates and word anchors find exactly what plain ``finditer`` finds."""

from pathlib import Path

import pytest

from unruffled.coach import default_lexicon
from unruffled.coach.checks import Prepared
from unruffled.coach.evaluate import load_items
from unruffled.coach.lexicon import _first_words, _required_literals

DATA = Path(__file__).resolve().parents[1] / "data"
ODD = [
    "İ'll send it today, I promise.",  # Turkish dotted capital I matches "i" case-insensitively
    "Straße: I'M SORRY, WE'LL FIX IT — GUARANTEED!!!",
    "so,you should've READ it\n\nwhatever.",
    "🙂 sorry!! ok?? you're right, that's on you though",
    "I'd like to know: is that right? Calm down, love.",
    "x" * 50 + " I will call you back " + "y" * 50,
]


def replies():
    out = list(ODD)
    for path in sorted(DATA.glob("coach_labelled*.yaml")):
        out.extend(item["reply"] for item in load_items(path))
    return out


def plain(cues, text):
    return sorted(m.span() for i in range(len(cues.patterns)) for m in cues.regex(i).finditer(text))


def test_gated_and_anchored_matches_equal_plain_matches():
    lex = default_lexicon()
    for reply in replies():
        prep = Prepared(reply, lex)
        found = lex.cue_spans(prep.text, prep.scan)
        for crit in lex.criteria:
            for cues in crit.cue_sets():
                assert sorted(found.get(cues.slot, [])) == plain(cues, prep.text), (crit.id, reply)


@pytest.mark.parametrize("pattern, words", [
    (r"\bsorry\b", {"sorry"}),
    (r"\b(?:I|we)(?:'ll| will) call\b", {"i", "we"}),
    (r"\bfrustrat\w*", {"frustrat*"}),  # a word start, not a whole word
    (r"(?:^|(?<=[.!?]\s))(?:so,?\s+)?you\b", {"so", "you"}),  # sentence start, optional first word
    (r"(?:^|[.!?]\s*)whatever\b", None),  # may start with punctuation
    (r"ing\b", None),  # may start inside a word
    (r"\bno", None),  # a word start too short to be worth looking for
])
def test_first_words_only_when_a_match_must_start_at_a_word(pattern, words):
    assert _first_words(pattern) == (None if words is None else frozenset(words))


def test_every_match_holds_a_word_of_its_first_gate():
    lex = default_lexicon()
    for crit in lex.criteria:
        for cues in crit.cue_sets():
            for i, gate in enumerate(cues.gates):
                if not gate:
                    continue
                words, starts, strings = gate[0]
                for reply in ODD[2:]:
                    for m in cues.regex(i).finditer(reply):
                        text = m.group().casefold()
                        assert any(w in text for w in words | starts | strings), (cues.patterns[i], text)


def test_a_pattern_without_literals_has_no_gate():
    assert _required_literals(r"\w+\s\w+") == ()
