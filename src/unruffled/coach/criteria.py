"""One small check per kind of criterion, evaluated as a declared list.

Each check reads a prepared :class:`Text` and returns the spans of the reply
that show the criterion; :func:`build_checks` turns a lexicon into the list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import CriterionSpec, Lexicon, compiled

WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?", re.UNICODE)
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)|\n", re.UNICODE)
# Straight and curly quotes around a stretch of text: the customer's words, not the agent's.
QUOTED = re.compile(r"\"[^\"\n]{2,400}\"|\u201c[^\u201d\n]{2,400}\u201d|(?:(?<=^)|(?<=[\s(:]))'[^'\n]{2,200}'(?=[\s.,!?;:)]|$)|\u2018[^\u2019\n]{2,200}\u2019")


@dataclass
class Text:
    """A reply ready for matching: quotes blanked out (same length), sentences and their spans."""

    original: str
    masked: str
    sentences: list[tuple[int, int]]

    @classmethod
    def prepare(cls, reply: str) -> "Text":
        masked = QUOTED.sub(lambda m: " " * len(m.group(0)), reply.replace("\u2019", "'"))
        sentences = [(m.start(), m.end()) for m in SENTENCE.finditer(masked) if m.group(0).strip()]
        return cls(reply, masked, sentences)

    def sentence_at(self, pos: int) -> tuple[int, int]:
        for start, end in self.sentences:
            if start <= pos < end:
                return start, end
        return 0, len(self.masked)


@dataclass
class Found:
    """Where a criterion showed, and in which sentence."""

    start: int
    end: int
    sentence: tuple[int, int]


@dataclass
class Check:
    """Cue patterns with negation, exclusions and cancellation by pitfalls."""

    spec: CriterionSpec
    lexicon: Lexicon
    cue_patterns: list[re.Pattern] = field(init=False)
    not_if: list[re.Pattern] = field(init=False)

    def __post_init__(self) -> None:
        self.cue_patterns = [compiled(p) for p in self.spec.cues]
        self.not_if = [compiled(p) for p in self.spec.not_if]
        self._negators = {n.lower() for n in self.lexicon.negators}
        self._breaks = compiled(self.lexicon.clause_breaks)

    @property
    def id(self) -> str:
        return self.spec.id

    def negated(self, text: Text, start: int, sentence: tuple[int, int]) -> bool:
        """A negator shortly before the cue, in the same clause ("I can't guarantee")."""
        before = text.masked[sentence[0]:start]
        breaks = list(self._breaks.finditer(before))
        if breaks:
            before = before[breaks[-1].end():]
        words = [w.lower() for w in WORD.findall(before)][-self.lexicon.negation_window:]
        return any(w in self._negators or w.endswith("n't") for w in words)

    def excluded(self, text: Text, sentence: tuple[int, int]) -> bool:
        chunk = text.masked[sentence[0]:sentence[1]]
        return any(p.search(chunk) for p in self.not_if)

    def find(self, text: Text, found_so_far: dict[str, list[Found]]) -> list[Found]:
        """Every place the criterion shows in ``text``."""
        out: list[Found] = []
        for start, end in text.sentences:
            chunk = text.masked[start:end]
            for pattern in self.cue_patterns:
                for m in pattern.finditer(chunk):
                    s, e = start + m.start(), start + m.end()
                    if self.accept(text, s, e, (start, end), found_so_far):
                        out.append(Found(s, e, (start, end)))
        return _dedupe(out)

    def accept(self, text: Text, s: int, e: int, sentence: tuple[int, int], found_so_far: dict[str, list[Found]]) -> bool:
        if self.negated(text, s, sentence) or self.excluded(text, sentence):
            return False
        for pitfall in self.spec.cancelled_by:
            if any(f.sentence == sentence for f in found_so_far.get(pitfall, [])):
                return False
        return True


@dataclass
class QuestionCheck(Check):
    """A genuine question: a sentence ending in '?' (or a polite request) that is not rhetorical."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.rhetorical = [compiled(p) for p in self.spec.rhetorical]

    def find(self, text: Text, found_so_far: dict[str, list[Found]]) -> list[Found]:
        out = super().find(text, found_so_far)
        for start, end in text.sentences:
            chunk = text.masked[start:end].rstrip()
            if not chunk.endswith("?"):
                continue
            if any(p.search(chunk) for p in self.rhetorical):
                continue
            if any(f.sentence == (start, end) for pit in ("blame", "condescension", "hostility") for f in found_so_far.get(pit, [])):
                continue
            lead = len(chunk) - len(chunk.lstrip())
            out.append(Found(start + lead, start + len(chunk), (start, end)))
        return [f for f in _dedupe(out) if not any(p.search(text.masked[f.sentence[0]:f.sentence[1]]) for p in self.rhetorical)]


@dataclass
class OptionsCheck(Check):
    """Two or more alternatives: an explicit cue, or an offer with an 'or' between two choices."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.offer = compiled(self.spec.offer_verbs or r"(?!)")
        self.or_excl = compiled(self.spec.or_exclusions or r"(?!)")

    def find(self, text: Text, found_so_far: dict[str, list[Found]]) -> list[Found]:
        out = super().find(text, found_so_far)
        for start, end in text.sentences:
            chunk = text.masked[start:end]
            offer = self.offer.search(chunk)
            if not offer:
                continue
            cleaned = self.or_excl.sub(lambda m: " " * len(m.group(0)), chunk)
            alt = re.search(r"\bor\b", cleaned[offer.end():], re.IGNORECASE)
            if alt and not self.negated(text, start + offer.start(), (start, end)):
                s = start + offer.start()
                e = start + offer.end() + alt.end()
                out.append(Found(s, e, (start, end)))
        return _dedupe(out)


def _dedupe(found: list[Found]) -> list[Found]:
    found = sorted(found, key=lambda f: (f.start, -f.end))
    out: list[Found] = []
    for f in found:
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out


def build_checks(lexicon: Lexicon) -> list[Check]:
    """The declared list of checks, in the lexicon's order (pitfalls before the strengths they cancel)."""
    checks: list[Check] = []
    for spec in lexicon.criteria:
        kind = QuestionCheck if spec.question else OptionsCheck if spec.options else Check
        checks.append(kind(spec, lexicon))
    return checks
