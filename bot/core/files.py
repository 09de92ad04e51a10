"""Writing files so that a reader sees the old content or the new, never half of it."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any


def write_atomically(path: Path, text: str) -> None:
    """`text` into `path`, all or nothing: a temporary file in the same folder, flushed, then renamed over it."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def save_arrays_atomically(folder: Path, arrays: Mapping[str, Any]) -> None:
    """NumPy `arrays` as `<name>.npy` files of `folder`, all or nothing: written into a temporary folder beside it,
    then renamed to it. Another writer's folder already there is kept (its content is the same); a read-only or
    full disk leaves nothing behind, and the caller serves what it computed."""
    import numpy as np

    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        partial = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    except OSError:
        return
    try:
        for name, values in arrays.items():
            np.save(partial / f"{name}.npy", values)
        os.replace(partial, folder)
    except OSError:
        shutil.rmtree(partial, ignore_errors=True)
