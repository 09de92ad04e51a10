"""Translation files written by `amf-bot translate`, and the sidecar format of a dropped file's translations.

- A document folder gets `<language>.txt` (one paragraph per line, aligned with the original file,
  its notice line included) and an entry `"machine": true` in `document.json`; reviewing it means
  correcting the text and removing the flag.
- A dropped file `report.pdf` gets `report.pdf.<language>.json`: its title and notice translated
  and its content paragraphs in extraction order, each with the original it translates, plus a
  hash of those originals: when the file changes, the translation no longer matches and the
  loader leaves it out (and says so) instead of aligning it with the wrong paragraphs.

Every file is written to a temporary file and moved into place (`os.replace`), so a failure
at any moment leaves either the previous file or the new one, never half of one; `document.json`
is changed only once its text file is in place.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from bot.core.errors import KnowledgeError
from bot.core.files import write_atomically
from bot.language.supported import SUPPORTED as LANGUAGES


SIDECAR_FORMAT = 1


@dataclass(frozen=True)
class TranslationSidecar:
    """The translation of a dropped file into one language."""

    language: str
    title: str
    notice: str
    paragraphs: tuple[str, ...]  # aligned with the original's content paragraphs
    source_sha256: str  # `content_hash` of the originals it translates
    machine: bool  # written by a language model and not reviewed yet


def sidecar_path(path: Path, language: str) -> Path:
    return path.with_name(f"{path.name}.{language}.json")


def translated_file(path: Path) -> Path | None:
    """The dropped file `path` translates, if `path` is a translation sidecar (`<file>.<language>.json`)."""
    name = path.name
    if not name.endswith(".json"):
        return None
    stem, _, language = name[: -len(".json")].rpartition(".")
    if language not in LANGUAGES or not stem:
        return None
    source = path.with_name(stem)
    return source if source.is_file() else None


def content_hash(originals: list[str]) -> str:
    """What a sidecar is keyed by: the original's content paragraphs, in order."""
    return hashlib.sha256("\n".join(originals).encode("utf-8")).hexdigest()


def read_sidecar(path: Path) -> TranslationSidecar:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = tuple(str(p["translation"]).strip() for p in data["paragraphs"])
        sidecar = TranslationSidecar(str(data["language"]), str(data.get("title", "")), str(data.get("notice", "")),
                                     paragraphs, str(data["source_sha256"]), bool(data.get("machine", False)))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise KnowledgeError(f"cannot read the translation {path.name}: {type(exc).__name__}: {exc}") from None
    if sidecar.language not in LANGUAGES:
        raise KnowledgeError(f"{path.name}: unknown language {sidecar.language!r}; allowed: {', '.join(LANGUAGES)}")
    if not all(paragraphs) or any("\n" in p for p in paragraphs):
        raise KnowledgeError(f"{path.name}: every paragraph needs a translation, on one line")
    return sidecar


def sidecar_text(language: str, title: str, notice: str, originals: list[str], translations: list[str],
                 machine: bool = True) -> str:
    """The sidecar's JSON: each paragraph beside the original it translates, for review."""
    if len(originals) != len(translations):
        raise ValueError(f"{len(translations)} translations for {len(originals)} paragraphs")
    data = {
        "format": SIDECAR_FORMAT,
        "language": language,
        "machine": machine,
        "source_sha256": content_hash(originals),
        "title": title,
        "notice": notice,
        "paragraphs": [{"n": n, "original": o, "translation": t}
                       for n, (o, t) in enumerate(zip(originals, translations), 1)],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def write_folder_translation(folder: Path, metadata_file: str, language: str, title: str, lines: list[str]) -> Path:
    """`<language>.txt` aligned line by line with the original, then its machine-translation entry in the metadata."""
    meta_path = folder / metadata_file
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    text_path = folder / f"{language}.txt"
    write_atomically(text_path, "\n".join(lines) + "\n")
    translations = dict(meta.get("translations") or {})
    translations[language] = {"file": text_path.name, "title": title, "status": "unofficial", "machine": True}
    meta["translations"] = dict(sorted(translations.items()))
    write_atomically(meta_path, json.dumps(meta, ensure_ascii=False, indent=2) + "\n")
    return text_path
