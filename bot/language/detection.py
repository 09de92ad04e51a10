"""Offline language identification of questions, restricted to the languages the assistant speaks."""

from __future__ import annotations

import hashlib
import math
import re
import shutil
import threading
from array import array
from pathlib import Path

from bot.core.files import save_arrays_atomically
from bot.language.frequencies import has_word_lists, load as load_frequencies
from bot.language.frequencies import log_likelihoods
from bot.language.patterns import LATIN_LANGUAGES
from bot.language.supported import DEFAULT, SCRIPTS, SUPPORTED

__all__ = ["DEFAULT", "SUPPORTED", "conversation_language", "detect_language", "load_identifier", "use_cache"]

_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_UKRAINIAN_ONLY = re.compile(r"[іїєґІЇЄҐ]")
_RUSSIAN_ONLY = re.compile(r"[ыэъёЫЭЪЁ]")
_ROMANIAN_ONLY = re.compile(r"[șțȘȚşţ]")
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")
_LATIN_RUN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+")
_MARKUP = re.compile(r"<[^<>]*>")  # HTML tags pasted into a question say nothing of its language
_LEAST = 1e-9  # py3langid's probability floor, so that the words can still outweigh it
SCRIPT_SHARE = 0.2  # of a text's letters, for its script to decide its language

_identifiers: dict[tuple[str, ...], object] = {}
_model: list[tuple] = []  # py3langid's model, read once and shared by the identifiers of each language group
_loading = threading.Lock()  # a start may load it in the background (see `bot.assembly`): load it once


def detect_language(text: str, default: str = DEFAULT) -> str:
    """ISO 639-1 code of `text` among SUPPORTED; scripts decide first, then py3langid and word frequencies.

    A script decides when its letters are a good share of the text's (`SCRIPT_SHARE`), names in Latin
    letters left out: a question in Korean with an acronym or a place in Latin letters ("Burkina Faso는요?")
    is Korean, a French report naming Daejeon as 대전 is not; Romanian's own letters count outside names
    (a French note naming Iași is French). Within a script, py3langid's probability of each language is
    weighed with how likely the question's words are in it (`frequencies`), which short questions need.
    """
    text = _MARKUP.sub(" ", text) if "<" in text else text
    hangul, cjk = len(_HANGUL.findall(text)), len(_KANA.findall(text)) + len(_HAN.findall(text))
    cyrillic = len(_CYRILLIC.findall(text))
    if hangul or cjk or cyrillic:
        letters = max(1, len(_LETTER.findall(_without_latin_names(text))))
        if hangul >= SCRIPT_SHARE * letters:
            return "ko"
        if cjk >= SCRIPT_SHARE * letters:
            return "ja"
        if cyrillic >= SCRIPT_SHARE * letters:
            if _UKRAINIAN_ONLY.search(text) and not _RUSSIAN_ONLY.search(text):
                return "uk"
            if _RUSSIAN_ONLY.search(text) and not _UKRAINIAN_ONLY.search(text):
                return "ru"
            return _likeliest(text, _CYRILLIC_LANGUAGES)
    words = _without_names(text)
    if _ROMANIAN_ONLY.search(words):
        return "ro"
    if not re.search(r"[^\W\d_]{2,}", text):
        return default
    return _likeliest(words, LATIN_LANGUAGES)


def _likeliest(text: str, languages: tuple[str, ...]) -> str:
    """The language of `languages` with the highest py3langid probability times the likelihood of the words."""
    probabilities = _rank(text, languages)
    if not has_word_lists(languages):
        with _loading:  # the start's background load may be under way: wait for it rather than load them twice
            load_frequencies(WORD_LANGUAGES, _cache[0])
    evidence = log_likelihoods(_WORD.findall(text.lower()), languages)
    scores = {language: math.log(max(probabilities.get(language, 0.0), _LEAST)) + evidence[language] for language in languages}
    return max(scores, key=scores.get)


def _without_names(text: str) -> str:
    """The question without its names ("Qui est Smangaliso Mkahtshwa ?" reads as Italian otherwise).

    Capitalised words after the first, and acronyms, say nothing of the language; they are
    dropped unless nothing would be left.
    """
    words = text.split()
    kept = [w for i, w in enumerate(words) if i == 0 or not (w[:1].isupper() or w.isupper())]
    return " ".join(kept) if re.search(r"[^\W\d_]{2,}", " ".join(kept)) else text


def _without_latin_names(text: str) -> str:
    """`text` without its capitalised runs of Latin letters (names, acronyms), the first word's kept when
    the text has Latin words in lowercase too (the start of a sentence, then).

    Runs, not words: Latin letters run into Japanese and Korean words without a space ("AMFとCités Unies Franceの関係").
    """
    runs = list(_LATIN_RUN.finditer(text))
    first = _LETTER.search(text)
    start = first.start() if first and any(run[0][:1].islower() for run in runs) else -1
    return _LATIN_RUN.sub(lambda run: run[0] if run.start() == start or not run[0][:1].isupper() else " ", text)


def _rank(text: str, languages: tuple[str, ...]) -> dict[str, float]:
    """py3langid's probability for each of `languages`."""
    identifier = _identifiers.get(languages)
    if identifier is None:
        with _loading:
            identifier = _identifiers.get(languages) or _identifier(languages)
    return {language: float(p) for language, p in identifier.rank(text)}


def use_cache(cache: Path | None) -> None:
    """Name the folder the identifier and the word lists are read from, for whichever loads them first: a start
    names it before loading them in the background (`bot.assembly`), so a question asked before that load is
    done reads the cache too instead of unpacking the packaged files (~1 s of CPU, 60 MB more)."""
    _cache[0] = cache


def load_identifier(cache: Path | None = None) -> None:
    """Load the language identifier and the word lists now (a start does it in the background, see `bot.assembly`).

    py3langid ships its model LZMA-packed: unpacking it costs about 0.6 s of CPU at every start. With
    `cache` (or the folder `use_cache` named), the unpacked arrays are kept there (written on first use, for this
    exact model file) and read back in a few hundredths of a second; the identifier is the same."""
    cache = cache or _cache[0]
    with _loading:
        _read_model(cache)
        for languages in (LATIN_LANGUAGES, _CYRILLIC_LANGUAGES):
            _identifiers.get(languages) or _identifier(languages)
        load_frequencies(WORD_LANGUAGES, cache)


_cache: list[Path | None] = [None]


_CYRILLIC_LANGUAGES = ("ru", "uk")
WORD_LANGUAGES = (*LATIN_LANGUAGES, *_CYRILLIC_LANGUAGES)  # told apart by their words (`frequencies`)
_ARRAYS = ("ptc", "pc", "classes", "nextmove", "row", "output")


def _identifier(languages: tuple[str, ...]):
    from py3langid.langid import LanguageIdentifier

    ptc, pc, classes, nextmove, row, output = _read_model(_cache[0])
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
    save_arrays_atomically(folder, dict(zip(_ARRAYS, arrays)))


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
