"""Telegram updates as they arrive at the webhook: refused before anything else unless they
have the shape the Bot API documents (a 400 and a log line, never a 500, never the engine)."""

from __future__ import annotations

import json
from typing import Any

MAX_DEPTH = 24  # real updates nest a handful of levels; 50,000 once blew the stack
MAX_ID = 2**63
MESSAGE_KINDS = ("message", "edited_message", "channel_post", "edited_channel_post")


class BadUpdate(ValueError):
    """Not a Telegram update we can play; ``str`` says why (no payload text in it)."""


def parse_update(body: bytes) -> dict[str, Any]:
    """The update as a dict, checked; raises ``BadUpdate``."""
    if _too_deep(body):
        raise BadUpdate("nested too deeply")
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        raise BadUpdate("not JSON") from None
    if not isinstance(data, dict):
        raise BadUpdate("not a JSON object")
    _integer(data.get("update_id"), "update_id")
    for kind in MESSAGE_KINDS:
        if kind in data:
            _message(data[kind], kind)
    if "callback_query" in data:
        _callback(data["callback_query"])
    return data


def chat_of(data: dict[str, Any]) -> str:
    """The chat an update belongs to: its updates are played in order, one at a time."""
    for kind in MESSAGE_KINDS:
        if isinstance(data.get(kind), dict):
            return str(data[kind]["chat"]["id"])
    query = data.get("callback_query")
    if isinstance(query, dict):
        message = query.get("message")
        if isinstance(message, dict) and isinstance(message.get("chat"), dict):
            return str(message["chat"]["id"])
        return str(query["from"]["id"])
    for value in data.values():
        if isinstance(value, dict):
            for key in ("chat", "from"):
                inner = value.get(key)
                if isinstance(inner, dict) and isinstance(inner.get("id"), int):
                    return str(inner["id"])
    return f"update:{data['update_id']}"


def _too_deep(body: bytes) -> bool:
    depth = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x7B, 0x5B):
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif byte in (0x7D, 0x5D):
            depth -= 1
    return False


def _integer(value: Any, name: str, low: int = -MAX_ID) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value < MAX_ID:
        raise BadUpdate(f"{name} is not an integer in range")
    return value


def _object(value: Any, name: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BadUpdate(f"{name} is not an object")
    return value


def _user(value: Any, name: str) -> None:
    user = _object(value, name)
    _integer(user.get("id"), f"{name}.id")
    if "is_bot" in user and not isinstance(user["is_bot"], bool):
        raise BadUpdate(f"{name}.is_bot is not a boolean")
    for key in ("first_name", "language_code", "username"):
        if key in user and not isinstance(user[key], str):
            raise BadUpdate(f"{name}.{key} is not a string")


def _message(value: Any, name: str) -> None:
    message = _object(value, name)
    _integer(message.get("message_id"), f"{name}.message_id")
    _integer(message.get("date"), f"{name}.date", low=0)
    if message["date"] > 2**40:
        raise BadUpdate(f"{name}.date is out of range")
    chat = _object(message.get("chat"), f"{name}.chat")
    _integer(chat.get("id"), f"{name}.chat.id")
    if not isinstance(chat.get("type"), str):
        raise BadUpdate(f"{name}.chat.type is not a string")
    if name in ("message", "edited_message"):
        _user(message.get("from"), f"{name}.from")
    if "text" in message and not isinstance(message["text"], str):
        raise BadUpdate(f"{name}.text is not a string")
    if "entities" in message and not isinstance(message["entities"], list):
        raise BadUpdate(f"{name}.entities is not a list")


def _callback(value: Any) -> None:
    query = _object(value, "callback_query")
    if not isinstance(query.get("id"), str):
        raise BadUpdate("callback_query.id is not a string")
    _user(query.get("from"), "callback_query.from")
    if "data" in query and not isinstance(query["data"], str):
        raise BadUpdate("callback_query.data is not a string")
    if "message" in query:
        inner = _object(query["message"], "callback_query.message")
        chat = _object(inner.get("chat"), "callback_query.message.chat")
        _integer(chat.get("id"), "callback_query.message.chat.id")
        _integer(inner.get("message_id"), "callback_query.message.message_id")
