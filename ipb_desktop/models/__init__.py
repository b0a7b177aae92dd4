"""Persistence: SQLAlchemy mapped classes, the encrypted store, and Alembic migrations."""

# Every mapped class must be on Base.metadata whenever the schema is (migrations, the schema-head test).
from ipb_desktop.models import employment as _employment  # noqa: F401
