"""ipb-desktop: a person's own tool for their integrated personal budget (no Qt in this package's core)."""

__version__ = "0.1.0"
