"""Rubric lexicons (``assets/rubric/<language>.yaml``): loading, and the compiled form the engine runs on.

A lexicon holds every language-specific part of the reply coach: the cue
patterns of each criterion, the words that negate a cue, how quotes and
reported speech are recognised, and the learner-facing wording. The engine
holds none of it, so a second language is one more YAML file.

``load_lexicon`` validates a file (the schema is in :mod:`.schema`) and reports
every problem at once, each naming file, line, criterion and field.
``default_lexicon`` does the same once per YAML content: the validated data
and the regex analysis are kept in a small JSON cache named by the content
hash, so a kernel that only grades replies never imports pydantic.
"""

from __future__ import annotations

import functools
import hashlib
import heapq
import json
import os
import re
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Iterator

# The contract: other parts of the course name these ids.
STRENGTHS: tuple[str, ...] = ("empathy", "apology", "clarifying_question", "mirroring", "agree_first",
                              "options", "next_step", "follow_up")
PITFALLS: tuple[str, ...] = ("calm_down", "blame", "excuse", "over_promise", "condescension", "hostility")
CRITERIA: tuple[str, ...] = STRENGTHS + PITFALLS

FLAGS = re.IGNORECASE | re.UNICODE

# The schema lives in .schema (pydantic); these names stay importable from here.
_SCHEMA_NAMES = frozenset({"LexiconFile", "CueCriterion", "QuestionCriterion", "AlternativesCriterion", "Criterion",
                           "Scoring", "Messages", "Wording", "check_lexicon", "validate_lexicon"})


def __getattr__(name: str) -> Any:
    if name in _SCHEMA_NAMES:
        from . import schema

        return getattr(schema, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# -- required words -----------------------------------------------------------------
#
# Python's regex engine tries a pattern at every position of the reply, so
# running ~400 cue patterns over every reply is what made the coach slow. Each
# pattern is read once (with the standard library's own parser) for what any
# match must contain: one of a few whole words or word starts (a set look-up
# in the reply's words) or, failing that, one of a few strings. A pattern runs
# only when its gates are open, and a pattern that must start with one of a
# few words is tried only where they start. This never changes a verdict: a
# skipped pattern could not have matched, a skipped position could not start
# a match.
#
# Why not a multi-pattern engine as the prefilter (measured on our ~1,400 cue
# patterns, rewritten into supersets each engine accepts): RE2's Set (google-re2
# 1.1.20251105) builds its DFA lazily, so every reply it has not seen costs
# 1.2-1.9 ms, several times the whole coach; it is fast only on replies it has
# already read, which would flatter a benchmark and help no learner. Hyperscan
# (python-hyperscan 0.9.1) scans in ~28 us and leaves ~4 candidates where the
# gates leave ~20, but with its caseless flag it missed a match that Python's
# regex finds, and a prefilter that can miss changes verdicts. Nor would a
# perfect prefilter reach 5,000 replies/s: the regex engine's own work is about
# a sixth of a reply's ~300 us (~30 match calls, ~50 us); the rest is Python
# around it (the word scan, choosing candidates, echoes, checks, results), and
# compiling these modules unchanged with Cython 3.3 gained only 13%.

_MAX_SET = 256  # largest set of alternative strings worth keeping for one part of a pattern
_EMPTY = frozenset([""])
_EDGE = "\x00"  # stands for a zero-width word edge (\b, ^, $) inside the strings below
_TOKEN = re.compile(r"\w+")  # the words a reply is split into: exactly what \b delimits
# For ASCII text: every byte that \w does not match becomes a space.
_ASCII_WORDS = bytes(c if (chr(c).isalnum() or chr(c) == "_") else 32 for c in range(128)) + bytes([32] * 128)

# (words, word starts, strings): every match holds one of the words, or a word starting
# with one of the starts, or one of the strings.
Gate = tuple[frozenset[str], frozenset[str], frozenset[str]]


def _cross(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    if a is None or b is None or len(a) * len(b) > _MAX_SET:
        return None
    return frozenset(x + y for x in a for y in b)


def _finite(sre, op, arg) -> frozenset[str] | None:
    """Every string this one regex item can match (case-folded), when there are few; else None."""
    if op is sre.LITERAL:
        return frozenset([chr(arg).casefold()])
    if op is sre.AT:
        return _EMPTY if arg is sre.AT_NON_BOUNDARY else frozenset([_EDGE])
    if op is sre.ASSERT_NOT:
        return _EMPTY  # zero-width, and says nothing about what is there
    if op is sre.ASSERT and arg[0] == -1:
        # A lookbehind is zero-width; one that always ends in a non-word character
        # ("(?<=[.!?]\\s)") puts a word edge before whatever word comes next.
        return frozenset([_EDGE]) if _ends_apart(sre, arg[1]) else _EMPTY
    if op is sre.IN:
        chars: set[str] = set()
        for o, a in arg:
            if o is sre.LITERAL:
                chars.add(chr(a).casefold())
            elif o is sre.RANGE and a[1] - a[0] < 30:
                chars.update(chr(c).casefold() for c in range(a[0], a[1] + 1))
            else:
                return None
        return frozenset(chars)
    if op is sre.SUBPATTERN:
        return _seq_finite(sre, arg[-1])
    if op is sre.BRANCH:
        out: set[str] = set()
        for branch in arg[1]:
            f = _seq_finite(sre, branch)
            if f is None:
                return None
            out |= f
        return frozenset(out) if len(out) <= _MAX_SET else None
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and arg[1] is not sre.MAXREPEAT and arg[1] <= 1:
        body = _seq_finite(sre, arg[2])
        if body is None:
            return None
        return body | _EMPTY if arg[0] == 0 else body
    return None


def _seq_finite(sre, items) -> frozenset[str] | None:
    acc: frozenset[str] | None = _EMPTY
    for op, arg in items:
        acc = _cross(acc, _finite(sre, op, arg))
        if acc is None:
            return None
    return acc


def _nonword(ch: str) -> bool:
    return ch == _EDGE or not is_word_char(ch)


def _apart(sre, items, last: bool) -> bool:
    """Whether every non-empty match of the sequence ``items`` ends (``last``) or starts with a
    non-word character."""
    seq = list(reversed(items)) if last else list(items)
    for i, (op, arg) in enumerate(seq):
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero-width: look further along
        if op is sre.LITERAL:
            return _nonword(chr(arg))
        if op is sre.IN:
            return all((o is sre.LITERAL and _nonword(chr(a))) or
                       (o is sre.CATEGORY and a in (sre.CATEGORY_SPACE, sre.CATEGORY_NOT_WORD)) for o, a in arg)
        if op is sre.SUBPATTERN:
            return _apart(sre, arg[-1], last)
        if op is sre.BRANCH:
            return all(_apart(sre, b, last) for b in arg[1])
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            # A non-empty match ends with a whole repetition; but an optional part
            # may be skipped at the start, and then what follows starts the match.
            if not last and arg[0] == 0:
                # Skipped, what follows starts the match: both must start apart ("\\s*\\?").
                return _apart(sre, arg[2], last) and _apart(sre, seq[i + 1:], last)
            return (last or arg[0] >= 1) and _apart(sre, arg[2], last)
        return False
    return False


def _ends_apart(sre, items) -> bool:
    """Whether every non-empty match of the sequence ``items`` ends with a non-word character."""
    return _apart(sre, items, True)


def _edge_after(sre, items) -> bool | None:
    """Whether a word starting right after a match of ``items`` must start a word (True), need not
    (False), or whether that depends on what came before, as the match may be empty (None)."""
    for op, arg in reversed(items):
        if op is sre.AT:
            if arg in (sre.AT_BEGINNING, sre.AT_BEGINNING_STRING, sre.AT_BOUNDARY):
                return True  # the start of the text, or \\b: a word character next starts a word
            continue
        if op is sre.ASSERT_NOT or (op is sre.ASSERT and arg[0] == 1):
            continue
        if op is sre.ASSERT:  # a lookbehind
            if _ends_apart(sre, arg[1]):
                return True
            continue
        if op is sre.LITERAL:
            return _nonword(chr(arg))
        if op is sre.IN:
            return _ends_apart(sre, [(op, arg)])
        if op is sre.SUBPATTERN:
            found = _edge_after(sre, arg[-1])
            if found is None:
                continue
            return found
        if op is sre.BRANCH:
            found = {_edge_after(sre, b) for b in arg[1]}
            if found == {True}:
                return True
            if found == {None}:
                continue
            return False
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            found = _edge_after(sre, arg[2])
            if found is False:
                return False
            if found is True and arg[0] >= 1:
                return True
            continue  # skipped or empty: what comes before decides
        return False
    return None


def _begins_apart(sre, items) -> bool:
    """Whether whatever the sequence matches puts a word edge at its start (a non-word character
    first, or the end of the text), looking past parts that may match nothing."""
    for op, arg in items:
        if op is sre.AT:
            if arg in (sre.AT_BOUNDARY, sre.AT_END, sre.AT_END_STRING):
                return True
            continue
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            continue
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and arg[0] == 0:
            if not _starts_apart(sre, arg[2]):
                return False
            continue  # when it matches, a non-word character comes first; else look further
        if not _starts_apart(sre, [(op, arg)]):
            return False
        if not _may_be_empty(sre, op, arg):
            return True
    return False


def _starts_apart(sre, items) -> bool:
    """Whether every non-empty match of the sequence ``items`` starts with a non-word character."""
    return _apart(sre, items, False)


def _may_be_empty(sre, op, arg) -> bool:
    """Whether this one regex item can match the empty string (when unsure: yes)."""
    if op in (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY, sre.CATEGORY):
        return False
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        return arg[0] == 0 or all(_may_be_empty(sre, o, a) for o, a in arg[2])
    if op is sre.SUBPATTERN:
        return all(_may_be_empty(sre, o, a) for o, a in arg[-1])
    if op is sre.BRANCH:
        return any(all(_may_be_empty(sre, o, a) for o, a in b) for b in arg[1])
    return True


def _groups(sre, items, apart: bool = False) -> list[frozenset[str]]:
    """Sets of strings (with word edges marked): any text the sequence matches holds one string of every set.

    ``apart``: whether what comes before the sequence is known to end in a word edge.
    """
    out: list[frozenset[str]] = []
    run: frozenset[str] = frozenset([_EDGE]) if apart else _EMPTY  # what the items since the last open-ended one match
    # A finite item's own strings, kept until what follows it says whether a word edge closes them.
    pending: tuple[frozenset[str], bool] | None = None
    for at, (op, arg) in enumerate(items):
        f = _finite(sre, op, arg)
        if pending is not None:
            out.append(_edged(*pending, _begins_apart(sre, items[at:])))
            pending = None
        if f is not None:
            left = (run == _EMPTY and apart) or (run != _EMPTY and all(x and _nonword(x[-1]) for x in run))
            pending = (f, left)
            joined = _cross(run, f)
            if joined is not None:
                run = joined
                continue
        if f is None and _begins_apart(sre, items[at:]):
            # What follows starts with a non-word character ("\\s+", or "\\s*[.!]"):
            # a word edge after the run's last word.
            run = frozenset(x + _EDGE if x and not _nonword(x[-1]) else x for x in run)
        out.append(run)
        ends = run != _EMPTY and all(x and _nonword(x[-1]) for x in run)
        if f is not None:
            apart = ends or (run == _EMPTY and apart)
            run = frozenset(_EDGE + x for x in f) if apart else f
            continue
        before = ends or (run == _EMPTY and apart)  # whether this item starts after a word edge
        # An open-ended item such as an optional "\\w+ ": the next run starts at a word edge
        # if the item always ends in a non-word character, and cannot match
        # nothing unless what came before it ends in one too.
        edge = _edge_after(sre, [(op, arg)])
        apart = before if edge is None else edge
        run = frozenset([_EDGE]) if apart else _EMPTY
        if op is sre.SUBPATTERN:
            out.extend(_groups(sre, arg[-1], before))
        elif op is sre.BRANCH:
            parts = [_groups(sre, b, before) for b in arg[1]]
            if all(parts):
                # one set per branch would be exact but huge; the union of each branch's longest set will do
                out.append(frozenset().union(*(max(p, key=lambda g: min(map(len, g))) for p in parts)))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and arg[0] >= 1:
            out.extend(_groups(sre, arg[2], before))
        elif op is sre.ASSERT and arg[0] == 1:  # a lookahead's text is in the reply too
            out.extend(_groups(sre, arg[1]))
    if pending is not None:
        out.append(_edged(*pending, False))
    out.append(run)
    return [g for g in out if g and g != _EMPTY and g != frozenset([_EDGE])]


def _edged(strings: frozenset[str], left: bool, right: bool) -> frozenset[str]:
    """``strings`` with the word edges known to come before (``left``) and after (``right``) them marked."""
    if not left and not right:
        return strings
    return frozenset((_EDGE if left and x[:1] != _EDGE else "") + x + (_EDGE if right and x[-1:] != _EDGE else "")
                     for x in strings)


def _pieces(s: str) -> list[tuple[str, str]]:
    """What a string with word edges marked offers as a gate: its whole words ("w"), pairs of whole
    words one space apart ("w", "you should": the reply's words next to each other), the starts of
    words ("p", 3+ characters), its other word fragments of 3+ characters and the string itself ("t")."""
    out = []
    last = None  # the previous whole word and where it ended
    for m in _TOKEN.finditer(s):
        a, b = m.span()
        if a > 0 and b < len(s):
            out.append(("w", m.group()))
            if last is not None and s[last[1]:a].replace(_EDGE, "") == " ":
                out.append(("w", last[0] + " " + m.group()))
            last = (m.group(), b)
        else:
            last = None
            if b - a >= 3:
                out.append(("p" if a > 0 else "t", m.group()))
    plain = s.replace(_EDGE, "")
    if len(plain) >= 2 or (plain and _nonword(plain) and not plain.isspace()):
        out.append(("t", plain))  # a single mark such as "?" is worth looking for too
    return out


def _likelihood(piece: tuple[str, str], common: frozenset[str], fragments: frozenset[str]) -> float:
    """A rough share of replies holding ``piece``, plus what checking it costs.

    Words the lexicon lists as common ("you", "the") and bits of words such as
    the "s" of "it's" are in most replies; a phrase made of them is rarer;
    anything else is rare. A word is a set
    look-up; a string is one search through the reply.
    """
    kind, text = piece
    if kind == "w" and " " in text:  # two words side by side: rarer than either
        return 0.1 if all(w in common for w in text.split()) else 0.005
    if kind != "t":
        return 1.0 if len(text) <= 2 or text in common or (kind == "p" and text in fragments) else 0.01
    tokens = _TOKEN.findall(text)
    if not tokens and len(text) == 1:
        return 0.5  # a punctuation mark: in many replies
    if not all(w in fragments for w in tokens):
        return 0.015
    if len(tokens) < 2:
        return 1.005
    return 0.155 if len(text) >= 8 else 0.305


def _gate(group: frozenset[str], common: frozenset[str], fragments: frozenset[str]) -> tuple[Gate, float] | None:
    """The cheapest words and strings such that every string of ``group`` holds one, and their cost
    (a greedy weighted set cover)."""
    offers: dict[tuple[str, str], set[str]] = {}
    for s in group:
        for piece in _pieces(s):
            offers.setdefault(piece, set()).add(s)
    left = set(group)
    chosen: list[tuple[str, str]] = []
    cost = 0.0
    likely = {p: _likelihood(p, common, fragments) for p in offers}
    # Each round takes the piece with the least likelihood per string it still covers. A piece's
    # key only grows as strings get covered, so a heap of old keys gives the same choice as
    # scanning every piece each round: an old key is never above the piece's current one.
    heap = [(likely[p] / len(offers[p]), p[0] != "w", -len(p[1]), p) for p in offers]
    heapq.heapify(heap)
    while left:
        best = None
        while heap:
            key = heapq.heappop(heap)
            p = key[3]
            n = len(offers[p] & left)
            if not n:
                continue  # covers nothing more, now or later
            now = (likely[p] / n, key[1], key[2], p)
            if not heap or now <= heap[0]:
                best = p
                break
            heapq.heappush(heap, now)
        if best is None:
            return None  # a string offers nothing usable
        chosen.append(best)
        cost += likely[best]
        left -= offers[best]
    return tuple(frozenset(t for k, t in chosen if k == kind) for kind in "wpt"), cost


def _overlap(a: Gate, b: Gate) -> bool:
    return any(x in y or y in x for x in frozenset().union(*a) for y in frozenset().union(*b))


def _common_fragments(common: frozenset[str]) -> frozenset[str]:
    return frozenset(w[i:j] for w in common for i in range(len(w)) for j in range(i + 1, len(w) + 1))


def _required_literals(pattern: str, common: frozenset[str] = frozenset(),
                       fragments: frozenset[str] | None = None) -> tuple[Gate, ...]:
    """Gates every match of ``pattern`` passes: one to look the pattern up by, then up to six that confirm it.

    The first gate is the most selective, but a gate of whole words or word
    starts is preferred when it is nearly as good: those are looked up in a
    set, while gate strings must be searched for in every reply. The others,
    from other parts of the pattern, are checked only when the first is open.
    An empty tuple means the pattern has no usable literal and always runs.
    ``common`` holds the language's most frequent words, which make poor gates.
    """
    from re import _parser as sre  # the standard library's own regex parser

    try:
        parsed = sre.parse(pattern, FLAGS)
    except re.error:
        return ()
    if fragments is None:
        fragments = _common_fragments(common)
    scored: dict[Gate, float] = {}
    for group in _groups(sre, list(parsed)):
        found = _gate(group, common, fragments)
        if found and (found[0] not in scored or found[1] < scored[found[0]]):
            scored[found[0]] = found[1]
    gates = sorted(scored, key=lambda g: (scored[g], [sorted(x) for x in g]))
    if not gates:
        return ()
    first = gates[0]
    words_only = [g for g in gates if not g[2]]
    if first[2] and words_only and scored[words_only[0]] <= _RARE:
        first = words_only[0]
    confirm: list[Gate] = []
    for g in gates:
        # Even a gate of common words is worth checking: a set look-up costs far
        # less than trying the regex.
        if g != first and not any(_overlap(g, h) for h in (first, *confirm)):
            confirm.append(g)
    return (first, *confirm[:6])


_WORDS_KEPT = 50_000  # distinct words whose gate word starts are remembered (a few MB at most)
_CUSTOMER_LINES_KEPT = 32
# Curly quotes and apostrophes read as straight ones (one character for one: offsets stay).
_CURLY = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00ab": '"', "\u00bb": '"'})
_WORD = re.compile(r"[\w']+")  # a word, with its apostrophes, as negation and echoes count them
_RARE = 0.2  # a gate this likely or less to be open is a good one to look a pattern up by


def _zero_width_edge(sre, op, arg) -> bool | None:
    """For a zero-width item (``\\b``, ``^``, a lookaround, a group of those): whether a word
    starting right after it starts a word. None: the item is not zero-width."""
    if op is sre.AT:
        return arg in (sre.AT_BOUNDARY, sre.AT_BEGINNING, sre.AT_BEGINNING_STRING)
    if op is sre.ASSERT_NOT:
        return False
    if op is sre.ASSERT:
        return arg[0] == -1 and _ends_apart(sre, arg[1])  # a lookbehind ending in a non-word character
    if op is sre.SUBPATTERN:
        return _zero_width_seq(sre, arg[-1])
    if op is sre.BRANCH:
        edges = [_zero_width_seq(sre, b) for b in arg[1]]
        return None if None in edges else all(edges)
    return None


def _zero_width_seq(sre, items) -> bool | None:
    edges = [_zero_width_edge(sre, op, arg) for op, arg in items]
    return None if None in edges or not edges else any(edges)


def _leads(sre, items) -> frozenset[str] | None:
    """The first words of the sequence's matches ("word", or "start*" for a word start), if few."""
    run: frozenset[str] = _EMPTY
    for i, (op, arg) in enumerate(items):
        f = _finite(sre, op, arg)
        if f is None:
            if run == _EMPTY and (op is sre.BRANCH or op is sre.SUBPATTERN):
                # Too many strings to list whole: a match starts as one of the branches does.
                branches = arg[1] if op is sre.BRANCH else [arg[-1]]
                found = [_leads(sre, list(b) + items[i + 1:]) for b in branches]
                return None if any(x is None for x in found) else frozenset().union(*found)
            if run == _EMPTY and op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and arg[0] == 0:
                # An optional part first: a match starts with it or with what follows.
                with_it, without = _leads(sre, list(arg[2]) + items[i + 1:]), _leads(sre, items[i + 1:])
                return None if with_it is None or without is None else with_it | without
            rest = items[i:]
            if _starts_apart(sre, rest) and not all(_may_be_empty(sre, o, a) for o, a in rest):
                run = frozenset(x + _EDGE for x in run)  # "\\s+" or "\\s*\\?" next: each first word is complete
            elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and arg[0] >= 1:
                # "shh+": one repetition begins every match, and more may follow.
                run = _cross(run, _seq_finite(sre, list(arg[2]))) or run
            break
        nxt = _cross(run, f)
        if nxt is None:
            break
        run = nxt
        if all(_TOKEN.match(x) and _TOKEN.match(x).end() < len(x) for x in run):
            break  # every string's first word is complete
    out = set()
    for x in run:
        m = _TOKEN.match(x)
        if not m:
            return None  # a match may start with a non-word character, or be empty
        if m.end() < len(x):
            out.add(m.group())
        elif len(m.group()) >= 3:
            out.add(m.group() + "*")  # the word may go on: its start is known
        else:
            return None
    return frozenset(out) or None


def _first_words(pattern: str) -> frozenset[str] | None:
    """Where a match of ``pattern`` can start, when it must start at the start of a word: the words
    (case-folded) or, marked with a trailing "*", word starts it can begin with
    (``\\b(?:I|we)'ll ...`` gives ``i`` and ``we``; ``\\bfrustrat\\w*`` gives ``frustrat*``); None otherwise."""
    from re import _parser as sre

    try:
        items = list(sre.parse(pattern, FLAGS))
    except re.error:
        return None
    return _first_words_of(sre, items)


def _first_words_of(sre, items) -> frozenset[str] | None:
    if len(items) == 1 and items[0][0] is sre.BRANCH:
        # "a|b" at the top: a match starts where one of its branches can start.
        out: set[str] = set()
        for branch in items[0][1][1]:
            words = _first_words_of(sre, list(branch))
            if words is None:
                return None
            out |= words
        return frozenset(out)
    edge = False
    while items:
        z = _zero_width_edge(sre, *items[0])
        if z is None:
            break
        items.pop(0)
        edge = edge or z
    if not edge:
        return None  # a match could start inside a word
    return _leads(sre, items)


def _item_chars(sre, op, arg) -> tuple[set[str], bool] | None:
    """The characters (ASCII, both cases) a match of this one item can start with, and whether
    it can match nothing; None when they are many or unknown."""
    if op is sre.LITERAL:
        ch = chr(arg)
        return ({ch.lower(), ch.upper()}, False) if ch.isascii() else None
    if op is sre.IN:
        out: set[str] = set()
        for o, a in arg:
            if o is sre.LITERAL and chr(a).isascii():
                out |= {chr(a).lower(), chr(a).upper()}
            else:
                return None  # a range, a category or a negated class: too many
        return out, False
    if op is sre.SUBPATTERN:
        return _lead_chars(sre, arg[-1])
    if op is sre.BRANCH:
        out, empty = set(), False
        for branch in arg[1]:
            lead = _lead_chars(sre, branch)
            if lead is None:
                return None
            out |= lead[0]
            empty = empty or lead[1]
        return out, empty
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        lead = _lead_chars(sre, arg[2])
        return None if lead is None else (lead[0], lead[1] or arg[0] == 0)
    return None


def _lead_chars(sre, items) -> tuple[set[str], bool] | None:
    """The characters a match of the sequence can start with, and whether it can match nothing."""
    out: set[str] = set()
    for op, arg in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero-width: the match starts with what follows
        lead = _item_chars(sre, op, arg)
        if lead is None:
            return None
        out |= lead[0]
        if not lead[1]:
            return out, False
    return out, True


def _first_chars(pattern: str) -> frozenset[str] | None:
    """The few characters every match of ``pattern`` in an ASCII text starts with (``"[^"]+"``
    gives ``"``), or None when they are many or unknown."""
    from re import _parser as sre

    try:
        lead = _lead_chars(sre, list(sre.parse(pattern, FLAGS)))
    except re.error:
        return None
    if lead is None or lead[1] or not lead[0] or len(lead[0]) > _FEW_CHARS:
        return None
    return frozenset(lead[0])


_FEW_GATED = 4  # regexes in a gated alternation below which checking every gate beats an index lookup
_FEW_CHARS = 8  # more characters than this to look for, and trying the regex everywhere is as cheap


def _lowercase_only(sre, items) -> bool:
    """Whether no part of the parsed regex names an upper-case letter or changes case-sensitivity."""
    for op, arg in items:
        if op is sre.LITERAL and chr(arg).lower() != chr(arg):
            return False
        if op is sre.IN:
            for o, a in arg:
                if o is sre.LITERAL and chr(a).lower() != chr(a):
                    return False
                if o is sre.RANGE and any(chr(c).lower() != chr(c) for c in range(a[0], a[1] + 1)):
                    return False
        if op is sre.SUBPATTERN:
            if arg[1] or arg[2]:
                return False  # (?i:...) or (?-i:...) inside
            if not _lowercase_only(sre, arg[-1]):
                return False
        elif op is sre.BRANCH:
            if not all(_lowercase_only(sre, b) for b in arg[1]):
                return False
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            if not _lowercase_only(sre, arg[2]):
                return False
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            if not _lowercase_only(sre, arg[1]):
                return False
    return True


def _for_lowercase(pattern: str) -> re.Pattern[str] | None:
    """``pattern`` compiled to match case-sensitively, for lower-cased ASCII text, when that gives the
    same matches; None otherwise. Python's regex engine is about twice as fast without IGNORECASE."""
    from re import _parser as sre

    try:
        if not _lowercase_only(sre, list(sre.parse(pattern, FLAGS))):
            return None
        return re.compile(pattern, FLAGS & ~re.IGNORECASE)
    except re.error:
        return None


def straight_quotes(text: str) -> str:
    """``text`` with curly quotes and apostrophes made straight (one character for one)."""
    return text if text.isascii() else text.translate(_CURLY)  # curly quotes are never ASCII


def spans_from(rx: re.Pattern[str], chars: frozenset[str] | None, text: str) -> list[tuple[int, int]]:
    """The spans of ``rx``'s leftmost non-overlapping matches in ``text``, exactly as ``finditer``
    finds them; ``chars`` (from :func:`_first_chars`) are the characters every match starts with.

    Python's regex engine tries a pattern at every position, which is slow
    for a pattern such as ``[.!?]+|\\n+``; ``str.find`` for each of its few
    first characters is not, so in an ASCII text the regex is tried only there.
    """
    if chars is None or not text.isascii():
        return [m.span() for m in rx.finditer(text)]
    places = []
    find = text.find
    for ch in chars:
        i = find(ch)
        while i != -1:
            places.append(i)
            i = find(ch, i + 1)
    places.sort()
    return _matches_at(rx, text, places)  # never empty: every match starts with one of the characters


def _matches_at(rx: re.Pattern[str], text: str, places: list[int]) -> list[tuple[int, int]]:
    """The spans ``finditer`` finds, when no match can start anywhere but at ``places`` (sorted)
    and none is empty: each place is tried unless an earlier match covers it."""
    match = rx.match
    out = []
    end = 0
    for pos in places:
        if pos >= end:
            m = match(text, pos)
            if m:
                out.append(m.span())
                end = m.end()
    return out


# -- compiled form ---------------------------------------------------------------


class ReplyScan:
    """What the gates read in a reply, found once: its words (case-folded), the gates' word starts
    that begin them (``starts``) and the gate strings in it; where a word starts, on request."""

    __slots__ = ("text", "folded", "words", "starts", "found", "exact", "opened", "_where", "_spaced")

    def __init__(self, lexicon: "Lexicon", text: str):
        self.text = text
        folded = self.folded = text.casefold()
        if folded.isascii():
            # The same words as \\w+ finds, several times faster: non-word bytes become spaces.
            spaced = folded.encode("ascii").translate(_ASCII_WORDS).decode("ascii")
            tokens = spaced.split()
            # Padded, so that " word " finds exactly the word's whole occurrences (see where()).
            self._spaced: str | None = " " + spaced + " "
        else:
            tokens = _TOKEN.findall(folded)
            self._spaced = None
        # Its words, and each pair of words side by side ("you should") that a gate asks for.
        single = frozenset(tokens)
        tails = lexicon.pair_tails
        self.words = words = single.union([a + " " + b for a, b in zip(tokens, tokens[1:]) if b in tails.get(a, ())])
        starts_of = lexicon.starts_of
        self.starts = frozenset([p for w in single for p in starts_of(w)])
        self.found = lexicon.found(folded, words)
        # Case-insensitive matching pairs the Turkish dotted and dotless i with
        # "i", which case-folding does not; and where folding changes lengths
        # ("ß" is "ss") offsets differ. Then every pattern runs everywhere.
        self.exact = len(folded) == len(text) and "\u0130" not in text and "\u0131" not in text
        self._where: dict[str, list[int]] | None = None
        self.opened: dict[int, list[re.Pattern[str]]] = {}  # by gated alternation: its open regexes

    def where(self, key: str) -> list[int]:
        """Where a word starts in the reply: ``key`` is the word (one of ``words``), or a word
        start marked with a trailing "*" (one of ``keys``)."""
        where = self._where
        if where is None:
            where = self._where = {}
        elif key in where:
            return where[key]
        # A few str.find calls per word cost less than splitting the whole reply,
        # and most replies need the places of only a word or two.
        folded = self.folded
        whole = key[-1] != "*"
        word = key if whole else key[:-1]
        n, size = len(folded), len(word)
        out = []
        spaced = self._spaced
        if spaced is not None and word.isalnum():
            # In the padded text every non-word character is a space, so a space on each side
            # of the word (or before a word start) is exactly the word edges the loop below tests.
            find = spaced.find
            needle = " " + word + " " if whole else " " + word
            i = find(needle)
            while i != -1:
                out.append(i)  # the pad shifts by one, the needle's space shifts back
                i = find(needle, i + size + 1)
            where[key] = out
            return out
        find = folded.find
        i = find(word)
        while i != -1:
            j = i + size
            # Inlined is_word_char: this runs for every occurrence of every anchor word.
            if (i == 0 or not (folded[i - 1].isalnum() or folded[i - 1] == "_")) and \
                    (not whole or j == n or not (folded[j].isalnum() or folded[j] == "_")):
                out.append(i)
            i = find(word, j)
        where[key] = out
        return out

    def places(self, keys: set[str] | frozenset[str]) -> list[int]:
        """Where any of ``keys`` (as :meth:`where` takes them) starts, in order."""
        if len(keys) == 1:
            for key in keys:
                return self.where(key)
        return sorted({p for key in keys for p in self.where(key)})


def is_word_char(ch: str) -> bool:
    """Whether ``ch`` is what ``\\w`` matches in a str pattern."""
    return ch.isalnum() or ch == "_"


class CueSet:
    """Several cue regexes with what any of their matches needs (gates) and where one can start (anchors).

    A cue set does no matching itself: the :class:`Lexicon` gathers every cue
    set's patterns into one table and finds the matches of all of them in one
    pass per reply (:meth:`Lexicon.cue_spans`), which is what makes the coach
    fast; ``slot`` is this set's place in that pass's answer.
    """

    __slots__ = ("patterns", "gates", "anchors", "slot", "_compiled")

    def __init__(self, patterns: list[str], gates: list[tuple[Gate, ...]] | None = None,
                 common: frozenset[str] = frozenset(), anchors: list[frozenset[str] | None] | None = None):
        self.patterns = tuple(patterns)
        if gates is None:
            fragments = _common_fragments(common)
            gates = [_required_literals(p, common, fragments) for p in self.patterns]
        self.gates = tuple(gates)
        self.anchors = tuple(anchors if anchors is not None else map(_first_words, self.patterns))
        self.slot = -1
        self._compiled: list[re.Pattern[str] | None] = [None] * len(self.patterns)

    def regex(self, i: int) -> re.Pattern[str]:
        """Pattern ``i``, compiled (once)."""
        rx = self._compiled[i]
        if rx is None:
            rx = self._compiled[i] = re.compile(self.patterns[i], FLAGS)
        return rx

    def strings(self) -> set[str]:
        """Every string the patterns are looked up by (those of their first gates)."""
        return {s for gate in self.gates if gate for s in gate[0][2]}

    def __bool__(self) -> bool:
        return bool(self.patterns)


class _CueTable:
    """Every cue pattern of a lexicon, indexed by the words and strings its first gate needs.

    Pattern ``g`` of the table belongs to cue set ``slot[g]``, where it is
    pattern ``index[g]``; the table's order is the criteria's order.
    """

    __slots__ = ("sets", "slot", "index", "confirm", "anchors", "starts", "chars", "info", "rxs", "by_key", "keys",
                 "by_text", "texts", "always", "size")

    def __init__(self, sets: list[CueSet]):
        self.sets = tuple(sets)
        slot, index, confirm, anchors = [], [], [], []
        by_key: dict[str, list[int]] = {}
        by_text: dict[str, list[int]] = {}
        always: list[int] = []
        for n, cs in enumerate(sets):
            cs.slot = n
            for i, gate in enumerate(cs.gates):
                g = len(slot)
                slot.append(n)
                index.append(i)
                anchors.append(cs.anchors[i])
                confirm.append(tuple(gate[1:]))
                if not gate:
                    always.append(g)
                    continue
                for key in gate[0][0] | gate[0][1]:  # words and word starts: both looked up in a set
                    by_key.setdefault(key, []).append(g)
                for key in gate[0][2]:
                    by_text.setdefault(key, []).append(g)
        self.slot, self.index, self.confirm = tuple(slot), tuple(index), tuple(confirm)
        # A pattern that need not start at a word may still start with one of a few characters.
        self.chars = tuple(_first_chars(sets[n].patterns[i]) if a is None else None
                           for n, i, a in zip(slot, index, anchors))
        # A pattern's first words and first word starts ("frustrat*", kept as "frustrat"), apart.
        self.anchors = tuple(None if a is None else frozenset(w for w in a if w[-1] != "*") for a in anchors)
        self.starts = tuple(None if a is None else frozenset(w[:-1] for w in a if w[-1] == "*") for a in anchors)
        # What spans() reads of each pattern, in one tuple; and the patterns, compiled on first use.
        self.info = tuple(zip(self.slot, self.anchors, (s or None for s in self.starts), self.chars))
        self.rxs: list[re.Pattern[str] | None] = [None] * len(slot)
        self.by_key = {k: tuple(v) for k, v in by_key.items()}
        self.keys = frozenset(by_key)
        self.by_text = {k: tuple(v) for k, v in by_text.items()}
        self.texts = frozenset(by_text)
        self.always = tuple(always)
        self.size = len(slot)

    def candidates(self, scan: ReplyScan) -> list[int]:
        """The patterns whose gates are all open in the reply."""
        if not scan.exact:
            return list(range(self.size))
        words, starts, found, folded = scan.words, scan.starts, scan.found, scan.folded
        todo = _keyed(self.by_key, self.keys, scan, set(self.always))
        if found:
            by_text = self.by_text
            for key in self.texts & found:
                todo.update(by_text[key])
        confirm = self.confirm
        out = []
        for g in todo:
            for w, p, t in confirm[g]:
                if w.isdisjoint(words) and p.isdisjoint(starts):
                    for x in t:
                        if x in folded:
                            break
                    else:
                        break  # something else every match needs is absent
            else:
                out.append(g)
        return out

    def spans(self, text: str, scan: ReplyScan) -> dict[int, list[tuple[int, int]]]:
        """The spans of every match of every pattern in ``text``, by cue set slot.

        Per pattern these are exactly ``finditer``'s matches (leftmost, not
        overlapping); a pattern that can only start at a few words is tried
        only where they start.
        """
        out: dict[int, list[tuple[int, int]]] = {}
        todo = self.candidates(scan)
        if not todo:
            return out
        info, rxs = self.info, self.rxs
        exact = scan.exact
        words, present = scan.words, scan.starts
        for g in todo:
            n, first, starts, chars = info[g]
            rx = rxs[g]
            if rx is None:
                rx = rxs[g] = self.sets[n].regex(self.index[g])
            if first is None or not exact:
                found = spans_from(rx, chars, text)
            else:
                # The regex engine would try every character; a match can only start
                # where one of these words (or word starts) does, and trying a few places is cheaper.
                hits = first & words
                if starts:
                    hits |= {w + "*" for w in starts & present}
                if not hits:
                    continue
                places = scan.places(hits)
                if len(places) == 1:  # the usual case, without a call
                    m = rx.match(text, places[0])
                    if m is None:
                        continue
                    found = [m.span()]
                else:
                    found = _matches_at(rx, text, places)
            if found:
                if n in out:
                    out[n].extend(found)
                else:
                    out[n] = found
        return out


def _keyed(by_key: dict[str, tuple[int, ...]], keys: frozenset[str], scan: ReplyScan, todo: set[int]) -> set[int]:
    """``todo`` with the patterns indexed (``by_key``) under a word or word start of the reply added."""
    for key in keys & scan.words:
        todo.update(by_key[key])
    for key in keys & scan.starts:
        todo.update(by_key[key])
    return todo


def _gates_open(gates: tuple[Gate, ...], scan: ReplyScan) -> bool:
    """Whether every gate is open in the reply: one of its words, word starts or strings is there."""
    words, starts, folded = scan.words, scan.starts, scan.folded
    for w, p, t in gates:
        if w.isdisjoint(words) and p.isdisjoint(starts):
            for x in t:
                if x in folded:
                    break
            else:
                return False
    return True


class _GatedAny:
    """Several regexes read as one alternation, each tried only when its gates are open in the reply.

    For a yes-or-no search (vetoes, rhetorical questions) or the start of the
    first match (negation), trying the few patterns whose words are in the
    reply gives the same answer as searching with all of them joined by '|',
    at a fraction of the cost. Each regex is compiled the first time it runs.
    """

    __slots__ = ("patterns", "gates", "anchors", "_by_key", "_keys", "_unindexed", "_compiled")

    def __init__(self, patterns: list[str], gates: list[tuple[Gate, ...]] | None = None,
                 common: frozenset[str] = frozenset(), anchored: bool = False):
        self.patterns = tuple(patterns)
        if gates is None:
            fragments = _common_fragments(common)
            gates = [_required_literals(p, common, fragments) for p in self.patterns]
        self.gates = tuple(gates)
        # For first(): the whole words a match must start at, when known (word starts are not used).
        self.anchors: tuple[frozenset[str] | None, ...] | None = None
        if anchored:
            firsts = [_first_words(p) for p in self.patterns]
            self.anchors = tuple(None if f is None or any(w[-1] == "*" for w in f) else f for f in firsts)
        by_key: dict[str, list[int]] = {}
        unindexed = []
        for i, gate in enumerate(self.gates):
            if not gate or gate[0][2]:
                unindexed.append(i)
            else:
                for key in gate[0][0] | gate[0][1]:
                    by_key.setdefault(key, []).append(i)
        self._by_key = {k: tuple(v) for k, v in by_key.items()}
        self._keys = frozenset(by_key)
        self._unindexed = tuple(unindexed)
        self._compiled: list[re.Pattern[str] | None] = [None] * len(self.patterns)

    def _open_indexed(self, scan: ReplyScan) -> list[tuple[int, re.Pattern[str]]]:
        """The regexes whose gates are open in the reply, with their places in ``patterns``
        (found once per reply: a veto is asked about every sentence with a cue in it)."""
        found = scan.opened.get(id(self))
        if found is not None:
            return found
        found = []
        if scan.exact and len(self.gates) <= _FEW_GATED:
            gates = self.gates
            order = [i for i, g in enumerate(gates) if not g or _gates_open(g, scan)]
        elif scan.exact:
            # Only the patterns one of whose first gate's words is in the reply, or whose
            # first gate names strings, need their gates checked.
            todo = _keyed(self._by_key, self._keys, scan, set(self._unindexed))
            gates = self.gates
            order = [i for i in sorted(todo) if not gates[i] or _gates_open(gates[i], scan)]
        else:
            order = range(len(self.patterns))
        for i in order:
            rx = self._compiled[i]
            if rx is None:
                rx = self._compiled[i] = re.compile(self.patterns[i], FLAGS)
            found.append((i, rx))
        scan.opened[id(self)] = found
        return found

    def search(self, text: str, scan: ReplyScan) -> bool:
        """Whether any of the regexes matches somewhere in ``text`` (part of the reply ``scan`` read)."""
        for _, rx in self._open_indexed(scan):
            if rx.search(text):
                return True
        return False

    def first(self, text: str, scan: ReplyScan) -> int:
        """Where the first match of any of the regexes starts in ``text``; -1 if none matches.

        ``text`` is the reply ``scan`` read, or that reply with stretches blanked
        (same length): a regex that must start at one of a few words is tried only
        where they start, which is all a search would find.
        """
        best = -1
        anchors = self.anchors if scan.exact and len(text) == len(scan.text) else None
        for i, rx in self._open_indexed(scan):
            first = anchors[i] if anchors is not None else None
            if first is None:
                m = rx.search(text)
                at = m.start() if m else -1
            else:
                at = -1
                for pos in scan.places(first & scan.words):
                    if rx.match(text, pos):
                        at = pos
                        break
            if at != -1 and (best == -1 or at < best):
                best = at
        return best


def _gated(patterns: list[str], gates: dict | None, common: frozenset[str]) -> _GatedAny | None:
    if not patterns:
        return None
    return _GatedAny(patterns, None if gates is None else [gates[p][0] for p in patterns], common)


def _branches(pattern: str) -> list[str]:
    """The top-level alternatives of a regex (``a|b(c|d)`` gives ``a`` and ``b(c|d)``)."""
    out, depth, start, i, n = [], 0, 0, 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i += 1
            if i < n and pattern[i] == "^":
                i += 1
            if i < n and pattern[i] == "]":
                i += 1  # a "]" first in a class is a literal
            while i < n and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    try:
        for branch in out:
            re.compile(branch, FLAGS)
    except re.error:
        return [pattern]  # global flags or the like: keep it whole
    return out


def _alternation(patterns: list[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), FLAGS)


def _namespace(value: Any) -> Any:
    """Plain data (dicts, lists) with attribute access, as the engine reads it."""
    if isinstance(value, dict):
        return SimpleNamespace(**{k: _namespace(v) for k, v in value.items()})
    if isinstance(value, list):
        return [_namespace(v) for v in value]
    return value


@functools.total_ordering
class CompiledCriterion:
    """A criterion with its regexes ready to run."""

    def __init__(self, spec: SimpleNamespace, gates: dict[str, tuple[tuple[Gate, ...], frozenset[str] | None]] | None = None,
                 common: frozenset[str] = frozenset()):
        self.spec = spec
        self.id = spec.id
        self.kind = spec.kind
        self.polarity = "strength" if spec.id in STRENGTHS else "pitfall"
        self.syllabus = tuple(spec.syllabus)

        def cues(patterns: list[str]) -> CueSet | None:
            if not patterns:
                return None
            if gates is None:
                return CueSet(patterns, None, common)
            return CueSet(patterns, [gates[p][0] for p in patterns], common, [gates[p][1] for p in patterns])

        self.patterns = cues(spec.patterns)
        self.veto = _gated(spec.veto, gates, common)
        self.veto_if = tuple(spec.veto_if)
        self.veto_scope = spec.veto_scope
        self.veto_reply = _gated(getattr(spec, "veto_reply", []), gates, common)
        self.negatable = spec.negatable
        self.rhetorical = _gated(getattr(spec, "rhetorical", []), gates, common)
        self.offers = cues(getattr(spec, "offers", None) or [])
        self.min_offers = getattr(spec, "min_offers", 2)
        self._sets = tuple(cs for cs in (self.patterns, self.offers) if cs)
        self.slots: tuple[int, ...] = ()  # set by the Lexicon once the cue table numbers the sets
        # The fields of this criterion's result that do not depend on the reply (see engine.assess).
        same = dict(id=spec.id, name=spec.name, polarity=self.polarity, syllabus=self.syllabus)
        self.met_fields = {**same, "met": True, "advice": spec.advice_met}
        self.unmet_fields = {**same, "met": False, "advice": spec.advice_unmet, "spans": ()}

    def cue_sets(self) -> tuple[CueSet, ...]:
        """The criterion's cue sets (patterns, offers) that exist."""
        return self._sets

    def gated(self) -> tuple[_GatedAny, ...]:
        """The criterion's gated alternations (vetoes, rhetorical questions) that exist."""
        return tuple(g for g in (self.veto, self.veto_reply, self.rhetorical) if g is not None)

    def __lt__(self, other: "CompiledCriterion") -> bool:
        return CRITERIA.index(self.id) < CRITERIA.index(other.id)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CompiledCriterion) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)


class Lexicon:
    """A validated lexicon ready to run: what the engine reads.

    ``data`` is the validated YAML document as plain data with attribute
    access (``lex.data.messages.empty``); ``gates`` optionally maps each cue
    pattern to its gates, as computed by ``_required_literals`` (from the cache).
    """

    def __init__(self, data: dict, path: str,
                 gates: dict[str, tuple[tuple[Gate, ...], frozenset[str] | None]] | None = None):
        self.data = _namespace(data)
        self.path = path
        self.language = self.data.language
        self.letters = re.compile(self.data.letters, FLAGS)
        self.reads_ascii_letters = all(self.letters.fullmatch(c) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        self.function_words = frozenset(w.lower() for w in self.data.function_words)
        self.clause_breaks = re.compile(self.data.clause_breaks, FLAGS)
        self.sentence_breaks = re.compile(self.data.sentence_breaks, FLAGS)
        self.negation = re.compile(self.data.negation, FLAGS)
        # Where the first negation is: asked of most replies, so gated like the cues.
        branches = _branches(self.data.negation)
        self.negation_first = _GatedAny(branches, None if gates is None else [gates[b][0] for b in branches],
                                        self.function_words, anchored=True)
        self.quotes = _alternation(self.data.quotes)
        self.quote_chars = _first_chars(self.quotes.pattern) if self.quotes is not None else None
        self.sentence_chars = _first_chars(self.data.sentence_breaks)
        self.clause_breaks_lower = _for_lowercase(self.data.clause_breaks)
        self._pieces: dict[str, tuple[str, ...]] = {}
        self.reported_speech = _alternation(self.data.reported_speech)
        # Word gates only: a string gate would need its strings searched for in every reply.
        said = [_required_literals(p, self.function_words) for p in self.data.reported_speech]
        self._reported_gate: Gate | None = None
        if said and all(g and not g[0][2] for g in said):
            self._reported_gate = tuple(frozenset().union(*(g[0][k] for g in said)) for k in range(3))  # type: ignore[assignment]
        self.criteria = tuple(CompiledCriterion(c, gates, self.function_words) for c in self.data.criteria)
        self.ordered = tuple(sorted(self.criteria))
        self.table = _CueTable([cs for c in self.criteria for cs in c.cue_sets()])
        for c in self.criteria:
            # Where its cue sets' matches are in a reply's cue matches (see cue_spans).
            c.slots = tuple(cs.slot for cs in c.cue_sets())
        self.by_id = {c.id: c for c in self.criteria}
        # A gate string with a whole word inside ("you should read": "should") can only occur
        # where that word does, so it is searched for only then.
        loose: list[str] = []
        by_word: dict[str, list[str]] = {}
        for s in sorted({s for c in self.criteria for cs in c.cue_sets() for s in cs.strings()}):
            inner = [m.group() for m in _TOKEN.finditer(s) if 0 < m.start() and m.end() < len(s)]
            if inner:
                by_word.setdefault(max(inner, key=lambda w: (w not in self.function_words, len(w))), []).append(s)
            else:
                loose.append(s)
        self._loose = tuple(loose)
        # The word starts the gates use, by their first three characters.
        # And the words the gates name, for the word pairs among them ("you should"), below.
        word_starts: dict[str, set[str]] = {}
        named: set[str] = set()
        for gated in self._gated_all():
            for gate in gated.gates:
                for words, starts, _ in gate:
                    named.update(words)
                    for p in starts:
                        word_starts.setdefault(p[:3], set()).add(p)
        for p in (p for a in self.table.starts if a for p in a):
            word_starts.setdefault(p[:3], set()).add(p)
        self.word_starts = {k: tuple(v) for k, v in word_starts.items()}
        # The word pairs any gate or anchor names, by first word: a reply's scan makes
        # only these pairs, and most pairs of a reply are not among them.
        for a in self.table.anchors:
            named.update(a or ())
        if self._reported_gate is not None:
            named.update(self._reported_gate[0])
        tails: dict[str, set[str]] = {}
        for w in named:
            if " " in w:
                head, tail = w.split(" ", 1)
                tails.setdefault(head, set()).add(tail)
        self.pair_tails = {k: frozenset(v) for k, v in tails.items()}
        self._starts_of: dict[str, tuple[str, ...]] = {}
        self._strings_by_word = {w: tuple(v) for w, v in by_word.items()}
        self._string_words = frozenset(by_word)

    def starts_of(self, word: str) -> tuple[str, ...]:
        """The gates' word starts that ``word`` (case-folded) begins with; remembered per word,
        as a class's replies share most of their words."""
        found = self._starts_of.get(word)
        if found is None:
            found = tuple(p for p in self.word_starts.get(word[:3], ()) if word.startswith(p))
            if len(self._starts_of) >= _WORDS_KEPT:
                self._starts_of.clear()
            self._starts_of[word] = found
        return found

    def found(self, folded: str, words: frozenset[str]) -> frozenset[str]:
        """The gate strings that occur in a case-folded reply whose words are ``words``."""
        hits = [s for s in self._loose if s in folded]
        by_word = self._strings_by_word
        for w in self._string_words & words:
            hits.extend(s for s in by_word[w] if s in folded)
        return frozenset(hits)

    def _gated_all(self) -> list:
        """Every cue set and gated alternation."""
        return [self.negation_first] + [x for c in self.criteria for x in (*c.cue_sets(), *c.gated())]

    def gates(self) -> dict[str, tuple[tuple[Gate, ...], frozenset[str] | None]]:
        """Each gated pattern's gates and, for cues, first words (what the cache keeps)."""
        out = {}
        for x in self._gated_all():
            anchors = x.anchors if isinstance(x, CueSet) else (None,) * len(x.patterns)
            out.update({p: (g, a) for p, g, a in zip(x.patterns, x.gates, anchors)})
        return out

    def may_report_speech(self, scan: ReplyScan) -> bool:
        """Whether a ``reported_speech`` pattern can match a reply (False only when its words are absent)."""
        gate = self._reported_gate
        return not gate or not (gate[0].isdisjoint(scan.words) and gate[1].isdisjoint(scan.starts)) or bool(gate[2])

    def clause_bounds(self, text: str) -> list[int]:
        """Where each clause break in ``text`` ends."""
        if self.clause_breaks_lower is not None and text.isascii():
            return [m.end() for m in self.clause_breaks_lower.finditer(text.lower())]
        return [m.end() for m in self.clause_breaks.finditer(text)]

    def customer_clauses(self, customer: str) -> tuple[str, ...]:
        """The customer's clauses of three or more words, lower-cased (what a reply may repeat).

        Kept for the last few customer lines: a class answering one exercise
        repeats one line for every reply.
        """
        found = self._pieces.get(customer)
        if found is not None:
            return found
        low = straight_quotes(customer).lower()
        rx = self.clause_breaks_lower if self.clause_breaks_lower is not None and low.isascii() else self.clause_breaks
        found = tuple(piece for piece in ((p or "").strip() for p in rx.split(low))
                      if len(_WORD.findall(piece)) >= 3)
        if len(self._pieces) >= _CUSTOMER_LINES_KEPT:
            self._pieces.pop(next(iter(self._pieces)))
        self._pieces[customer] = found
        return found

    def scan(self, text: str) -> ReplyScan:
        """What the gates read in ``text``, found once per reply."""
        return ReplyScan(self, text)

    def cue_spans(self, text: str, scan: ReplyScan) -> dict[int, list[tuple[int, int]]]:
        """Every cue match in ``text`` (``scan`` is what the gates read in it), by cue set ``slot``."""
        return self.table.spans(text, scan)

    def syllabus(self, criterion: str) -> tuple[str, ...]:
        """Syllabus ids a criterion stands for."""
        return tuple(self.by_id[criterion].spec.syllabus)

    def syllabus_ids(self) -> set[str]:
        """Every syllabus id the criteria map to (a lexicon teaches and exercises nothing by itself)."""
        return {s for c in self.criteria for s in c.spec.syllabus}

    def __repr__(self) -> str:
        return f"Lexicon({self.language!r}, {len(self.criteria)} criteria, from {self.path})"


# -- loading ---------------------------------------------------------------------


def load_lexicon(path: str | Path) -> Lexicon:
    """Load, validate and compile a lexicon file; raise :class:`ContentError` listing every problem."""
    from .schema import validate_lexicon

    data, where = validate_lexicon(path)
    return Lexicon(data.model_dump(), where)


def rubric_dir() -> Path:
    """Folder of the shipped lexicons (``assets/rubric`` in the repository)."""
    here = Path(__file__).resolve()
    for folder in here.parents:
        candidate = folder / "assets" / "rubric"
        if candidate.is_dir():
            return candidate
    from ..content.manifest import find_root

    return find_root() / "assets" / "rubric"


_CACHE_FORMAT = 17


def _cache_key(source: bytes) -> str:
    """Names one YAML content read by this exact code: any edit to either gives a new key."""
    h = hashlib.sha256(source)
    here = Path(__file__).resolve().parent
    for name in ("lexicon.py", "schema.py"):
        try:
            h.update((here / name).read_bytes())
        except OSError:
            h.update(name.encode())
    h.update(f"{_CACHE_FORMAT} {sys.version_info[0]}.{sys.version_info[1]}".encode())
    return h.hexdigest()


def _cache_dirs(path: Path) -> list[Path]:
    """Where a compiled lexicon may be kept: beside the YAML, else in the user's cache folder."""
    user = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "unruffled" / "rubric"
    return [path.parent / "__pycache__", user]


def _read_cache(path: Path, key: str) -> Lexicon | None:
    name = f"{path.stem}.{key[:16]}.json"
    for folder in _cache_dirs(path):
        try:
            doc = json.loads((folder / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(doc, dict) and doc.get("key") == key:
            try:
                gates = {p: (tuple(tuple(map(frozenset, g)) for g in gs), None if a is None else frozenset(a))
                         for p, (gs, a) in doc["gates"].items()}
                return Lexicon(doc["data"], str(path), gates)
            except (KeyError, TypeError, AttributeError, re.error):
                continue  # a damaged cache is ignored, never trusted
    return None


def _write_cache(path: Path, key: str, data: dict, lex: Lexicon) -> None:
    doc = {"key": key, "source": path.name, "data": data,
           "gates": {p: [[[sorted(x) for x in g] for g in gs], None if a is None else sorted(a)]
                     for p, (gs, a) in lex.gates().items()}}
    text = json.dumps(doc, ensure_ascii=False)
    import tempfile  # only when writing, which a warm kernel never does
    for folder in _cache_dirs(path):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=folder)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    f.write(text)
                os.replace(tmp, folder / f"{path.stem}.{key[:16]}.json")  # atomic: readers see old or new
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError:
            continue  # read-only folder: try the next, or simply go without a cache
        for old in folder.glob(f"{path.stem}.*.json"):
            if old.name != f"{path.stem}.{key[:16]}.json":
                try:
                    old.unlink()
                except OSError:
                    pass
        return


def load_lexicon_cached(path: str | Path) -> Lexicon:
    """Like :func:`load_lexicon`, but reuses the validated, analysed form while the file's content is unchanged.

    The cache is a JSON file named by a hash of the YAML content and of this
    code; a stale, damaged or unwritable cache only costs a full load.
    """
    path = Path(path)
    try:
        source = path.read_bytes()
    except OSError:
        return load_lexicon(path)  # reports the missing file as a content error
    key = _cache_key(source)
    lex = _read_cache(path, key)
    if lex is not None:
        return lex
    from .schema import validate_lexicon

    model, where = validate_lexicon(path)
    data = model.model_dump()
    lex = Lexicon(data, where)
    try:
        unchanged = path.read_bytes() == source
    except OSError:
        unchanged = False
    if unchanged:  # never file what was validated under the key of other content
        _write_cache(path, key, data, lex)
    return lex


@functools.lru_cache(maxsize=8)
def default_lexicon(language: str = "en") -> Lexicon:
    """The shipped lexicon for ``language``, loaded once per process (and validated once per content)."""
    return load_lexicon_cached(rubric_dir() / f"{language}.yaml")
