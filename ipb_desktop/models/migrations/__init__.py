"""Alembic migrations, shipped inside the package and run automatically when an older store is opened."""
