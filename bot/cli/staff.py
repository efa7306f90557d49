"""``spbot staff``: console accounts (add, list, remove, a new password link, a password
typed at the prompt) and the demo accounts of ``spbot seed --demo``."""

from __future__ import annotations

from typing import Annotated

import typer

from bot.cli.output import database, fail, operator, out, print_json, run_async, settings_of
from bot.domain import Actor, ActorKind
from bot.settings import Settings, public_base

app = typer.Typer(help="Staff accounts for the web console.", no_args_is_help=True)


def _actor() -> Actor:
    """Whoever runs the command: on the server's shell, an admin."""
    return operator(ActorKind.ADMIN)


def _link(settings: Settings, token: str) -> str:
    return f"{public_base(settings)}/console/password/{token}"


@app.command("add")
def staff_add(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="The person's email address (their sign-in).")],
    role: Annotated[str, typer.Option(help="advisor, node_manager, coordinator or admin")],
    advisor: Annotated[
        str | None, typer.Option(help="Their roster key (needed for advisors).")
    ] = None,
    node: Annotated[
        list[str] | None,
        typer.Option(help="A node a node manager manages (a slug; repeat for several)."),
    ] = None,
    language: Annotated[str, typer.Option(help="sv or en")] = "sv",
) -> None:
    """Add a person and print their one-time link to choose a password (valid 72 h)."""
    from bot.console.accounts import StaffAccounts

    settings = settings_of(ctx)

    async def go() -> str:
        async with database(settings) as db:
            _, token = await StaffAccounts(db).add(
                email,
                role,
                advisor_key=advisor,
                language=language,
                actor=_actor(),
                nodes=node or (),
            )
            return token

    token = run_async(go)
    out.print(f"Added {email.strip().lower()} as {role}. Send them this link (shown once):")
    out.print(_link(settings, token), soft_wrap=True)


@app.command("link")
def staff_link(ctx: typer.Context, email: Annotated[str, typer.Argument()]) -> None:
    """A new one-time link to choose a password (the old one stops working)."""
    from bot.console.accounts import StaffAccounts

    settings = settings_of(ctx)

    async def go() -> str:
        async with database(settings) as db:
            return (await StaffAccounts(db).new_link(email, _actor()))[1]

    out.print(_link(settings, run_async(go)), soft_wrap=True)


@app.command("password")
def staff_password(ctx: typer.Context, email: Annotated[str, typer.Argument()]) -> None:
    """Set a person's password at this prompt (it is never echoed)."""
    from bot.console.accounts import PasswordRejected, StaffAccounts

    password = typer.prompt("New password", hide_input=True, confirmation_prompt=True)
    settings = settings_of(ctx)

    async def go() -> None:
        async with database(settings) as db:
            await StaffAccounts(db).set_password_of(email, password, _actor())

    try:
        run_async(go)
    except PasswordRejected as exc:
        raise fail(f"password not accepted: {exc} (at least 12 characters)") from None
    out.print("Password set; their other sessions are signed out.")


@app.command("list")
def staff_list(
    ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json")] = False
) -> None:
    """Everyone who may sign in to the console."""
    from bot.storage.staff import Account, list_accounts

    async def go() -> list[Account]:
        async with database(settings_of(ctx)) as db:
            return await list_accounts(db)

    accounts = run_async(go)
    if as_json:
        print_json(accounts)
        return
    for a in accounts:
        out.print(
            f"{a.email:40} {a.role:12} {a.advisor_key or '-':12} "
            f"{'password set' if a.has_password else 'no password yet'}"
        )


@app.command("remove")
def staff_remove(ctx: typer.Context, email: Annotated[str, typer.Argument()]) -> None:
    """Remove a person's account (their sessions end at once)."""
    from bot.storage.models import utcnow
    from bot.storage.staff import remove_account

    async def go() -> None:
        async with database(settings_of(ctx)) as db:
            await remove_account(db, email, _actor(), utcnow())

    run_async(go)
    out.print(f"Removed {email.strip().lower()}.")
