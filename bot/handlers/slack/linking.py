"""Finding advisors' Slack member ids from their roster email (``users.lookupByEmail``, the
``users:read.email`` scope). Rate-limited calls are retried after Slack's Retry-After by the
client's retry handler."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient


@dataclass
class Linking:
    linked: dict[str, str] = field(default_factory=dict)  # advisor key → Slack member id
    not_found: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)  # "key: why"
    failed: list[str] = field(default_factory=list)  # "key: Slack's error"


async def find_members(
    client: AsyncWebClient,
    advisors: list[tuple[str, str]],
    taken: dict[str, str],
) -> Linking:
    """``advisors``: (key, email) of those without a Slack id; ``taken``: Slack ids already on
    the roster (id → key). An email two advisors share, or a member already linked to someone
    else, is ambiguous: nobody is linked for it."""
    result = Linking()
    shared = Counter(email.strip().lower() for _, email in advisors)
    seen: dict[str, str] = {}
    for key, email in advisors:
        address = email.strip().lower()
        if shared[address] > 1:
            result.ambiguous.append(f"{key}: {address} is on the roster more than once")
            continue
        try:
            response = await client.users_lookupByEmail(email=address)
        except SlackApiError as exc:
            error = str(exc.response.get("error", "error"))
            if error == "users_not_found":
                result.not_found.append(key)
            else:
                result.failed.append(f"{key}: {error}")
            continue
        user = response.get("user") or {}
        member = str(user.get("id") or "")
        if not member or user.get("deleted") or user.get("is_bot"):
            result.not_found.append(key)
        elif member in taken or member in seen:
            other = taken.get(member) or seen[member]
            result.ambiguous.append(f"{key}: {member} is already {other}'s")
        else:
            seen[member] = key
            result.linked[key] = member
    return result
