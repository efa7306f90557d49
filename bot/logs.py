"""Logging: plain text for people, or one JSON object per line for a log pipeline
(``SPBOT_LOG_FORMAT=json``): time, level, logger, message, and where known the platform
request being played and the case. Founders' words and secrets are never logged at INFO:
modules log ids, kinds and counts (a test plays a whole intake and checks)."""

from __future__ import annotations

import json
import logging
import sys
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

# What is being worked on, added to every record logged meanwhile (``{"update": …}``).
LOG_CONTEXT: ContextVar[dict[str, str] | None] = ContextVar("spbot_log_context", default=None)
FIELDS = ("update", "case_ref")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in (LOG_CONTEXT.get() or {}).items():
            out.setdefault(key, value)
        for key in FIELDS:
            extra = getattr(record, key, None)
            if extra is not None:
                out[key] = extra
        if record.exc_info:
            out["exception"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False, default=str)


def configure(level: int | str, fmt: str = "text") -> None:
    """The root logger, once per process (the CLI's callback calls it)."""
    handler = logging.StreamHandler(sys.stderr)
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
