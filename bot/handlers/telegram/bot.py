"""The PTB ``Application``: founder messages and button presses go to the intake engine.

The engine owns the conversation state; this module only translates. Text is sent without a
parse mode, so whatever a founder typed is shown literally and needs no escaping.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from telegram import Bot, BotCommand, CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError, TimedOut
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    ExtBot,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest, HTTPXRequest

from bot.content import Flow
from bot.domain import AlreadyPlayedError, Language
from bot.engine.intake import IntakeEngine
from bot.engine.messages import Inbound, InboundKind, Outbound
from bot.faults import crash_point
from bot.handlers.inbox import current_inbox_id, mark_failed, mark_played
from bot.handlers.telegram.limiter import FairRateLimiter, Priority, with_priority
from bot.handlers.telegram.render import chunks, is_multi_select, joined, keyboard

log = logging.getLogger(__name__)
CHANNEL = "telegram"
MENU_ORDER = ("start", "status", "language", "help", "restart", "cancel", "delete")


def api_urls(base: str | None) -> tuple[str, str] | None:
    """A self-hosted Bot API server (or a test emulator) at ``base``: PTB's two base URLs."""
    if not base:
        return None
    root = base.rstrip("/")
    root = root.removesuffix("/bot")
    return f"{root}/bot", f"{root}/file/bot"


class TelegramChannel:
    """Glue between PTB and the engine; one per process. Updates reach it from the durable
    inbox (``inbox.TelegramInbox``), one chat at a time."""

    def __init__(
        self,
        engine: IntakeEngine,
        flow: Flow,
        delivered: Callable[[Sequence[int]], Awaitable[None]],
    ) -> None:
        """``delivered(reply_ids)`` marks stored replies as taken by Telegram (the outbox)."""
        self.engine = engine
        self.flow = flow
        self.delivered = delivered

    # --- inbound --------------------------------------------------------------------------

    async def on_edited(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """An edited message is not a new answer: the engine says the first one counts (the
        same on every channel)."""
        message = update.effective_message
        text = message.text if message is not None and message.text else ""
        await self._handle(update, context, InboundKind.EDITED, text)

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        assert message is not None and message.text is not None
        # Commands ("/start", "/language en", "/start@SpbotBot") are parsed by the engine.
        await self._handle(update, context, InboundKind.TEXT, message.text)

    async def on_other(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Stickers, photos, voice messages …: politely asked for text."""
        await self._handle(update, context, InboundKind.UNSUPPORTED, "")

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer()
        replies = await self._engine(update, InboundKind.CHOICE, query.data or "")
        await self._show_choice(query, replies, context)

    async def _handle(
        self, update: Update, context: ContextTypes.DEFAULT_TYPE, kind: InboundKind, text: str
    ) -> None:
        chat = update.effective_chat
        assert chat is not None
        # "typing…" only when the turn is slow (opening a case, a busy database): a quick
        # answer needs none, and every call counts against Telegram's rate limit.
        typing = asyncio.get_running_loop().call_later(
            TYPING_AFTER, lambda: asyncio.ensure_future(_typing(context.bot, chat.id))
        )
        try:
            replies = await self._engine(update, kind, text)
        finally:
            typing.cancel()
        await self.send(context, chat.id, replies)

    async def _engine(self, update: Update, kind: InboundKind, text: str) -> list[Outbound]:
        user = update.effective_user
        message = update.effective_message
        assert user is not None
        replies = await self.engine.handle(
            Inbound(
                channel=CHANNEL,
                user_id=str(user.id),
                kind=kind,
                text=text,
                message_id=str(message.message_id) if message else None,
                language_hint=user.language_code,
                inbox_id=current_inbox_id(),
            )
        )
        mark_played()  # the turn is saved, and with it the inbox row is done
        crash_point("turn_committed")
        return replies

    # --- outbound -------------------------------------------------------------------------

    async def send(
        self,
        context: ContextTypes.DEFAULT_TYPE,
        chat_id: int,
        replies: Sequence[Outbound],
        begun: bool = False,
    ) -> None:
        """Send the replies in order and mark the stored ones delivered. A send that timed
        out may or may not have reached Telegram: it is not repeated here (that could show
        the founder a message twice); it and the replies after it stay in the outbox, and
        the sweeper sends them again (at-least-once)."""
        sent: list[int] = []
        try:
            for message, carried in joined(replies):
                await send_reply(context.bot, chat_id, message, begun)
                begun = True  # the rest of this answer does not queue behind other chats
                sent.extend(carried)
        except TimedOut:
            log.warning("a send to Telegram timed out; the outbox will send it again")
        finally:
            if sent:
                crash_point("replies_sent")
            await self.delivered(sent)

    async def _show_choice(
        self, query: CallbackQuery, replies: list[Outbound], context: ContextTypes.DEFAULT_TYPE
    ) -> None:
        """Edit the question that was answered: a multi-select keyboard is updated in place
        when an option was ticked or unticked;
        any other question shows the choice and loses its buttons (no stale buttons)."""
        message = query.message
        chat_id = message.chat.id if isinstance(message, Message) else None
        label = _label(message, query.data)
        edited = False
        try:
            if (
                isinstance(message, Message)
                and is_multi_select(replies)
                and label is not None
                # "Done" with nothing ticked is answered in words ("choose at least one"),
                # which an edit in place would not show.
                and not str(query.data).endswith(":_done")
                and message.reply_markup is not None
                and replies[-1].choices
                and _same_step(query.data, replies[-1].choices[0].id)
            ):
                await message.edit_text(replies[-1].text, reply_markup=keyboard(replies[-1]))
                # The question shown in place is the reply: the outbox is done with it.
                await self.delivered([r.id for r in replies if r.id is not None])
                return
            if isinstance(message, Message) and message.text is not None:
                chosen = "\n\n✔ " + label if label else ""
                await message.edit_text(message.text + chosen, reply_markup=None)
                edited = True
        except BadRequest as exc:  # e.g. the message is too old to edit: just go on
            log.info("could not edit message: %s", exc)
        if chat_id is not None:
            await self.send(context, chat_id, replies, begun=edited)

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log with the traceback and apologise to the founder in their language."""
        error = context.error
        if isinstance(error, Forbidden):
            log.warning("the founder blocked the bot: %s", error)
            return
        if isinstance(error, AlreadyPlayedError):
            log.info("%s", error)  # another process answered it: nothing to add
            return
        if mark_failed(error):
            return  # played again in a moment: nothing to apologise for
        log.error("error while handling a Telegram update", exc_info=error)
        if isinstance(update, Update) and update.effective_chat is not None:
            user = update.effective_user
            language = Language.from_hint(user.language_code if user else None)
            try:
                await context.bot.send_message(
                    update.effective_chat.id, self.flow.text("error.internal", language)
                )
            except TelegramError:
                log.warning("could not send the apology either")

    async def publish_commands(self, application: Application) -> None:  # type: ignore[type-arg]
        """The command menu, in Swedish by default and in English for English clients."""
        for language in Language:
            commands = [
                BotCommand(name, self.flow.text(f"command.menu.{name}", language))
                for name in MENU_ORDER
            ]
            await application.bot.set_my_commands(
                commands, language_code=None if language is Language.SV else language.value
            )


SEND_ATTEMPTS = 3
TYPING_AFTER = 0.4  # seconds a turn may take before the founder sees "typing…"


async def _typing(bot: Bot, chat_id: int) -> None:
    try:
        await bot.send_chat_action(chat_id, ChatAction.TYPING)
    except TelegramError as exc:  # cosmetic: never fails a turn
        log.info("could not show typing: %s", exc)


async def send_reply(bot: ExtBot[Any], chat_id: int, reply: Outbound, begun: bool = False) -> None:
    """One reply: long text in several messages, the buttons on the last. ``begun``: an
    earlier part of the same answer has gone out (the rate limiter sends the rest first)."""
    parts = chunks(reply.text)
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        priority = Priority.MORE if begun or i > 0 else Priority.REPLY
        await send_with_retries(bot, chat_id, part, keyboard(reply) if last else None, priority)


async def send_with_retries(
    bot: ExtBot[Any],
    chat_id: int,
    text: str,
    markup: InlineKeyboardMarkup | None,
    priority: Priority = Priority.REPLY,
) -> Message:
    """Send, retrying failures that certainly did not reach Telegram (a refused or broken
    connection) with backoff (0.5 s, 1 s). ``RetryAfter`` is handled by the rate limiter; a
    refusal (blocked, bad request) is final and raised at once; ``TimedOut`` is raised at
    once too, since the message may have arrived (the caller leaves it to the outbox)."""
    for attempt in range(1, SEND_ATTEMPTS + 1):
        try:
            return await bot.send_message(
                chat_id, text, reply_markup=markup, **with_priority(bot, priority)
            )
        except (BadRequest, TimedOut):
            raise
        except NetworkError as exc:
            if attempt == SEND_ATTEMPTS:
                raise
            log.warning("send to Telegram failed (%s); retry %s", exc, attempt)
            await asyncio.sleep(0.5 * 2 ** (attempt - 1))
    raise AssertionError("unreachable")  # pragma: no cover


def _label(message: object, data: str | None) -> str | None:
    if not isinstance(message, Message) or message.reply_markup is None:
        return None
    for row in message.reply_markup.inline_keyboard:
        for button in row:
            if button.callback_data == data:
                return button.text.removeprefix("✔ ")
    return None


def _same_step(pressed: str | None, shown: str) -> bool:
    return bool(pressed) and pressed.split(":")[0] == shown.split(":")[0]  # type: ignore[union-attr]


def build_telegram_bot(
    token: str,
    *,
    base_url: str | None = None,
    request: BaseRequest | None = None,
    max_rate: float = 30.0,
) -> ExtBot:  # type: ignore[type-arg]
    """The Bot API client, built before the application so that the founder notifier can
    share it. ``request`` replaces HTTP (tests record calls with it)."""
    urls = api_urls(base_url)
    limiter = FairRateLimiter(max_rate) if max_rate > 0 else None
    return ExtBot(
        token,
        base_url=urls[0] if urls else "https://api.telegram.org/bot",
        base_file_url=urls[1] if urls else "https://api.telegram.org/file/bot",
        # PTB's own default for an application: a pool wide enough for concurrent sends.
        request=request or HTTPXRequest(connection_pool_size=256),
        get_updates_request=request or HTTPXRequest(),
        # ``max_rate`` messages/s overall (Telegram's limit for a bot is about 30 messages/s
        # to different chats), founders' replies first, retrying after RetryAfter (429);
        # 0 turns it off.
        rate_limiter=limiter,
    )


def build_telegram_application(
    bot: ExtBot,  # type: ignore[type-arg]
    channel: TelegramChannel,
) -> Application:  # type: ignore[type-arg]
    """The application that plays updates from the inbox; it fetches none itself (no
    Updater: polling goes through the inbox too, see ``inbox.TelegramInbox.poll``)."""
    application = ApplicationBuilder().bot(bot).updater(None).build()
    private = filters.ChatType.PRIVATE
    new = filters.UpdateType.MESSAGE
    application.add_handler(CallbackQueryHandler(channel.on_button))
    application.add_handler(
        MessageHandler(private & filters.UpdateType.EDITED_MESSAGE, channel.on_edited)
    )
    application.add_handler(MessageHandler(private & new & filters.TEXT, channel.on_text))
    application.add_handler(
        MessageHandler(private & new & ~filters.TEXT & ~filters.StatusUpdate.ALL, channel.on_other)
    )
    application.add_error_handler(channel.on_error)
    return application
