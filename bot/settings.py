"""Configuration: one pydantic-settings object read from the environment and ``.env``."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.content.schema import DEFAULT_FLOW_FILE
from bot.domain import SpbotError

PROJECT_DIR = Path(__file__).resolve().parent.parent


def default_data_dir() -> Path:
    """Where the default SQLite database lives: ``var/`` of a source checkout (``make run``),
    else the user's data directory (``$XDG_DATA_HOME/spbot``, ~/.local/share/spbot) for an
    installed package."""
    if (PROJECT_DIR / "pyproject.toml").exists() and (PROJECT_DIR / "bot").is_dir():
        return PROJECT_DIR / "var"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "spbot"


DEFAULT_DATABASE_URL = f"sqlite+aiosqlite:///{default_data_dir() / 'spbot.db'}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", populate_by_name=True
    )

    database_url: str = Field(default=DEFAULT_DATABASE_URL, alias="DATABASE_URL")
    case_ref_prefix: str = Field(
        default="JKP", alias="SPBOT_CASE_REF_PREFIX", pattern=r"^[A-Z]{2,6}$"
    )
    flow_file: Path = Field(default=DEFAULT_FLOW_FILE, alias="SPBOT_FLOW_FILE")
    log_level: str = Field(default="INFO", alias="SPBOT_LOG_LEVEL")

    offer_hours: float = Field(default=16.0, gt=0, le=400, alias="SPBOT_OFFER_HOURS")
    reminder_hours: float = Field(default=4.0, ge=0, le=400, alias="SPBOT_REMINDER_HOURS")
    max_offers: int = Field(default=3, ge=1, le=20, alias="SPBOT_MAX_OFFERS")
    watch_hours: float = Field(default=16.0, gt=0, le=400, alias="SPBOT_WATCH_HOURS")

    # A verified company start: a registration from this many days before the case opened to
    # this many days after it closed counts (docs/reports.md).
    start_before_days: int = Field(default=30, ge=0, le=3650, alias="SPBOT_START_BEFORE_DAYS")
    start_after_days: int = Field(default=365, ge=0, le=3650, alias="SPBOT_START_AFTER_DAYS")

    # Retention, in days (choices for the data protection officer; docs/privacy.md).
    retain_abandoned_days: int = Field(
        default=90, ge=1, le=3650, alias="SPBOT_RETAIN_ABANDONED_DAYS"
    )
    retain_transcript_days: int = Field(
        default=365, ge=1, le=3650, alias="SPBOT_RETAIN_TRANSCRIPT_DAYS"
    )
    retain_closed_case_days: int = Field(
        default=730, ge=1, le=3650, alias="SPBOT_RETAIN_CLOSED_CASE_DAYS"
    )
    retain_inbox_days: int = Field(default=2, ge=1, le=365, alias="SPBOT_RETAIN_INBOX_DAYS")

    http_host: str = Field(default="127.0.0.1", alias="SPBOT_HTTP_HOST")
    http_port: int = Field(default=8080, ge=1, le=65535, alias="SPBOT_HTTP_PORT")
    timer_interval: float = Field(default=15.0, gt=0, le=3600, alias="SPBOT_TIMER_INTERVAL")
    # Seconds a stored reply may stay unsent before the outbox sends it again (a crash
    # between the turn and the send); the sweep runs at start and every 10 s.
    outbox_resend_after: float = Field(
        default=30.0, ge=0, le=86400, alias="SPBOT_OUTBOX_RESEND_AFTER"
    )

    # Where people reach this server (links in emails and one-time password links).
    public_url: str | None = Field(default=None, alias="SPBOT_PUBLIC_URL")
    # Cookies marked Secure (set it behind HTTPS; the web chat's cookie is then also
    # SameSite=None so that it works inside an iframe on the Science Park's site), and how
    # long a console session may sit idle before its person signs in again.
    secure_cookies: bool = Field(default=False, alias="SPBOT_SECURE_COOKIES")
    console_idle_minutes: float = Field(
        default=30.0, gt=0, le=24 * 60, alias="SPBOT_CONSOLE_IDLE_MINUTES"
    )

    # The reverse proxies in front of this server (addresses or networks, comma-separated,
    # e.g. "127.0.0.1" or "10.0.0.0/8"): only from them are X-Forwarded-For and
    # X-Forwarded-Proto believed. Empty (the default): no proxy, headers ignored, so a client
    # cannot choose the address that its rate limits and the audit log see.
    trusted_proxies: str = Field(default="", alias="SPBOT_TRUSTED_PROXIES")
    # How long a console session may last however active it is (hours), then sign in again.
    console_max_hours: float = Field(
        default=12.0, gt=0, le=24 * 30, alias="SPBOT_CONSOLE_MAX_HOURS"
    )

    # Which sites may show the founder chat in an iframe (CSP frame-ancestors), e.g.
    # "'self' https://www.sciencepark.se".
    web_frame_ancestors: str = Field(default="'self'", alias="SPBOT_WEB_FRAME_ANCESTORS")
    # Answers a minute one web chat may send (a person types far fewer); one address, ten times
    # as many (several people behind one office router).
    web_rate_per_minute: int = Field(default=30, ge=1, le=10_000, alias="SPBOT_WEB_RATE_PER_MINUTE")

    # The region's yearly goals (docs/reports.md), and optionally each node's share as JSON,
    # e.g. '{"jonkoping": {"ideas": 300, "starts": 90, "coached": 18}}' (nodes not listed
    # share what is left equally). The monthly summary goes to SLACK_COORDINATORS_CHANNEL.
    goal_ideas: float = Field(default=1000, ge=0, le=1_000_000, alias="SPBOT_GOAL_IDEAS")
    goal_starts: float = Field(default=300, ge=0, le=1_000_000, alias="SPBOT_GOAL_STARTS")
    goal_coached: float = Field(default=60, ge=0, le=1_000_000, alias="SPBOT_GOAL_COACHED")
    node_goals: str | None = Field(default=None, alias="SPBOT_NODE_GOALS")
    monthly_summary: bool = Field(default=True, alias="SPBOT_MONTHLY_SUMMARY")
    # The optional questions about the founder (gender, age band, born abroad) for the
    # funders' equality reporting, asked after the intake: off unless the region turns them
    # on. Any count in the report's splits under SPBOT_REPORT_MIN_CELL is suppressed.
    ask_about_founder: bool = Field(default=False, alias="SPBOT_ASK_ABOUT_FOUNDER")
    report_min_cell: int = Field(default=5, ge=1, le=100, alias="SPBOT_REPORT_MIN_CELL")
    # Prometheus metrics at /metrics: on by default, but only for clients on this machine
    # unless a token is set (then anyone with "Authorization: Bearer <token>").
    metrics: bool = Field(default=True, alias="SPBOT_METRICS")
    metrics_token: SecretStr | None = Field(default=None, alias="SPBOT_METRICS_TOKEN")
    # Logs: "text" (default) or "json" (one object per line).
    log_format: Literal["text", "json"] = Field(default="text", alias="SPBOT_LOG_FORMAT")
    # Offer cases only to advisors who can be reached (a Slack id or a console account):
    # "auto" turns it on when Slack is configured.
    offer_only_reachable: Literal["auto", "true", "false"] = Field(
        default="auto", alias="SPBOT_OFFER_ONLY_REACHABLE"
    )
    # The second reader of English ideas, by meaning (bot/matching/semantic.py): "auto" uses
    # the model's files when installed (requirements/model.txt), "off" reads ideas by their
    # words only. SPBOT_SEMANTIC_MODEL_DIR: a directory holding the model's files instead
    # (config.json, tokenizer.json, model.safetensors; checked against the published ones).
    semantic_reader: Literal["auto", "off"] = Field(default="auto", alias="SPBOT_SEMANTIC_READER")
    semantic_model_dir: Path | None = Field(default=None, alias="SPBOT_SEMANTIC_MODEL_DIR")
    # How far ahead founders hear about the nodes' events (after an intake, and /events).
    event_horizon_days: int = Field(default=42, ge=1, le=365, alias="SPBOT_EVENT_HORIZON_DAYS")

    @field_validator("node_goals")
    @classmethod
    def _node_goals_valid(cls, value: str | None) -> str | None:
        if value:
            from bot.reports.periods import BadGoals, parse_node_goals

            try:
                parse_node_goals(value)
            except BadGoals as exc:
                raise ValueError(str(exc)) from None
        return value or None

    def region_goals(self) -> dict[str, float]:
        return {"ideas": self.goal_ideas, "starts": self.goal_starts, "coached": self.goal_coached}

    # Email to founders (case news for those who gave an address in the web chat). No host:
    # no email.
    # The address the accessibility statement (/tillganglighet) gives for reporting problems.
    accessibility_contact: str = Field(
        default="tillganglighet@sciencepark.example", alias="SPBOT_ACCESSIBILITY_CONTACT"
    )
    smtp_host: str | None = Field(default=None, alias="SPBOT_SMTP_HOST")
    smtp_port: int = Field(default=587, ge=1, le=65535, alias="SPBOT_SMTP_PORT")
    smtp_user: str | None = Field(default=None, alias="SPBOT_SMTP_USER")
    smtp_password: SecretStr | None = Field(default=None, alias="SPBOT_SMTP_PASSWORD")
    smtp_security: Literal["starttls", "tls", "none"] = Field(
        default="starttls", alias="SPBOT_SMTP_SECURITY"
    )
    mail_from: str = Field(
        default="Science Park <no-reply@sciencepark.example>", alias="SPBOT_MAIL_FROM"
    )

    telegram_bot_token: SecretStr | None = Field(default=None, alias="TELEGRAM_BOT_TOKEN")
    telegram_mode: Literal["polling", "webhook"] = Field(default="polling", alias="TELEGRAM_MODE")
    telegram_webhook_url: str | None = Field(default=None, alias="TELEGRAM_WEBHOOK_URL")
    telegram_webhook_secret: SecretStr | None = Field(default=None, alias="TELEGRAM_WEBHOOK_SECRET")
    telegram_base_url: str | None = Field(default=None, alias="TELEGRAM_BASE_URL")
    # Calls per second to the Bot API, overall: Telegram allows a bot about 30 messages a
    # second to different chats (more with paid broadcasts). 0 turns the limiter off.
    telegram_max_rate: float = Field(default=30.0, ge=0, le=1000, alias="SPBOT_TELEGRAM_MAX_RATE")
    slack_bot_token: SecretStr | None = Field(default=None, alias="SLACK_BOT_TOKEN")
    slack_signing_secret: SecretStr | None = Field(default=None, alias="SLACK_SIGNING_SECRET")
    slack_app_token: SecretStr | None = Field(default=None, alias="SLACK_APP_TOKEN")
    slack_api_url: str | None = Field(default=None, alias="SLACK_API_URL")
    # "Sign in with Slack" for the console (the Slack app's OAuth client id and secret).
    slack_client_id: str | None = Field(default=None, alias="SLACK_CLIENT_ID")
    slack_client_secret: SecretStr | None = Field(default=None, alias="SLACK_CLIENT_SECRET")
    slack_oidc_authorize_url: str = Field(
        default="https://slack.com/openid/connect/authorize", alias="SLACK_OIDC_AUTHORIZE_URL"
    )
    slack_coordinators_channel: str | None = Field(default=None, alias="SLACK_COORDINATORS_CHANNEL")

    @model_validator(mode="after")
    def _slack_needs_signing_secret(self) -> Settings:
        if self.slack_bot_token and not self.slack_signing_secret and not self.slack_app_token:
            raise ValueError(
                "SLACK_BOT_TOKEN needs SLACK_SIGNING_SECRET (HTTP events) or SLACK_APP_TOKEN "
                "(Socket Mode)"
            )
        return self

    @model_validator(mode="after")
    def _webhook_needs_url_and_secret(self) -> Settings:
        if self.telegram_bot_token and self.telegram_mode == "webhook":
            if not self.telegram_webhook_url:
                raise ValueError("TELEGRAM_MODE=webhook needs TELEGRAM_WEBHOOK_URL")
            secret = (
                self.telegram_webhook_secret.get_secret_value()
                if (self.telegram_webhook_secret)
                else ""
            )
            if not re.fullmatch(r"[A-Za-z0-9_-]{16,256}", secret):
                raise ValueError(
                    "TELEGRAM_MODE=webhook needs TELEGRAM_WEBHOOK_SECRET: 16-256 characters "
                    "of A-Z, a-z, 0-9, _ and -"
                )
        return self

    @field_validator("web_frame_ancestors")
    @classmethod
    def _sources(cls, value: str) -> str:
        """CSP sources only: no ';' or quotes that could end the directive."""
        allowed = re.compile(r"^('self'|'none'|https?://[A-Za-z0-9.-]+(:\d+)?|\*\.[A-Za-z0-9.-]+)$")
        parts = [{"self": "'self'", "none": "'none'"}.get(p, p) for p in value.split()]
        if not parts or not all(allowed.match(p) for p in parts):
            raise ValueError("a space-separated list of 'self', 'none' or http(s) origins")
        return " ".join(parts)

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, url: str) -> str:
        """Accept the usual sync URLs and pick the async driver the product uses; an empty
        value means the default (a SQLite file under var/)."""
        if not url.strip():
            return DEFAULT_DATABASE_URL
        url = url.strip()
        for plain, async_ in (
            ("postgresql://", "postgresql+asyncpg://"),
            ("postgres://", "postgresql+asyncpg://"),
            ("sqlite://", "sqlite+aiosqlite://"),
        ):
            if url.startswith(plain):
                return async_ + url[len(plain) :]
        return url


def public_base(settings: Settings) -> str:
    return (settings.public_url or f"http://{settings.http_host}:{settings.http_port}").rstrip("/")


class ConfigError(SpbotError):
    code = "config_invalid"


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment and ``.env``; a bad value is named, its value never
    shown (it may be a secret)."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            where = ".".join(str(p) for p in error["loc"]) or "settings"
            lines.append(f"{where}: {error['msg']}")
        raise ConfigError("invalid configuration:\n  " + "\n  ".join(lines)) from None
