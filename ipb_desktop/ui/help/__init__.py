"""The Help page (F1)."""
