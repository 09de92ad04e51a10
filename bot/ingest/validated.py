"""Validated answers on disk: one reviewable JSON file per answer under `knowledge/validated/`.

    {"id": "qui-dirige-le-groupe-de-travail", "validated_on": "2026-11-28",
     "texts": {"fr": "…", "en": "…"},           # French required, other languages optional
     "wordings": ["Qui dirige … ?", "Who leads … ?"],
     "passages": ["amf-action-internationale/p003"]}

The folder sits in the knowledge folder so that answers are versioned and reviewed with the
documents; the document loader skips it. Files are written to a temporary name then renamed,
so a reader never sees half a file.
"""

from __future__ import annotations

import json
import re
import threading
import unicodedata
from datetime import date
from pathlib import Path

from bot.core.errors import KnowledgeError
from bot.core.files import write_atomically
from bot.core.health import HEALTH, Health
from bot.core.models import ValidatedAnswer

VALIDATED_FOLDER = "validated"
DRAFTS_FOLDER = "drafts"  # machine drafts of missing translations (`validated_drafts.py`), never read here
ORIGINAL_LANGUAGE = "fr"
_SLUG_MAX = 60


def validated_dir(knowledge_dir: Path) -> Path:
    return Path(knowledge_dir) / VALIDATED_FOLDER


def load_validated(folder: Path) -> list[ValidatedAnswer]:
    """Every readable validated answer in `folder` (none when it does not exist), sorted by id."""
    return read_folder(folder)[0]


def read_folder(folder: Path) -> tuple[list[ValidatedAnswer], list[tuple[str, str]]]:
    """The readable answers of `folder`, and the files skipped with the reason (one bad file costs only itself)."""
    if not folder.is_dir():
        return [], []
    answers, skipped = [], []
    for path in sorted(folder.glob("*.json")):
        try:
            answers.append(read_validated(path))
        except KnowledgeError as exc:
            skipped.append((path.name, str(exc).replace(f"{path}: ", "")))
        except Exception as exc:  # noqa: BLE001 - whatever is in the file, the other answers are served
            skipped.append((path.name, f"unreadable ({type(exc).__name__})"))
    return answers, skipped


def read_validated(path: Path) -> ValidatedAnswer:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise KnowledgeError(f"cannot read the validated answer {path}: {exc}") from exc
    try:
        answer = parse_validated(data)
    except KnowledgeError as exc:
        raise KnowledgeError(f"{path}: {exc}") from None
    if answer.answer_id != path.stem:
        raise KnowledgeError(f"{path}: id {answer.answer_id!r} differs from the file name")
    return answer


def parse_validated(data: object) -> ValidatedAnswer:
    """A `ValidatedAnswer` from its JSON object, every field checked."""
    if not isinstance(data, dict):
        raise KnowledgeError("a validated answer is a JSON object")
    texts = data.get("texts")
    if not isinstance(texts, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in texts.items()):
        raise KnowledgeError("'texts' must map languages to answer texts")
    texts = {lang: text.strip() for lang, text in texts.items() if text.strip()}
    if not texts.get(ORIGINAL_LANGUAGE):
        raise KnowledgeError("the French text ('texts': {'fr': …}) is required")
    wordings = _strings(data.get("wordings"), "wordings")
    passages = _strings(data.get("passages"), "passages")
    answer_id = data.get("id")
    if not isinstance(answer_id, str) or answer_id != slug(answer_id):
        raise KnowledgeError(f"'id' must be a lower-case slug, not {answer_id!r}")
    validated_on = data.get("validated_on")
    try:
        date.fromisoformat(str(validated_on))
    except ValueError:
        raise KnowledgeError(f"'validated_on' must be an ISO date, not {validated_on!r}") from None
    return ValidatedAnswer(answer_id, str(validated_on), texts, tuple(wordings), tuple(passages))


def _strings(value: object, name: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise KnowledgeError(f"'{name}' must be a list of strings")
    cleaned = list(dict.fromkeys(v.strip() for v in value if v.strip()))
    if not cleaned:
        raise KnowledgeError(f"'{name}' needs at least one entry")
    return cleaned


def new_validated(texts: dict[str, str], wordings: list[str], passage_ids: list[str],
                  answer_id: str | None = None, validated_on: str | None = None) -> ValidatedAnswer:
    """A checked answer from what staff typed; the id defaults to a slug of the first wording."""
    return parse_validated({
        "id": answer_id or slug(next((w for w in wordings if w.strip()), "")) or "answer",
        "validated_on": validated_on or date.today().isoformat(),
        "texts": texts, "wordings": wordings, "passages": passage_ids,
    })


def save_validated(folder: Path, answer: ValidatedAnswer) -> Path:
    """Write (or replace) the answer's file atomically; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{answer.answer_id}.json"
    text = json.dumps(answer.to_dict(), ensure_ascii=False, indent=2) + "\n"
    write_atomically(path, text)
    return path


def remove_validated(folder: Path, answer_id: str) -> bool:
    """Remove the answer's file, and the machine drafts of its translations with it."""
    path = folder / f"{slug(answer_id)}.json"
    if not path.is_file():
        return False
    path.unlink()
    (folder / DRAFTS_FOLDER / path.name).unlink(missing_ok=True)
    return True


def slug(text: str) -> str:
    """Lower-case ASCII words joined by '-' (accents dropped; other scripts give an empty slug)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:_SLUG_MAX].strip("-")


class ValidatedShelf:
    """The validated answers of a folder, re-read when a file is added, changed or removed.

    A file that cannot be read is skipped and named in `skipped` (file name, reason) and in `health`
    (one log line when the set of bad files changes); the other answers are served.
    """

    PART = "validated answers"

    def __init__(self, folder: Path, health: Health = HEALTH):
        self.folder = Path(folder)
        self.health = health
        self.skipped: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        self._signature: tuple | None = None
        self._answers: list[ValidatedAnswer] = []

    def current(self) -> list[ValidatedAnswer]:
        try:
            signature = self._read_signature()
            if signature != self._signature:
                with self._lock:
                    if signature != self._signature:
                        self._answers, self.skipped = read_folder(self.folder)
                        self._signature = signature
                        self.health.report(self.PART, "; ".join(
                            f"{VALIDATED_FOLDER}/{name} skipped: {reason}" for name, reason in self.skipped) or None)
        except OSError as exc:  # the folder cannot be listed: keep what was read before
            self.health.report(self.PART, f"{self.folder} cannot be read ({exc}); serving the answers read before")
        return self._answers

    def _read_signature(self) -> tuple:
        if not self.folder.is_dir():
            return ()
        entries = []
        for path in sorted(self.folder.glob("*.json")):
            try:
                stat = path.stat()
            except FileNotFoundError:  # removed while listing
                continue
            entries.append((path.name, stat.st_mtime_ns, stat.st_size))
        return tuple(entries)
