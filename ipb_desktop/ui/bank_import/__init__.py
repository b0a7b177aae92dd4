"""Bringing in a bank statement: the import dialog, its lines, the import history and what the app has learned."""
