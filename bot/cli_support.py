"""What every ``spbot`` command module shares: consoles and running async work."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

import typer
from rich.console import Console

from bot.domain import SpbotError

T = TypeVar("T")
out = Console()
err = Console(stderr=True)


def run_async(factory: Callable[[], Awaitable[T]]) -> T:
    """Run a coroutine; a product error becomes a clear message (never a traceback) and exit
    code 1. The message is printed literally: it may hold text a founder typed."""
    try:
        return asyncio.run(factory())  # type: ignore[arg-type]
    except SpbotError as exc:
        err.print(f"error: {exc}", markup=False, highlight=False)
        raise typer.Exit(1) from None
