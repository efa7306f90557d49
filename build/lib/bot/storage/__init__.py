"""Storage: SQLAlchemy 2 models, repositories and Alembic migrations."""

from bot.storage.db import Database, open_database

__all__ = ["Database", "open_database"]
