"""The refusal threshold, derived from the knowledge base itself when it is indexed.

The gate looks at three signals of a question:
- `closeness`: the highest similarity between the question and one language version of the best
  passages (each embedder has its own scale, and the same embedder scores differently against
  different corpora: many short untranslated documents sit closer to any question than one
  translated document does);
- `known_share`: the share of the question's words (tokens) that occur anywhere in the knowledge
  base, in any language — an off-topic question is mostly made of words the documents never use;
- `held_share`: the largest idf-weighted share of the question's known words that one of the best
  passages holds (in the question's language or the original) — "Кто такой Бруно Жонкур?" finds
  both names in one passage, a question on farm policy only "AMF" and "European".

`calibrate` asks everyday questions that no municipal knowledge base answers —
`bot/language/offtopic_probes.json`, the same topics in the 11 languages — against *this* corpus,
standardises the signals on them (mean and spread of the off-topic probes), and adds them, the
vocabulary one at `KNOWN_WEIGHT`, the held one at `HELD_WEIGHT`. The threshold sits `margin` spread units above the highest
off-topic probe. In-domain probes (the first words of each passage version, asked as a question)
measure what the threshold would refuse; if it would refuse more than a tenth of them, the
threshold moves down to the middle of the two groups. Both error rates are stored with it.

The indexer calibrates each new generation before publishing it and stores it in the generation
(`calibration.json`, with the store's content fingerprint); it is derived again whenever the
fingerprint changes (documents added, changed, removed), the embedder or the method (`METHOD`)
changes. A running app derives it only for an index that lacks it, off the visitors' path (`Calibrator`). Method and measured rates: docs/calibration.md.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable, Protocol

import numpy as np

from bot.answering.grounding import anchors
from bot.core.models import ScoredPassage
from bot.core.text import CAPITALISED_WORD, CJK, tokenize
from bot.language.countries import countries_in, country_words
from bot.language.detection import SUPPORTED
from bot.language.patterns import FRAMING_WORDS, without_exclusions
from bot.language.vocabulary import Vocabulary
from bot.language.supported import COUNTED_IN_CHARACTERS

log = logging.getLogger(__name__)

PROBES = Path(__file__).resolve().parent.parent / "language" / "offtopic_probes.json"
GATE_DEPTH = 3  # the best passages the gate looks at
IN_DOMAIN_WORDS = 12  # words of a passage version that make an in-domain probe
MAX_IN_DOMAIN_REFUSED = 0.1
MAX_IN_DOMAIN_PROBES = 2000  # a share refused measured on 2,000 probes is within ±1.4 points (95 %) of all of them


class Searcher(Protocol):
    def search(self, question: str, language: str | None = None) -> list[ScoredPassage]: ...


KNOWN_WEIGHT = 0.5
METHOD = 11  # 1: closeness and known share; 2: and the share of the question's terms the best passage holds;
# 3: and a closeness threshold for questions whose best passage has no version in their language;
# 4: the known share leaves out the words that frame a question (`FRAMING_WORDS`);
# 5: the foreign threshold's margin is `FOREIGN_MARGIN`;
# 6: the words naming a country the documents name are known; the foreign threshold asks, where the documents
# have texts in the question's language, a known share at least the off-topic probes' mean;
# 7: the foreign threshold is on closeness and known share (`foreign_score`), not closeness alone;
# 8: closeness is measured with each language's offset taken out (`bot.retrieval.centring`);
# 9: a name transcribed from another script counts as known by its sound or spelling (`known_share`);
# 10: the countries the question names are anchors too, and the foreign threshold is placed on the off-topic
# probes' foreign scores with their anchors (`anchored_share`); 11: the foreign path is taken when any of the
# gate's best passages lacks the question's language, and judged on those passages
HELD_WEIGHT = 0.5
FOREIGN_MARGIN = 0.1  # above the closest off-topic probe that met a passage without its language
ANCHOR_WEIGHT = 1.0  # in spread units: a question naming what the passage names across languages (see `accepts`)


@dataclass(frozen=True)
class Calibration:
    """The relevance threshold for one index content and embedder, with how it was measured.

    `threshold` applies to `score`; `closeness_floor` is the closeness the threshold asks of a
    passage whose question words are all known (used to keep weak extra passages out).
    """

    threshold: float
    index_version: str
    embedder: str
    closeness_mean: float = 0.0
    closeness_spread: float = 1.0
    known_mean: float = 0.0
    known_spread: float = 1.0
    held_mean: float = 0.0
    held_spread: float = 1.0
    offtopic_max: float = 0.0
    offtopic_accepted: float = 0.0  # share of the off-topic probes the threshold lets through
    in_domain_refused: float = 0.0  # share of the in-domain probes it refuses
    probes: int = 0
    method: int = 0  # `METHOD` when derived: a calibration of another method is derived again
    # In standardised closeness units: the gate for a question one of whose best passages has no version in its
    # language, where the word signals cannot see the question's words (German words, a French-only PDF).
    foreign_threshold: float = float("inf")

    def score(self, closeness: float, known: float, held: float = 1.0) -> float:
        held_units = 0.0 if np.isnan(held) else (held - self.held_mean) / self.held_spread  # NaN: not measured
        return ((closeness - self.closeness_mean) / self.closeness_spread
                + KNOWN_WEIGHT * (known - self.known_mean) / self.known_spread
                + HELD_WEIGHT * held_units)

    def accepts(self, question: str, hits: list[ScoredPassage], vocabulary: Vocabulary | None,
                language: str | None = None) -> bool:
        close, known, held = signals(question, hits, vocabulary)
        if self.score(close, known, held) >= self.threshold:
            return True
        # The foreign path: closeness alone, for a question one of whose best passages has no version in its language.
        # Where the documents have texts in the question's language, its words must also be as known as an
        # off-topic probe's on average ("Порадь рецепт борщу" uses none: it is not about them).
        # What it names in a form every language shares (an acronym, a number, a name), held by one of the best
        # passages, adds `ANCHOR_WEIGHT`: the off-topic probes name none of it.
        # It is judged on the best passages without the question's language, wherever they rank among the gate's:
        # the seed's translated passage on the same subject may come first and the French-only answer second.
        strangers = foreign_hits(hits, language)
        if not strangers:
            return False
        anchored = ANCHOR_WEIGHT * anchored_share(question, strangers, vocabulary, language) if vocabulary else 0.0
        return (self.foreign_score(closeness(strangers), known) + anchored >= self.foreign_threshold
                and (known >= self.known_mean or not _has_texts_in(vocabulary, language)))

    def foreign_score(self, closeness: float, known: float) -> float:
        """The score without the held share, which a passage without the question's language cannot show."""
        return ((closeness - self.closeness_mean) / self.closeness_spread
                + KNOWN_WEIGHT * (known - self.known_mean) / self.known_spread)

    def relevant(self, hit: ScoredPassage, language: str | None = None) -> bool:
        """The passage alone would pass the threshold, every question word counted as known. A passage without a
        version in the question's language is judged as the gate judges a question it answers: on the foreign
        threshold, with no held share — a French-only passage cannot hold the words of an English question,
        whatever it says, and the threshold measured on passages that can asks more closeness of it than an
        off-topic probe ever reaches across languages (the 2019 report's "réuni à six reprises" was kept out
        of the answer to "Wie oft hat sich die Arbeitsgruppe 2019 getroffen?")."""
        if speaks(hit, language):
            return self.score(hit.closest, 1.0, hit.held) >= self.threshold
        return self.foreign_score(hit.closest, 1.0) >= self.foreign_threshold


ACCEPT_ALL = Calibration(threshold=-np.inf, index_version="", embedder="", foreign_threshold=-np.inf)


def signals(question: str, hits: list[ScoredPassage], vocabulary: Vocabulary | None) -> tuple[float, float, float]:
    return closeness(hits), known_share(question, vocabulary), held_share(hits)


def foreign_hits(hits: list[ScoredPassage], language: str | None) -> list[ScoredPassage]:
    """The gate's best passages that have no version in the question's language."""
    return [hit for hit in hits[:GATE_DEPTH] if not speaks(hit, language)]


def anchored_share(question: str, hits: list[ScoredPassage], vocabulary: Vocabulary, language: str | None) -> float:
    """The share of the question's anchors one of the best passages holds, in its text, its context or its
    document's title; 0 when the question has none. The anchors: what `grounding.anchors` finds (acronyms,
    numbers, names) and the countries the question names that the documents name — a country is recognised in
    every language ("Польщі", "コートジボワール", "franco-ivoriene"), the retriever says how much of them a
    passage names (`on_country`)."""
    asked = anchors(question, language or "", vocabulary)
    countries = len(countries_in(without_exclusions(question, language or "")) & vocabulary.countries)
    if not asked and not countries:
        return 0.0
    held = [len(asked & set(tokenize(" ".join([hit.passage.original.title, hit.passage.original.context,
                                                hit.passage.original.text])))) + countries * hit.on_country
            for hit in hits[:GATE_DEPTH]]
    return max(held) / (len(asked) + countries) if held else 0.0


def _has_texts_in(vocabulary: Vocabulary | None, language: str | None) -> bool:
    """The knowledge base has translations in `language`: the question's words can be known to it."""
    return vocabulary is not None and language is not None and vocabulary.group_sizes.get(language, 0) > 0


def speaks(hit: ScoredPassage, language: str | None) -> bool:
    """The passage has a version in the question's language (unknown language: assumed so)."""
    return language is None or language == hit.passage.original.language or language in hit.passage.translations


def held_share(hits: list[ScoredPassage]) -> float:
    """The largest idf-weighted share of the question's terms one of the best passages holds."""
    return max((hit.held for hit in hits[:GATE_DEPTH]), default=0.0)


def closeness(hits: list[ScoredPassage]) -> float:
    """The closest any version of the best passages comes to the question."""
    return max((hit.closest for hit in hits[:GATE_DEPTH]), default=-1.0)


def known_share(question: str, vocabulary: Vocabulary | None) -> float:
    """The share of the question's words the knowledge base uses somewhere, in any language."""
    if vocabulary is None:
        return 1.0
    tokens = [t for t in set(tokenize(question)) - framing_tokens() if len(t) >= 3 or CJK.match(t)]
    # A name is known inflected too (Жак in a question, "Жака Оксиетта" in the documents).
    names = {t for word in re.findall(CAPITALISED_WORD, question) for t in tokenize(word)}
    # A country the documents name is known however the question writes it ("Costa de Marfil" for a
    # French-only "Côte d'Ivoire").
    places = {t for word, codes in country_words(question).items() if codes & vocabulary.countries
              for t in tokenize(word)}
    # A name transcribed from another script is known by its sound or spelling (Рокбрюн-ла-Валле, Хоффель).
    transcribed = {t for word in re.findall(CAPITALISED_WORD, question) if vocabulary.knows_transcribed(word)
                   for t in tokenize(word)}
    known = [vocabulary.knows_token(t) or t in places or t in transcribed
             or (t in names and vocabulary.knows_word(t)) for t in tokens]
    return sum(known) / len(tokens) if tokens else 0.0


@lru_cache(maxsize=1)
def framing_tokens() -> frozenset[str]:
    """The tokens of the words that frame a question in any supported language ("who is", "hello", "please")."""
    return frozenset(tokenize(" ".join(FRAMING_WORDS.values())))


@lru_cache(maxsize=1)
def offtopic_probes() -> tuple[tuple[str, str], ...]:
    data = json.loads(PROBES.read_text("utf-8"))
    return tuple((language, q) for language in SUPPORTED for q in data[language])


def in_domain_probes(passages, words: int = IN_DOMAIN_WORDS, limit: int = MAX_IN_DOMAIN_PROBES) -> list[tuple[str, str]]:
    """The opening words of every version of every passage, asked as a question; at most `limit` of them, taken
    evenly through the passages (every k-th), so that calibrating 100,000 passages costs what 2,000 do."""
    probes = []
    for passage in passages:
        for version in passage.versions:
            text = version.text.lstrip("-–•* ")
            head = text[: words * 3] if version.language in COUNTED_IN_CHARACTERS else " ".join(text.split()[:words])
            probes.append((version.language, f"{head} ?"))
    step = max(1, -(-len(probes) // limit))
    return probes[::step]


def calibrate(searcher: Searcher, passages, vocabulary: Vocabulary | None, index_version: str, embedder: str,
              margin: float = 0.25, workers: int = 1) -> Calibration:
    """Score the off-topic and in-domain probes against this corpus and place the threshold.

    With several `workers`, the probes are searched in as many threads (the indexer: the model lets go of
    the interpreter while it embeds); each probe's result, and so the calibration, is the same."""
    foreign: list[bool] = []  # one of the off-topic probe's best passages has no version in its language
    anchored: list[float] = []  # the share of its anchors one of those passages holds
    stranger_closeness: list[float] = []  # the closest of those passages

    def measured(probes, note: bool = False) -> np.ndarray:
        probes = list(probes)
        search = lambda probe: searcher.search(probe[1], probe[0])  # noqa: E731
        if workers > 1:
            with ThreadPoolExecutor(workers) as pool:
                found = list(pool.map(search, probes))
        else:
            found = [search(probe) for probe in probes]
        rows = []
        for (language, q), hits in zip(probes, found):
            if note:
                strangers = foreign_hits(hits, language)
                foreign.append(bool(strangers))
                anchored.append(anchored_share(q, strangers, vocabulary, language) if vocabulary and strangers else 0.0)
                stranger_closeness.append(closeness(strangers))
            rows.append(signals(q, hits, vocabulary))
        return np.array(rows).reshape(-1, 3)

    offtopic, in_domain = measured(offtopic_probes(), note=True), measured(in_domain_probes(passages))
    mean, spread = offtopic.mean(axis=0), np.maximum(offtopic.std(axis=0), 1e-6)
    scale = Calibration(0.0, index_version, embedder, float(mean[0]), float(spread[0]), float(mean[1]), float(spread[1]),
                        float(mean[2]), float(spread[2]))
    off = np.array([scale.score(*row) for row in offtopic])
    inside = np.array([scale.score(*row) for row in in_domain])
    threshold = float(off.max() + margin)
    if inside.size and np.mean(inside < threshold) > MAX_IN_DOMAIN_REFUSED:
        threshold = float((off.max() + np.quantile(inside, MAX_IN_DOMAIN_REFUSED)) / 2)
    # Closeness and known words with the anchors, as `accepts` judges them, above the closest off-topic probe that
    # met a passage without its language
    # (all the probes when none did: the corpus speaks every probe language).
    close = np.array([scale.foreign_score(c, k) + ANCHOR_WEIGHT * a
                      for (_, k, _), c, a in zip(offtopic, stranger_closeness, anchored)])
    strangers = close[np.array(foreign, dtype=bool)] if any(foreign) else close
    return replace(scale, threshold=threshold, offtopic_max=float(off.max()),
                   foreign_threshold=float(strangers.max() + FOREIGN_MARGIN),
                   offtopic_accepted=float(np.mean(off >= threshold)),
                   in_domain_refused=float(np.mean(inside < threshold)) if inside.size else 0.0,
                   probes=int(len(off) + len(inside)), method=METHOD)


def save(calibration: Calibration, path: Path) -> None:
    """Written whole or not at all: an indexer and a running app may both derive it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_text(json.dumps(asdict(calibration), indent=1), "utf-8")
    os.replace(partial, path)


def load(path: Path) -> Calibration | None:
    try:
        return Calibration(**json.loads(path.read_text("utf-8")))
    except (OSError, ValueError, TypeError):
        return None


class Calibrator:
    """The calibration of the index as it is now.

    The indexer calibrates a new generation before publishing it and stores the result in the
    generation (`generation_file()`), so a running app finds it there when it moves to the
    generation. A generation without one (an index written before, a Chroma server) is calibrated by
    the app itself, kept in `path`: synchronously when there is no calibration at all yet, otherwise
    in a background thread while questions are answered with the previous calibration: a re-index
    never makes a visitor wait for it.
    """

    def __init__(self, path: Path, searcher: Searcher, index_state: Callable[[], tuple[str, list, Vocabulary]],
                 embedder: str, generation_file: Callable[[], Path | None] | None = None, workers: int = 1):
        self.path = path
        self.workers = workers  # threads searching the probes (the indexer: one per core; an app: one)
        self.searcher = searcher
        self.index_state = index_state  # () -> (content fingerprint, passages, vocabulary)
        self.embedder = embedder
        self.generation_file = generation_file or (lambda: None)
        self._current: Calibration | None = None
        self._lock = threading.Lock()
        self._background: threading.Thread | None = None

    def __call__(self) -> Calibration:
        version, passages, vocabulary = self.index_state()
        current = self._current
        if current and self._fits(current, version):
            return current
        stored = self._stored(version)
        if stored is not None:
            self._current = stored
            return stored
        if current is not None:  # answer with the previous calibration while the new one is derived
            self._recalibrate_in_background(version, passages, vocabulary)
            return current
        with self._lock:
            if self._current is None or not self._fits(self._current, version):
                self._current = self._derive(version, passages, vocabulary)
            return self._current

    def derive_into(self, target: Path) -> Calibration:
        """Calibrate the index as it is now and write the result to `target` (the indexer, before publishing)."""
        version, passages, vocabulary = self.index_state()
        calibration = calibrate(self.searcher, passages, vocabulary, version, self.embedder, workers=self.workers)
        save(calibration, target)
        log.info("refusal threshold %.4f calibrated on %d probes (index %s)", calibration.threshold,
                 calibration.probes, version)
        return calibration

    def _fits(self, calibration: Calibration, version: str) -> bool:
        return (calibration.index_version == version and calibration.embedder == self.embedder
                and calibration.method == METHOD)

    def _stored(self, version: str) -> Calibration | None:
        for path in (self.generation_file(), self.path):
            stored = load(path) if path is not None else None
            if stored and self._fits(stored, version):
                return stored
        return None

    def _derive(self, version: str, passages: list, vocabulary: Vocabulary) -> Calibration:
        derived = calibrate(self.searcher, passages, vocabulary, version, self.embedder, workers=self.workers)
        log.info("refusal threshold %.4f calibrated on %d probes (index %s)", derived.threshold,
                 derived.probes, version)
        try:
            save(derived, self.path)
        except OSError as exc:  # a read-only index folder: keep it in memory
            log.warning("cannot save the calibration to %s: %s", self.path, exc)
        return derived

    def _recalibrate_in_background(self, version: str, passages: list, vocabulary: Vocabulary) -> None:
        with self._lock:
            if self._background is not None and self._background.is_alive():
                return

            def run() -> None:
                try:
                    derived = self._derive(version, passages, vocabulary)
                except Exception as exc:  # noqa: BLE001 - the previous calibration keeps serving
                    log.error("calibration of index %s failed: %s: %s", version, type(exc).__name__, exc)
                    return
                if self._fits(derived, self.index_state()[0]):
                    self._current = derived

            self._background = threading.Thread(target=run, name="calibration", daemon=True)
            self._background.start()

    def wait(self, timeout: float | None = None) -> None:
        """Wait for a background calibration to finish (tests, benchmarks)."""
        background = self._background
        if background is not None:
            background.join(timeout)
