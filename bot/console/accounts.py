"""Staff accounts: adding people, one-time links to set a password, signing in (argon2,
throttled, every sign-in and refusal in the audit log) and sessions with an idle timeout.

Secrets never reach the database in the clear: passwords as argon2 hashes, session and
set-up tokens as SHA-256 digests (a copy of the database signs nobody in)."""

from __future__ import annotations

import asyncio
import hashlib
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from bot.domain import Actor, ActorKind, AuditKind, SpbotError
from bot.storage import staff
from bot.storage.db import Database
from bot.storage.models import utcnow
from bot.storage.staff import Account, SignedIn

MIN_PASSWORD = 12
MAX_PASSWORD = 256
# Failed sign-ins within THROTTLE_WINDOW, then sign-in waits: per email *from one address*
# (so nobody elsewhere can lock the owner out) and per address (password spraying).
MAX_REFUSALS = 5
MAX_REFUSALS_PER_ADDRESS = 20
THROTTLE_WINDOW = timedelta(minutes=15)
# argon2 runs in threads, this many at once (it uses a core each); more waiting than
# HASH_QUEUE is refused at once as "busy", so a storm of sign-ins never stalls the server.
HASH_THREADS = 2
HASH_QUEUE = 32
LINK_VALID = timedelta(hours=72)
TOUCH_EVERY = timedelta(seconds=60)  # a session's last_seen is written at most this often

# A hash to verify against when the email is unknown, so a refusal takes as long either way.
T = TypeVar("T")
_HASHER = PasswordHasher()
_DUMMY_HASH = _HASHER.hash(secrets.token_urlsafe(16))


class HashPool:
    """argon2 off the event loop: at most ``threads`` hashes at once, at most ``queue``
    waiting; None when the pool is full (the caller refuses as "busy")."""

    def __init__(self, threads: int = HASH_THREADS, queue: int = HASH_QUEUE) -> None:
        self._running = asyncio.Semaphore(threads)
        self._admitted = threads + queue
        self._inside = 0

    async def run(self, work: Callable[[], T]) -> T | None:
        if self._inside >= self._admitted:
            return None
        self._inside += 1
        try:
            async with self._running:
                return await asyncio.to_thread(work)
        finally:
            self._inside -= 1


def _verifies(stored: str | None, password: str) -> bool:
    try:
        _HASHER.verify(stored or _DUMMY_HASH, password[:MAX_PASSWORD])
    except (VerificationError, InvalidHashError):
        return False
    return stored is not None


class PasswordRejected(SpbotError):
    code = "password_rejected"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise PasswordRejected("too short", rule="too_short", minimum=MIN_PASSWORD)
    if len(password) > MAX_PASSWORD:
        raise PasswordRejected("too long", rule="too_long", maximum=MAX_PASSWORD)
    if any(ord(c) < 32 for c in password):
        raise PasswordRejected("control characters", rule="control")


@dataclass(frozen=True)
class SignInResult:
    account: Account | None = None
    token: str | None = None  # for the session cookie
    refusal: str | None = None  # "wrong", "throttled", "busy"


class StaffAccounts:
    def __init__(
        self,
        db: Database,
        *,
        clock: Callable[[], datetime] = utcnow,
        idle_timeout: timedelta = timedelta(minutes=30),
        max_lifetime: timedelta = timedelta(hours=12),
    ) -> None:
        self.db = db
        self.clock = clock
        self.idle_timeout = idle_timeout
        self.max_lifetime = max_lifetime
        self.hashing = HashPool()

    async def _hash(self, password: str) -> str:
        hashed = await self.hashing.run(lambda: _HASHER.hash(password))
        if hashed is None:
            raise PasswordRejected("busy", rule="busy")
        return hashed

    # --- people ---------------------------------------------------------------------------

    async def add(
        self,
        email: str,
        role: str,
        *,
        advisor_key: str | None = None,
        language: str = "sv",
        actor: Actor,
        nodes: Sequence[str] = (),
    ) -> tuple[Account, str]:
        """A new account and its one-time set-up token (shown once, as a link)."""
        token = secrets.token_urlsafe(32)
        now = self.clock()
        account = await staff.add_account(
            self.db,
            email=email,
            role=role,
            advisor_key=advisor_key,
            language=language,
            setup_token_hash=digest(token),
            setup_expires_at=now + LINK_VALID,
            actor=actor,
            now=now,
            nodes=nodes,
        )
        return account, token

    async def new_link(self, email: str, actor: Actor) -> tuple[Account, str]:
        token = secrets.token_urlsafe(32)
        now = self.clock()
        account = await staff.new_setup_token(
            self.db, email, digest(token), now + LINK_VALID, actor, now
        )
        return account, token

    async def account_for_link(self, token: str) -> Account | None:
        return await staff.account_by_setup_token(self.db, digest(token), self.clock())

    async def set_password(self, token: str, password: str) -> Account | None:
        """Spend a one-time link. None when the link is unknown, used or expired."""
        check_password_rules(password)
        return await staff.set_password(
            self.db, digest(token), await self._hash(password), self.clock()
        )

    async def set_password_of(self, email: str, password: str, actor: Actor) -> None:
        check_password_rules(password)
        await staff.set_password_of(self.db, email, await self._hash(password), actor, self.clock())

    # --- signing in -----------------------------------------------------------------------

    async def sign_in(self, email: str, password: str, address: str) -> SignInResult:
        email = email.strip().lower()[:254]
        now = self.clock()
        since = now - THROTTLE_WINDOW
        if (
            await staff.refusals_from(self.db, address, since) >= MAX_REFUSALS_PER_ADDRESS
            or await staff.refusals_from(self.db, address, since, email=email) >= MAX_REFUSALS
        ):
            await self._refused(email, "throttled", address, now)
            return SignInResult(refusal="throttled")
        found = await staff.credentials(self.db, email) if email else None
        stored = found[1] if found else None
        ok = await self.hashing.run(lambda: _verifies(stored, password))
        if ok is None:
            return SignInResult(refusal="busy")
        if not ok or found is None:
            await self._refused(email, "wrong", address, now)
            return SignInResult(refusal="wrong")
        account = found[0]
        if stored is not None and _HASHER.check_needs_rehash(stored):
            await staff.update_password_hash(self.db, account.id, await self._hash(password))
        return SignInResult(account=account, token=await self.open_session(account, address))

    async def open_session(self, account: Account, address: str, method: str = "password") -> str:
        """A new session for someone who has proved who they are; its cookie token."""
        now = self.clock()
        token = secrets.token_urlsafe(32)
        await staff.open_session(self.db, account.id, digest(token), secrets.token_urlsafe(24), now)
        await staff.audit(
            self.db,
            account.as_actor,
            AuditKind.SIGN_IN,
            account.email,
            None,
            {"role": account.role, "address": address, "method": method},
            now=now,
        )
        return token

    async def _refused(self, email: str, why: str, address: str, now: datetime) -> None:
        await staff.refused_sign_in(self.db, email, why, address, now)

    async def current(self, token: str | None) -> SignedIn | None:
        """The session behind a cookie, if it has not been idle too long nor lasted longer
        than a session may, however active."""
        if not token or len(token) > 128:
            return None
        held = await staff.signed_in(self.db, digest(token))
        if held is None:
            return None
        now = self.clock()
        if now - held.last_seen_at > self.idle_timeout or now - held.created_at > self.max_lifetime:
            await staff.close_session(self.db, digest(token))
            return None
        if now - held.last_seen_at > TOUCH_EVERY:
            await staff.touch_session(self.db, held.session_id, now)
        return held

    async def sign_out(self, token: str, account: Account) -> None:
        await staff.close_session(self.db, digest(token))
        await staff.audit(
            self.db, account.as_actor, AuditKind.SIGN_OUT, account.email, now=self.clock()
        )


# Demo accounts (the reserved .invalid domain: nothing is ever sent there). The advisor
# account belongs to a fictitious advisor of the demo roster.
DEMO_ACCOUNTS = (
    ("radgivare@demo.invalid", "advisor", "demo-014"),
    ("samordnare@demo.invalid", "coordinator", None),
    ("admin@demo.invalid", "admin", None),
)


async def ensure_demo_accounts(db: Database) -> list[tuple[str, str, str]]:
    """Create the demo accounts that do not exist yet and give each a new random password:
    (email, role, password), to be shown once. No fixed password exists anywhere."""
    accounts = StaffAccounts(db)
    have = {a.email for a in await staff.list_accounts(db)}
    made = []
    demo = Actor(ActorKind.SYSTEM, "demo")
    for email, role, advisor in DEMO_ACCOUNTS:
        if email not in have:
            await accounts.add(email, role, advisor_key=advisor, actor=demo)
        password = "-".join(secrets.token_urlsafe(5) for _ in range(3))
        await accounts.set_password_of(email, password, demo)
        made.append((email, role, password))
    return made
