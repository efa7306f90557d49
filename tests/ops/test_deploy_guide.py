"""docs/deploy.md stays true: every spbot command in its code blocks exists, with the options
it shows (the commands themselves run in other tests and in .ci/installed-package)."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "deploy.md"
GROUPS = {
    "db", "roster", "staff", "events", "cases", "founders", "advisors", "content", "meetings",
    "companies",
}  # fmt: skip


def commands() -> list[list[str]]:
    found, in_code = [], False
    for raw in GUIDE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("```"):
            in_code = not in_code
            continue
        if not in_code:
            continue
        line = line.removeprefix("ExecStart=")
        match = re.match(r"^(?:/opt/spbot/bin/)?spbot (.+)$", line)
        if match:
            found.append(shlex.split(match.group(1).split(" #")[0]))
    return found


def test_every_command_in_the_guide_exists_with_its_options() -> None:
    listed = commands()
    assert len(listed) >= 8, listed
    for words in listed:
        path = words[:2] if words[0] in GROUPS else words[:1]
        run = subprocess.run(
            [sys.executable, "-m", "bot", *path, "--help"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"},
        )
        assert run.returncode == 0, (words, run.stderr)
        for option in (w.split("=")[0] for w in words if w.startswith("--")):
            assert option in run.stdout, (words, option)
