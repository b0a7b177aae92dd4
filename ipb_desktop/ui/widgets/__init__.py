"""Shared pieces: form rows and message bar, the dialog base, the page base, small table models, PDF page views."""
