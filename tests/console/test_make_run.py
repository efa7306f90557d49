"""What `make run` gives a newcomer: the product serving, with the console's address and a
fresh password for each demo role printed once, good for signing in."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.http_server import free_port

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def test_spbot_run_prints_the_console_and_a_password_per_role(tmp_path: Path) -> None:
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'run.db'}",
        "SPBOT_HTTP_PORT": str(port),
        "PYTHONUNBUFFERED": "1",
        "COLUMNS": "200",
    }
    for name in ("TELEGRAM_BOT_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"):
        env.pop(name, None)
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        lines: list[str] = []
        while not any(line.startswith("The intake also runs") for line in lines):
            line = process.stdout.readline()
            assert line, "spbot run stopped:\n" + "".join(lines)
            lines.append(line)
        printed = "".join(lines)
        assert f"http://127.0.0.1:{port}/console/" in printed
        assert f"Founder chat: http://127.0.0.1:{port}/" in printed
        assert "33 advisors: 33 created" in printed
        accounts = re.findall(r"(advisor|coordinator|admin)\s+(\S+@demo\.invalid)\s+(\S+)", printed)
        assert [role for role, _, _ in accounts] == ["advisor", "coordinator", "admin"]
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.05)
        assert "Är det okej" in httpx.get(base + "/", timeout=5).text  # the founder chat
        landing = {
            "advisor": "/console/desk",
            "coordinator": "/console/queue",
            "admin": "/console/queue",
        }
        for role, email, password in accounts:
            with httpx.Client(base_url=base) as client:
                page = client.get("/console/sign-in")
                token = CSRF.search(page.text)
                assert token
                signed = client.post(
                    "/console/sign-in",
                    data={"csrf": token.group(1), "email": email, "password": password},
                )
                assert signed.status_code == 303, (role, signed.text[:300])
                assert signed.headers["location"] == landing[role]
                assert client.get(landing[role]).status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=15)
