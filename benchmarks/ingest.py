"""Ingestion speed: pages/s extracted and passages/s indexed for a generated 100-page PDF, and an
unchanged re-index of a folder of 50 dropped files (target < 1 s).

    .venv/bin/python benchmarks/ingest.py [--model e5-small|hash]
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the shared test support (document generators)
sys.path.insert(0, str(ROOT))

from support.documents import docx_file, html_page, seed_paragraphs, two_column_pdf  # noqa: E402

from bot.assembly import index_knowledge  # noqa: E402
from bot.core.settings import Settings  # noqa: E402
from bot.ingest.chunking import chunk_documents  # noqa: E402
from bot.ingest.formats import extract  # noqa: E402
from bot.ingest.knowledge import load_folder  # noqa: E402


def _variant(n: int) -> list[str]:
    """The seed's paragraphs, made distinct per copy so that nothing is deduplicated."""
    return [f"{text} (Note {n}, point {i + 1}.)" if not text.startswith("- ") else f"{text} ({n})"
            for i, text in enumerate(seed_paragraphs())]


def report_pdf(path: Path, pages: int = 100) -> Path:
    paragraphs, n = [], 0
    two_column_pdf(path, paragraphs, pages_hint="A4")
    while True:
        n += 1
        paragraphs += _variant(n)
        two_column_pdf(path, paragraphs, pages_hint="A4") if n % 10 == 0 else None
        if n % 10 == 0 and _page_count(path) >= pages:
            return path


def _page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    with pdfium.PdfDocument(str(path)) as pdf:
        return len(pdf)


def fifty_files(folder: Path) -> None:
    for n in range(50):
        paragraphs = _variant(1000 + n)[:4]
        kind = n % 5
        if kind == 0:
            two_column_pdf(folder / f"rapport-{n}.pdf", paragraphs, running=False)
        elif kind == 1:
            docx_file(folder / f"note-{n}.docx", f"Note {n}", [("Contexte", paragraphs)], ["Dakar", "Lyon"],
                      [["Pays", "Ville"], ["Sénégal", "Dakar"]])
        elif kind == 2:
            (folder / f"page-{n}.html").write_text(html_page(f"Actualité {n}", paragraphs), encoding="utf-8")
        elif kind == 3:
            (folder / f"memo-{n}.md").write_text(f"# Mémo {n}\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
        else:
            (folder / f"texte-{n}.txt").write_text("\n\n".join(paragraphs), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="e5-small")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {platform.python_version()}, model {args.model}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        knowledge = tmp / "k100"
        knowledge.mkdir()
        pdf = report_pdf(knowledge / "rapport.pdf")
        pages = _page_count(pdf)
        started = time.perf_counter()
        extracted = extract(pdf)
        seconds = time.perf_counter() - started
        print(f"100-page PDF: {pages} pages, {len(extracted.blocks)} blocks extracted in {seconds:.2f} s "
              f"= {pages / seconds:.0f} pages/s")
        started = time.perf_counter()
        passages = chunk_documents(load_folder(knowledge).documents)
        print(f"  load + chunk: {len(passages)} passages in {time.perf_counter() - started:.2f} s "
              f"(longest {max(len(p.original.text) for p in passages)} characters)")
        settings = Settings(knowledge_dir=knowledge, index_dir=tmp / "i100", data_dir=tmp / "d", embedding_model=args.model)
        started = time.perf_counter()
        outcome = index_knowledge(settings)
        seconds = time.perf_counter() - started
        print(f"  indexed: {outcome.sync.passages} passages in {seconds:.1f} s = {outcome.sync.passages / seconds:.1f} passages/s")

        folder = tmp / "k50"
        folder.mkdir()
        fifty_files(folder)
        settings = Settings(knowledge_dir=folder, index_dir=tmp / "i50", data_dir=tmp / "d", embedding_model=args.model)
        started = time.perf_counter()
        first = index_knowledge(settings)
        print(f"50 files: first index {first.sync.line()} (total {time.perf_counter() - started:.1f} s); "
              f"{len(first.load.failed)} failed")
        times = []
        for _ in range(3):
            started = time.perf_counter()
            again = index_knowledge(settings)
            times.append(time.perf_counter() - started)
            assert again.sync.added == again.sync.updated == again.sync.removed == 0
        print(f"  unchanged re-index: {min(times):.2f} s best, {max(times):.2f} s worst of 3 (target < 1 s)")


if __name__ == "__main__":
    main()
