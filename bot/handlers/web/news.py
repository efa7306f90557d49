"""Case news for founders who came through the web chat: shown on the page when they come
back, and — when they gave an email address — sent by email (a real SMTP client) saying only
what is needed: the case reference, the advisor and node, a link back."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Literal

import aiosmtplib

from bot.cases.notifications import Audience, Notification, founder_choices, founder_text
from bot.content import Flow
from bot.handlers.web.texts import LANGUAGES, text

log = logging.getLogger(__name__)
CHANNEL = "web"


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 587
    user: str | None = None
    password: str | None = None
    security: Literal["starttls", "tls", "none"] = "starttls"
    sender: str = "Science Park <no-reply@sciencepark.example>"
    timeout: float = 20.0


class Mailer:
    def __init__(self, smtp: SmtpSettings) -> None:
        self.smtp = smtp

    async def send(
        self, to: str, subject: str, body: str, calendar: tuple[str, str] | None = None
    ) -> None:
        """``calendar``: (iCalendar text, its METHOD), sent as the text/calendar alternative
        calendar clients read as an invitation, and as an .ics attachment for the rest."""
        message = EmailMessage()
        message["From"] = self.smtp.sender
        message["To"] = to
        message["Subject"] = subject
        message.set_content(body)
        if calendar is not None:
            ics, method = calendar
            message.add_alternative(ics, subtype="calendar", params={"method": method})
            message.add_attachment(
                ics.encode(), maintype="application", subtype="ics", filename="invite.ics"
            )
        await aiosmtplib.send(
            message,
            hostname=self.smtp.host,
            port=self.smtp.port,
            username=self.smtp.user,
            password=self.smtp.password,
            use_tls=self.smtp.security == "tls",
            start_tls=self.smtp.security == "starttls",
            timeout=self.smtp.timeout,
        )
        log.info("emailed case news")  # never the address or the text


class WebFounderNotifier:
    def __init__(
        self,
        flow: Flow,
        identities: Callable[[int], Awaitable[list[tuple[str, str]]]],
        add_news: Callable[[str, str, str, list[dict[str, str]]], Awaitable[bool]],
        email_of: Callable[[int, str], Awaitable[str | None]],
        mailer: Mailer | None,
        link: str,
    ) -> None:
        self.flow = flow
        self.identities = identities
        self.add_news = add_news
        self.email_of = email_of
        self.mailer = mailer
        self.link = link  # where the founder's chat is, e.g. https://spbot.example.org/chat

    async def notify(self, note: Notification) -> None:
        if note.audience is not Audience.FOUNDER or note.recipient_id is None:
            return
        news = founder_text(note, self.flow)
        if news is None:
            return
        sessions = [e for c, e in await self.identities(note.recipient_id) if c == CHANNEL]
        # The times to book a meeting are the page's buttons when the founder comes back.
        choices = [{"id": c.id, "label": c.label} for c in founder_choices(note, self.flow)]
        shown = [await self.add_news(CHANNEL, session, news, choices) for session in sessions]
        if not any(shown) or self.mailer is None:
            return
        event = note.case_ref.startswith("event-")
        # An event's news goes to the address the founder registered with; a case's to the
        # address they gave in that case.
        email = (
            str(note.data.get("email") or "")
            if event
            else await self.email_of(note.recipient_id, note.case_ref)
        )
        if not email or "@" not in email:
            return
        lang = note.language if note.language in LANGUAGES else "sv"
        subject = (
            text("email.event_subject", lang).format(title=note.data.get("title", ""))
            if event
            else text("email.subject", lang).format(ref=note.case_ref)
        )
        body = text("email.body", lang).format(news=news, link=self.link)
        await self.mailer.send(email, subject, body)  # a failure reaches the workflow
