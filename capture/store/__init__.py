"""The contact store (SQLite by default, any SQLAlchemy URL) shared by capture and followup."""

from capture.store.database import Base, default_database_url, open_database, register_migrations

__all__ = ["Base", "default_database_url", "open_database", "register_migrations"]
