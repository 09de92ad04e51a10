"""Waiting for `python app.py`, started by a test in a subprocess, to serve its page."""

from __future__ import annotations

import subprocess
import time

import httpx
import pytest


def wait_for_page(url: str, process: subprocess.Popen, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"app.py stopped early:\n{process.stdout.read() if process.stdout else ''}")
        try:
            return httpx.get(url, timeout=2).text
        except httpx.HTTPError:
            time.sleep(0.5)
    pytest.fail(f"app.py did not serve {url} within {timeout} s")
