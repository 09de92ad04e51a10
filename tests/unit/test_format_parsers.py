"""Every parser a supported format needs is importable and declared in pyproject.toml, so that any
install (an older pip too, which misses the extras of a dependency's dependency) reads every format."""

from __future__ import annotations

import importlib
import re
import tomllib
from pathlib import Path

import pytest

from bot.ingest.formats import SUPPORTED

REPO = Path(__file__).resolve().parents[2]

# suffix → (module to import, the distribution declared for it)
PARSERS = {
    ".pdf": [("pypdfium2", "pypdfium2")],
    ".docx": [("docx", "python-docx")],
    ".html": [("trafilatura", "trafilatura"), ("lxml_html_clean", "lxml-html-clean"), ("lxml.html.clean", "lxml-html-clean")],
    ".htm": [("trafilatura", "trafilatura"), ("lxml_html_clean", "lxml-html-clean")],
    ".md": [("markdown_it", "markdown-it-py"), ("charset_normalizer", "charset-normalizer")],
    ".markdown": [("markdown_it", "markdown-it-py"), ("charset_normalizer", "charset-normalizer")],
    ".txt": [("charset_normalizer", "charset-normalizer")],
}


def declared() -> set[str]:
    dependencies = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["dependencies"]
    return {re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9_.-]+", d).group()).lower() for d in dependencies}


def test_every_supported_format_has_its_parsers_listed():
    assert set(PARSERS) == set(SUPPORTED)


@pytest.mark.parametrize("suffix", sorted(PARSERS))
def test_the_parsers_of_a_format_import_and_are_declared(suffix):
    for module, distribution in PARSERS[suffix]:
        importlib.import_module(module)
        assert distribution in declared(), f"{distribution} (for {suffix}) is not in pyproject.toml's dependencies"
