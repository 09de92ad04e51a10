"""One bad file never keeps the chat down: `python app.py` on a knowledge folder holding a truncated PDF
indexes the rest, names the file with the reason, starts and answers; `make run` does not stop on the
index command's exit code 1 (which stays, for scheduled jobs)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.app_process import wait_for_page
from support.chroma_server import free_loopback_port
from support.documents import truncated_copy, two_column_pdf

REPO = Path(__file__).resolve().parents[2]
QUESTION = "Qui dirige le groupe de travail international de l'AMF ?"


def test_app_py_serves_what_could_be_indexed_and_names_the_damaged_file(knowledge_copy, tmp_path):
    good = two_column_pdf(tmp_path / "senegal.pdf", ["La délégation de l'AMF a rencontré les maires du Sénégal."] * 8)
    truncated_copy(good, knowledge_copy / "abime.pdf")
    port = free_loopback_port()
    env = {**os.environ, "AMF_BOT_KNOWLEDGE_DIR": str(knowledge_copy), "AMF_BOT_INDEX_DIR": str(tmp_path / "index"),
           "AMF_BOT_DATA_DIR": str(tmp_path / "data"), "AMF_BOT_EMBEDDING_MODEL": "hash", "AMF_BOT_PORT": str(port),
           "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, "app.py"], cwd=REPO, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        wait_for_page(f"http://127.0.0.1:{port}/", process, timeout=120)
        from gradio_client import Client

        answer = Client(f"http://127.0.0.1:{port}/", verbose=False).predict(QUESTION, api_name="/ask")
        assert answer["status"] in ("answered", "not_found") and answer["notice"]
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=30)
    assert "failed: abime.pdf: damaged or truncated PDF (not indexed)" in output.splitlines()
    assert "added: amf-action-internationale (18 passages)" in output.splitlines()
    assert "Serving what could be indexed" in output


def test_make_run_starts_the_app_without_stopping_on_the_index_exit_code():
    recipe = subprocess.run(["make", "-n", "run", "PYTHON=true"], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert recipe.returncode == 0, recipe.stderr
    commands = [line for line in recipe.stdout.splitlines() if "pip" not in line and "venv" not in line.split()[:3]]
    assert any(line.endswith("app.py") for line in commands)
    assert not any("bot index" in line for line in commands), commands
