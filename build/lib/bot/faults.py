"""Crash points for the crash tests. ``SPBOT_CRASH_AT=name:n`` kills the process with SIGKILL
the n-th time the named point is passed; unset (always, outside those tests) it does nothing.

Points: ``inbox_committed`` (a request is stored, not yet answered), ``mid_turn`` (the turn
is played, not saved), ``turn_committed`` (saved, replies not sent), ``replies_sent`` (sent,
not yet marked delivered).
"""

from __future__ import annotations

import os
import signal

_plan = os.environ.get("SPBOT_CRASH_AT", "")
_name, _, _count = _plan.partition(":")
_left = int(_count) if _count.isdigit() else 1


def crash_point(name: str) -> None:
    global _left
    if not _plan or name != _name:
        return
    _left -= 1
    if _left <= 0:
        os.kill(os.getpid(), signal.SIGKILL)
