"""The local index's layout: immutable generations, a pointer to the one serving, and a writer's lock.

Chroma's embedded client must not share a folder with another process that writes to it: a running
app whose folder is changed under it by `amf-bot index` fails on every question until restarted.
So a published generation is never written again. The indexer copies the serving generation into
a fresh folder (unchanged vectors are reused), syncs and verifies the copy, then switches the
pointer in one atomic rename; readers notice the pointer moved and open the new folder.

    index/CURRENT        the name of the serving generation (one line)
    index/gen-<n>/       a generation: Chroma's own files, the files derived from them, and VERSION
                         (the content fingerprint of its records, so a reader learns it without opening Chroma)
    index/damaged-...    a damaged generation set aside by the indexer, kept for the operator
    index/.lock          held (flock) by the one indexer at work

A kill at any moment leaves the pointer on a complete generation; a half-built folder is removed
by the next run. The current generation and the one before it (for rollback) are kept.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from bot.core.errors import IndexBusyError

POINTER = "CURRENT"
LOCK = ".lock"
DATABASE = "chroma.sqlite3"
VERSION = "VERSION"
LEGACY = "legacy"  # the pointer's name for a pre-generation index (its files directly in the folder)
_GENERATION = re.compile(r"gen-(\d+)")
# Chroma's files in the folder of an index written before generations (the database and one
# folder per segment, named by a UUID).
_LEGACY_SEGMENT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class Generations:
    """The generation folders under one index folder, and its pointer."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def published(self) -> Path | None:
        """The folder serving now: the generation the pointer names, a pre-generation index, or None."""
        names = self._pointer()
        if not names:
            return self.root if self.has_legacy() else None
        folder = self.root / names[0]
        return folder if _GENERATION.fullmatch(names[0]) and folder.is_dir() else None

    def replaced(self) -> Path | None:
        """The generation the serving one replaced (kept for rollback), if any."""
        names = self._pointer()[1:2]
        if not names:
            return None
        folder = self.root if names[0] == LEGACY else self.root / names[0]
        return folder if folder.is_dir() and (folder != self.root or self.has_legacy()) else None

    def has_legacy(self) -> bool:
        return (self.root / DATABASE).is_file()

    def fresh(self) -> Path:
        """A new, empty generation folder, numbered after every existing or named one."""
        self.root.mkdir(parents=True, exist_ok=True)
        names = [p.name for p in self.root.iterdir()] + self._pointer()
        numbers = [int(m.group(1)) for name in names if (m := _GENERATION.fullmatch(name))]
        folder = self.root / f"gen-{max(numbers, default=0) + 1}"
        folder.mkdir()
        return folder

    def publish(self, folder: Path, previous: Path | None) -> None:
        """Make `folder` the serving generation, atomically: a crash leaves the old or the new pointer.

        The pointer also names the generation it replaces, kept for rollback.
        """
        _fsync_tree(folder)
        before = "" if previous is None else LEGACY if previous == self.root else previous.name
        temporary = self.root / f".{POINTER}.{os.getpid()}"
        with open(temporary, "w", encoding="utf-8") as out:
            out.write(f"{folder.name}\n{before}\n")
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, self.root / POINTER)
        _fsync_dir(self.root)

    def prune(self) -> list[str]:
        """Remove all but the serving generation and the one it replaced; return what was removed.

        Only with the lock held: any other generation is an old one or a killed run's leftover.
        """
        keep = set(self._pointer())
        if not keep:  # nothing published yet, or an unreadable pointer: touch nothing
            return []
        removed = []
        for folder in sorted(self.root.iterdir()):
            if _GENERATION.fullmatch(folder.name) and folder.is_dir() and folder.name not in keep:
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder.name)
        if LEGACY not in keep and self.has_legacy():
            for path in self.legacy_files():
                shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
            removed.append("the files of the former single-folder index")
        for stray in self.root.glob(f".{POINTER}.*"):
            stray.unlink(missing_ok=True)
        return removed

    def legacy_files(self) -> list[Path]:
        if not self.has_legacy():
            return []
        return [self.root / DATABASE] + [p for p in self.root.iterdir() if p.is_dir() and _LEGACY_SEGMENT.fullmatch(p.name)]

    def _pointer(self) -> list[str]:
        try:
            return [line.strip() for line in (self.root / POINTER).read_text("utf-8").splitlines() if line.strip()]
        except (FileNotFoundError, NotADirectoryError, UnicodeDecodeError):
            return []

    def set_aside(self, folder: Path) -> Path:
        """Move a damaged generation out of the way (never deleted: the operator decides)."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.root / f"damaged-{'legacy' if folder == self.root else folder.name}-{stamp}"
        if folder == self.root:
            target.mkdir()
            for path in self.legacy_files():
                path.rename(target / path.name)
        else:
            folder.rename(target)
        return target


def copy_generation(source: Path, target: Path) -> None:
    """Copy Chroma's files from `source` into the empty folder `target`.

    The database goes through SQLite's backup API: a consistent snapshot even while a reader has it
    open. The segment folders (the vector index files) are copied as they are.
    """
    legacy = _GENERATION.fullmatch(source.name) is None
    for path in Generations(source).legacy_files() if legacy else list(source.iterdir()):
        if path.is_dir():
            shutil.copytree(path, target / path.name)
        elif not path.name.startswith(DATABASE):  # the database (and its journal) is copied below
            shutil.copy2(path, target / path.name)
    reader = sqlite3.connect(f"file:{source / DATABASE}?mode=ro", uri=True)
    writer = sqlite3.connect(target / DATABASE)
    try:
        reader.backup(writer)
    finally:
        writer.close()
        reader.close()


def stamp(folder: Path, version: str) -> None:
    """Write the generation's content fingerprint beside Chroma's files (before it is published)."""
    (folder / VERSION).write_text(f"{version}\n", encoding="utf-8")


def stamped(folder: Path) -> str | None:
    """The content fingerprint a generation was stamped with; None for one without (or an unreadable) stamp."""
    try:
        version = (folder / VERSION).read_text("utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return version or None


def damage(folder: Path, quick: bool = False) -> str | None:
    """What is wrong with the generation's database, or None if SQLite finds it sound.

    `quick`: only what its header says, read in microseconds (a reader following a generation it answers
    from without Chroma: SQLite's own check reads the whole file, seconds at 100k passages): an SQLite
    file, as long as the pages the header counts (an overwritten or cut file fails).
    """
    database = folder / DATABASE
    if not database.is_file():
        return f"{DATABASE} is missing"
    if quick:
        return _header_damage(database)
    try:
        connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            rows = connection.execute("PRAGMA quick_check").fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    problems = [row[0] for row in rows if row[0] != "ok"]
    return "; ".join(problems[:3]) or None


def _header_damage(database: Path) -> str | None:
    try:
        with open(database, "rb") as handle:
            header = handle.read(100)
        size = database.stat().st_size
    except OSError as exc:
        return str(exc)
    if len(header) < 100 or not header.startswith(b"SQLite format 3\0"):
        return "file is not a database"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    valid = header[24:28] == header[92:96]  # the page count is kept up to date by every writer since 2010
    if valid and pages and size < pages * page_size:
        return f"the file is cut short ({size} bytes, {pages} pages of {page_size} expected)"
    return None


@contextmanager
def exclusive(root: Path, wait_s: float) -> Iterator[None]:
    """Hold the index's writer lock, waiting at most `wait_s` seconds for another indexer to finish.

    flock is released by the kernel when its holder dies, kill -9 included: no stale lock to clear.
    """
    root.mkdir(parents=True, exist_ok=True)
    path = root / LOCK
    with open(path, "a+", encoding="utf-8") as handle:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "another process"
                    raise IndexBusyError(
                        f"the index at {root} is being updated by {holder}; waited {wait_s:g} s. "
                        "Run `amf-bot index` again when it has finished "
                        "(or raise AMF_BOT_INDEX_LOCK_WAIT_S to wait longer)") from None
                time.sleep(min(0.2, max(0.0, deadline - time.monotonic())) or 0.01)
        handle.seek(0)
        handle.truncate()
        handle.write(f"`amf-bot index` (pid {os.getpid()}, since {time.strftime('%Y-%m-%d %H:%M:%S')})")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            handle.flush()
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _fsync_tree(folder: Path) -> None:
    for path in [*folder.rglob("*"), folder]:
        if path.is_file():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
        elif path.is_dir():
            _fsync_dir(path)


def _fsync_dir(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
