"""Persistence: SQLAlchemy mapped classes, the encrypted store, and Alembic migrations.

Importing this package loads nothing more: the keyed connection (`keyed`, `unlock_ahead`) can start before
SQLAlchemy is imported (`schema` brings in every mapped class, `employment` too).
"""
