"""Console staff accounts and their sessions. Only hashes of secrets are stored (a password's
argon2 hash, a SHA-256 of each session or set-up token); the hashing itself is the caller's."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import Actor, ActorKind, AuditKind, NotFoundError, SpbotError
from bot.storage.db import Database
from bot.storage.erasure import add_audit
from bot.storage.models import Advisor, AuditEntry, Node, StaffAccount, StaffSession

ROLES = ("advisor", "node_manager", "coordinator", "admin")


class StaffExists(SpbotError):
    code = "staff_exists"


class StaffInvalid(SpbotError):
    code = "staff_invalid"


@dataclass(frozen=True)
class Account:
    """A staff account as the console sees it (never its hashes)."""

    id: int
    email: str
    role: str
    language: str
    active: bool
    has_password: bool
    created_at: datetime
    advisor_id: int | None = None
    advisor_key: str | None = None
    advisor_name: str | None = None
    nodes: frozenset[str] = frozenset()  # a node manager's nodes

    @property
    def scope(self) -> frozenset[str] | None:
        """The nodes this person sees and acts for; None for all (coordinators, admins)."""
        return self.nodes if self.role == "node_manager" else None

    @property
    def as_actor(self) -> Actor:
        """This person as the workflow and the audit log name them (their role's kind)."""
        return Actor(ActorKind(self.role), self.actor_id, self.scope)

    @property
    def actor_id(self) -> str:
        """How the audit trail names this person: their roster key, else their email."""
        return self.advisor_key or self.email[:64]


@dataclass(frozen=True)
class SignedIn:
    account: Account
    session_id: int
    csrf: str
    last_seen_at: datetime
    created_at: datetime


def _account(row: StaffAccount, advisor: Advisor | None) -> Account:
    return Account(
        id=row.id,
        email=row.email,
        role=row.role,
        language=row.language,
        active=row.active,
        has_password=row.password_hash is not None,
        created_at=row.created_at,
        advisor_id=row.advisor_id,
        advisor_key=advisor.key if advisor else None,
        advisor_name=advisor.name if advisor else None,
        nodes=frozenset(row.nodes or ()),
    )


def _query() -> Select[StaffAccount, Advisor]:
    return select(StaffAccount, Advisor).outerjoin(Advisor, Advisor.id == StaffAccount.advisor_id)


async def add_account(
    db: Database,
    *,
    email: str,
    role: str,
    advisor_key: str | None,
    language: str,
    setup_token_hash: str,
    setup_expires_at: datetime,
    actor: Actor,
    now: datetime,
    nodes: Sequence[str] = (),
) -> Account:
    email = email.strip().lower()
    if role not in ROLES:
        raise StaffInvalid(f"unknown role '{role}' (one of: {', '.join(ROLES)})", field="role")
    if role == "advisor" and not advisor_key:
        raise StaffInvalid("an advisor's account needs their roster key", field="advisor")
    async with db.transaction() as session:
        node_list = await _checked_nodes(session, role, nodes)
        if await session.scalar(select(StaffAccount.id).where(StaffAccount.email == email)):
            raise StaffExists(f"there is already an account for {email}", email=email)
        advisor = None
        if advisor_key:
            advisor = await session.scalar(select(Advisor).where(Advisor.key == advisor_key))
            if advisor is None:
                raise NotFoundError(f"no advisor with key '{advisor_key}'", field="advisor")
        row = StaffAccount(
            email=email,
            role=role,
            nodes=node_list,
            advisor_id=advisor.id if advisor else None,
            language=language,
            setup_token_hash=setup_token_hash,
            setup_expires_at=setup_expires_at,
            active=True,
            created_at=now,
        )
        session.add(row)
        await session.flush()
        add_audit(
            session,
            actor.kind.value,
            actor.id,
            AuditKind.STAFF_ADDED,
            email,
            None,
            {"role": role, "nodes": node_list},
            now,
        )
        return _account(row, advisor)


async def _checked_nodes(session: AsyncSession, role: str, nodes: Sequence[str]) -> list[str]:
    """A node manager's nodes, each a node that exists; the other roles have none."""
    wanted = sorted({n.strip().lower() for n in nodes if n.strip()})
    if role != "node_manager":
        if wanted:
            raise StaffInvalid("only a node manager has nodes", field="nodes")
        return []
    if not wanted:
        raise StaffInvalid("a node manager needs at least one node", field="nodes")
    known = set((await session.scalars(select(Node.slug).where(Node.slug.in_(wanted)))).all())
    unknown = [n for n in wanted if n not in known]
    if unknown:
        raise StaffInvalid(f"no node called {', '.join(unknown)}", field="nodes")
    return wanted


async def list_accounts(db: Database) -> list[Account]:
    async with db.sessions() as session:
        rows = (await session.execute(_query().order_by(StaffAccount.email))).all()
    return [_account(*row) for row in rows]


async def get_account(db: Database, account_id: int) -> Account | None:
    async with db.sessions() as session:
        row = (await session.execute(_query().where(StaffAccount.id == account_id))).first()
    return _account(*row) if row else None


async def remove_account(db: Database, email: str, actor: Actor, now: datetime) -> None:
    email = email.strip().lower()
    async with db.transaction() as session:
        row = await session.scalar(select(StaffAccount).where(StaffAccount.email == email))
        if row is None:
            raise NotFoundError(f"no account for {email}", email=email)
        await session.delete(row)
        add_audit(
            session,
            actor.kind.value,
            actor.id,
            AuditKind.STAFF_REMOVED,
            email,
            None,
            {"role": row.role},
            now,
        )


async def set_role(
    db: Database,
    account_id: int,
    role: str,
    actor: Actor,
    now: datetime,
    nodes: Sequence[str] = (),
) -> None:
    if role not in ROLES:
        raise StaffInvalid(f"unknown role '{role}'", field="role")
    async with db.transaction() as session:
        row = await session.get(StaffAccount, account_id)
        if row is None:
            raise NotFoundError("no such account", account=account_id)
        if role == "advisor" and row.advisor_id is None:
            raise StaffInvalid("an advisor's account needs their roster key", field="role")
        row.nodes = await _checked_nodes(session, role, nodes)
        before = row.role
        row.role = role
        await session.execute(delete(StaffSession).where(StaffSession.account_id == row.id))
        add_audit(
            session,
            actor.kind.value,
            actor.id,
            AuditKind.STAFF_ROLE_CHANGED,
            row.email,
            None,
            {"from": before, "to": role, "nodes": row.nodes},
            now,
        )


async def credentials(db: Database, email: str) -> tuple[Account, str | None] | None:
    """The active account with this email and its password hash."""
    async with db.sessions() as session:
        row = (
            await session.execute(
                _query().where(
                    StaffAccount.email == email.strip().lower(), StaffAccount.active.is_(True)
                )
            )
        ).first()
    if row is None:
        return None
    return _account(*row), row[0].password_hash


async def update_password_hash(db: Database, account_id: int, password_hash: str) -> None:
    """A rehash after sign-in (argon2 parameters raised since)."""
    async with db.transaction() as session:
        await session.execute(
            update(StaffAccount)
            .where(StaffAccount.id == account_id)
            .values(password_hash=password_hash)
        )


async def new_setup_token(
    db: Database,
    email: str,
    token_hash: str,
    expires_at: datetime,
    actor: Actor,
    now: datetime,
) -> Account:
    async with db.transaction() as session:
        row = await session.scalar(
            select(StaffAccount).where(StaffAccount.email == email.strip().lower())
        )
        if row is None:
            raise NotFoundError(f"no account for {email}", email=email)
        row.setup_token_hash = token_hash
        row.setup_expires_at = expires_at
        add_audit(
            session,
            actor.kind.value,
            actor.id,
            AuditKind.STAFF_PASSWORD_LINK,
            row.email,
            None,
            {},
            now,
        )
        advisor = await session.get(Advisor, row.advisor_id) if row.advisor_id else None
        return _account(row, advisor)


async def account_by_setup_token(db: Database, token_hash: str, now: datetime) -> Account | None:
    async with db.sessions() as session:
        row = (
            await session.execute(
                _query().where(
                    StaffAccount.setup_token_hash == token_hash,
                    StaffAccount.setup_expires_at > now,
                    StaffAccount.active.is_(True),
                )
            )
        ).first()
    return _account(*row) if row else None


async def set_password(
    db: Database, token_hash: str, password_hash: str, now: datetime
) -> Account | None:
    """Use a one-time link: set the password, spend the token, end every session."""
    async with db.transaction() as session:
        row = await session.scalar(
            select(StaffAccount).where(
                StaffAccount.setup_token_hash == token_hash,
                StaffAccount.setup_expires_at > now,
                StaffAccount.active.is_(True),
            )
        )
        if row is None:
            return None
        row.password_hash = password_hash
        row.setup_token_hash = None
        row.setup_expires_at = None
        await session.execute(delete(StaffSession).where(StaffSession.account_id == row.id))
        add_audit(
            session,
            row.role,
            row.email[:64],
            AuditKind.STAFF_PASSWORD_SET,
            row.email,
            None,
            {},
            now,
        )
        advisor = await session.get(Advisor, row.advisor_id) if row.advisor_id else None
        return _account(row, advisor)


async def set_password_of(
    db: Database, email: str, password_hash: str, actor: Actor, now: datetime
) -> None:
    """Set a password directly (typed at the operator's prompt, or a demo account's)."""
    async with db.transaction() as session:
        row = await session.scalar(
            select(StaffAccount).where(StaffAccount.email == email.strip().lower())
        )
        if row is None:
            raise NotFoundError(f"no account for {email}", email=email)
        row.password_hash = password_hash
        row.setup_token_hash = None
        row.setup_expires_at = None
        await session.execute(delete(StaffSession).where(StaffSession.account_id == row.id))
        add_audit(
            session,
            actor.kind.value,
            actor.id,
            AuditKind.STAFF_PASSWORD_SET,
            row.email,
            None,
            {},
            now,
        )


async def set_language(db: Database, account_id: int, language: str) -> None:
    async with db.transaction() as session:
        await session.execute(
            update(StaffAccount).where(StaffAccount.id == account_id).values(language=language)
        )


async def account_for_slack(db: Database, verified_email: str) -> Account | None:
    """Who a Slack user is here: the active account whose email is the one Slack verified;
    None otherwise. Only the staff table grants a role: the roster's emails and Slack ids,
    which coordinators may edit, never make or pick an account."""
    if not verified_email:
        return None
    async with db.sessions() as session:
        found = (
            await session.execute(
                _query().where(
                    StaffAccount.email == verified_email.strip().lower(),
                    StaffAccount.active.is_(True),
                )
            )
        ).first()
    return _account(*found) if found else None


# --- sessions ------------------------------------------------------------------------------


async def open_session(
    db: Database, account_id: int, token_hash: str, csrf: str, now: datetime
) -> None:
    async with db.transaction() as session:
        session.add(
            StaffSession(
                token_hash=token_hash,
                account_id=account_id,
                csrf=csrf,
                created_at=now,
                last_seen_at=now,
            )
        )


async def signed_in(db: Database, token_hash: str) -> SignedIn | None:
    async with db.sessions() as session:
        row = (
            await session.execute(
                select(StaffSession, StaffAccount, Advisor)
                .join(StaffAccount, StaffAccount.id == StaffSession.account_id)
                .outerjoin(Advisor, Advisor.id == StaffAccount.advisor_id)
                .where(StaffSession.token_hash == token_hash, StaffAccount.active.is_(True))
            )
        ).first()
    if row is None:
        return None
    held, account, advisor = row
    return SignedIn(
        _account(account, advisor), held.id, held.csrf, held.last_seen_at, held.created_at
    )


async def touch_session(db: Database, session_id: int, now: datetime) -> None:
    async with db.transaction() as session:
        await session.execute(
            update(StaffSession).where(StaffSession.id == session_id).values(last_seen_at=now)
        )


async def close_session(db: Database, token_hash: str) -> None:
    async with db.transaction() as session:
        await session.execute(delete(StaffSession).where(StaffSession.token_hash == token_hash))


async def prune_sessions(db: Database, *, idle_before: datetime, created_before: datetime) -> int:
    """Remove sessions idle since ``idle_before`` or opened before ``created_before``."""
    async with db.transaction() as session:
        result = await session.execute(
            delete(StaffSession).where(
                (StaffSession.last_seen_at < idle_before)
                | (StaffSession.created_at < created_before)
            )
        )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


# --- the audit log --------------------------------------------------------------------------


async def audit(
    db: Database,
    actor: Actor,
    kind: AuditKind,
    subject: str | None,
    reason: str | None = None,
    payload: dict[str, Any] | None = None,
    *,
    now: datetime,
) -> None:
    async with db.transaction() as session:
        add_audit(session, actor.kind.value, actor.id, kind, subject, reason, payload or {}, now)


async def refused_sign_in(db: Database, email: str, why: str, address: str, now: datetime) -> None:
    """A failed sign-in, in the audit log: the one acting is whoever is at ``address``."""
    async with db.transaction() as session:
        add_audit(
            session,
            ActorKind.ADDRESS.value,
            address[:64],
            AuditKind.SIGN_IN_REFUSED,
            email[:128] or None,
            why,
            {"address": address},
            now,
        )


async def refusals_from(
    db: Database, address: str, since: datetime, *, email: str | None = None
) -> int:
    """Failed sign-ins from ``address`` since ``since`` (for ``email`` only, when given)."""
    query = select(func.count(AuditEntry.id)).where(
        AuditEntry.kind == AuditKind.SIGN_IN_REFUSED,
        AuditEntry.actor_kind == ActorKind.ADDRESS.value,
        AuditEntry.actor_id == address[:64],
        AuditEntry.created_at >= since,
    )
    if email is not None:
        query = query.where(AuditEntry.subject == email.strip().lower()[:128])
    async with db.sessions() as session:
        return int(await session.scalar(query) or 0)
