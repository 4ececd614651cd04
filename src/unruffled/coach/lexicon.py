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

_MAX_SET = 256  # largest set of alternative strings worth keeping for one part of a pattern
_EMPTY = frozenset([""])
_EDGE = "\x00"  # stands for a zero-width word edge (\b, ^, $) inside the strings below
_TOKEN = re.compile(r"\w+")  # the words a reply is split into: exactly what \b delimits

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
    return ch == _EDGE or not (ch.isalnum() or ch == "_")


def _ends_apart(sre, items) -> bool:
    """Whether every non-empty match of the sequence ``items`` ends with a non-word character."""
    for op, arg in reversed(items):
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero-width: look further left
        if op is sre.LITERAL:
            return _nonword(chr(arg))
        if op is sre.IN:
            return all((o is sre.LITERAL and _nonword(chr(a))) or
                       (o is sre.CATEGORY and a in (sre.CATEGORY_SPACE, sre.CATEGORY_NOT_WORD)) for o, a in arg)
        if op is sre.SUBPATTERN:
            return _ends_apart(sre, arg[-1])
        if op is sre.BRANCH:
            return all(_ends_apart(sre, b) for b in arg[1])
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            return _ends_apart(sre, arg[2])  # a non-empty match ends with a whole repetition
        return False
    return False


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


def _groups(sre, items) -> list[frozenset[str]]:
    """Sets of strings (with word edges marked): any text the sequence matches holds one string of every set."""
    out: list[frozenset[str]] = []
    run: frozenset[str] = _EMPTY  # every string the items since the last open-ended one can match
    apart = False  # whether what came before the run is known to end in a word edge
    for op, arg in items:
        f = _finite(sre, op, arg)
        if f is not None:
            out.append(f)
            joined = _cross(run, f)
            if joined is not None:
                run = joined
                continue
        out.append(run)
        ends = run != _EMPTY and all(x and _nonword(x[-1]) for x in run)
        if f is not None:
            apart = ends or (run == _EMPTY and apart)
            run = frozenset(_EDGE + x for x in f) if apart else f
            continue
        # An open-ended item such as an optional "\\w+ ": the next run starts at a word edge
        # if the item always ends in a non-word character, and cannot match
        # nothing unless what came before it ends in one too.
        apart = _ends_apart(sre, [(op, arg)]) and (not _may_be_empty(sre, op, arg) or ends or (run == _EMPTY and apart))
        run = frozenset([_EDGE]) if apart else _EMPTY
        if op is sre.SUBPATTERN:
            out.extend(_groups(sre, arg[-1]))
        elif op is sre.BRANCH:
            parts = [_groups(sre, b) for b in arg[1]]
            if all(parts):
                # one set per branch would be exact but huge; the union of each branch's longest set will do
                out.append(frozenset().union(*(max(p, key=lambda g: min(map(len, g))) for p in parts)))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and arg[0] >= 1:
            out.extend(_groups(sre, arg[2]))
        elif op is sre.ASSERT and arg[0] == 1:  # a lookahead's text is in the reply too
            out.extend(_groups(sre, arg[1]))
    out.append(run)
    return [g for g in out if g and g != _EMPTY and g != frozenset([_EDGE])]


def _pieces(s: str) -> list[tuple[str, str]]:
    """What a string with word edges marked offers as a gate: its whole words ("w"), the starts of
    words ("p", 3+ characters), its other word fragments of 3+ characters and the string itself ("t")."""
    out = []
    for m in _TOKEN.finditer(s):
        a, b = m.span()
        if a > 0 and b < len(s):
            out.append(("w", m.group()))
        elif b - a >= 3:
            out.append(("p" if a > 0 else "t", m.group()))
    plain = s.replace(_EDGE, "")
    if len(plain) >= 2:
        out.append(("t", plain))
    return out


def _likelihood(piece: tuple[str, str], common: frozenset[str], fragments: frozenset[str]) -> float:
    """A rough share of replies holding ``piece``, plus what checking it costs.

    Words the lexicon lists as common ("you", "the") and bits of words such as
    the "s" of "it's" are in most replies; a phrase made of them is rarer;
    anything else is rare. A word is a set
    look-up; a string is one search through the reply.
    """
    kind, text = piece
    if kind != "t":
        return 1.0 if len(text) <= 2 or text in common or (kind == "p" and text in fragments) else 0.01
    tokens = _TOKEN.findall(text)
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
    while left:
        best = min((p for p in offers if offers[p] & left), default=None,
                   key=lambda p: (_likelihood(p, common, fragments) / len(offers[p] & left), p[0] != "w", -len(p[1]), p))
        if best is None:
            return None  # a string offers nothing usable
        chosen.append(best)
        cost += _likelihood(best, common, fragments)
        left -= offers[best]
    return tuple(frozenset(t for k, t in chosen if k == kind) for kind in "wpt"), cost


def _overlap(a: Gate, b: Gate) -> bool:
    return any(x in y or y in x for x in frozenset().union(*a) for y in frozenset().union(*b))


def _common_fragments(common: frozenset[str]) -> frozenset[str]:
    return frozenset(w[i:j] for w in common for i in range(len(w)) for j in range(i + 1, len(w) + 1))


def _required_literals(pattern: str, common: frozenset[str] = frozenset(),
                       fragments: frozenset[str] | None = None) -> tuple[Gate, ...]:
    """Up to two gates every match of ``pattern`` passes: the most selective, and the best from another part.

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
    # The second gate only confirms the first, so it must be free to check: words and word starts only.
    second = next((g for g in gates[1:] if not g[2] and not _overlap(g, gates[0])), None)
    return (gates[0], second) if second else (gates[0],)


def _first_words(pattern: str) -> frozenset[str] | None:
    """The words (case-folded) a match of ``pattern`` can start with, when it must start at one of a
    few whole words (``\\b(?:I|we)'ll ...``); None otherwise."""
    from re import _parser as sre

    try:
        items = list(sre.parse(pattern, FLAGS))
    except re.error:
        return None
    edge = False
    while items and (items[0][0] in (sre.AT, sre.ASSERT_NOT) or (items[0][0] is sre.ASSERT and items[0][1][0] == -1)):
        op, arg = items.pop(0)
        edge = edge or (op is sre.AT and arg in (sre.AT_BOUNDARY, sre.AT_BEGINNING, sre.AT_BEGINNING_STRING))
    if not edge:
        return None  # a match could start inside a word
    run: frozenset[str] | None = _EMPTY
    complete = False
    for op, arg in items:
        nxt = _cross(run, _finite(sre, op, arg))
        if nxt is None:
            break
        run = nxt
        if all(_TOKEN.match(x) and _TOKEN.match(x).end() < len(x) for x in run):
            complete = True  # every string's first word is followed by something else
            break
    if not complete:
        return None
    return frozenset(_TOKEN.match(x).group() for x in run)


# -- compiled form ---------------------------------------------------------------


class ReplyScan:
    """What the gates read in a reply, found once: its words (case-folded), those and the gates'
    word starts that begin them (``keys``) and the gate strings in it; where a word starts, on request."""

    __slots__ = ("text", "folded", "words", "keys", "found", "exact", "_where")

    def __init__(self, lexicon: "Lexicon", text: str):
        self.text = text
        folded = self.folded = text.casefold()
        self.words = words = frozenset(_TOKEN.findall(folded))
        starts = lexicon.word_starts
        self.keys = words | frozenset(p for w in words if w[:3] in starts for p in starts[w[:3]] if w.startswith(p))
        self.found = lexicon.found(folded, words)
        # Case-insensitive matching pairs the Turkish dotted and dotless i with
        # "i", which case-folding does not; and where folding changes lengths
        # ("ß" is "ss") offsets differ. Then every pattern runs everywhere.
        self.exact = len(folded) == len(text) and "\u0130" not in text and "\u0131" not in text
        self._where: dict[str, list[int]] | None = None

    def where(self, word: str) -> list[int]:
        """Where ``word`` (one of ``words``) starts in the reply, as a whole word."""
        where = self._where
        if where is None:
            # One pass over the words, the first time a pattern needs positions.
            where = self._where = {}
            for m in _TOKEN.finditer(self.folded):
                where.setdefault(m.group(), []).append(m.start())
        return where[word]


class CueSet:
    """Several cue regexes, each compiled on first use and tried only when its gates are open.

    A pattern that can only start with one of a few words (``\\b(?:I|we) ...``)
    is tried only where those words start in the reply, not at every
    character; the matches are the same as ``finditer``'s.
    """

    __slots__ = ("patterns", "gates", "anchors", "_compiled", "_by_word", "_words", "_by_text", "_texts", "_always")

    def __init__(self, patterns: list[str], gates: list[tuple[Gate, ...]] | None = None,
                 common: frozenset[str] = frozenset(), anchors: list[frozenset[str] | None] | None = None):
        self.patterns = tuple(patterns)
        if gates is None:
            fragments = _common_fragments(common)
            gates = [_required_literals(p, common, fragments) for p in self.patterns]
        self.gates = tuple(gates)
        self.anchors = tuple(anchors if anchors is not None else map(_first_words, self.patterns))
        self._compiled: list[re.Pattern[str] | None] = [None] * len(self.patterns)
        by_word: dict[str, list[int]] = {}
        by_text: dict[str, list[int]] = {}
        always: list[int] = []
        for i, gate in enumerate(self.gates):
            if not gate:
                always.append(i)
                continue
            for key in gate[0][0] | gate[0][1]:  # words and word starts: both looked up in a set
                by_word.setdefault(key, []).append(i)
            for key in gate[0][2]:
                by_text.setdefault(key, []).append(i)
        self._by_word = {k: tuple(v) for k, v in by_word.items()}
        self._words = frozenset(by_word)
        self._by_text = {k: tuple(v) for k, v in by_text.items()}
        self._texts = frozenset(by_text)
        self._always = tuple(always)

    def regex(self, i: int) -> re.Pattern[str]:
        """Pattern ``i``, compiled (once)."""
        rx = self._compiled[i]
        if rx is None:
            rx = self._compiled[i] = re.compile(self.patterns[i], FLAGS)
        return rx

    def strings(self) -> set[str]:
        """Every string the string gates look for."""
        return {s for gate in self.gates for _, _, strings in gate for s in strings}

    def candidates(self, scan: ReplyScan) -> list[int]:
        """The patterns whose gates are open in the reply, in order."""
        if not scan.exact:
            return list(range(len(self.patterns)))
        words, keys, found = scan.words, scan.keys, scan.found
        todo = set(self._always)
        for key in self._words & keys:
            todo.update(self._by_word[key])
        if self._texts:
            for key in self._texts & found:
                todo.update(self._by_text[key])
        if not todo:
            return []
        gates = self.gates
        out = []
        for i in sorted(todo):
            gate = gates[i]
            if len(gate) > 1 and gate[1][0].isdisjoint(words) and gate[1][1].isdisjoint(keys) \
                    and gate[1][2].isdisjoint(found):
                continue  # something else every match needs is absent
            out.append(i)
        return out

    def finditer(self, text: str, scan: ReplyScan, todo: list[int] | None = None) -> Iterator[re.Match[str]]:
        """Every match of every pattern in ``text`` (``scan`` is what the gates read in it;
        ``todo``, if given, is ``candidates(scan)``)."""
        if todo is None:
            todo = self.candidates(scan)
        if not scan.exact:
            for i in todo:
                yield from self.regex(i).finditer(text)
            return
        words, anchors = scan.words, self.anchors
        for i in todo:
            first = anchors[i]
            if first is None:
                yield from self.regex(i).finditer(text)
                continue
            # Leftmost non-overlapping matches, as finditer finds them: no match can
            # start anywhere but at one of these words, so only they are tried.
            match = self.regex(i).match
            end = 0
            hits = first & words
            where = scan.where
            for pos in (where(next(iter(hits))) if len(hits) == 1 else sorted(p for w in hits for p in where(w))):
                if pos >= end:
                    m = match(text, pos)
                    if m:
                        yield m
                        end = m.end()

    def __bool__(self) -> bool:
        return bool(self.patterns)


class _LazyAlternation:
    """Several regexes joined with '|', compiled the first time they are needed."""

    __slots__ = ("source", "_rx")

    def __init__(self, patterns: list[str]):
        self.source = "|".join(f"(?:{p})" for p in patterns)
        self._rx: re.Pattern[str] | None = None

    def _compiled(self) -> re.Pattern[str]:
        if self._rx is None:
            self._rx = re.compile(self.source, FLAGS)
        return self._rx

    def search(self, text: str) -> re.Match[str] | None:
        return self._compiled().search(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self._compiled().finditer(text)


def _alternation(patterns: list[str], lazy: bool = False):
    if not patterns:
        return None
    return _LazyAlternation(patterns) if lazy else re.compile("|".join(f"(?:{p})" for p in patterns), FLAGS)


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
        self.veto = _alternation(spec.veto, lazy=True)
        self.veto_if = tuple(spec.veto_if)
        self.veto_scope = spec.veto_scope
        self.veto_reply = _alternation(getattr(spec, "veto_reply", []), lazy=True)
        self.negatable = spec.negatable
        self.rhetorical = _alternation(getattr(spec, "rhetorical", []), lazy=True)
        self.offers = cues(getattr(spec, "offers", None) or [])
        self.min_offers = getattr(spec, "min_offers", 2)

    def cue_sets(self) -> tuple[CueSet, ...]:
        """The criterion's cue sets (patterns, offers) that exist."""
        return tuple(cs for cs in (self.patterns, self.offers) if cs)

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
        self.quotes = _alternation(self.data.quotes)
        self.reported_speech = _alternation(self.data.reported_speech)
        # Word gates only: a string gate would need its strings searched for in every reply.
        said = [_required_literals(p, self.function_words) for p in self.data.reported_speech]
        self._reported_gate: Gate | None = None
        if said and all(g and not g[0][2] for g in said):
            self._reported_gate = tuple(frozenset().union(*(g[0][k] for g in said)) for k in range(3))  # type: ignore[assignment]
        self.criteria = tuple(CompiledCriterion(c, gates, self.function_words) for c in self.data.criteria)
        self.ordered = tuple(sorted(self.criteria))
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
        word_starts: dict[str, set[str]] = {}
        for c in self.criteria:
            for cs in c.cue_sets():
                for gate in cs.gates:
                    for _, starts, _ in gate:
                        for p in starts:
                            word_starts.setdefault(p[:3], set()).add(p)
        self.word_starts = {k: tuple(v) for k, v in word_starts.items()}
        self._strings_by_word = {w: tuple(v) for w, v in by_word.items()}
        self._string_words = frozenset(by_word)


    def found(self, folded: str, words: frozenset[str]) -> frozenset[str]:
        """The gate strings that occur in a case-folded reply whose words are ``words``."""
        hits = [s for s in self._loose if s in folded]
        by_word = self._strings_by_word
        for w in self._string_words & words:
            hits.extend(s for s in by_word[w] if s in folded)
        return frozenset(hits)

    def gates(self) -> dict[str, tuple[tuple[Gate, ...], frozenset[str] | None]]:
        """Each cue pattern's gates and first words (what the cache keeps)."""
        return {p: (g, a) for c in self.criteria for cs in c.cue_sets() for p, g, a in zip(cs.patterns, cs.gates, cs.anchors)}

    def may_report_speech(self, scan: ReplyScan) -> bool:
        """Whether a ``reported_speech`` pattern can match a reply (False only when its words are absent)."""
        gate = self._reported_gate
        return not gate or not (gate[0].isdisjoint(scan.words) and gate[1].isdisjoint(scan.keys)) or bool(gate[2])

    def scan(self, text: str) -> ReplyScan:
        """What the gates read in ``text``, found once per reply."""
        return ReplyScan(self, text)

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


_CACHE_FORMAT = 8


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
