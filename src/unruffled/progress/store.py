"""The progress store: one SQLite file, one row per attempt, never lost once acknowledged.

Durability rules (why each setting is here):

* ``journal_mode=WAL`` so a reader (the progress widget) never blocks a writer
  (a quiz in another notebook) and a crash mid-write leaves the last committed
  state intact;
* ``synchronous=FULL`` so a COMMIT is on disk before :meth:`ProgressStore.record`
  returns: the returned row id is the acknowledgement;
* one transaction per attempt (``BEGIN IMMEDIATE`` ... ``COMMIT``), so an attempt
  is either fully saved or absent;
* a busy timeout so two kernels writing at once wait instead of failing.
"""

from __future__ import annotations

import getpass
import json
import math
import os
import sqlite3
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from html import escape
from pathlib import Path
from typing import Any, Iterable

ENV_DB = "UNRUFFLED_PROGRESS_DB"
ENV_LEARNER = "UNRUFFLED_LEARNER"
CONFIG_KEY = "progress_db"
BUSY_TIMEOUT_MS = 15_000
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS attempts (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    ts        TEXT    NOT NULL,
    learner   TEXT    NOT NULL,
    module    TEXT    NOT NULL,
    item_id   TEXT    NOT NULL,
    kind      TEXT    NOT NULL,
    answer    TEXT    NOT NULL,
    score     REAL    NOT NULL CHECK (score >= 0.0 AND score <= 1.0),
    outcome   TEXT,
    syllabus  TEXT    NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS attempts_by_learner ON attempts (learner, module, item_id);
"""


def _config_file() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir("unruffled")) / "config.yaml"


def default_db_path() -> Path:
    """Where progress is saved: ``$UNRUFFLED_PROGRESS_DB``, else the ``progress_db``
    key of ``<user config dir>/unruffled/config.yaml``, else
    ``<user data dir>/unruffled/progress.sqlite3``."""
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    cfg = _config_file()
    if cfg.is_file():
        import yaml

        try:
            data = yaml.safe_load(cfg.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ValueError(f"{cfg}: cannot read the Unruffled config file: {exc}") from None
        if isinstance(data, dict) and data.get(CONFIG_KEY):
            return Path(str(data[CONFIG_KEY])).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("unruffled")) / "progress.sqlite3"


# Filled lazily by ProgressStore.shared(), never at import time.
_SHARED: dict[Path, "ProgressStore"] = {}
_SHARED_LOCK = threading.Lock()


@dataclass(frozen=True)
class Attempt:
    """One saved attempt at a quiz question, role-play turn or exercise."""

    id: int
    timestamp: datetime
    learner: str
    module: str
    item_id: str
    kind: str
    answer: Any
    score: float
    outcome: str | None = None
    syllabus: tuple[str, ...] = field(default=())

    def _repr_html_(self) -> str:
        return (
            f"<div><strong>{escape(self.module)} / {escape(self.item_id)}</strong> "
            f"({escape(self.kind)}) by {escape(self.learner)} at {self.timestamp:%Y-%m-%d %H:%M}: "
            f"score {self.score:.0%}{' — ' + escape(self.outcome) if self.outcome else ''}</div>"
        )


class ProgressStore:
    """Attempts saved in an SQLite file (see module docstring for the durability rules).

    Safe to share between threads of one kernel and between processes (kernels,
    graders) using the same file.
    """

    def __init__(self, path: str | os.PathLike | None = None) -> None:
        self.path = Path(path).expanduser() if path is not None else default_db_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, so a transaction
        # is exactly one attempt and nothing is left open between calls.
        self._conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                                     check_same_thread=False)
        self._conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        mode = self._conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise RuntimeError(f"{self.path}: SQLite refused WAL mode (got {mode!r}); is it on a network file system?")
        self._conn.execute("PRAGMA synchronous=FULL")
        with self._lock:
            # executescript() would COMMIT on its own; run the statements in our transaction.
            self._conn.execute("BEGIN IMMEDIATE")
            for stmt in filter(None, (s.strip() for s in _SCHEMA.split(";"))):
                self._conn.execute(stmt)
            self._conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            self._conn.execute("COMMIT")

    # -- writing ---------------------------------------------------------

    def record(self, learner: str, module: str, item_id: str, kind: str, answer: Any, score: float,
               outcome: str | None = None, syllabus: Iterable[str] = ()) -> int:
        """Save one attempt in its own transaction and return its row id.

        The id is returned only after COMMIT (with ``synchronous=FULL``), so a
        caller that got an id knows the attempt survives a crash or power loss.
        ``answer`` must be JSON-serialisable; ``score`` must lie in [0, 1].
        """
        score = float(score)
        if math.isnan(score) or not 0.0 <= score <= 1.0:
            raise ValueError(f"score must be between 0 and 1, got {score!r}")
        for name, value in (("learner", learner), ("module", module), ("item_id", item_id), ("kind", kind)):
            if not isinstance(value, str) or not value:
                raise ValueError(f"{name} must be a non-empty string, got {value!r}")
        try:
            answer_json = json.dumps(answer, ensure_ascii=False, sort_keys=True)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"answer must be JSON-serialisable: {exc}") from None
        syllabus_json = json.dumps(list(syllabus))
        ts = datetime.now(timezone.utc).isoformat(timespec="microseconds")
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                cur = self._conn.execute(
                    "INSERT INTO attempts (ts, learner, module, item_id, kind, answer, score, outcome, syllabus)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (ts, learner, module, item_id, kind, answer_json, score, outcome, syllabus_json),
                )
                row_id = int(cur.lastrowid)
                self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
        return row_id

    # -- reading ---------------------------------------------------------

    def attempts(self, learner: str | None = None, module: str | None = None) -> list[Attempt]:
        """Saved attempts, oldest first, optionally for one learner and/or module."""
        sql = "SELECT id, ts, learner, module, item_id, kind, answer, score, outcome, syllabus FROM attempts"
        where, args = [], []
        if learner is not None:
            where.append("learner = ?")
            args.append(learner)
        if module is not None:
            where.append("module = ?")
            args.append(module)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id"
        with self._lock:
            rows = self._conn.execute(sql, args).fetchall()
        return [
            Attempt(id=r[0], timestamp=datetime.fromisoformat(r[1]), learner=r[2], module=r[3], item_id=r[4],
                    kind=r[5], answer=json.loads(r[6]), score=r[7], outcome=r[8], syllabus=tuple(json.loads(r[9])))
            for r in rows
        ]

    def best_scores(self, learner: str) -> dict[str, dict[str, float]]:
        """``{module: {item_id: best score}}`` for one learner: what they have done so far."""
        out: dict[str, dict[str, float]] = {}
        for a in self.attempts(learner=learner):
            items = out.setdefault(a.module, {})
            items[a.item_id] = max(items.get(a.item_id, 0.0), a.score)
        return out

    def mastery(self, learner: str) -> dict[str, dict[str, float]]:
        """``{module: {syllabus_id: mastery in [0, 1]}}``.

        Mastery of an id is the mean, over the items that exercise it, of the
        learner's best score on each item: retrying until right is learning,
        so it counts; an item never tried does not appear (it is "not yet",
        not "failed").
        """
        best: dict[tuple[str, str], float] = {}
        tags: dict[tuple[str, str], tuple[str, ...]] = {}
        for a in self.attempts(learner=learner):
            key = (a.module, a.item_id)
            best[key] = max(best.get(key, 0.0), a.score)
            if a.syllabus:
                tags[key] = a.syllabus
        sums: dict[str, dict[str, list[float]]] = {}
        for key, score in best.items():
            for sid in tags.get(key, ()):
                sums.setdefault(key[0], {}).setdefault(sid, []).append(score)
        return {m: {sid: sum(v) / len(v) for sid, v in sorted(ids.items())} for m, ids in sums.items()}

    def integrity_check(self) -> str:
        """SQLite's own check of the file: ``"ok"`` when it is sound."""
        with self._lock:
            return self._conn.execute("PRAGMA integrity_check").fetchone()[0]

    @classmethod
    def shared(cls, path: str | os.PathLike | None = None) -> "ProgressStore":
        """One store per database file per process, opened on first use.

        Every quiz widget in a notebook saves through it, so a Check does not
        pay for opening the file and setting it up each time.
        """
        key = Path(path).expanduser() if path is not None else default_db_path()
        with _SHARED_LOCK:
            store = _SHARED.get(key)
            if store is None:
                store = _SHARED[key] = cls(key)
            return store

    @staticmethod
    def default_learner() -> str:
        """The learner's name: ``$UNRUFFLED_LEARNER``, else the operating-system user name."""
        name = os.environ.get(ENV_LEARNER)
        if name:
            return name
        try:
            return getpass.getuser()
        except Exception:  # getuser raises various errors when no name is known (containers)
            return "learner"

    def close(self) -> None:
        """Close the connection (later calls fail)."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> "ProgressStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ProgressStore({str(self.path)!r})"
