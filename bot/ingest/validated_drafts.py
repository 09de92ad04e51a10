"""Machine drafts of validated answers' translations, waiting for staff: `knowledge/validated/drafts/<id>.json`.

    {"id": "qui-dirige-le-groupe-de-travail",
     "drafts": {"ko": {"text": "…", "source": "<the French text translated>", "model": "llama3.1",
                       "drafted_on": "2026-12-03"}}}

The drafts sit in a folder of their own beside the answers, which the answers' reader never opens
(it reads `validated/*.json` only): a draft is never served to visitors. Approving one writes its
(edited) text into the answer's `texts` and drops the draft; from then on it is served like any
text staff wrote. A drafts file that cannot be read costs only its drafts (reported, then replaced
by the next one written); files are written to a temporary name then renamed.
"""

from __future__ import annotations

import json
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

from bot.core.errors import KnowledgeError
from bot.core.files import write_atomically
from bot.core.models import ValidatedAnswer
from bot.ingest.validated import DRAFTS_FOLDER, ORIGINAL_LANGUAGE, read_validated, save_validated, slug
from bot.language.supported import SUPPORTED

_LOCK = threading.Lock()  # one read-change-write of a drafts or answer file at a time


@dataclass(frozen=True)
class MachineDraft:
    """A language model's translation of an answer's French text (`source`), not yet reviewed."""

    language: str
    text: str
    source: str
    model: str
    drafted_on: str  # ISO date

    def stale(self, answer: ValidatedAnswer) -> bool:
        """Whether the French text changed since it was translated."""
        return self.source != answer.texts.get(ORIGINAL_LANGUAGE)


def drafts_path(folder: Path, answer_id: str) -> Path:
    if not answer_id or answer_id != slug(answer_id):
        raise KnowledgeError(f"no validated answer {answer_id!r}")
    return Path(folder) / DRAFTS_FOLDER / f"{answer_id}.json"


def read_drafts(folder: Path, answer_id: str) -> dict[str, MachineDraft]:
    """The drafts of an answer by language (none when there is no file); KnowledgeError for a damaged file.

    A single entry that is not a draft (no text, not strings, not a language the assistant speaks) is left
    out, the others are kept.
    """
    path = drafts_path(folder, answer_id)
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise KnowledgeError(f"{DRAFTS_FOLDER}/{path.name} cannot be read ({type(exc).__name__})") from exc
    if not isinstance(data, dict) or data.get("id") != answer_id or not isinstance(data.get("drafts"), dict):
        raise KnowledgeError(f"{DRAFTS_FOLDER}/{path.name} is not the drafts of {answer_id!r}")
    drafts = {}
    for language, entry in data["drafts"].items():
        fields = {key: entry.get(key) for key in ("text", "source", "model", "drafted_on")} \
            if isinstance(entry, dict) else {}
        if language in SUPPORTED and fields and all(isinstance(v, str) for v in fields.values()) and fields["text"].strip():
            drafts[language] = MachineDraft(language, **fields)
    return drafts


def save_draft(folder: Path, answer_id: str, draft: MachineDraft) -> Path:
    """Add (or replace) the draft of one language; a damaged drafts file is replaced."""
    with _LOCK:
        try:
            drafts = read_drafts(folder, answer_id)
        except KnowledgeError:
            drafts = {}
        drafts[draft.language] = draft
        return _write(folder, answer_id, drafts)


def remove_draft(folder: Path, answer_id: str, language: str) -> bool:
    """Drop the draft of `language`; False when there was none."""
    with _LOCK:
        return _remove(folder, answer_id, language)


def approve_draft(folder: Path, answer_id: str, language: str, text: str) -> ValidatedAnswer:
    """`text` (the draft as staff edited it) becomes the answer's text in `language`; the draft is dropped."""
    text = text.strip()
    if not text:
        raise KnowledgeError("the reviewed text is empty: discard the draft instead")
    if language == ORIGINAL_LANGUAGE:
        raise KnowledgeError("the French text is written by staff, not drafted")
    with _LOCK:
        path = Path(folder) / f"{drafts_path(folder, answer_id).stem}.json"
        if not path.is_file():
            raise KnowledgeError(f"no validated answer {answer_id!r}")
        answer = read_validated(path)
        approved = ValidatedAnswer(answer.answer_id, answer.validated_on, {**answer.texts, language: text},
                                   answer.wordings, answer.passage_ids)
        try:
            save_validated(folder, approved)
        except OSError as exc:
            raise KnowledgeError(f"{path} cannot be written ({exc.strerror or exc})") from exc
        _remove(folder, answer_id, language)
        return approved


def _remove(folder: Path, answer_id: str, language: str) -> bool:
    try:
        drafts = read_drafts(folder, answer_id)
    except KnowledgeError:
        return False
    if drafts.pop(language, None) is None:
        return False
    if drafts:
        _write(folder, answer_id, drafts)
    else:
        try:
            drafts_path(folder, answer_id).unlink(missing_ok=True)
        except OSError as exc:
            raise KnowledgeError(f"the drafts of {answer_id} cannot be removed ({exc.strerror or exc})") from exc
    return True


def _write(folder: Path, answer_id: str, drafts: dict[str, MachineDraft]) -> Path:
    path = drafts_path(folder, answer_id)
    entries = {language: {k: v for k, v in asdict(d).items() if k != "language"} for language, d in sorted(drafts.items())}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, json.dumps({"id": answer_id, "drafts": entries}, ensure_ascii=False, indent=2) + "\n")
    except OSError as exc:
        raise KnowledgeError(f"{path} cannot be written ({exc.strerror or exc})") from exc
    return path
