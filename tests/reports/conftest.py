"""The case workflow's story fixtures (fake clock, small roster) serve the reports too."""

from tests.cases.conftest import clock, notifier, roster, workflow

__all__ = ["clock", "notifier", "roster", "workflow"]
