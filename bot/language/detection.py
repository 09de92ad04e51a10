"""Offline language identification of questions, restricted to the languages the assistant speaks."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import threading
from array import array
from pathlib import Path

from bot.language.patterns import LATIN_LANGUAGES, QUESTION_WORDS
from bot.language.supported import DEFAULT, SCRIPTS, SUPPORTED

__all__ = ["DEFAULT", "SUPPORTED", "conversation_language", "detect_language", "load_identifier"]

_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_UKRAINIAN_ONLY = re.compile(r"[іїєґІЇЄҐ]")
_RUSSIAN_ONLY = re.compile(r"[ыэъёЫЭЪЁ]")
_ROMANIAN_ONLY = re.compile(r"[șțȘȚşţ]")
_LETTER = re.compile(r"[^\W\d_]")
SCRIPT_SHARE = 0.2  # of a text's letters, for its script to decide its language

_identifiers: dict[tuple[str, ...], object] = {}
_model: list[tuple] = []  # py3langid's model, read once and shared by the identifiers of each language group
_loading = threading.Lock()  # a start may load it in the background (see `bot.assembly`): load it once


def detect_language(text: str, default: str = DEFAULT) -> str:
    """ISO 639-1 code of `text` among SUPPORTED; scripts decide first, py3langid decides the rest.

    A script decides when its letters are a good share of the text's (`SCRIPT_SHARE`): a question in Korean
    with an acronym in Latin letters is Korean, a French report naming Daejeon as 대전 is not; Romanian's own
    letters count outside names (a French note naming Iași is French).
    """
    letters = max(1, len(_LETTER.findall(text)))
    if len(_HANGUL.findall(text)) >= SCRIPT_SHARE * letters:
        return "ko"
    if len(_KANA.findall(text)) + len(_HAN.findall(text)) >= SCRIPT_SHARE * letters:
        return "ja"
    if len(_CYRILLIC.findall(text)) >= SCRIPT_SHARE * letters:
        if _UKRAINIAN_ONLY.search(text) and not _RUSSIAN_ONLY.search(text):
            return "uk"
        if _RUSSIAN_ONLY.search(text) and not _UKRAINIAN_ONLY.search(text):
            return "ru"
        ranked = _rank(text, ("ru", "uk"))
        return max(ranked, key=ranked.get)
    words = _without_names(text)
    if _ROMANIAN_ONLY.search(words):
        return "ro"
    if not re.search(r"[^\W\d_]{2,}", text):
        return default
    probabilities = _rank(words, LATIN_LANGUAGES)
    # Short questions give the classifier little to go on; words only one language uses decide ties.
    for word in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", words.lower()):
        for language, markers in QUESTION_WORDS.items():
            if word in markers:
                probabilities[language] = probabilities.get(language, 0.0) + 0.3
    return max(probabilities, key=probabilities.get) if probabilities else default


def _without_names(text: str) -> str:
    """The question without its names ("Qui est Smangaliso Mkahtshwa ?" reads as Italian otherwise).

    Capitalised words after the first, and acronyms, say nothing of the language; they are
    dropped unless nothing would be left.
    """
    words = text.split()
    kept = [w for i, w in enumerate(words) if i == 0 or not (w[:1].isupper() or w.isupper())]
    return " ".join(kept) if re.search(r"[^\W\d_]{2,}", " ".join(kept)) else text


def _rank(text: str, languages: tuple[str, ...]) -> dict[str, float]:
    """py3langid's probability for each of `languages`."""
    identifier = _identifiers.get(languages)
    if identifier is None:
        with _loading:
            identifier = _identifiers.get(languages) or _identifier(languages)
    return {language: float(p) for language, p in identifier.rank(text)}


def load_identifier(cache: Path | None = None) -> None:
    """Load the language identifier now (a start does it in the background, see `bot.assembly`).

    py3langid ships its model LZMA-packed: unpacking it costs about 0.6 s of CPU at every start. With
    `cache`, the unpacked arrays are kept there (written on first use, for this exact model file) and
    read back in a few hundredths of a second; the identifier is the same."""
    with _loading:
        _read_model(cache)
        for languages in (LATIN_LANGUAGES, _CYRILLIC_LANGUAGES):
            _identifiers.get(languages) or _identifier(languages)


_CYRILLIC_LANGUAGES = ("ru", "uk")
_ARRAYS = ("ptc", "pc", "classes", "nextmove", "row", "output")


def _identifier(languages: tuple[str, ...]):
    from py3langid.langid import LanguageIdentifier

    ptc, pc, classes, nextmove, row, output = _read_model(None)
    identifier = LanguageIdentifier(ptc, pc, classes, nextmove, output, norm_probs=True, tk_row=row)
    identifier.set_languages(list(languages))
    _identifiers[languages] = identifier
    return identifier


def _read_model(cache: Path | None) -> tuple:
    """(ptc, pc, classes, nextmove, row, output) as py3langid's `load_model` returns them (under `_loading`)."""
    if _model:
        return _model[0]
    from py3langid.langid import MODEL_DIR, MODEL_FILE
    from py3langid.modelio import load_model

    packed = MODEL_DIR / MODEL_FILE
    folder = cache / f"py3langid-{hashlib.sha256(packed.read_bytes()).hexdigest()[:16]}" if cache else None
    model = _unpacked(folder) if folder is not None else None
    if model is None:
        model = load_model(packed)
        if folder is not None:
            _keep_unpacked(model, folder)
    _model.append(model)
    return model


def _unpacked(folder: Path) -> tuple | None:
    import numpy as np

    try:
        ptc, pc, classes, nextmove, row, output = (np.load(folder / f"{name}.npy", mmap_mode="r") for name in _ARRAYS)
        # The full table stays mapped: each language group's identifier copies its own columns.
        return (ptc, np.array(pc), classes.tolist(), _stdlib_array(nextmove), _stdlib_array(row), output.tolist())
    except (OSError, ValueError):
        shutil.rmtree(folder, ignore_errors=True)  # a damaged copy: written again from the packed model
        return None


def _stdlib_array(values) -> array:
    """A NumPy array of unsigned integers as the stdlib array py3langid walks its automaton with."""
    packed = array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize])
    packed.frombytes(memoryview(values).cast("B"))
    return packed


def _keep_unpacked(model: tuple, folder: Path) -> None:
    """Write the arrays into `folder` whole or not at all (another start may be writing them too)."""
    import numpy as np

    ptc, pc, classes, nextmove, row, output = model
    arrays = (ptc, pc, np.array(classes), np.frombuffer(nextmove, dtype=f"u{nextmove.itemsize}"),
              np.frombuffer(row, dtype=f"u{row.itemsize}"), np.asarray(output, dtype=np.int32))
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        partial = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    except OSError:  # a read-only cache: the packed model serves
        return
    try:
        for name, values in zip(_ARRAYS, arrays):
            np.save(partial / f"{name}.npy", values)
        os.replace(partial, folder)
    except OSError:  # a full disk, or another start's copy got there first
        shutil.rmtree(partial, ignore_errors=True)


SHORT_FOLLOW_UP_WORDS = 4  # below this, a follow-up keeps the language of the conversation


def conversation_language(question: str, history: list[str]) -> str:
    """The language to answer `question` in, after the visitor's earlier questions `history` (oldest first).

    Language identification guesses poorly on two or three words ("Et lui ?" reads as Romanian),
    so a very short follow-up keeps the conversation's language; a switch of script (to Japanese,
    say) is taken as meant.
    """
    language = None
    for text in [*history, question]:
        language = _turn_language(text, language)
    return language or DEFAULT


def _turn_language(text: str, previous: str | None) -> str:
    detected = detect_language(text, default=previous or DEFAULT)
    short = len(text.split()) < SHORT_FOLLOW_UP_WORDS
    if previous and short and detected != previous and SCRIPTS[detected] == SCRIPTS[previous]:
        return previous
    return detected
