"""The speed-ups never change a match: gates and word anchors find exactly what plain ``finditer`` finds."""

import re
from pathlib import Path

import pytest

from unruffled.coach import default_lexicon
from unruffled.coach.checks import Prepared
from unruffled.coach.evaluate import load_items
from unruffled.coach.lexicon import FLAGS, _branches, _first_chars, _first_words, _required_literals, spans_from

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
    (r"\b(?:email|text) you\b|\bupdate you\b", {"email", "text", "update"}),  # branches at the top
    (r"\bsorry\b|ing\b", None),  # one branch may start inside a word
    (r"(?:^|(?<=[.!?]\s))(?:so|and)\s*\?", {"so", "and"}),  # optional space, then a non-word character
    (r"\bso\s*", None),  # optional space at the end: the word may go on
    (r"\bshh+\b", {"shh*"}),  # a repeated letter: one repetition starts every match
    (r"\byou\s+x", {"you"}),  # space next: the first word is whole
    (r"\b(?:just so (?:I've|I have|I|I'm) (?:got|get|know|understand|have|clear|following)|let me check)\b",
     {"just", "let"}),  # too many strings to list: the branches' first words
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


@pytest.mark.parametrize("pattern", [r"[.!?]+|\n+", r'"[^"\n]{1,300}"', r"(?:^|[.!?]\s*)whatever\b", r",\s*right\s*\?"])
def test_trying_a_regex_only_at_its_first_characters_finds_what_finditer_finds(pattern):
    rx = re.compile(pattern, FLAGS)
    chars = _first_chars(pattern)
    assert chars  # each of these can only start at a few characters
    for text in replies()[:400] + ["Whatever. WHATEVER!! fine, right ?", 'He said "no". "Again"', "İ . ok"]:
        assert spans_from(rx, chars, text) == [m.span() for m in rx.finditer(text)], text


@pytest.mark.parametrize("pattern", [r"\w+", r"a?", r"[a-z]+", r"(?:x|\w)y"])
def test_first_characters_are_unknown_when_a_match_may_start_anywhere(pattern):
    assert _first_chars(pattern) is None


def test_top_level_alternatives_split_outside_groups_and_classes():
    assert _branches(r"\b(?:not|no)\b|n't\b|[|]x") == [r"\b(?:not|no)\b", r"n't\b", r"[|]x"]


def test_gated_vetoes_answer_as_the_joined_alternation_does():
    lex = default_lexicon()
    alternations = [(crit.id, gated, re.compile("|".join(f"(?:{p})" for p in gated.patterns), FLAGS))
                    for crit in lex.criteria for gated in crit.gated()]
    for reply in replies()[:300]:
        prep = Prepared(reply, lex)
        for name, gated, joined in alternations:
            assert gated.search(prep.text, prep.scan) == bool(joined.search(prep.text)), (name, reply)


def test_first_negation_is_where_the_negation_regex_first_matches():
    lex = default_lexicon()
    for reply in replies()[:500]:
        prep = Prepared(reply, lex)
        m = lex.negation.search(prep.text)
        assert lex.negation_first.first(prep.text, prep.scan) == (m.start() if m else -1), reply


def test_clause_bounds_equal_the_clause_regex_ends():
    lex = default_lexicon()
    for reply in replies()[:500] + ["But WAIT - AND then, OR else (so)."]:
        assert lex.clause_bounds(reply) == [m.end() for m in lex.clause_breaks.finditer(reply)], reply


def test_customer_clauses_are_kept_for_a_few_lines_only():
    lex = default_lexicon()
    line = "The parcel never came, and nobody at your depot answers the phone."
    assert lex.customer_clauses(line) == ("the parcel never came", "nobody at your depot answers the phone")
    for i in range(100):
        lex.customer_clauses(f"line number {i} has words")
    assert len(lex._pieces) <= 32


def test_an_echo_of_the_customer_is_blanked_only_as_whole_words():
    lex = default_lexicon()
    customer = "The app keeps crashing"
    echoed = Prepared("The app keeps crashing, I know.", lex, customer).text
    assert echoed.startswith(" " * len(customer))
    inside = "The app keeps crashingly slow, I know."
    assert Prepared(inside, lex, customer).text == inside  # blanking "crashing" would leave a new word, "ly"


def test_an_echo_is_not_blanked_when_lower_casing_changes_the_length():
    lex = default_lexicon()
    reply = "\u0130 hear you: the app keeps crashing."
    assert Prepared(reply, lex, "The app keeps crashing").text == reply
