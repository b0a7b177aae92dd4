"""Persistence: SQLAlchemy mapped classes, the encrypted store, and Alembic migrations."""
