"""Configuration: one pydantic-settings object read from the environment and ``.env``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

if TYPE_CHECKING:
    from bot.cases.workflow import WorkflowSettings

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = f"sqlite+aiosqlite:///{PROJECT_DIR / 'var' / 'spbot.db'}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", populate_by_name=True
    )

    database_url: str = Field(default=DEFAULT_DATABASE_URL, alias="DATABASE_URL")
    case_ref_prefix: str = Field(
        default="JKP", alias="SPBOT_CASE_REF_PREFIX", pattern=r"^[A-Z]{2,6}$"
    )
    flow_file: Path = Field(
        default=PROJECT_DIR / "conversations" / "intake.yaml", alias="SPBOT_FLOW_FILE"
    )
    log_level: str = Field(default="INFO", alias="SPBOT_LOG_LEVEL")

    offer_hours: float = Field(default=16.0, gt=0, le=400, alias="SPBOT_OFFER_HOURS")
    reminder_hours: float = Field(default=4.0, ge=0, le=400, alias="SPBOT_REMINDER_HOURS")
    max_offers: int = Field(default=3, ge=1, le=20, alias="SPBOT_MAX_OFFERS")

    telegram_bot_token: SecretStr | None = Field(default=None, alias="TELEGRAM_BOT_TOKEN")
    slack_bot_token: SecretStr | None = Field(default=None, alias="SLACK_BOT_TOKEN")
    slack_signing_secret: SecretStr | None = Field(default=None, alias="SLACK_SIGNING_SECRET")

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, url: str) -> str:
        """Accept the usual sync URLs and pick the async driver the product uses."""
        for plain, async_ in (
            ("postgresql://", "postgresql+asyncpg://"),
            ("postgres://", "postgresql+asyncpg://"),
            ("sqlite://", "sqlite+aiosqlite://"),
        ):
            if url.startswith(plain):
                return async_ + url[len(plain) :]
        return url

    def workflow_settings(self) -> WorkflowSettings:
        from bot.cases.workflow import WorkflowSettings

        return WorkflowSettings(
            offer_hours=self.offer_hours,
            reminder_hours=self.reminder_hours,
            max_offers=self.max_offers,
        )


def load_settings(**overrides: object) -> Settings:
    return Settings(**overrides)  # type: ignore[arg-type]
