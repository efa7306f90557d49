"""Telegram channel: founders do the intake with python-telegram-bot; case news reaches them."""

from bot.handlers.telegram.bot import (
    CHANNEL,
    TelegramChannel,
    build_telegram_application,
    build_telegram_bot,
)

__all__ = ["CHANNEL", "TelegramChannel", "build_telegram_application", "build_telegram_bot"]
