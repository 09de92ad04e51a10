"""`amf-bot index` run as another process would run it: plainly, or stopped at a chosen point to be killed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bot.core.settings import REPO_ROOT, Settings

EXTRA_DOC = "jumelage-zanzibar"
EXTRA_QUESTION = "Quelle commune a signé un jumelage avec Tromsø pour la gestion de l'eau ?"
EXTRA_NOTICE = "Document de test, reproduction libre."

# `amf-bot index` that stops (and tells the test, through a marker file) at one point of its work,
# so the test can kill it there. The real code runs unchanged; only the pause is added.
PAUSING_INDEXER = r"""
import os, sys, time
from pathlib import Path

point, marker = sys.argv[1], Path(sys.argv[2])

def pause():
    marker.write_text(str(os.getpid()))
    time.sleep(3600)

def before(owner, name, calls=1):
    original = getattr(owner, name)
    seen = []
    def wrapper(*args, **kwargs):
        seen.append(1)
        if len(seen) == calls:
            pause()
        return original(*args, **kwargs)
    setattr(owner, name, wrapper)

if point == "embed":
    from bot.embedders.registry import HashEmbeddings
    before(HashEmbeddings, "embed_documents", calls=3)
elif point == "copy":
    import bot.store.chroma as chroma
    before(chroma, "copy_generation")
elif point in ("publish", "prune"):  # just before the pointer moves; just after it moved
    from bot.store.generations import Generations
    before(Generations, point, calls=1 if point == "publish" else 2)
else:
    sys.exit(f"unknown point {point}")

from bot.cli import main
sys.exit(main(["index", "--quiet"]))
"""


def env_for(settings: Settings, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "AMF_BOT_KNOWLEDGE_DIR": str(settings.knowledge_dir),
        "AMF_BOT_INDEX_DIR": str(settings.index_dir),
        "AMF_BOT_DATA_DIR": str(settings.data_dir),
        "AMF_BOT_EMBEDDING_MODEL": settings.embedding_model,
        "AMF_BOT_LLM_PROVIDER": "none",
        "AMF_BOT_STORE": "local",
        "HF_HUB_OFFLINE": "1",
        "ANONYMIZED_TELEMETRY": "False",
        **extra,
    }


def run_cli(settings: Settings, *args: str, timeout: float = 300, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot", *args], env=env_for(settings, **extra), cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=timeout)


class PausedIndexer:
    """`amf-bot index` in a child process, stopped at `point` until killed."""

    def __init__(self, settings: Settings, point: str, marker: Path, **extra: str):
        self.marker = marker
        self.process = subprocess.Popen(
            [sys.executable, "-c", PAUSING_INDEXER, point, str(marker)], env=env_for(settings, **extra),
            cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def wait_paused(self, timeout: float = 120) -> int:
        deadline = time.monotonic() + timeout
        while not self.marker.exists():
            if self.process.poll() is not None:
                raise AssertionError(f"the indexer ended before pausing: {self.process.communicate()}")
            if time.monotonic() > deadline:
                raise AssertionError("the indexer never reached its pause point")
            time.sleep(0.05)
        return self.process.pid

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.communicate(timeout=30)

    def __enter__(self) -> "PausedIndexer":
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process.poll() is None:
            self.kill()


def write_extra_document(knowledge: Path, paragraphs: int = 24) -> None:
    """A new French document of `paragraphs` passages (several embedding batches with a small batch size)."""
    folder = knowledge / EXTRA_DOC
    folder.mkdir(parents=True)
    lines = ["La commune de Zanzibar-la-Forêt a signé un jumelage avec Tromsø pour la gestion de l'eau potable."]
    lines += [f"Au cours de la mission numéro {n}, une délégation de Tromsø a visité la station d'épuration "
              f"{n} de Zanzibar-la-Forêt." for n in range(1, paragraphs)]
    (folder / "fr.txt").write_text("\n".join(lines + [EXTRA_NOTICE]) + "\n", encoding="utf-8")
    meta = {"title": "Jumelage de test", "source": "Test", "language": "fr", "original": "fr.txt", "notice": EXTRA_NOTICE}
    (folder / "document.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
