"""The state of the side stores (question log, feedback, validated answers): what staff should know.

Answers never depend on a side store: a store that cannot be written or read reports its problem
here and carries on. The operator gets one log line when a problem appears or changes and one when
it clears (not one per question); the staff page shows the current problems (`warnings()`).
"""

from __future__ import annotations

import logging
import threading

log = logging.getLogger("bot.health")


class Health:
    """Problems by part (`"question log"`, `"feedback"`, `"validated answers"`), each a short text."""

    def __init__(self) -> None:
        self._problems: dict[str, str] = {}
        self._lock = threading.Lock()

    def report(self, part: str, problem: str | None) -> None:
        """Record `part`'s current problem (None: it works); logs only when the state changes."""
        with self._lock:
            before = self._problems.get(part)
            if problem == before:
                return
            if problem is None:
                del self._problems[part]
            else:
                self._problems[part] = problem
        if problem is None:
            log.warning("%s works again", part)
        else:
            log.error("%s: %s", part, problem)

    def ok(self, part: str) -> None:
        self.report(part, None)

    def problem(self, part: str) -> str | None:
        return self._problems.get(part)

    def warnings(self) -> list[str]:
        """`part: problem` for every part that has one, sorted."""
        with self._lock:
            return [f"{part}: {problem}" for part, problem in sorted(self._problems.items())]


HEALTH = Health()  # the process's side stores report here; the staff page reads it
